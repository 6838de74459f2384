import Dispatch
import Foundation
public import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// The durable state between runs and stages: the kept dossiers, the exports already ingested
/// and the running totals of the accounting invariant.
///
/// A compact binary file, not a database: the kept dossiers are written as the raw 48-byte
/// `DossierRecord` array plus length-prefixed string tables, so five million dossiers load in a
/// fraction of a second with no parsing (issue 6's budget for nightly runs). Each section
/// carries a 64-bit checksum that detects a torn or bit-flipped file. Byte order is the
/// machine's (little-endian on every platform Swift on Linux supports).
public struct StoreState: Sendable {
    public var ledger: DossierLedger
    public var inputs: [IngestedInput]
    /// Records accepted over every run so far; equals kept + superseded (CONTRACT.md 1.4).
    public var totalAccepted: Int
    public var totalSuperseded: Int
    /// Every successful run so far, oldest first.
    public var runs: [RunRecord] = []
    /// The snapshot this state was published as; the next run links unchanged partitions from it.
    public var snapshotID: String?
    /// The monthly counters of exactly these dossiers, when the run that saved them computed
    /// figures; the next run updates them by difference instead of counting everything again.
    public var monthlyTotals: MonthlyTotals?
    /// The store file this state was read from, so the next write can add a delta to it.
    public var base: StoreBase?
    /// The summary database published with this state; the next run may patch it only while
    /// its bytes match.
    public var publishedDatabase: DatabaseFingerprint?

    public init(
        ledger: DossierLedger = DossierLedger(), inputs: [IngestedInput] = [], totalAccepted: Int = 0,
        totalSuperseded: Int = 0
    ) {
        self.ledger = ledger
        self.inputs = inputs
        self.totalAccepted = totalAccepted
        self.totalSuperseded = totalSuperseded
    }
}

/// Identifies a written store file and what its delta file changed in it.
public struct StoreBase: Sendable, Equatable {
    /// Random, written in the file's header; a delta names the base it applies to.
    public var id: String
    /// Dossiers in the base file.
    public var count: Int
    /// Base positions the delta file replaced, ascending.
    public var replaced: [Int32]
}

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
    /// id index; version 5 adds the base id, the monthly totals and the delta file.
    static let magicPrefix = Array("MOTCUA-STORE\u{0}".utf8)
    static let deltaMagicPrefix = Array("MOTCUA-DELTA\u{0}".utf8)
    static let formatVersion = "v5"
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
        if let base = state.base, base.count > 0, (try? baseID(at: path)) == base.id {
            let replaced = mergedReplacements(base: base, changes: state.ledger.changes)
            let deltaRows = replaced.count + state.ledger.count - base.count
            if deltaRows * 4 <= base.count {
                let writer = try AtomicFileWriter(path: deltaPath(of: path))
                try encodeDelta(state, base: base, replaced: replaced, into: SectionEmitter { try writer.write($0) })
                try writer.commit()
                return
            }
        }
        let writer = try AtomicFileWriter(path: path)
        try encodeBase(state, id: UUID().uuidString, into: SectionEmitter { try writer.write($0) })
        try writer.commit()
        // The old delta now names a base that is gone; removing it only saves the next read.
        unlink(deltaPath(of: path))
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
        var state = try readBase(path)
        let delta = deltaPath(of: path)
        if FileManager.default.fileExists(atPath: delta) { try applyDelta(at: delta, to: &state) }
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

    static func readBase(_ path: String, displayPath: String? = nil) throws(StoreError) -> StoreState {
        var reader = try SectionFileReader(path: path, magic: magic, magicPrefix: magicPrefix, displayPath: displayPath)
        let id = try reader.fileID()
        let meta = try reader.meta()
        let idBytesAt = try reader.locate()
        let endsAt = try reader.locate()
        var state = StoreState(inputs: meta.inputs, totalAccepted: meta.totalAccepted, totalSuperseded: meta.totalSuperseded)
        let (procedures, agencies) = try reader.smallTables(meta, into: &state)
        let recordsAt = try reader.locate()
        let slotsAt = try reader.locate()
        try reader.finish()
        // The four big tables (hundreds of megabytes for millions of dossiers) are read on two
        // threads: copying from the page cache and faulting in fresh pages was a third of a
        // nightly run. Room to grow: a nightly run appends a few thousand dossiers without
        // copying millions.
        let recordTable = ParallelResults<ColumnBuffer<DossierRecord>>(count: 1)
        let idTables = ParallelResults<(ColumnBuffer<UInt8>, ColumnBuffer<Int>, ColumnBuffer<UInt64>)>(count: 1)
        let sections = reader
        DispatchQueue.concurrentPerform(iterations: 2) { k in
            if k == 0 {
                recordTable.set(0) { try sections.column(at: recordsAt, headroom: true) }
            } else {
                idTables.set(0) {
                    (
                        try sections.column(at: idBytesAt, headroom: true), try sections.column(at: endsAt, headroom: true),
                        try sections.column(at: slotsAt)
                    )
                }
            }
        }
        let records: ColumnBuffer<DossierRecord>
        let (idBytes, ends, slots): (ColumnBuffer<UInt8>, ColumnBuffer<Int>, ColumnBuffer<UInt64>)
        do {
            records = try recordTable.values()[0]
            (idBytes, ends, slots) = try idTables.values()[0]
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

    static func applyDelta(at path: String, to state: inout StoreState) throws(StoreError) {
        var reader = try SectionFileReader(path: path, magic: deltaMagic, magicPrefix: deltaMagicPrefix)
        // A delta of another base: a crash came between writing a new base and removing it.
        guard let base = state.base, try reader.fileID() == base.id else { return }
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
    }
}

/// Emits a store file's bytes, counting them so each section starts where the reader expects.
final class SectionEmitter {
    private let emit: (UnsafeRawBufferPointer) throws -> Void
    private(set) var offset = 0

    init(_ emit: @escaping (UnsafeRawBufferPointer) throws -> Void) { self.emit = emit }

    func raw(_ bytes: UnsafeRawBufferPointer) throws {
        try emit(bytes)
        offset += bytes.count
    }

    /// [length][zero padding to the body's alignment][body][checksum].
    func section(_ bytes: UnsafeRawBufferPointer) throws {
        var length = UInt64(bytes.count).littleEndian
        try withUnsafeBytes(of: &length) { try raw($0) }
        let alignment = DossierStore.bodyAlignment(length: bytes.count)
        let padding = (alignment - offset % alignment) % alignment
        if padding > 0 { try [UInt8](repeating: 0, count: padding).withUnsafeBytes { try raw($0) } }
        try raw(bytes)
        var sum = Checksum64.of(bytes).littleEndian
        try withUnsafeBytes(of: &sum) { try raw($0) }
    }
}

/// Reads a store file section by section straight into its tables: no whole-file buffer, one
/// copy from the page cache, each section checked against its checksum.
/// Shared by the two reading threads only through its non-mutating `array(at:)`, which reads
/// with `pread` and touches no state.
struct SectionFileReader: @unchecked Sendable {
    let file: ReadableFile
    let path: String
    let size: Int
    var offset = 0

    init(path: String, magic: [UInt8], magicPrefix: [UInt8], displayPath: String? = nil) throws(StoreError) {
        self.path = displayPath ?? path
        do {
            file = try ReadableFile(path: path)
        } catch {
            throw StoreError.unreadable(path: displayPath ?? path)
        }
        size = FileStatus(path: path)?.size ?? 0
        guard size >= magic.count else { throw StoreError.corrupt(path: displayPath ?? path, detail: "not a motcua store") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: magic.count, alignment: 8)
        defer { buffer.deallocate() }
        try readExact(buffer)
        let head = Array(buffer)
        guard Array(head.prefix(magicPrefix.count)) == magicPrefix else { throw corrupt("not a motcua store") }
        // Version 4 (before monthly totals and deltas) is still read, so an upgrade keeps the store.
        let previousVersion = magicPrefix + Array("v4\n".utf8)
        guard head == magic || (magicPrefix == DossierStore.magicPrefix && head == previousVersion) else {
            throw corrupt("written by another version of motcua (this one reads v4 and \(DossierStore.formatVersion))")
        }
        version = head == magic ? 5 : 4
    }

    /// The file's format version.
    private(set) var version = 5

    func corrupt(_ detail: String) -> StoreError { StoreError.corrupt(path: path, detail: detail) }

    /// Fills `buffer` from the file at `position` (`pread`: no shared file position, so two
    /// threads can read two sections at once).
    func readExact(_ buffer: UnsafeMutableRawBufferPointer, at position: Int) throws(StoreError) {
        var filled = 0
        while filled < buffer.count {
            let n: Int
            do {
                n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: position + filled)
            } catch {
                throw StoreError.unreadable(path: path)
            }
            guard n > 0 else { throw corrupt("truncated") }
            filled += n
        }
    }

    mutating func readExact(_ buffer: UnsafeMutableRawBufferPointer) throws(StoreError) {
        try readExact(buffer, at: offset)
        offset += buffer.count
    }

    func word(at position: Int) throws(StoreError) -> UInt64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 8)
        defer { buffer.deallocate() }
        try readExact(buffer, at: position)
        return UInt64(littleEndian: buffer.load(as: UInt64.self))
    }

    /// Where a section's bytes are in the file.
    struct Location: Sendable {
        var offset: Int
        var length: Int
    }

    /// The next section's place; the reader moves past it without reading it.
    mutating func locate() throws(StoreError) -> Location {
        let length = try word(at: offset)
        guard length <= UInt64(size) else { throw corrupt("bad length") }
        let n = Int(length)
        var body = offset + 8
        if version >= 5 {
            let alignment = DossierStore.bodyAlignment(length: n)
            body = (body + alignment - 1) / alignment * alignment
        }
        guard body + n + 8 <= size else { throw corrupt("bad length") }
        offset = body + n + 8
        return Location(offset: body, length: n)
    }

    /// The section at `location` as a column, mapped from the file when it starts on a page
    /// (version 5), else read; checked against its checksum either way.
    func column<T: BitwiseCopyable>(at location: Location, headroom: Bool = false) throws(StoreError) -> ColumnBuffer<T> {
        let n = location.length
        let stride = MemoryLayout<T>.stride
        guard n % stride == 0 else { throw corrupt("bad table size") }
        let count = n / stride
        let capacity = headroom ? count + count / 8 + 1024 : Swift.max(count, 16)
        let column: ColumnBuffer<T>
        if let mapped = file.mapPrivately(offset: location.offset, length: n, reserving: capacity * stride) {
            column = ColumnBuffer(
                adopting: mapped.base.bindMemory(to: T.self, capacity: capacity), count: count, capacity: capacity,
                release: mapped.release)
        } else {
            column = try ColumnBuffer(count: count, capacity: capacity) { (buffer) throws(StoreError) in
                try readExact(buffer, at: location.offset)
            }
        }
        let sum = try word(at: location.offset + n)
        let matches = column.withUnsafeBytes { Checksum64.of($0) == sum }
        guard matches else { throw corrupt("its checksum does not match (torn or damaged file)") }
        return column
    }

    /// Asks Linux to back a large, fresh table with 2 MB pages: filling 250 MB of 4 KB pages
    /// took a page fault (and a zeroed page) every 4 KB, a fifth of a nightly run's time.
    static func preferHugePages(_ start: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
            guard let start, bytes >= 8 << 20 else { return }
            let huge = 2 << 20
            let first = (Int(bitPattern: start) + huge - 1) / huge * huge
            let last = (Int(bitPattern: start) + bytes) / huge * huge
            guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(aligned, last - first, 14)  // MADV_HUGEPAGE; a refusal only costs speed
        #endif
    }

    /// The next section as an array of `T`, checked; with `headroom`, capacity for an eighth
    /// more (a store's tables grow a little every night).
    mutating func array<T: BitwiseCopyable>(headroom: Bool = false) throws(StoreError) -> [T] {
        try array(at: try locate(), headroom: headroom)
    }

    /// The section at `location` as an array of `T`, checked against its checksum.
    func array<T: BitwiseCopyable>(at location: Location, headroom: Bool = false) throws(StoreError) -> [T] {
        let n = location.length
        let stride = MemoryLayout<T>.stride
        guard n % stride == 0 else { throw corrupt("bad table size") }
        let count = n / stride
        var failure: StoreError?
        let result = [T](unsafeUninitializedCapacity: headroom ? count + count / 8 + 1024 : count) { buffer, initialized in
            Self.preferHugePages(UnsafeMutableRawPointer(buffer.baseAddress), bytes: buffer.count * stride)
            do {
                try readExact(
                    UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(buffer.baseAddress), count: n),
                    at: location.offset)
                initialized = count
            } catch {
                failure = (error as? StoreError) ?? corrupt("truncated")
                initialized = 0
            }
        }
        if let failure { throw failure }
        let sum = try word(at: location.offset + n)
        let matches = result.withUnsafeBytes { Checksum64.of($0) == sum }
        guard matches else { throw corrupt("its checksum does not match (torn or damaged file)") }
        return result
    }

    /// The base id a version 5 file starts with (`nil` in version 4, which had none).
    mutating func fileID() throws(StoreError) -> String? {
        guard version >= 5 else { return nil }
        let bytes: [UInt8] = try array()
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func meta() throws(StoreError) -> DossierStore.Meta {
        let bytes: [UInt8] = try array()
        let decoded =
            version >= 5
            ? StoreMetaCoding.decode(bytes) : try? JSONDecoder().decode(DossierStore.Meta.self, from: Data(bytes))
        guard let meta = decoded else { throw corrupt("unreadable header") }
        guard meta.recordStride == MemoryLayout<DossierRecord>.stride else {
            throw corrupt("written by an incompatible version")
        }
        return meta
    }

    mutating func strings() throws(StoreError) -> [String] {
        let lengths: [UInt32] = try array()
        let blob: [UInt8] = try array()
        var result: [String] = []
        result.reserveCapacity(lengths.count)
        var at = 0
        for n in lengths {
            let e = at + Int(n)
            guard e <= blob.count else { throw corrupt("truncated") }
            result.append(blob.withUnsafeBufferPointer { String(decoding: $0[at..<e], as: UTF8.self) })
            at = e
        }
        return result
    }

    /// Codes, names and monthly totals, into `state`.
    mutating func smallTables(_ meta: DossierStore.Meta, into state: inout StoreState) throws(StoreError) -> (
        CodeDictionary, CodeDictionary
    ) {
        let procedureCodes = try strings()
        let procedureLabels = try strings()
        let agencyCodes = try strings()
        let agencyLabels = try strings()
        guard procedureCodes.count == procedureLabels.count, agencyCodes.count == agencyLabels.count else {
            throw corrupt("its code tables do not match")
        }
        state.monthlyTotals = nil
        guard version >= 5 else {
            return (CodeDictionary(codes: procedureCodes, labels: procedureLabels), CodeDictionary(codes: agencyCodes, labels: agencyLabels))
        }
        let levels: [UInt8] = try array()
        let keys: [UInt64] = try array()
        let counts: [Int32] = try array()
        if meta.hasMonthlyTotals == true {
            guard levels.count <= procedureCodes.count,
                let totals = MonthlyTotals(catalogLevels: levels, keys: keys, counts: counts)
            else { throw corrupt("its monthly totals do not match") }
            state.monthlyTotals = totals
        }
        return (CodeDictionary(codes: procedureCodes, labels: procedureLabels), CodeDictionary(codes: agencyCodes, labels: agencyLabels))
    }

    func checkCodes<C: Collection<DossierRecord>>(_ records: C, procedures: CodeDictionary, agencies: CodeDictionary) throws(StoreError) {
        let (p, a) = (procedures.count, agencies.count)
        for r in records where Int(r.procedure) >= p || Int(r.agency) >= a {
            throw corrupt("a record points outside the code tables")
        }
    }

    func finish() throws(StoreError) {
        guard offset == size else { throw corrupt("trailing bytes") }
    }
}

/// The store cannot be used; the run stops rather than recompute from a damaged state.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String)
    case corrupt(path: String, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read the store \(path); check its permissions"
        case .corrupt(let path, let detail):
            "the store \(path) is damaged: \(detail). Restore it from the latest snapshot "
                + "(docs/operations.md) or move it away to rebuild from all exports"
        }
    }
}

extension DossierStore.Meta {
    /// The header for `state` (its memberwise initialiser stays for the decoder).
    init(_ state: StoreState, baseCount: Int?) {
        inputs = state.inputs
        totalAccepted = state.totalAccepted
        totalSuperseded = state.totalSuperseded
        recordStride = MemoryLayout<DossierRecord>.stride
        runs = state.runs
        snapshotID = state.snapshotID
        self.baseCount = baseCount
        hasMonthlyTotals = state.monthlyTotals != nil
        databaseBytes = state.publishedDatabase?.bytes
        databaseChecksum = state.publishedDatabase?.checksum
    }
}

extension DossierStore.Meta {
    var databaseFingerprint: DatabaseFingerprint? {
        guard let databaseBytes, let databaseChecksum else { return nil }
        return DatabaseFingerprint(bytes: databaseBytes, checksum: databaseChecksum)
    }
}
