import Foundation
public import MotcuaCore
internal import CIntrinsics

#if canImport(Glibc)
    import Glibc
#endif

/// Writes one immutable snapshot (CONTRACT.md section 3.2) into a hidden temporary folder and
/// renames it into place, so a snapshot is never visible half-written.
///
/// Parts that did not change since the previous snapshot (same store lineage, same names, same
/// cut; see `SnapshotPartitioning`) are hard-linked from it instead of being formatted and
/// compressed again: a nightly run rewrites only the parts its exports touched.
public struct SnapshotWriter: Sendable {
    /// zstd level: `defaultLevel` unless `motcua run --zstd-level` says otherwise.
    public var level: Int32 = Self.defaultLevel
    /// Level 1, chosen by measurement (docs/performance.md, "Snapshots: zstd level"): with a
    /// part's rows in agency and procedure order (`SnapshotRowOrder`), level 1 is 10-20% faster
    /// than level 3 and no larger on short or long rows.
    public static let defaultLevel: Int32 = 1
    /// libzstd worker threads; 1 compresses on a second core while rows are formatted.
    public var workers: Int32 = 1
    /// Parts written at once (each formats and compresses on its own core).
    public var partThreads = ProcessInfo.processInfo.activeProcessorCount
    /// Rows per part file within a year. Small enough that a nightly run, whose changes fall
    /// into a handful of parts, rewrites little (8,192 rows, about 300 KB compressed); large
    /// enough that five million dossiers make a few hundred files, not tens of thousands.
    public var rowsPerPart = Self.defaultRowsPerPart
    public static let defaultRowsPerPart = 8192

    public init(level: Int32 = Self.defaultLevel, workers: Int32 = 1, rowsPerPart: Int = Self.defaultRowsPerPart) {
        self.level = level
        self.workers = workers
        self.rowsPerPart = rowsPerPart
    }

    public struct Input {
        public var id: String
        public var pipeline: String
        public var asOf: LocalDate
        public var state: StoreState
        public var catalog: Catalog
        /// The previous snapshot, when the store descends from it; only then are partitions linked.
        public var previous: (folder: String, manifest: SnapshotManifest)?
        /// The latest snapshot before this one, named in the manifest even when nothing is linked.
        public var previousID: String?
        /// The ledger's parts, when the caller cut them already (on another core while the
        /// database was built); else they are cut here.
        public var partitioning: SnapshotPartitioning?

        public init(
            id: String, pipeline: String, asOf: LocalDate, state: StoreState, catalog: Catalog,
            previous: (folder: String, manifest: SnapshotManifest)?
        ) {
            self.id = id
            self.pipeline = pipeline
            self.asOf = asOf
            self.state = state
            self.catalog = catalog
            self.previous = previous
        }
    }

    /// A snapshot being written, in steps so that its parts can be formatted and compressed
    /// while the summary database it also holds is still being built (issue 16): `begin` (the
    /// hidden folder), `writeParts` (unchanged parts linked, the others written on every core),
    /// `writeDatabase` (the database's copy, on the caller's thread while the parts are written:
    /// left to `finish`, it was the run's last 40 ms with a core half idle), `finish` (catalog,
    /// the database if not written yet, manifest, rename into place). A draft that is not
    /// finished must be `discard`ed (its hidden folder removed, on the caller's thread, not in a
    /// deinit on whichever thread drops it last); a crash leaves the folder to the next run's
    /// sweep.
    public final class Draft: @unchecked Sendable {
        fileprivate let input: Input
        fileprivate let temporary: String
        fileprivate let final: String
        fileprivate let labels: String
        /// The manifest's part files in order; nil until written.
        fileprivate var files: [SnapshotManifest.File?] = []
        fileprivate var parts: [PartTask] = []
        /// `writeParts` linked the unchanged parts and listed the others (`parts`).
        fileprivate var linked = false
        /// The database's compressed copy, once `writeDatabase` wrote it.
        fileprivate var database: SnapshotManifest.File?
        fileprivate var placed = false

        fileprivate init(input: Input, temporary: String, final: String, labels: String) {
            self.input = input
            self.temporary = temporary
            self.final = final
            self.labels = labels
        }

        /// Removes the hidden folder unless the snapshot was placed; safe to call twice.
        public func discard() {
            guard !placed else { return }
            placed = true
            try? FileManager.default.removeItem(atPath: temporary)
        }
    }

    /// Makes the hidden folder `root/.tmp-<id>`; cheap, so the caller's thread can hold the
    /// draft from the start (the parts are linked by `writeParts`).
    public func begin(_ input: Input, root: String) throws -> Draft {
        try AtomicFileWriter.makeFolder(root)
        let draft = Draft(
            input: input, temporary: (root as NSString).appendingPathComponent(".tmp-\(input.id)"),
            final: (root as NSString).appendingPathComponent(input.id), labels: Self.labelsDigest(input.state.ledger))
        try? FileManager.default.removeItem(atPath: draft.temporary)
        try AtomicFileWriter.makeFolder(draft.temporary)
        return draft
    }

    /// Links the parts that did not change since the previous snapshot, then formats and
    /// compresses the others, on every core.
    /// - Parameters:
    ///   - isCancelled: polled between parts; a cancelled draft is left unfinished.
    ///   - othersAfter: when given, only the first part thread starts at once; the others wait
    ///     until it opens (the caller's own work, which it opens on every way out, comes first).
    public func writeParts(
        of draft: Draft, isCancelled: @escaping @Sendable () -> Bool = { false }, othersAfter gate: WorkGate? = nil
    ) throws {
        if !draft.linked {
            try linkParts(draft)
            draft.linked = true
        }
        for (index, file) in try run(draft.parts, of: draft, isCancelled: isCancelled, othersAfter: gate) {
            draft.files[index] = file
        }
        draft.parts = []
    }

    /// zstd's workers for the database's copy: every core (it is one large file).
    private var databaseWorkers: Int32 { Int32(max(1, partThreads)) }

    /// Compresses the database at `databasePath` into the draft now, on this thread and zstd's
    /// workers, instead of in `finish`; the file must be whole (built and closed). Safe while
    /// another thread runs `writeParts` on the same draft.
    public func writeDatabase(of draft: Draft, from databasePath: String) throws {
        guard !draft.placed else { throw SnapshotWriterError.draftClosed }
        draft.database = try writeDatabase(databasePath, into: draft.temporary, workers: databaseWorkers)
    }

    /// Compresses the catalog and `databasePath` beside the parts, writes the manifest and
    /// renames the folder into place.
    /// - Parameter beforePlacing: the last step that may still fail the run before the snapshot
    ///   is visible (the run waits there for its reports to be rendered).
    /// - Returns: the snapshot's manifest.
    @discardableResult
    public func finish(_ draft: Draft, databasePath: String, beforePlacing: () throws -> Void = {}) throws -> SnapshotManifest {
        guard draft.linked, draft.parts.isEmpty, !draft.placed else { throw SnapshotWriterError.partsNotWritten }
        let input = draft.input
        // The catalog is small; the database is compressed by zstd's own workers on every core
        // (it is the one file left, and a night waited for it on one core).
        let catalog = try writeCatalog(input.catalog, into: draft.temporary)
        let database = try draft.database ?? writeDatabase(databasePath, into: draft.temporary, workers: databaseWorkers)
        let files = draft.files.compactMap { $0 } + [catalog, database]
        let manifest = SnapshotManifest(
            schemaVersion: SnapshotManifest.currentSchemaVersion, snapshotID: input.id, pipeline: input.pipeline,
            createdAt: UTCTimestamp.iso(secondsSinceEpoch: Date().timeIntervalSince1970), asOf: input.asOf.description,
            previous: input.previousID ?? input.previous?.manifest.snapshotID, compression: "zstd level \(level)",
            inputs: input.state.inputs, files: files, runs: input.state.runs, labelsSHA256: draft.labels,
            rowsPerPart: rowsPerPart)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let manifestPath = (draft.temporary as NSString).appendingPathComponent("manifest.json")
        try AtomicFileWriter.write(Array(try encoder.encode(manifest)), to: manifestPath)
        AtomicFileWriter.syncFolder(of: manifestPath)
        try beforePlacing()
        guard rename(draft.temporary, draft.final) == 0 else { throw FileAccessError(path: draft.final, errno: errno, action: .write) }
        draft.placed = true
        AtomicFileWriter.syncFolder(of: draft.final)
        return manifest
    }

    // MARK: - Files

    /// A part of the snapshot to format and compress: its place in the manifest, path and rows.
    fileprivate typealias PartTask = (index: Int, path: String, positions: ArraySlice<Int32>)

    /// Links the unchanged parts into the draft's folder and lists the others as tasks.
    private func linkParts(_ draft: Draft) throws {
        let input = draft.input
        let ledger = input.state.ledger
        let partitioning =
            input.partitioning.flatMap { $0.rowsPerPart == rowsPerPart ? $0 : nil }
            ?? SnapshotPartitioning(ledger: ledger, rowsPerPart: rowsPerPart)
        // Parts are linked only from a snapshot of the very state this ledger was loaded from,
        // with the same names in its rows and the same cut.
        var linkable: [String: SnapshotManifest.File] = [:]
        var changed = Set<SnapshotPartitioning.PartKey>()
        if let previous = input.previous, previous.manifest.labelsSHA256 == draft.labels,
            previous.manifest.rowsPerPart == rowsPerPart
        {
            for file in previous.manifest.files where file.path.hasPrefix("dossiers/") { linkable[file.path] = file }
            changed = partitioning.changedParts(ledger.changes, ledger: ledger)
        }
        for year in partitioning.years {
            for part in 0..<partitioning.partCount(year: year) {
                let path = "dossiers/year=\(year)/part-\(String(format: "%04d", part)).csv.zst"
                let positions = partitioning.positions(year: year, part: part)
                if let previous = input.previous, let old = linkable[path], old.rows == positions.count,
                    !changed.contains(.init(year: year, part: part))
                {
                    try Self.link(
                        from: (previous.folder as NSString).appendingPathComponent(path),
                        to: (draft.temporary as NSString).appendingPathComponent(path))
                    draft.files.append(old)
                } else {
                    draft.parts.append((draft.files.count, path, positions))
                    draft.files.append(nil)
                }
            }
        }
    }

    /// Writes `tasks` (parts) on every core, one file per task, taken in order as threads come free.
    /// - Returns: each task's index with its file.
    private func run(
        _ tasks: [PartTask], of draft: Draft, isCancelled: @escaping @Sendable () -> Bool, othersAfter gate: WorkGate?
    ) throws -> [(Int, SnapshotManifest.File)] {
        guard !tasks.isEmpty else { return [] }
        let ledger = draft.input.state.ledger
        let folder = draft.temporary
        let threads = max(1, min(partThreads, tasks.count))
        let next = TaskCounter()
        let order = SnapshotRowOrder(ledger: ledger)
        // Each finished part is fsynced on a thread of its own while this core compresses the
        // next (`FileSyncQueue`); every part is on disk before this returns.
        let syncs = FileSyncQueue()
        let (level, workers) = (level, workers)
        let written = try WorkScope.run { scope in
            let syncing = scope.start { _ in try syncs.drain() }
            defer { syncs.close() }
            // Each slice on a thread of its own at nice 5: the parts are the run's last and
            // longest work, so the database's build, the store and the reports, on the other
            // threads, take the cores first and the parts the rest (issue 16: beside the parts
            // at the same priority, the reports took 0.24 s for 0.05 s of CPU). The slices after
            // the first wait at `gate`.
            let slices = (0..<threads).map { slice in
                scope.start { scopeCancelled -> [(Int, SnapshotManifest.File)] in
                    ThreadPriority.lowerThisThread(to: 5)
                    if slice > 0, let gate { gate.wait() }
                    var formatter = DossierCSVFormatter(ledger: ledger)
                    var done: [(Int, SnapshotManifest.File)] = []
                    // One file per core at a time: zstd compresses in this thread, not a helper
                    // of its own, with one context for all of this thread's parts.
                    let compressor = try ZstdCompressor(level: level, workers: threads > 1 ? 0 : workers)
                    while !scopeCancelled(), !isCancelled(), let k = next.take(below: tasks.count) {
                        do {
                            let file = try Self.writePart(
                                tasks[k], of: ledger, into: folder, order: order, formatter: &formatter,
                                compressor: compressor, syncs: syncs)
                            done.append((tasks[k].index, file))
                        } catch {
                            scope.cancel()  // the other slices take no more parts
                            throw error
                        }
                    }
                    return done
                }
            }
            let written = try slices.map { try $0.wait() }
            syncs.close()
            try syncing.wait()
            return written
        }
        if isCancelled() { throw WorkCancelled() }
        return Array(written.joined())
    }

    /// Formats and compresses one part, in `order`, and hands its file to `syncs`.
    private static func writePart(
        _ task: PartTask, of ledger: DossierLedger, into folder: String, order: SnapshotRowOrder,
        formatter: inout DossierCSVFormatter, compressor: ZstdCompressor, syncs: FileSyncQueue
    ) throws -> SnapshotManifest.File {
        let sink = try SnapshotFileSink(folder: folder, relativePath: task.path, compressor: compressor)
        formatter.writeHeader()
        let rows = order.ordered(task.positions, in: ledger)
        for (i, p) in rows.enumerated() {
            // In agency and procedure order a part's rows are scattered over the ledger: their
            // records and id ends are asked for 16 rows ahead, the id bytes (found through the
            // ends) 6 rows ahead.
            if i + 16 < rows.count { prefetchRecord(Int(rows[i + 16]), of: ledger) }
            if i + 6 < rows.count { prefetchID(Int(rows[i + 6]), of: ledger) }
            let p = Int(p)
            ledger.ids.withBytes(at: p) { formatter.write(id: $0, record: ledger.records[p]) }
            if formatter.count >= 1 << 20 {
                try sink.write(formatter.buffer)
                formatter.clear()
            }
        }
        try sink.write(formatter.buffer)
        formatter.clear()
        sink.rows = rows.count
        return try sink.finish(syncingThrough: syncs)
    }

    @inline(__always)
    private static func prefetchRecord(_ p: Int, of ledger: DossierLedger) {
        ledger.records.withUnsafeBufferPointer { motcua_prefetch($0.baseAddress.map { UnsafeRawPointer($0 + p) }) }
        ledger.ids.ends.withUnsafeBufferPointer { motcua_prefetch($0.baseAddress.map { UnsafeRawPointer($0 + p) }) }
    }

    @inline(__always)
    private static func prefetchID(_ p: Int, of ledger: DossierLedger) {
        let start = p == 0 ? 0 : ledger.ids.ends[p - 1]
        ledger.ids.bytes.withUnsafeBufferPointer {
            motcua_prefetch($0.baseAddress.map { UnsafeRawPointer($0 + start) })
        }
    }

    private func writeCatalog(_ catalog: Catalog, into folder: String) throws -> SnapshotManifest.File {
        let sink = try SnapshotFileSink(folder: folder, relativePath: "catalog.csv.zst", level: level, workers: 0)
        var csv = CSVWriter()
        csv.writeRow(CatalogColumn.allCases.map(\.canonicalName))
        for p in catalog.procedures {
            csv.writeRow([
                p.code, p.name, p.field, p.adminLevel?.rawValue ?? "", p.onlineLevel.map { String($0.rawValue) } ?? "",
                p.publishedOn.description, p.abolishedOn?.description ?? "", p.hasFee ? "true" : "false",
            ])
        }
        try sink.write(csv.take())
        sink.rows = catalog.count
        return try sink.finish()
    }

    private func writeDatabase(_ path: String, into folder: String, workers: Int32) throws -> SnapshotManifest.File {
        let sink = try SnapshotFileSink(folder: folder, relativePath: "summary.sqlite.zst", level: level, workers: workers)
        let file = try ReadableFile(path: path)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        while true {
            let n = try file.read(into: block)
            if n == 0 { break }
            try sink.write(UnsafeRawBufferPointer(rebasing: block[0..<n]))
        }
        sink.rows = (try? SummaryDatabase.rowCount(table: "monthly_counts", at: path)) ?? 0
        return try sink.finish()
    }

    /// A hard link (snapshots are immutable, so sharing a file is safe), or a copy across devices.
    static func link(from source: String, to target: String) throws {
        try AtomicFileWriter.makeFolder((target as NSString).deletingLastPathComponent)
        if Glibc.link(source, target) == 0 { return }
        do {
            try FileManager.default.copyItem(atPath: source, toPath: target)
        } catch {
            throw FileAccessError(path: target, errno: EIO, action: .write)
        }
    }

    /// What the parts' rows show of the codes: each procedure's and agency's code and name, in
    /// code order. Not in dictionary order, which follows the order codes were first seen: a
    /// store rebuilt from a snapshot sees them in the parts' order, and its first night would
    /// have rewritten every part (the parts' rows, `SnapshotRowOrder`, do not depend on it).
    static func labelsDigest(_ ledger: DossierLedger) -> String {
        let hash = SHA256()
        for dictionary in [ledger.procedures, ledger.agencies] {
            for k in dictionary.codeOrder {
                hash.update(Array(dictionary.codes[k].utf8))
                hash.update([0])
                hash.update(Array(dictionary.labels[k].utf8))
                hash.update([0])
            }
            hash.update([1])
        }
        return hash.finalizeHex()
    }
}

/// Hands out task numbers to the threads of a pool, each once, in order.
private final class TaskCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0

    func take(below count: Int) -> Int? {
        lock.withLock {
            guard next < count else { return nil }
            defer { next += 1 }
            return next
        }
    }
}

/// `SnapshotWriter.finish` called on a draft whose parts were not written: a bug in the caller.
public enum SnapshotWriterError: Error, CustomStringConvertible {
    case partsNotWritten
    case draftClosed

    public var description: String {
        switch self {
        case .partsNotWritten: "internal error: a snapshot was finished before its parts were written; nothing was published"
        case .draftClosed: "internal error: a file was written into a snapshot already placed or discarded"
        }
    }
}
