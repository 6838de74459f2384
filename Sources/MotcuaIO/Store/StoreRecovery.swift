public import MotcuaCore

/// Which state a run starts from (CONTRACT.md 3.2: "the next run starts from the latest snapshot
/// plus the new exports"): the store when it is whole and not behind the latest snapshot, else
/// the latest snapshot, which is verified first (a damaged one stops the run).
///
/// A store written by another version of motcua in a layout this one cannot read is not damage
/// (issue 12: upgrades never break a deployment): it is rebuilt from the latest snapshot, or,
/// for a pipeline without snapshots, from every export again. Each such decision is one line in
/// `warnings`.
public struct StoreRecovery {
    /// The state to start from.
    public var state: StoreState
    /// The latest snapshot when the state descends from it (its unchanged parts may be linked).
    public var previousSnapshot: (folder: String, manifest: SnapshotManifest)?
    /// What was decided and why, for the log.
    public var warnings: [String] = []
    /// The latest snapshot's check, still running, when the decision did not need it (the store
    /// is that snapshot's): its result is `previousSnapshot`, to wait for before linking parts.
    public var pendingCheck: PendingCheck?

    /// A snapshot being verified in the background: its folder, and its manifest once verified.
    public struct PendingCheck: Sendable {
        public let folder: String
        let job: Job<SnapshotManifest>

        /// Waits for the check; the snapshot's folder and verified manifest, or its damage.
        public func wait() throws -> (folder: String, manifest: SnapshotManifest) { (folder, try job.wait()) }
    }

    /// Reads the store at `storePath` while the latest snapshot of `snapshots` is verified on
    /// the other core, and decides; returns once the check is done.
    public static func load(storePath: String, snapshots: SnapshotFolder?) throws -> StoreRecovery {
        try WorkScope.run { scope in
            var recovery = try load(storePath: storePath, snapshots: snapshots, in: scope)
            if let check = recovery.pendingCheck { recovery.previousSnapshot = try check.wait() }
            recovery.pendingCheck = nil
            return recovery
        }
    }

    /// `load(storePath:snapshots:)`, but when the store is the latest snapshot's the check of
    /// that snapshot goes on in `scope` (`pendingCheck`) while the run reads its new exports:
    /// hashing every file of a 5M-dossier snapshot outlasted reading the store, a tenth of a
    /// night (issue 14).
    public static func load(storePath: String, snapshots: SnapshotFolder?, in scope: WorkScope) throws -> StoreRecovery {
        do {
            let latest = snapshots?.latest
            let verification = snapshots.flatMap { folder in
                latest.map { id in scope.start { try folder.verify(id, isCancelled: $0) } }
            }
            var warnings: [String] = []
            var stored: StoreState?
            do {
                stored = try DossierStore.read(from: storePath)
            } catch StoreError.otherVersion(let path, let detail) {
                warnings.append(
                    "the store \(path) cannot be read by this motcua (\(detail)); rebuilding it "
                        + (latest == nil ? "from every export" : "from the latest snapshot"))
                stored = latest == nil ? StoreState() : nil
            } catch {
                if latest == nil { throw error }
                warnings.append("\(error); rebuilding it from the latest snapshot")
            }
            if let reason = stored?.recount { warnings.append(reason) }
            guard let snapshots, let latest, let verification else {
                return StoreRecovery(state: stored ?? StoreState(), warnings: warnings)
            }
            if let stored, stored.snapshotID == latest {
                let check = PendingCheck(folder: snapshots.folder(of: latest), job: verification)
                return StoreRecovery(state: stored, previousSnapshot: nil, warnings: warnings, pendingCheck: check)
            }
            let manifest = try verification.wait()
            let previous = (snapshots.folder(of: latest), manifest)
            if let stored {
                if Set(manifest.inputs.map(\.sha256)).isSubset(of: Set(stored.inputs.map(\.sha256))) {
                    return StoreRecovery(state: stored, warnings: warnings)
                }
                warnings.append("the store is behind snapshot \(latest); restoring from the snapshot")
            }
            let restored = try snapshots.restore(latest, verified: manifest)
            return StoreRecovery(state: restored, previousSnapshot: previous, warnings: warnings)
        }
    }
}
