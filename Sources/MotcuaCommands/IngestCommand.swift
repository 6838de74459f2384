import ArgumentParser
import MotcuaIO

/// `motcua ingest PIPELINE`: only the ingest stage; the store is updated for later stages.
struct IngestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ingest",
        abstract: "Read the pipeline's exports into the store (rejects go to the rejects file).")

    @OptionGroup var options: PipelineOptions

    func run() throws {
        try StageRunner.run(options: options) { run in
            try run.ingest()
            try run.saveStore()
            var lines = [RunSummary.ingestLine(run.result)]
            if run.counts.rejected > 0, let path = run.rejects?.path { lines.append("rejects: \(path)") }
            return lines
        }
    }
}
