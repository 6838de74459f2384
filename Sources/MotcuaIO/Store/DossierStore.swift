import Foundation
public import MotcuaCore

/// The durable state between runs and stages: the kept dossiers, the exports already ingested
/// and the running totals of the accounting invariant.
///
/// A compact binary file, not a database: the kept dossiers are written as the raw 48-byte
/// `DossierRecord` array plus length-prefixed string tables, so five million dossiers load in a
/// fraction of a second with one read and no parsing (issue 6's budget for nightly runs). A
/// SHA-256 trailer detects a torn or bit-flipped file. Byte order is the machine's (little-endian
/// on every platform Swift on Linux supports).
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

public enum DossierStore {
    /// "MOTCUA-STORE", a NUL, the format version, a line feed. Version 3: every section carries
    /// its own 64-bit checksum (version 2 had one SHA-256 over the whole file); version 4 adds the
    /// id index.
    static let magicPrefix = Array("MOTCUA-STORE\u{0}".utf8)
    static let formatVersion = "v4"
    static let magic = magicPrefix + Array("\(formatVersion)\n".utf8)
    public static let fileName = "dossiers.store"

    struct Meta: Codable {
        var inputs: [IngestedInput]
        var totalAccepted: Int
        var totalSuperseded: Int
        var recordStride: Int
        var runs: [RunRecord]
        var snapshotID: String?
    }

    // MARK: - Writing

    /// Serialises the state into memory (tests and small stores).
    public static func encode(_ state: StoreState) throws -> [UInt8] {
        var out: [UInt8] = []
        try encode(state) { out.append(contentsOf: $0) }
        return out
    }

    /// Writes the state atomically, streaming its sections to disk: the record array (the bulk
    /// of a five-million-dossier store) is never copied into a second buffer.
    public static func write(_ state: StoreState, to path: String) throws {
        let writer = try AtomicFileWriter(path: path)
        try encode(state) { try writer.write($0) }
        try writer.commit()
    }

    /// Emits the store: the magic line, then sections of [length][bytes][checksum].
    static func encode(_ state: StoreState, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        try magic.withUnsafeBytes(emit)
        func section(_ bytes: UnsafeRawBufferPointer) throws {
            var length = UInt64(bytes.count).littleEndian
            try withUnsafeBytes(of: &length, emit)
            try emit(bytes)
            var sum = Checksum64.of(bytes).littleEndian
            try withUnsafeBytes(of: &sum, emit)
        }
        func strings(_ list: [String]) throws {
            var lengths: [UInt32] = []
            lengths.reserveCapacity(list.count)
            var blob: [UInt8] = []
            for s in list {
                lengths.append(UInt32(s.utf8.count))
                blob.append(contentsOf: s.utf8)
            }
            try lengths.withUnsafeBytes(section)
            try blob.withUnsafeBytes(section)
        }
        let meta = Meta(
            inputs: state.inputs, totalAccepted: state.totalAccepted, totalSuperseded: state.totalSuperseded,
            recordStride: MemoryLayout<DossierRecord>.stride, runs: state.runs, snapshotID: state.snapshotID)
        try Array(try JSONEncoder().encode(meta)).withUnsafeBytes(section)
        let ledger = state.ledger
        try ledger.ids.bytes.withUnsafeBytes(section)
        try ledger.ids.ends.withUnsafeBytes(section)
        try strings(ledger.procedures.codes)
        try strings(ledger.procedures.labels)
        try strings(ledger.agencies.codes)
        try strings(ledger.agencies.labels)
        try ledger.records.withUnsafeBytes(section)
        try ledger.ids.slots.withUnsafeBytes(section)
    }

    // MARK: - Reading

    /// Reads the store at `path`; an absent file is an empty store (the first run).
    public static func read(from path: String) throws(StoreError) -> StoreState {
        guard FileManager.default.fileExists(atPath: path) else { return StoreState() }
        let bytes: [UInt8]
        do {
            bytes = try readWholeFile(path)
        } catch {
            throw StoreError.unreadable(path: path)
        }
        return try decode(bytes, path: path)
    }

    /// One read into one buffer: no `Data`, no second copy.
    static func readWholeFile(_ path: String) throws -> [UInt8] {
        let file = try ReadableFile(path: path)
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        var bytes = [UInt8](repeating: 0, count: size ?? 0)
        var filled = 0
        try bytes.withUnsafeMutableBytes { buffer in
            while filled < buffer.count {
                let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if n == 0 { break }
                filled += n
            }
        }
        if filled < bytes.count { bytes.removeLast(bytes.count - filled) }
        return bytes
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> StoreState {
        guard bytes.count >= magic.count, Array(bytes.prefix(magicPrefix.count)) == magicPrefix else {
            throw StoreError.corrupt(path: path, detail: "not a motcua store")
        }
        guard Array(bytes.prefix(magic.count)) == magic else {
            throw StoreError.corrupt(path: path, detail: "written by another version of motcua (this one reads \(formatVersion))")
        }
        let result = bytes.withUnsafeBytes { all -> Result<StoreState, StoreError> in
            Result { () throws(StoreError) -> StoreState in try decodeSections(all, path: path) }
        }
        return try result.get()
    }

    static func decodeSections(_ all: UnsafeRawBufferPointer, path: String) throws(StoreError) -> StoreState {
        do {
            var reader = SectionReader(bytes: all, offset: magic.count, path: path)
            let meta: Meta
            do {
                meta = try JSONDecoder().decode(Meta.self, from: Data(try reader.section()))
            } catch let error as StoreError {
                throw error
            } catch {
                throw StoreError.corrupt(path: path, detail: "unreadable header")
            }
            guard meta.recordStride == MemoryLayout<DossierRecord>.stride else {
                throw StoreError.corrupt(path: path, detail: "written by an incompatible version")
            }
            let idBytes = Array(try reader.section())
            let ends: [Int] = try reader.array(of: Int.self)
            var previous = 0
            for end in ends {
                guard end >= previous, end <= idBytes.count else { throw StoreError.corrupt(path: path, detail: "bad id table") }
                previous = end
            }
            let procedures = CodeDictionary(codes: try reader.strings(), labels: try reader.strings())
            let agencies = CodeDictionary(codes: try reader.strings(), labels: try reader.strings())
            let records: [DossierRecord] = try reader.array(of: DossierRecord.self)
            guard records.count == ends.count, procedures.codes.count == procedures.labels.count,
                agencies.codes.count == agencies.labels.count
            else {
                throw StoreError.corrupt(path: path, detail: "record count does not match the ids")
            }
            for r in records where Int(r.procedure) >= procedures.count || Int(r.agency) >= agencies.count {
                throw StoreError.corrupt(path: path, detail: "a record points outside the code tables")
            }
            let slots: [UInt64] = try reader.array(of: UInt64.self)
            guard reader.offset == all.count else { throw StoreError.corrupt(path: path, detail: "trailing bytes") }
            let ids = DossierIDColumn(bytes: idBytes, ends: ends, slots: slots) ?? DossierIDColumn(bytes: idBytes, ends: ends)
            var state = StoreState(
                ledger: DossierLedger(ids: ids, records: records, procedures: procedures, agencies: agencies),
                inputs: meta.inputs, totalAccepted: meta.totalAccepted, totalSuperseded: meta.totalSuperseded)
            state.runs = meta.runs
            state.snapshotID = meta.snapshotID
            return state
        }
    }

    // MARK: - Sections

    struct SectionReader {
        let bytes: UnsafeRawBufferPointer
        var offset: Int
        let path: String

        mutating func integer() throws(StoreError) -> Int {
            guard offset + 8 <= bytes.count else { throw StoreError.corrupt(path: path, detail: "truncated") }
            let value = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
            guard value <= UInt64(bytes.count) else { throw StoreError.corrupt(path: path, detail: "bad length") }
            return Int(value)
        }

        /// The next section's bytes, checked against its checksum.
        mutating func section() throws(StoreError) -> UnsafeRawBufferPointer {
            let n = try integer()
            guard offset + n + 8 <= bytes.count else { throw StoreError.corrupt(path: path, detail: "truncated") }
            let body = UnsafeRawBufferPointer(rebasing: bytes[offset..<(offset + n)])
            offset += n
            let sum = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            offset += 8
            guard Checksum64.of(body) == sum else {
                throw StoreError.corrupt(path: path, detail: "its checksum does not match (torn or damaged file)")
            }
            return body
        }

        mutating func array<T: BitwiseCopyable>(of type: T.Type) throws(StoreError) -> [T] {
            let raw = try section()
            let stride = MemoryLayout<T>.stride
            guard raw.count % stride == 0 else { throw StoreError.corrupt(path: path, detail: "bad table size") }
            let count = raw.count / stride
            return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: raw)
                initialized = count
            }
        }

        mutating func strings() throws(StoreError) -> [String] {
            let lengths: [UInt32] = try array(of: UInt32.self)
            let blob = try section()
            var result: [String] = []
            result.reserveCapacity(lengths.count)
            var at = 0
            for n in lengths {
                let e = at + Int(n)
                guard e <= blob.count else { throw StoreError.corrupt(path: path, detail: "truncated") }
                result.append(String(decoding: UnsafeRawBufferPointer(rebasing: blob[at..<e]), as: UTF8.self))
                at = e
            }
            return result
        }
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
