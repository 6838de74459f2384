import ArgumentParser
import Foundation
import Logging
import MotcuaIO

/// Runs a command's stages under the store's lock and turns any failure into one line on
/// standard error and the exit code of CONTRACT.md section 3.3.
enum StageRunner {
    static func logger(quiet: Bool) -> Logger {
        var log = Logger(label: "motcua") { StreamLogHandler.standardError(label: $0) }
        log.logLevel = quiet ? .error : .info
        return log
    }

    static func run(options: PipelineOptions, stages: (PipelineRun) throws -> [String]) throws {
        let log = logger(quiet: options.quiet)
        let pipeline: PipelineFile
        do {
            pipeline = try PipelineFile.load(path: options.pipeline)
        } catch {
            if options.json {
                let object: [String: Any] = ["status": "failed", "error": "\(error)", "pipeline_file": options.pipeline]
                if let data = try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) {
                    print(String(decoding: data, as: UTF8.self))
                }
            }
            fail(error, log: log)
        }
        let run = PipelineRun(pipeline: pipeline, asOfOverride: options.asOf, log: log)
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
                print(RunSummary.json(run, status: "succeeded", error: nil))
            } else if !options.quiet {
                for line in lines { print(line) }
            }
        } catch {
            if options.json { print(RunSummary.json(run, status: "failed", error: "\(error)")) }
            // Thrown, not exited: the stack unwinds, so temporary files are removed by their owners.
            FileHandle.standardError.write(Data("motcua: error: \(error)\n".utf8))
            throw ExitCode(ExitStatus.code(for: error))
        }
    }

    static func fail(_ error: any Error, log: Logger) -> Never {
        let code = ExitStatus.code(for: error)
        FileHandle.standardError.write(Data("motcua: error: \(error)\n".utf8))
        Foundation.exit(code)
    }
}
