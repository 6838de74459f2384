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
            StageRunner.fail(error)
        }
        guard let root = pipeline.outputs.snapshots else {
            StageRunner.fail(
                PipelineFileError(path: pipelinePath, key: "outputs.snapshots", message: "is not set; this pipeline keeps no snapshots"))
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
            abstract: "Check every file of the snapshots against their manifests (exit 65 if any is damaged).",
            discussion: """
                Give a pipeline file to check its snapshots, or --folder to check a copy that has \
                no pipeline file beside it (a backup): either one snapshot's folder (it holds \
                manifest.json; keep its name, the snapshot id) or a folder of snapshots. Exit \
                codes: 0 every snapshot whole, 65 one is damaged, 2 no such snapshot or folder.
                """)
        @Argument(help: "The pipeline file (or give --folder).") var pipeline: String?
        @Option(help: "Verify only this snapshot id of the pipeline.") var id: String?
        @Option(help: ArgumentHelp("A snapshot folder, or a folder of snapshots, e.g. a copy on backup storage.", valueName: "path"))
        var folder: String?

        func validate() throws {
            guard (pipeline == nil) != (folder == nil) else {
                throw ValidationError("give a pipeline file or --folder PATH, not both")
            }
            if folder != nil && id != nil {
                throw ValidationError("--id picks a snapshot of a pipeline; with --folder, name the snapshot's own folder")
            }
        }

        func run() throws {
            let (snapshots, ids): (SnapshotFolder, [String])
            do {
                (snapshots, ids) = try selection()
            } catch {
                StageRunner.fail(error)
            }
            var damaged = 0
            for id in ids {
                do {
                    let m = try snapshots.verify(id)
                    print("ok       \(id) (\(m.files.count) files)")
                } catch {
                    damaged += 1
                    print("DAMAGED  \(error)")
                }
            }
            if damaged > 0 { throw ExitCode(ExitStatus.dataError) }
        }

        /// The snapshots to check. A name that is no snapshot is a usage error (2), not damage
        /// (65): nothing was read, and the advice for damage would send the operator to run
        /// the very command that failed.
        func selection() throws -> (SnapshotFolder, [String]) {
            if let folder {
                var isFolder: ObjCBool = false
                guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else {
                    throw StageError(message: "no such folder: \(folder)", exitCode: ExitStatus.usage)
                }
                let path = URL(fileURLWithPath: folder).standardized.path
                if FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent("manifest.json")) {
                    let parent = SnapshotFolder(root: (path as NSString).deletingLastPathComponent)
                    return (parent, [(path as NSString).lastPathComponent])
                }
                let snapshots = SnapshotFolder(root: path)
                guard !snapshots.ids().isEmpty else {
                    throw StageError(
                        message: "\(folder) holds no snapshot: neither a manifest.json nor folders with one",
                        exitCode: ExitStatus.usage)
                }
                return (snapshots, snapshots.ids())
            }
            // swift-format-ignore: NeverForceUnwrap
            let snapshots = SnapshotCommand.folder(pipeline!)
            guard let id else { return (snapshots, snapshots.ids()) }
            guard snapshots.ids().contains(id) else {
                throw StageError(
                    message: "no snapshot with id \(id) in \(snapshots.root); `motcua snapshot list \(pipeline ?? "")` shows them",
                    exitCode: ExitStatus.usage)
            }
            return (snapshots, [id])
        }
    }

    struct Prune: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Remove all but the newest snapshots (outputs.keep_snapshots), under the run lock (exit 75 while a run holds it).")
        @Argument(help: "The pipeline file.") var pipeline: String
        @Option(help: "How many to keep; default: the pipeline's keep_snapshots.") var keep: Int?

        func validate() throws {
            if let keep, keep < 1 { throw ValidationError("--keep must be at least 1") }
        }

        func run() throws {
            let folder = SnapshotCommand.folder(pipeline)
            // `folder(_:)` exits on a pipeline file that does not load, so this one loads.
            guard let loaded = try? PipelineFile.load(path: pipeline) else { return }
            do {
                let lock = try RunLock(folder: loaded.outputs.store, startedAt: PipelineRun.iso(Date()))
                defer { lock.release() }
                for id in folder.prune(keep: keep ?? loaded.outputs.keepSnapshots) { print("removed \(id)") }
            } catch {
                StandardErrorLog.error(error)
                throw ExitCode(ExitStatus.code(for: error))
            }
        }
    }
}
