import Foundation
import MotcuaCore

/// The snapshots folder of a pipeline: listing, checking, pruning and restoring from them.
public struct SnapshotFolder: Sendable {
    public let root: String

    public init(root: String) { self.root = root }

    public func folder(of id: String) -> String { (root as NSString).appendingPathComponent(id) }

    /// Complete snapshots (a folder with a manifest; hidden temporary folders are not), oldest first.
    /// Ids start with the UTC time of their run, so name order is time order.
    public func ids() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        return names.filter { name in
            !name.hasPrefix(".")
                && FileManager.default.fileExists(atPath: (folder(of: name) as NSString).appendingPathComponent("manifest.json"))
        }.sorted()
    }

    public var latest: String? { ids().last }

    public func manifest(of id: String) throws -> SnapshotManifest {
        let path = (folder(of: id) as NSString).appendingPathComponent("manifest.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SnapshotError.missingFile(snapshot: id, file: "manifest.json")
        }
        do {
            let manifest = try JSONDecoder().decode(SnapshotManifest.self, from: data)
            guard manifest.snapshotID == id else {
                throw SnapshotError.badManifest(snapshot: id, detail: "names snapshot \(manifest.snapshotID)")
            }
            return manifest
        } catch let error as SnapshotError {
            throw error
        } catch {
            throw SnapshotError.badManifest(snapshot: id, detail: "cannot be read (\(error))")
        }
    }

    /// Checks every file of a snapshot against its manifest: present, same size, same SHA-256.
    /// - Complexity: reads every byte of the snapshot once.
    @discardableResult
    /// - Parameter isCancelled: polled while files are hashed (a run's background check).
    public func verify(_ id: String, isCancelled: () -> Bool = { false }) throws -> SnapshotManifest {
        let manifest = try manifest(of: id)
        guard manifest.schemaVersion <= SnapshotManifest.currentSchemaVersion else {
            throw SnapshotError.badManifest(snapshot: id, detail: "has schema version \(manifest.schemaVersion), newer than this motcua")
        }
        for file in manifest.files {
            guard !file.path.contains(".."), !file.path.hasPrefix("/") else {
                throw SnapshotError.badManifest(snapshot: id, detail: "names a file outside the snapshot")
            }
            let path = (folder(of: id) as NSString).appendingPathComponent(file.path)
            guard let size = FileStatus(path: path)?.size else {
                throw SnapshotError.missingFile(snapshot: id, file: file.path)
            }
            guard size == file.bytes else {
                throw SnapshotError.damaged(snapshot: id, file: file.path, detail: "has \(size) bytes, the manifest says \(file.bytes)")
            }
            guard try FileDigest.sha256(ofFileAt: path, isCancelled: isCancelled) == file.sha256 else {
                throw SnapshotError.damaged(snapshot: id, file: file.path, detail: "does not match its SHA-256")
            }
        }
        return manifest
    }

    /// Removes all but the newest `keep` snapshots, and temporary folders left by a crash.
    /// Call it only under the run lock.
    @discardableResult
    public func prune(keep: Int) -> [String] {
        var removed: [String] = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        for name in names where name.hasPrefix(".tmp-") {
            try? FileManager.default.removeItem(atPath: folder(of: name))
        }
        let all = ids()
        for id in all.dropLast(max(keep, 1)) {
            if (try? FileManager.default.removeItem(atPath: folder(of: id))) != nil { removed.append(id) }
        }
        return removed
    }

    /// Rebuilds the store's state from a verified snapshot: its dossier parts are read back
    /// through the canonical profile, its manifest gives the inputs and the run history.
    /// - Parameter verified: the manifest when the caller has just verified the snapshot, so its
    ///   files are not hashed twice.
    public func restore(_ id: String, verified: SnapshotManifest? = nil) throws -> StoreState {
        let manifest = try verified ?? verify(id)
        let rejects = try RejectsFile(path: (NSTemporaryDirectory() as NSString).appendingPathComponent("motcua-restore-\(UUID().uuidString).csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        ingester.readingOwnSnapshot = true
        for file in manifest.files where file.path.hasPrefix("dossiers/") {
            let path = (folder(of: id) as NSString).appendingPathComponent(file.path)
            try ingester.ingest(path: path, displayPath: path, profile: .canonical)
        }
        guard ingester.counts.rejected == 0, ingester.counts.keptAfter == manifest.files.filter({ $0.path.hasPrefix("dossiers/") }).reduce(0, { $0 + $1.rows }) else {
            throw SnapshotError.damaged(snapshot: id, file: "dossiers/", detail: "does not read back to the rows its manifest counts")
        }
        var state = StoreState(
            ledger: ingester.ledger.reloaded(), inputs: manifest.inputs,
            totalAccepted: manifest.runs.reduce(0) { $0 + $1.recordsAccepted },
            totalSuperseded: manifest.runs.reduce(0) { $0 + $1.recordsSuperseded })
        state.runs = manifest.runs
        state.snapshotID = id
        return state
    }
}
