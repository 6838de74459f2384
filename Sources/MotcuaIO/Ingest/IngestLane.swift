import Foundation
import MotcuaCore

/// One core's share of a block of an export: it parses and stages records on its own thread
/// into plain arrays, which the ingester then merges into the ledger in file order.
///
/// Parsing, unquoting, date parsing and value look-ups are most of ingest's per-row cost and
/// need no shared state, so they run on both cores; only the merge (one hash look-up per row)
/// stays sequential. Measured in docs/performance.md ("parallel ingest").
final class IngestLane: @unchecked Sendable {
    struct Reject {
        var line: Int
        var rejection: Rejection
        var raw: [UInt8]
    }

    /// Distinguishes the lanes of one file (names are owned per lane and interner key).
    let id: Int
    var stager: DossierStager
    /// This lane's interner keys mapped to ledger indexes; used by the merge only.
    var maps = InternedCodeMaps()
    let binding: [Int?]
    let expectedFieldCount: Int
    let path: String
    let delimiter: UInt8
    let lineTerminator: UInt8

    // Output of the last `parse`, consumed by the merge.
    var rows: [StagedRow] = []
    var idBytes: [UInt8] = []
    var idEnds: [Int] = []
    /// Each staged id's hash (`ByteHash`), made here on the lane's core so the sequential merge
    /// does not hash (it hashed twice: to look up, then to insert).
    var idHashes: [UInt64] = []
    var rejects: [Reject] = []
    var read = 0
    var unreadablePaidOnline = 0
    var bytes = 0
    /// Where parsing stopped in the region, the line there, and a record cut by the region's end.
    var endOffset = 0
    var endLine = 0
    var incompleteStart: Int?
    var error: (any Error)?
    /// Line (as the lane counts it) and sample of the first bytes that are not UTF-8, if any.
    var invalidText: (line: Int, guess: String?)?
    /// Reads JSON records for `stageJSON`; made on first use.
    var jsonScanner: DossierJSONScanner?

    deinit { jsonScanner?.release() }

    init(
        id: Int, profile: ColumnProfile, binding: [Int?], expectedFieldCount: Int, path: String, delimiter: UInt8,
        lineTerminator: UInt8
    ) {
        self.lineTerminator = lineTerminator
        self.id = id
        stager = DossierStager(profile: profile)
        self.binding = binding
        self.expectedFieldCount = expectedFieldCount
        self.path = path
        self.delimiter = delimiter
    }

    func reset() {
        rows.removeAll(keepingCapacity: true)
        idBytes.removeAll(keepingCapacity: true)
        idEnds.removeAll(keepingCapacity: true)
        idHashes.removeAll(keepingCapacity: true)
        rejects.removeAll(keepingCapacity: true)
        read = 0
        unreadablePaidOnline = 0
        bytes = 0
        incompleteStart = nil
        error = nil
        invalidText = nil
    }

    /// Parses and stages the records of `region` that start before `stopOffset`.
    /// - Complexity: O(region size).
    func parse(region: UnsafeRawBufferPointer, firstLine: Int, regionIsFileEnd: Bool, stopOffset: Int = .max) {
        reset()
        // The whole region must be UTF-8, every column: a legacy byte deep in a file means the
        // file is in a legacy encoding, whatever column it shows in first.
        let checked = UnsafeRawBufferPointer(rebasing: region[0..<min(stopOffset, region.count)])
        if let bad = TextEncodingSniffer.firstInvalidUTF8Offset(checked, complete: regionIsFileEnd || stopOffset < region.count) {
            var line = firstLine
            for b in checked[0..<bad] where b == lineTerminator { line += 1 }
            let window = UnsafeRawBufferPointer(rebasing: checked[max(0, bad - 4096)..<min(checked.count, bad + 4096)])
            invalidText = (line, TextEncodingSniffer.guessLegacy(window))
            return
        }
        let reader = CSVReader(
            region: region, path: path, delimiter: delimiter, firstLine: firstLine, regionIsFileEnd: regionIsFileEnd,
            lineTerminator: lineTerminator)
        reader.stopOffset = stopOffset
        let fields = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: DossierColumn.allCases.count)
        defer { fields.deallocate() }
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        fields.initialize(repeating: empty)
        let paidColumn = binding[DossierColumn.paidOnline.rawValue]
        // Locals, not the class's properties, in the loop: no exclusivity check per append.
        var rows = self.rows
        var idBytes = self.idBytes
        var idEnds = self.idEnds
        var rejects = self.rejects
        var stager = self.stager
        var read = 0
        var unreadablePaidOnline = 0
        self.rows = []
        self.idBytes = []
        self.idEnds = []
        self.rejects = []
        let binding = self.binding
        let expectedFieldCount = self.expectedFieldCount
        defer {
            self.rows = rows
            self.idBytes = idBytes
            self.idEnds = idEnds
            self.rejects = rejects
            self.stager = stager
            self.read = read
            self.unreadablePaidOnline = unreadablePaidOnline
        }
        do {
            while try reader.next() {
                for (k, index) in binding.enumerated() {
                    fields[k] = index.map { reader.field($0) } ?? empty
                }
                read += 1
                switch stager.stageRow(
                    fields: UnsafeBufferPointer(fields), fieldCount: reader.fieldCount, expectedFieldCount: expectedFieldCount)
                {
                case .success(let row):
                    let id = TextFolding.trim(fields[DossierColumn.dossierID.rawValue])
                    let idIsNFC = TextFolding.isSurelyNFC(id)
                    // Text we keep must be UTF-8: a legacy byte deep in a file stops the run
                    // rather than be published as mojibake (the region was checked above; the
                    // id is checked again where it is not plain NFC, before normalising it).
                    if !idIsNFC && !TextEncodingSniffer.isValidUTF8(id) {
                        let raw = reader.rawRecord
                        throw CSVError.notUTF8(path: path, line: reader.recordLine, guess: TextEncodingSniffer.guessLegacy(raw))
                    }
                    if row.paidOnline == 0, let k = paidColumn, !TextFolding.trim(reader.field(k)).isEmpty {
                        unreadablePaidOnline += 1
                    }
                    Self.append(id: id, isNFC: idIsNFC, to: &idBytes, ends: &idEnds)
                    rows.append(row)
                case .failure(let rejection):
                    rejects.append(Reject(line: reader.recordLine, rejection: rejection, raw: Array(reader.rawRecord)))
                }
            }
        } catch {
            self.error = error
        }
        hashIDs(idBytes: idBytes, idEnds: idEnds)
        endOffset = reader.offset
        endLine = reader.nextLineNumber
        incompleteStart = reader.incompleteRecordStart
        bytes = reader.bytesConsumed
    }

    /// Hashes the staged ids into `idHashes`.
    func hashIDs(idBytes: [UInt8], idEnds: [Int]) {
        idHashes.removeAll(keepingCapacity: true)
        idHashes.reserveCapacity(idEnds.count)
        idBytes.withUnsafeBytes { all in
            var start = 0
            for end in idEnds {
                idHashes.append(DossierIDColumn.hash(UnsafeRawBufferPointer(rebasing: all[start..<end])))
                start = end
            }
        }
    }

    /// Appends a staged row's id, in NFC.
    @inline(__always)
    static func append(id: UnsafeRawBufferPointer, isNFC: Bool, to idBytes: inout [UInt8], ends idEnds: inout [Int]) {
        if isNFC {
            idBytes.append(contentsOf: id)
        } else {
            idBytes.append(contentsOf: TextFolding.normalized(utf8: id).utf8)
        }
        idEnds.append(idBytes.count)
    }
}
