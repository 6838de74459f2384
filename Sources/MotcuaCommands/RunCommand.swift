import ArgumentParser
import Foundation
import MotcuaIO

/// `motcua run PIPELINE`: every stage in order; what cron calls each night.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a pipeline's stages in order: ingest, compute, publish, snapshot, report.",
        discussion: """
            Exit codes: 0 success, 2 usage or config error, 65 data error (reject rate over the \
            limit, unreadable input), 70 internal error (an identity of form 06 failed: a bug), \
            73 cannot write output, 75 another run holds the lock.
            """)

    @OptionGroup var options: PipelineOptions

    @Option(
        name: .customLong("zstd-level"),
        help: "zstd level for the snapshot (1-19; default \(SnapshotWriter.defaultLevel), see docs/performance.md).")
    var zstdLevel: Int32 = SnapshotWriter.defaultLevel

    func validate() throws {
        guard (1...19).contains(zstdLevel) else { throw ValidationError("--zstd-level must be from 1 to 19") }
    }

    func run() throws {
        try StageRunner.run(options: options) { run in
            run.zstdLevel = zstdLevel
            try run.ingest()
            try run.compute()
            try run.publish()
            // The lines query the database just placed (0.1 s at 5M dossiers): only when printed.
            guard !options.quiet && !options.json else { return [] }
            let result = run.result
            var lines = ["motcua run \(result.pipeline.name) (run \(result.runID))", RunSummary.ingestLine(result)]
            lines += try RunSummary.figureLines(result)
            if run.counts.rejected > 0, let path = run.rejects?.path { lines.append("rejects: \(path)") }
            if let manifest = run.snapshotManifest {
                let bytes = manifest.files.reduce(0) { $0 + $1.bytes }
                lines.append(
                    String(format: "snapshot %@: %d files, %.1f MB, %.2f s%@", manifest.snapshotID, manifest.files.count,
                        Double(bytes) / 1e6, run.snapshotSeconds ?? 0,
                        run.prunedSnapshots.isEmpty ? "" : "; pruned \(run.prunedSnapshots.count) old snapshot(s)"))
            } else {
                lines.append("snapshot: off (no outputs.snapshots in the pipeline file)")
            }
            if let folder = run.pipeline.outputs.reports {
                lines.append(String(format: "reports: %d files in %@ (%.2f s)", run.reportPaths.count, folder, run.reportSeconds ?? 0))
            } else {
                lines.append("reports: off (no outputs.reports in the pipeline file)")
            }
            return lines
        }
    }
}
