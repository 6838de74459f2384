import ArgumentParser
import Foundation
import Logging
import MotcuaIO

/// Runs a command's stages under the store's lock and turns any failure into one line on
/// standard error and the exit code of CONTRACT.md section 3.3.
enum StageRunner {
    static func run(options: PipelineOptions, stages: (PipelineRun) throws -> [String]) throws {
        let log = StandardErrorLog.logger(quiet: options.quiet)
        let pipeline: PipelineFile
        do {
            pipeline = try PipelineFile.load(path: options.pipeline)
        } catch {
            // Monitoring that reads the JSON gets an object on every way out but a usage error
            // of the command line (docs/run-summary.schema.json).
            if options.json { print(RunSummary.json(pipelineFile: options.pipeline, error: error)) }
            fail(error)
        }
        let run = PipelineRun(pipeline: pipeline, asOfOverride: options.asOf, log: log, now: StandardErrorLog.processStart)
        if let threads = options.threads { run.threads = threads }
        run.showProgress = !options.quiet && !options.json
        do {
            let lock = try RunLock(folder: pipeline.outputs.store, startedAt: PipelineRun.iso(run.startedAt))
            defer { lock.release() }
            if let previous = lock.tookOverFrom {
                log.warning("took over a lock left by a run that did not finish (\(previous))")
            }
            let lines = try stages(run)
            if options.json {
                print(RunSummary.json(run.result, status: "succeeded", error: nil))
            } else if !options.quiet {
                for line in lines { print(line) }
            }
        } catch {
            if options.json { print(RunSummary.json(run.result, status: "failed", error: "\(error)")) }
            // Thrown, not exited: the stack unwinds, so temporary files are removed by their owners.
            StandardErrorLog.error(error)
            throw ExitCode(ExitStatus.code(for: error))
        }
    }

    /// Logs the error and exits with its code, for failures before anything was opened.
    static func fail(_ error: any Error) -> Never {
        StandardErrorLog.error(error)
        Foundation.exit(ExitStatus.code(for: error))
    }
}
