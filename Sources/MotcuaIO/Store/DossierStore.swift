import Foundation
import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// The durable state between runs: `dossiers.store` (the base) and, beside it,
/// `dossiers.store.delta`, what runs since the base changed.
///
/// A nightly run changes a few thousand of millions of dossiers, so rewriting the whole store
/// each night (hundreds of megabytes, fsynced) was a fifth of its time. Instead it writes the
/// delta: every dossier added or replaced since the base, with the small tables (codes, names,
/// inputs, runs, monthly totals) whole. When the delta grows past a quarter of the base, the
/// next run writes a new base and removes the delta. Each file is written atomically; a delta
/// that names another base (left by a crash between the two steps) is ignored.
public enum DossierStore {
    /// "MOTCUA-STORE", a NUL, the format version, a line feed. Version 3: every section carries
    /// its own 64-bit checksum (version 2 had one SHA-256 over the whole file); version 4 adds the
    /// id index; version 5 adds the base id, the monthly totals and the delta file; version 6
    /// records the names of what it holds (the record's fields, the monthly counters), so a
    /// release that adds a field or a counter rebuilds or recounts instead of calling it corrupt,
    /// and widens the dossier record to 56 bytes (fee_amount, supplement_requests; issue 13)
    /// and adds the form 06 totals (issue 14); version 7 adds the portal score's totals
    /// (`PortalTotals`), so a night no longer reads every dossier for them.
    static let magicPrefix = Array("MOTCUA-STORE\u{0}".utf8)
    static let deltaMagicPrefix = Array("MOTCUA-DELTA\u{0}".utf8)
    static let currentVersion = 7
    static let formatVersion = "v\(currentVersion)"
    static let magic = magicPrefix + Array("\(formatVersion)\n".utf8)
    static let deltaMagic = deltaMagicPrefix + Array("\(formatVersion)\n".utf8)
    public static let fileName = "dossiers.store"

    public static func deltaPath(of path: String) -> String { path + ".delta" }

    struct Meta: Codable {
        var inputs: [IngestedInput]
        var totalAccepted: Int
        var totalSuperseded: Int
        var recordStride: Int
        var runs: [RunRecord]
        var snapshotID: String?
        /// In a delta: the base's dossier count.
        var baseCount: Int?
        var hasMonthlyTotals: Bool?
        /// The published database's size and checksum (version 5).
        var databaseBytes: Int?
        var databaseChecksum: UInt64?
        /// `DossierRecord.layout` when written (version 6).
        var recordFields: [String]?
        /// The monthly counters' names, in order, when written (version 6).
        var monthlyColumns: [String]?
    }

    // MARK: - Writing

    /// Serialises the state as a base file into memory (tests and small stores).
    public static func encode(_ state: StoreState) throws -> [UInt8] {
        var out: [UInt8] = []
        try encodeBase(state, id: UUID().uuidString, into: SectionEmitter { out.append(contentsOf: $0) })
        return out
    }

    /// Writes the state atomically: a delta beside the base it was read from when that is
    /// still in place and the delta stays small, else a whole new base.
    public static func write(_ state: StoreState, to path: String) throws {
        try prepareWrite(state, to: path).commit()
    }

    /// A store written whole into its temporary file and fsynced, not yet in place: `commit()`
    /// renames it; dropped without, it is removed. `motcua run` prepares it on the other core
    /// while the snapshot is compressed, and commits it once the database is in place (issue 16:
    /// 0.44 s of a 2M-row run written after everything else, `Benchmarks/compare.sh`).
    public final class PreparedWrite: @unchecked Sendable {
        let writer: AtomicFileWriter
        /// A new base leaves the old delta naming a base that is gone.
        let staleDelta: String?

        init(writer: AtomicFileWriter, staleDelta: String?) {
            self.writer = writer
            self.staleDelta = staleDelta
        }

        /// Renames the file into place (fsyncing its folder); removes a delta a new base replaced.
        public func commit() throws {
            try writer.commit()
            // Removing the old delta only saves the next read.
            if let staleDelta { unlink(staleDelta) }
        }
    }

    /// Encodes the state into a temporary file beside `path` (a delta or a new base, as `write`
    /// decides) and fsyncs it; nothing is in place until `PreparedWrite.commit()`.
    ///
    /// Both are written around the page cache (`DirectWriteBuffer`): each is fsynced at once
    /// and read again only by the next run, and a cache page taken for each 4 KiB cost system
    /// time on the run's critical cores (the base: 1.5 s of 5M rows; the delta of a night,
    /// 20 MB: 0.03 s, Benchmarks/nightly.sh).
    public static func prepareWrite(_ state: StoreState, to path: String) throws -> PreparedWrite {
        if let base = state.base, base.count > 0, (try? baseID(at: path)) == base.id {
            let replaced = mergedReplacements(base: base, changes: state.ledger.changes)
            let deltaRows = replaced.count + state.ledger.count - base.count
            if deltaRows * 4 <= base.count {
                let writer = try AtomicFileWriter(path: deltaPath(of: path), bypassingPageCache: true)
                try encodeDelta(state, base: base, replaced: replaced, into: SectionEmitter { try writer.write($0) })
                try writer.flushAndSync()
                return PreparedWrite(writer: writer, staleDelta: nil)
            }
        }
        let writer = try AtomicFileWriter(path: path, bypassingPageCache: true)
        try encodeBase(state, id: UUID().uuidString, into: SectionEmitter { try writer.write($0) })
        try writer.flushAndSync()
        return PreparedWrite(writer: writer, staleDelta: deltaPath(of: path))
    }

    /// Base positions replaced since the base was written: by the delta read with it, or since.
    static func mergedReplacements(base: StoreBase, changes: LedgerChanges) -> [Int32] {
        var positions = base.replaced
        positions.append(contentsOf: changes.replacedPositions.lazy.filter { Int($0) < base.count })
        positions.sort()
        var unique: [Int32] = []
        unique.reserveCapacity(positions.count)
        for p in positions where unique.last != p { unique.append(p) }
        return unique
    }

    /// Where a section's bytes start: a section of 64 KiB or more starts on a 4 KiB page, so the
    /// reader can map it instead of copying it; a smaller one on 8 bytes.
    static func bodyAlignment(length: Int) -> Int { length >= 1 << 16 ? 4096 : 8 }

    static func strings(_ list: [String], _ out: SectionEmitter) throws {
        var lengths: [UInt32] = []
        lengths.reserveCapacity(list.count)
        var blob: [UInt8] = []
        for s in list {
            lengths.append(UInt32(s.utf8.count))
            blob.append(contentsOf: s.utf8)
        }
        try lengths.withUnsafeBytes { try out.section($0) }
        try blob.withUnsafeBytes { try out.section($0) }
    }

    /// The header: binary in version 5 (`StoreMetaCoding`), JSON in version 4.
    static func header(_ meta: Meta, _ out: SectionEmitter) throws {
        try StoreMetaCoding.encode(meta).withUnsafeBytes { try out.section($0) }
    }

    /// The tables every file carries whole: codes, names and monthly totals.
    static func smallTables(_ state: StoreState, _ out: SectionEmitter) throws {
        try strings(state.ledger.procedures.codes, out)
        try strings(state.ledger.procedures.labels, out)
        try strings(state.ledger.agencies.codes, out)
        try strings(state.ledger.agencies.labels, out)
        let totals = state.monthlyTotals
        try (totals?.catalogLevels ?? []).withUnsafeBytes { try out.section($0) }
        try (totals?.keys ?? []).withUnsafeBytes { try out.section($0) }
        try (totals?.counts ?? []).withUnsafeBytes { try out.section($0) }
        let form06 = state.form06Totals
        try [UInt8(form06 == nil ? 0 : 1)].withUnsafeBytes { try out.section($0) }
        try (form06?.keys ?? []).withUnsafeBytes { try out.section($0) }
        try (form06?.counts ?? []).withUnsafeBytes { try out.section($0) }
        let portal = state.portalTotals
        try [UInt8(portal == nil ? 0 : 1)].withUnsafeBytes { try out.section($0) }
        try (portal?.feeProcedures.map { $0 ? UInt8(1) : 0 } ?? []).withUnsafeBytes { try out.section($0) }
        try (portal?.supplementedKeys ?? []).withUnsafeBytes { try out.section($0) }
        try (portal?.supplementedCounts ?? []).withUnsafeBytes { try out.section($0) }
        try (portal?.obligationKeys ?? []).withUnsafeBytes { try out.section($0) }
        try (portal?.obligationCounts ?? []).withUnsafeBytes { try out.section($0) }
    }

    /// The base: magic line, then sections of [length][padding][bytes][checksum]. The record
    /// array (the bulk of a five-million-dossier store) is streamed, never copied into a second
    /// buffer.
    static func encodeBase(_ state: StoreState, id: String, into out: SectionEmitter) throws {
        try magic.withUnsafeBytes { try out.raw($0) }
        // The id first, alone: the next run reads it to know whether its delta still fits.
        try Array(id.utf8).withUnsafeBytes { try out.section($0) }
        try header(Meta(state, baseCount: nil), out)
        let ledger = state.ledger
        try ledger.ids.bytes.withUnsafeBytes { try out.section($0) }
        try ledger.ids.ends.withUnsafeBytes { try out.section($0) }
        try smallTables(state, out)
        try ledger.records.withUnsafeBytes { try out.section($0) }
        try ledger.ids.slots.withUnsafeBytes { try out.section($0) }
    }

    static func encodeDelta(_ state: StoreState, base: StoreBase, replaced: [Int32], into out: SectionEmitter) throws {
        try deltaMagic.withUnsafeBytes { try out.raw($0) }
        try Array(base.id.utf8).withUnsafeBytes { try out.section($0) }
        try header(Meta(state, baseCount: base.count), out)
        let ledger = state.ledger
        try replaced.withUnsafeBytes { try out.section($0) }
        try replaced.map { ledger.records[Int($0)] }.withUnsafeBytes { try out.section($0) }
        let idStart = base.count == 0 ? 0 : ledger.ids.ends[base.count - 1]
        try ledger.ids.bytes.withUnsafeBytes { try out.section(UnsafeRawBufferPointer(rebasing: $0[idStart...])) }
        try ledger.ids.ends[base.count...].map { $0 - idStart }.withUnsafeBytes { try out.section($0) }
        try smallTables(state, out)
        try ledger.records.withUnsafeBytes { all in
            let stride = MemoryLayout<DossierRecord>.stride
            try out.section(UnsafeRawBufferPointer(rebasing: all[(base.count * stride)...]))
        }
    }

    // MARK: - Reading

    /// Reads the store at `path` with its delta; an absent file is an empty store (the first run).
    public static func read(from path: String) throws(StoreError) -> StoreState {
        guard FileManager.default.fileExists(atPath: path) else { return StoreState() }
        let delta = deltaPath(of: path)
        guard FileManager.default.fileExists(atPath: delta) else { return try readBase(path) }
        // The delta holds the totals as they are now: the base's are not rebuilt, unless the
        // delta turns out to belong to another base (a crash between writing a base and
        // removing the old delta), when the base is read again whole.
        var state = try readBase(path, totals: false)
        guard try applyDelta(at: delta, to: &state) else { return try readBase(path) }
        return state
    }

    /// The id in a base file's header (one small read).
    static func baseID(at path: String) throws(StoreError) -> String? {
        var reader = try SectionFileReader(path: path, magic: magic, magicPrefix: magicPrefix)
        return try reader.fileID()
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> StoreState {
        let temporary = (NSTemporaryDirectory() as NSString).appendingPathComponent("motcua-decode-\(UUID().uuidString)")
        defer { unlink(temporary) }
        guard (try? AtomicFileWriter.write(bytes, to: temporary)) != nil else { throw StoreError.unreadable(path: temporary) }
        return try readBase(temporary, displayPath: path)
    }

    static func readBase(_ path: String, displayPath: String? = nil, totals: Bool = true) throws(StoreError) -> StoreState {
        var reader = try SectionFileReader(path: path, magic: magic, magicPrefix: magicPrefix, displayPath: displayPath)
        let id = try reader.fileID()
        let meta = try reader.meta()
        let idBytesAt = try reader.locate()
        let endsAt = try reader.locate()
        var state = StoreState(inputs: meta.inputs, totalAccepted: meta.totalAccepted, totalSuperseded: meta.totalSuperseded)
        let (procedures, agencies) = try reader.smallTables(meta, into: &state, totals: totals)
        let recordsAt = try reader.locate()
        let slotsAt = try reader.locate()
        try reader.finish()
        // The four big tables (hundreds of megabytes for millions of dossiers) are read on two
        // threads: copying from the page cache and faulting in fresh pages was a third of a
        // nightly run. Room to grow: a nightly run appends a few thousand dossiers without
        // copying millions.
        let sections = reader
        let records: ColumnBuffer<DossierRecord>
        let (idBytes, ends, slots): (ColumnBuffer<UInt8>, ColumnBuffer<Int>, ColumnBuffer<UInt64>)
        do {
            (records, (idBytes, ends, slots)) = try WorkScope.both(
                { () throws -> ColumnBuffer<DossierRecord> in try sections.column(at: recordsAt, headroom: true) },
                {
                    (
                        try sections.column(at: idBytesAt, headroom: true), try sections.column(at: endsAt, headroom: true),
                        try sections.column(at: slotsAt, scattered: true)
                    )
                })
        } catch {
            throw (error as? StoreError) ?? reader.corrupt("unreadable tables")
        }
        var previous = 0
        for end in ends {
            guard end >= previous, end <= idBytes.count else { throw reader.corrupt("bad id table") }
            previous = end
        }
        guard records.count == ends.count else { throw reader.corrupt("record count does not match the ids") }
        try reader.checkCodes(records, procedures: procedures, agencies: agencies)
        let ids = DossierIDColumn(bytes: idBytes, ends: ends, slots: slots) ?? DossierIDColumn(bytes: idBytes, ends: ends)
        state.ledger = DossierLedger(ids: ids, records: records, procedures: procedures, agencies: agencies)
        state.runs = meta.runs
        state.snapshotID = meta.snapshotID
        state.publishedDatabase = meta.databaseFingerprint
        state.base = id.map { StoreBase(id: $0, count: records.count, replaced: []) }
        return state
    }

    /// Applies the delta at `path`; false (and `state` untouched) when it belongs to another base.
    @discardableResult
    static func applyDelta(at path: String, to state: inout StoreState) throws(StoreError) -> Bool {
        var reader = try SectionFileReader(path: path, magic: deltaMagic, magicPrefix: deltaMagicPrefix)
        // A delta of another base: a crash came between writing a new base and removing it.
        guard let base = state.base, try reader.fileID() == base.id else { return false }
        let meta = try reader.meta()
        guard meta.baseCount == base.count else { throw reader.corrupt("it does not match its base") }
        let replaced: [Int32] = try reader.array()
        let replacedRecords: [DossierRecord] = try reader.array()
        let idBytes: [UInt8] = try reader.array()
        let ends: [Int] = try reader.array()
        // The next state, without the ledger: a second reference to its tables would make the
        // first write below copy hundreds of megabytes.
        var next = StoreState(inputs: meta.inputs, totalAccepted: meta.totalAccepted, totalSuperseded: meta.totalSuperseded)
        let (procedures, agencies) = try reader.smallTables(meta, into: &next)
        let added: [DossierRecord] = try reader.array()
        try reader.finish()
        guard replaced.count == replacedRecords.count, added.count == ends.count,
            zip(replaced, replaced.dropFirst()).allSatisfy({ $0 < $1 }),
            replaced.allSatisfy({ $0 >= 0 && Int($0) < base.count })
        else { throw reader.corrupt("its tables do not match") }
        try reader.checkCodes(replacedRecords[...], procedures: procedures, agencies: agencies)
        try reader.checkCodes(added[...], procedures: procedures, agencies: agencies)
        var previous = 0
        for end in ends {
            guard end >= previous, end <= idBytes.count else { throw reader.corrupt("bad id table") }
            previous = end
        }
        var ids = state.ledger.ids
        var records = state.ledger.records
        state.ledger = DossierLedger()
        for (k, position) in replaced.enumerated() { records[Int(position)] = replacedRecords[k] }
        idBytes.withUnsafeBytes { all in
            var start = 0
            for end in ends {
                _ = ids.append(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
        added.withUnsafeBufferPointer { records.append(contentsOf: $0) }
        guard ids.count == records.count else { throw reader.corrupt("record count does not match the ids") }
        next.ledger = DossierLedger(ids: ids, records: records, procedures: procedures, agencies: agencies)
        next.runs = meta.runs
        next.snapshotID = meta.snapshotID
        next.publishedDatabase = meta.databaseFingerprint
        next.base = StoreBase(id: base.id, count: base.count, replaced: replaced)
        state = next
        return true
    }
}
