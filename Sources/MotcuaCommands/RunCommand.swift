import ArgumentParser
import MotcuaIO

/// `motcua run PIPELINE`: every stage in order; what cron calls each night.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline's stages in order: ingest, compute, publish (snapshot and report follow).",
        discussion: """
            Exit codes: 0 success, 2 usage or config error, 65 data error (reject rate over the \
            limit, unreadable input), 73 cannot write output, 75 another run holds the lock.
            """)

    @OptionGroup var options: PipelineOptions

    func run() throws {
        try StageRunner.run(options: options) { run in
            try run.ingest()
            run.compute()
            try run.publish()
            var lines = ["motcua run \(run.pipeline.name) (run \(run.runID))", RunSummary.ingestLine(run)]
            lines += try RunSummary.figureLines(run)
            if run.counts.rejected > 0, let path = run.rejects?.path { lines.append("rejects: \(path)") }
            lines.append("snapshot stage: not built yet (issue 4); report stage: not built yet (issue 5)")
            return lines
        }
    }
}
