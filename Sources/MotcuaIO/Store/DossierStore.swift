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
    /// "MOTCUA-STORE", a NUL, the format version, a line feed. Version 2: ids as one byte buffer.
    static let magicPrefix = Array("MOTCUA-STORE\u{0}".utf8)
    static let formatVersion = "v2"
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

    /// Serialises the state; the caller writes it atomically.
    public static func encode(_ state: StoreState) throws -> [UInt8] {
        var out = magic
        let meta = Meta(
            inputs: state.inputs, totalAccepted: state.totalAccepted,
            totalSuperseded: state.totalSuperseded, recordStride: MemoryLayout<DossierRecord>.stride,
            runs: state.runs, snapshotID: state.snapshotID)
        appendSection(&out, Array(try JSONEncoder().encode(meta)))
        let ledger = state.ledger
        appendSection(&out, ledger.ids.bytes)
        ledger.ids.ends.withUnsafeBytes { appendSection(&out, $0) }
        appendStrings(&out, ledger.procedures.codes)
        appendStrings(&out, ledger.procedures.labels)
        appendStrings(&out, ledger.agencies.codes)
        appendStrings(&out, ledger.agencies.labels)
        ledger.records.withUnsafeBytes { appendSection(&out, $0) }
        out.append(contentsOf: Array(SHA256.hexDigest(of: out).utf8))
        return out
    }

    public static func write(_ state: StoreState, to path: String) throws {
        try AtomicFileWriter.write(try encode(state), to: path)
    }

    // MARK: - Reading

    /// Reads the store at `path`; an absent file is an empty store (the first run).
    public static func read(from path: String) throws(StoreError) -> StoreState {
        guard FileManager.default.fileExists(atPath: path) else { return StoreState() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw StoreError.unreadable(path: path)
        }
        return try decode(Array(data), path: path)
    }

    public static func decode(_ bytes: [UInt8], path: String) throws(StoreError) -> StoreState {
        guard bytes.count >= magic.count + 64, Array(bytes.prefix(magicPrefix.count)) == magicPrefix else {
            throw StoreError.corrupt(path: path, detail: "not a motcua store")
        }
        guard Array(bytes.prefix(magic.count)) == magic else {
            throw StoreError.corrupt(path: path, detail: "written by another version of motcua (this one reads \(formatVersion))")
        }
        let body = Array(bytes[0..<(bytes.count - 64)])
        let trailer = String(decoding: bytes[(bytes.count - 64)...], as: UTF8.self)
        guard SHA256.hexDigest(of: body) == trailer else {
            throw StoreError.corrupt(path: path, detail: "its checksum does not match (torn or damaged file)")
        }
        var reader = SectionReader(bytes: body, offset: magic.count, path: path)
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
        let endBytes = try reader.section()
        guard endBytes.count % 8 == 0 else { throw StoreError.corrupt(path: path, detail: "bad id table") }
        let ends = [Int](unsafeUninitializedCapacity: endBytes.count / 8) { buffer, initialized in
            endBytes.withUnsafeBytes { UnsafeMutableRawBufferPointer(buffer).copyMemory(from: $0) }
            initialized = endBytes.count / 8
        }
        var previous = 0
        for end in ends {
            guard end >= previous, end <= idBytes.count else { throw StoreError.corrupt(path: path, detail: "bad id table") }
            previous = end
        }
        let ids = DossierIDColumn(bytes: idBytes, ends: ends)
        let procedures = CodeDictionary(codes: try reader.strings(), labels: try reader.strings())
        let agencies = CodeDictionary(codes: try reader.strings(), labels: try reader.strings())
        let raw = try reader.section()
        guard raw.count == ids.count * meta.recordStride else {
            throw StoreError.corrupt(path: path, detail: "record count does not match the ids")
        }
        let records = [DossierRecord](unsafeUninitializedCapacity: ids.count) { buffer, initialized in
            raw.withUnsafeBytes { src in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: src)
            }
            initialized = ids.count
        }
        for r in records where Int(r.procedure) >= procedures.count || Int(r.agency) >= agencies.count {
            throw StoreError.corrupt(path: path, detail: "a record points outside the code tables")
        }
        var state = StoreState(
            ledger: DossierLedger(ids: ids, records: records, procedures: procedures, agencies: agencies),
            inputs: meta.inputs, totalAccepted: meta.totalAccepted, totalSuperseded: meta.totalSuperseded)
        state.runs = meta.runs
        state.snapshotID = meta.snapshotID
        return state
    }

    // MARK: - Sections

    private static func appendSection(_ out: inout [UInt8], _ bytes: [UInt8]) {
        bytes.withUnsafeBytes { appendSection(&out, $0) }
    }

    private static func appendSection(_ out: inout [UInt8], _ bytes: UnsafeRawBufferPointer) {
        appendInteger(&out, UInt64(bytes.count))
        out.append(contentsOf: bytes)
    }

    private static func appendInteger(_ out: inout [UInt8], _ value: UInt64) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    /// Strings as a count, a table of byte lengths, then the UTF-8 bytes back to back.
    private static func appendStrings(_ out: inout [UInt8], _ strings: [String]) {
        var lengths: [UInt32] = []
        lengths.reserveCapacity(strings.count)
        var blob: [UInt8] = []
        for s in strings {
            lengths.append(UInt32(s.utf8.count))
            blob.append(contentsOf: s.utf8)
        }
        appendInteger(&out, UInt64(strings.count))
        lengths.withUnsafeBytes { out.append(contentsOf: $0) }
        appendSection(&out, blob)
    }

    struct SectionReader {
        let bytes: [UInt8]
        var offset: Int
        let path: String

        mutating func integer() throws(StoreError) -> Int {
            guard offset + 8 <= bytes.count else { throw StoreError.corrupt(path: path, detail: "truncated") }
            var v: UInt64 = 0
            withUnsafeMutableBytes(of: &v) { $0.copyBytes(from: bytes[offset..<(offset + 8)]) }
            offset += 8
            let value = UInt64(littleEndian: v)
            guard value <= UInt64(bytes.count) * 8 else { throw StoreError.corrupt(path: path, detail: "bad length") }
            return Int(value)
        }

        mutating func section() throws(StoreError) -> ArraySlice<UInt8> {
            let n = try integer()
            guard offset + n <= bytes.count else { throw StoreError.corrupt(path: path, detail: "truncated") }
            defer { offset += n }
            return bytes[offset..<(offset + n)]
        }

        mutating func strings() throws(StoreError) -> [String] {
            let count = try integer()
            guard offset + count * 4 <= bytes.count else { throw StoreError.corrupt(path: path, detail: "truncated") }
            var lengths = [UInt32](repeating: 0, count: count)
            lengths.withUnsafeMutableBytes { $0.copyBytes(from: bytes[offset..<(offset + count * 4)]) }
            offset += count * 4
            let blob = try section()
            var result: [String] = []
            result.reserveCapacity(count)
            var at = blob.startIndex
            for n in lengths {
                let e = at + Int(n)
                guard e <= blob.endIndex else { throw StoreError.corrupt(path: path, detail: "truncated") }
                result.append(String(decoding: blob[at..<e], as: UTF8.self))
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
