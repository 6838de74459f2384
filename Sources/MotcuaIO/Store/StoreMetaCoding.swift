import Foundation

/// The store's header (exports read, run history, totals) in a compact binary form.
///
/// It was JSON until the store grew a delta: a province's five years are 1,826 exports and 1,826
/// runs, a megabyte of JSON that Foundation's decoder took 40-50 ms to read on every night, twice
/// with a delta beside the base. Length-prefixed fields read back in a few milliseconds.
enum StoreMetaCoding {
    static func encode(_ meta: DossierStore.Meta) -> [UInt8] {
        var out = ByteWriter()
        out.list(meta.inputs) { $0.input($1) }
        out.int(meta.totalAccepted)
        out.int(meta.totalSuperseded)
        out.int(meta.recordStride)
        out.list(meta.runs) { out, run in
            for text in [run.id, run.pipeline, run.startedAt, run.finishedAt, run.asOf, run.status] { out.string(text) }
            out.list(run.inputs) { $0.input($1) }
            out.list(run.skippedInputs) { $0.input($1) }
            for n in [
                run.recordsRead, run.recordsAccepted, run.recordsRejected, run.recordsSuperseded, run.dossiersKept,
                run.notReceived,
            ] {
                out.int(n)
            }
            out.list(run.rejectsByReason.sorted { $0.key < $1.key }) { out, pair in
                out.string(pair.key)
                out.int(pair.value)
            }
            out.optionalString(run.snapshotID)
        }
        out.optionalString(meta.snapshotID)
        out.int(meta.baseCount ?? -1)
        out.int(meta.hasMonthlyTotals == true ? 1 : 0)
        out.int(meta.databaseBytes ?? -1)
        out.int(Int(bitPattern: UInt(meta.databaseChecksum ?? 0)))
        out.list(meta.recordFields ?? []) { $0.string($1) }
        out.list(meta.monthlyColumns ?? []) { $0.string($1) }
        return out.bytes
    }

    /// - Parameter version: the file's format version; 5 has no names of fields and counters.
    static func decode(_ bytes: [UInt8], version: Int) -> DossierStore.Meta? {
        var r = ByteReader(bytes: bytes)
        guard let inputs = r.list({ $0.input() }), let accepted = r.int(), let superseded = r.int(),
            let stride = r.int()
        else { return nil }
        let runs: [RunRecord]? = r.list { r in
            var texts: [String] = []
            for _ in 0..<6 {
                guard let t = r.string() else { return nil }
                texts.append(t)
            }
            guard let ingested = r.list({ $0.input() }), let skipped = r.list({ $0.input() }) else { return nil }
            var numbers: [Int] = []
            // Version 6 added runs' not_received count.
            for _ in 0..<(version >= 6 ? 6 : 5) {
                guard let n = r.int() else { return nil }
                numbers.append(n)
            }
            guard let reasons: [(String, Int)] = r.list({ r in r.string().flatMap { k in r.int().map { (k, $0) } } }),
                let snapshot = r.optionalString()
            else { return nil }
            var run = RunRecord(
                id: texts[0], pipeline: texts[1], startedAt: texts[2], finishedAt: texts[3], asOf: texts[4],
                inputs: ingested, skippedInputs: skipped, counts: IngestCounts(), snapshotID: snapshot, status: texts[5])
            (run.recordsRead, run.recordsAccepted, run.recordsRejected) = (numbers[0], numbers[1], numbers[2])
            (run.recordsSuperseded, run.dossiersKept) = (numbers[3], numbers[4])
            run.notReceived = numbers.count > 5 ? numbers[5] : 0
            run.rejectsByReason = Dictionary(reasons, uniquingKeysWith: { _, last in last })
            return run
        }
        guard let runs, let snapshot = r.optionalString(), let baseCount = r.int(), let totals = r.int(),
            let databaseBytes = r.int(), let databaseChecksum = r.int()
        else { return nil }
        var recordFields: [String]?
        var monthlyColumns: [String]?
        if version >= 6 {
            recordFields = r.list { $0.string() }
            monthlyColumns = r.list { $0.string() }
            guard recordFields != nil, monthlyColumns != nil else { return nil }
        }
        guard r.atEnd else { return nil }
        var meta = DossierStore.Meta(
            inputs: inputs, totalAccepted: accepted, totalSuperseded: superseded, recordStride: stride, runs: runs,
            snapshotID: snapshot, baseCount: baseCount < 0 ? nil : baseCount, hasMonthlyTotals: totals == 1,
            databaseBytes: databaseBytes < 0 ? nil : databaseBytes,
            databaseChecksum: databaseBytes < 0 ? nil : UInt64(UInt(bitPattern: databaseChecksum)))
        meta.recordFields = recordFields
        meta.monthlyColumns = monthlyColumns
        return meta
    }
}

struct ByteWriter {
    var bytes: [UInt8] = []

    mutating func int(_ n: Int) {
        var v = Int64(n).littleEndian
        withUnsafeBytes(of: &v) { bytes.append(contentsOf: $0) }
    }

    mutating func string(_ s: String) {
        int(s.utf8.count)
        bytes.append(contentsOf: s.utf8)
    }

    mutating func optionalString(_ s: String?) {
        if let s {
            bytes.append(1)
            string(s)
        } else {
            bytes.append(0)
        }
    }

    mutating func list<T>(_ items: [T], _ each: (inout ByteWriter, T) -> Void) {
        int(items.count)
        for item in items { each(&self, item) }
    }

    mutating func input(_ i: IngestedInput) {
        string(i.path)
        int(i.bytes)
        string(i.sha256)
        string(i.runID)
        int(Int(i.modifiedMillis ?? Int64.min))
    }
}

/// Reads what `ByteWriter` wrote; every read is bounds-checked and `nil` past the end.
struct ByteReader {
    let bytes: [UInt8]
    var at = 0

    var atEnd: Bool { at == bytes.count }

    mutating func int() -> Int? {
        guard at + 8 <= bytes.count else { return nil }
        let v = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: at, as: Int64.self)) }
        at += 8
        return Int(v)
    }

    mutating func string() -> String? {
        guard let n = int(), n >= 0, n <= bytes.count - at else { return nil }
        let s = String(decoding: bytes[at..<(at + n)], as: UTF8.self)
        at += n
        return s
    }

    mutating func optionalString() -> String?? {
        guard at < bytes.count else { return nil }
        let flag = bytes[at]
        at += 1
        switch flag {
        case 0: return .some(nil)
        case 1: return string().map { .some($0) }
        default: return nil
        }
    }

    mutating func list<T>(_ each: (inout ByteReader) -> T?) -> [T]? {
        guard let n = int(), n >= 0, n <= bytes.count - at else { return nil }
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n {
            guard let item = each(&self) else { return nil }
            items.append(item)
        }
        return items
    }

    mutating func input() -> IngestedInput? {
        guard let path = string(), let size = int(), let sha = string(), let run = string(), let modified = int() else {
            return nil
        }
        var input = IngestedInput(path: path, bytes: size, sha256: sha, runID: run)
        input.modifiedMillis = modified == Int(Int64.min) ? nil : Int64(modified)
        return input
    }
}
