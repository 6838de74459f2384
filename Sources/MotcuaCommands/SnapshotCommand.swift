import ArgumentParser
import Foundation
import MotcuaIO

/// `motcua snapshot list|verify|prune PIPELINE`: look after a pipeline's snapshots.
struct SnapshotCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "snapshot",
        abstract: "List, verify or prune a pipeline's snapshots.",
        subcommands: [List.self, Verify.self, Prune.self])

    /// The snapshots folder named by a pipeline file.
    static func folder(_ pipelinePath: String) -> SnapshotFolder {
        let pipeline: PipelineFile
        do {
            pipeline = try PipelineFile.load(path: pipelinePath)
        } catch {
            StageRunner.fail(error, log: StageRunner.logger(quiet: true))
        }
        guard let root = pipeline.outputs.snapshots else {
            StageRunner.fail(
                PipelineFileError(path: pipelinePath, key: "outputs.snapshots", message: "is not set; this pipeline keeps no snapshots"),
                log: StageRunner.logger(quiet: true))
        }
        return SnapshotFolder(root: root)
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List snapshots, oldest first, with their size and rows.")
        @Argument(help: "The pipeline file.") var pipeline: String

        func run() throws {
            let folder = SnapshotCommand.folder(pipeline)
            for id in folder.ids() {
                if let m = try? folder.manifest(of: id) {
                    let bytes = m.files.reduce(0) { $0 + $1.bytes }
                    let rows = m.files.filter { $0.path.hasPrefix("dossiers/") }.reduce(0) { $0 + $1.rows }
                    print(String(format: "%@  as of %@  %d dossiers  %.1f MB  %d inputs", id, m.asOf, rows, Double(bytes) / 1e6, m.inputs.count))
                } else {
                    print("\(id)  (manifest unreadable)")
                }
            }
        }
    }

    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every file of the snapshots against their manifests (exit 65 if any is damaged).")
        @Argument(help: "The pipeline file.") var pipeline: String
        @Option(help: "Verify only this snapshot id.") var id: String?

        func run() throws {
            let folder = SnapshotCommand.folder(pipeline)
            let ids = id.map { [$0] } ?? folder.ids()
            var damaged = 0
            for id in ids {
                do {
                    let m = try folder.verify(id)
                    print("ok       \(id) (\(m.files.count) files)")
                } catch {
                    damaged += 1
                    print("DAMAGED  \(error)")
                }
            }
            if damaged > 0 { throw ExitCode(ExitStatus.dataError) }
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove all but the newest snapshots (outputs.keep_snapshots).")
        @Argument(help: "The pipeline file.") var pipeline: String
        @Option(help: "How many to keep; default: the pipeline's keep_snapshots.") var keep: Int?

        func run() throws {
            let loaded = try? PipelineFile.load(path: pipeline)
            let folder = SnapshotCommand.folder(pipeline)
            guard let storeFolder = loaded?.outputs.store else { return }
            let lock = try RunLock(folder: storeFolder, startedAt: PipelineRun.iso(Date()))
            defer { lock.release() }
            let removed = folder.prune(keep: keep ?? loaded?.outputs.keepSnapshots ?? 7)
            for id in removed { print("removed \(id)") }
        }
    }
}
