import Foundation
public import MotcuaCore
internal import CIntrinsics

/// Reads export files into a ledger: the adapter between the CSV reader (bytes) and staging
/// (Core). Rows are merged in input order, so later files and later lines win ties
/// (CONTRACT.md section 1.5).
///
/// A file is read in blocks of `blockSize` bytes. Each block is cut at the first line end after
/// the point `LaneBalance` picks (the middle, moved so that the lane that also merges the
/// previous block's rows parses less), a guess at a record boundary; two lanes parse and stage
/// the two parts at once, then the rows are merged in order. The guess is checked: the first lane must end exactly where the
/// second began, else (a quoted line break at the cut) the second half is parsed again
/// sequentially. This is DuckDB's speculative splitting made simple.
public final class ExportIngester {
    public private(set) var ledger: DossierLedger
    public private(set) var counts = IngestCounts()
    private let rejects: RejectsFile
    /// Bytes per block; both lanes work on one block at a time.
    public var blockSize = 8 << 20
    private var procedureNameOwner: [Int64] = []
    private var agencyNameOwner: [Int64] = []
    /// Lanes run in parallel only when more than one core is there.
    public var parallel = ProcessInfo.processInfo.activeProcessorCount > 1
    /// Called after each block with the bytes and records read so far (for a progress line).
    public var onProgress: ((_ bytes: Int, _ records: Int) -> Void)?
    /// Blocks smaller than this are parsed by one lane: not worth a thread hand-off.
    public var minimumParallelBytes = 1 << 16
    /// Reading motcua's own snapshot parts back: control bytes in values are data, not a sign
    /// of a binary file.
    public var readingOwnSnapshot = false
    /// For a workbook being read: its CSV lines back to worksheet rows, for rejects and errors.
    private var rowMap: WorksheetRowMap?
    /// Where blocks are cut between the lanes, from the parse and merge times measured so far.
    private var balance = LaneBalance()
    /// Tests only: the first lane's share of every block, instead of `balance`'s.
    var fixedFirstShare: Double?
    private static let twoCores = ProcessInfo.processInfo.activeProcessorCount == 2

    public init(ledger: DossierLedger, rejects: RejectsFile) {
        self.ledger = ledger
        self.rejects = rejects
        counts.keptBefore = ledger.count
        counts.keptAfter = ledger.count
    }

    /// Reads one export; a file that cannot be read as a table throws `CSVError` (or
    /// `WorkbookError` for a workbook) and nothing of it is kept by the caller (the whole run stops).
    ///
    /// A workbook (`.xlsx` by name or by its zip magic) is read as the CSV text of one of its
    /// worksheets (`WorksheetCSVSource`), so it shares the parsing, staging and rejects of CSV;
    /// its rejects name worksheet rows.
    /// - Parameters:
    ///   - displayPath: how the file is named in the rejects file.
    ///   - sheet: the worksheet of a workbook to read; `nil`: the first. Ignored for CSV.
    /// - Complexity: O(file size).
    public func ingest(path: String, displayPath: String, profile: ColumnProfile, sheet: String? = nil) throws {
        if profile.readsJSON, let json = try JSONExport.open(path: path) {
            return try ingestJSON(json, displayPath: displayPath, profile: profile)
        }
        let reader: CSVReader
        let isWorkbook = ExportFormat(path: path) == .workbook
        if isWorkbook {
            let worksheet = try WorksheetCSVSource(path: path, displayPath: displayPath, sheet: sheet, profile: profile)
            reader = try CSVReader(source: worksheet, path: displayPath, delimiter: UInt8(ascii: ","))
            rowMap = worksheet.rowMap
        } else {
            reader = try CSVReader(path: path, delimiter: profile.delimiter, refuseControlBytes: !readingOwnSnapshot)
            rowMap = nil
        }
        defer { rowMap = nil }
        let binding = try HeaderBinding.bind(
            header: reader.header, candidates: { (c: DossierColumn) in profile.headerCandidates(for: c) },
            canonicalName: \.canonicalName, path: displayPath, profileName: profile.name,
            isRequired: { profile.requiresColumn($0) })
        // Two sets of two lanes: while one set parses block k, the rows of block k-1 (held by
        // the other set) are merged, so the sequential merge overlaps the parallel parse.
        let lanes = (0..<4).map { k in
            IngestLane(
                id: k, profile: profile, binding: binding, expectedFieldCount: reader.header.count, path: displayPath,
                delimiter: reader.delimiter, lineTerminator: reader.lineTerminator)
        }
        resetNameOwners()
        var blocks = BlockReader(continuing: reader, path: displayPath, blockSize: blockSize)
        // Room for the file's rows, guessed after the first block from its bytes per row (plain
        // files only: their size is known). A wrong guess only means the tables grow as before.
        let plainSize: Int? =
            !isWorkbook && CompressionFormat(magic: (try? ReadableFile(path: path).peek(count: 4)) ?? []) == .none
            ? FileStatus(path: path)?.size : nil
        let readBefore = counts.read
        let bytesBefore = counts.bytes
        var reserved = false
        var waiting: [(lane: IngestLane, lineOffset: Int)] = []
        var set = 0
        while let block = try blocks.next() {
            let parsed = try parseBlock(
                block, lanes: [lanes[2 * set], lanes[2 * set + 1]], merging: waiting, firstLine: blocks.line,
                atEnd: blocks.atEnd, terminator: reader.lineTerminator, readingAhead: blocks)
            waiting = parsed.toMerge
            set = 1 - set
            onProgress?(counts.bytes, counts.read)
            if !reserved, let plainSize, counts.read > readBefore {
                reserved = true
                let bytesPerRow = max(1, (counts.bytes - bytesBefore) / (counts.read - readBefore))
                ledger.reserveCapacity(ledger.count + plainSize / bytesPerRow + plainSize / bytesPerRow / 10)
            }
            guard try blocks.carry(block, from: parsed.carry, nextLine: parsed.nextLine) else { break }
        }
        for part in waiting { try merge(part.lane, lineOffset: part.lineOffset) }
    }

    /// Who set each code's name last: names are the latest in file order, across lanes.
    func resetNameOwners() {
        procedureNameOwner = [Int64](repeating: -1, count: ledger.procedures.count)
        agencyNameOwner = [Int64](repeating: -1, count: ledger.agencies.count)
    }

    struct ParsedBlock {
        /// Lanes holding this block's rows, in file order, with the line offset of each.
        var toMerge: [(lane: IngestLane, lineOffset: Int)]
        /// Where an unfinished last record starts (carried into the next block), if any.
        var carry: Int?
        var nextLine: Int
    }

    /// Parses one block with two lanes while the previous block's rows (`merging`) are merged
    /// and the next block's bytes are read (`reader.readAhead`, after the merge, on its thread).
    private func parseBlock(
        _ block: BlockReader.Block, lanes: [IngestLane], merging previous: [(lane: IngestLane, lineOffset: Int)],
        firstLine: Int, atEnd: Bool, terminator: UInt8, readingAhead reader: BlockReader
    ) throws -> ParsedBlock {
        try block.withUnsafeBytes { region -> ParsedBlock in
            let mergingBytes = previous.reduce(0) { $0 + $1.lane.bytes }
            // The balance is for two cores; with more, the three jobs run at once and halves are best.
            let share =
                fixedFirstShare
                ?? (Self.twoCores ? balance.firstShare(blockBytes: region.count, mergingBytes: mergingBytes) : 0.5)
            let cut =
                parallel && region.count >= minimumParallelBytes
                ? BlockReader.cut(region, at: terminator, share: share) : region.count
            let first = lanes[0]
            let second = lanes[1]
            // The block outlives the work: WorkScope.parallel returns when every part is done.
            let shared = SharedRegion(bytes: region)
            let merger = MergeTask(ingester: self, parts: previous) { reader.readAhead() }
            defer {
                if merger.nanoseconds > 0 { balance.noteMerge(bytes: mergingBytes, nanoseconds: merger.nanoseconds) }
            }
            if cut >= region.count {
                if parallel && !previous.isEmpty {
                    _ = WorkScope.parallel(count: 2) { k in
                        if k == 0 {
                            first.parse(region: shared.bytes, firstLine: firstLine, regionIsFileEnd: atEnd)
                        } else {
                            merger.run()
                        }
                    }
                } else {
                    merger.run()
                    first.parse(region: region, firstLine: firstLine, regionIsFileEnd: atEnd)
                }
                try merger.rethrow()
                return ParsedBlock(toMerge: [(first, 0)], carry: first.incompleteStart, nextLine: first.endLine)
            }
            // Three jobs on two cores, taken in this order: the first lane's, the second's, and
            // the merge, which goes to whichever lane finishes first: the second, given less.
            let times = WorkScope.parallel(count: 3) { k -> UInt64 in
                let start = LaneBalance.now()
                switch k {
                case 0: first.parse(region: shared.bytes, firstLine: firstLine, regionIsFileEnd: false, stopOffset: cut)
                case 1:
                    second.parse(
                        region: UnsafeRawBufferPointer(rebasing: shared.bytes[cut...]), firstLine: 0, regionIsFileEnd: atEnd)
                default: merger.run()
                }
                return LaneBalance.now() - start
            }
            try merger.rethrow()
            merger.nanoseconds = times[2]
            balance.noteParse(bytes: region.count, nanoseconds: times[0] + times[1])
            if first.endOffset == cut && first.incompleteStart == nil {
                // The guess held: the second half started on a record boundary.
                return ParsedBlock(
                    toMerge: [(first, 0), (second, first.endLine)], carry: second.incompleteStart.map { $0 + cut },
                    nextLine: first.endLine + second.endLine)
            }
            // A quoted line break at the cut: lane 0's rows stand; the rest is parsed again
            // sequentially, from where lane 0 ended, by lane 1.
            let resume = first.incompleteStart ?? first.endOffset
            second.parse(
                region: UnsafeRawBufferPointer(rebasing: region[resume...]), firstLine: 0, regionIsFileEnd: atEnd)
            return ParsedBlock(
                toMerge: [(first, 0), (second, first.endLine)], carry: second.incompleteStart.map { $0 + resume },
                nextLine: first.endLine + second.endLine)
        }
    }

    /// Records that (lane, name key) now names the code at `index`; true when that changes the
    /// name, so the ledger is told only when a code's name really changes in file order.
    @inline(__always)
    static func claim(_ owners: inout [Int64], index: UInt32, lane: Int, nameKey: Int32) -> Bool {
        let owner = Int64(lane) << 32 | Int64(nameKey)
        let k = Int(index)
        if k >= owners.count { owners.append(contentsOf: repeatElement(-1, count: k + 1 - owners.count)) }
        guard owners[k] != owner else { return false }
        owners[k] = owner
        return true
    }

    /// The line a reader's line number stands for in the file: itself for CSV, the worksheet row
    /// for a workbook.
    private func sourceLine(_ line: Int) -> Int { rowMap?.row(ofLine: line) ?? line }

    /// Merges a lane's staged rows into the ledger and its rejects into the rejects file, in order.
    func merge(_ lane: IngestLane, lineOffset: Int) throws {
        if let error = lane.error { throw error }
        if let invalid = lane.invalidText {
            throw CSVError.notUTF8(path: lane.path, line: sourceLine(invalid.line + lineOffset), guess: invalid.guess)
        }
        counts.read += lane.read
        counts.bytes += lane.bytes
        counts.unreadablePaidOnline += lane.unreadablePaidOnline
        counts.accepted += lane.rows.count
        // Locals, not this class's and the lane's properties, in the loop: each access to a
        // class's stored property goes through the object again (a load and often a retain of
        // the array), and the ledger taken out of `self` stays uniquely referenced. The merge is
        // ingest's one sequential part: this took 0.96-1.09 s of ingest to 0.88-1.04 on 2M rows.
        var ledger = self.ledger
        self.ledger = DossierLedger()
        var maps = lane.maps
        var procedureNameOwner = self.procedureNameOwner
        var agencyNameOwner = self.agencyNameOwner
        var keptAfter = 0
        var superseded = 0
        defer {
            self.ledger = ledger
            lane.maps = maps
            self.procedureNameOwner = procedureNameOwner
            self.agencyNameOwner = agencyNameOwner
            counts.keptAfter += keptAfter
            counts.superseded += superseded
        }
        let stager = lane.stager
        let laneID = lane.id
        let rows = lane.rows
        let idHashes = lane.idHashes
        let idEnds = lane.idEnds
        lane.idBytes.withUnsafeBytes { idBytes in
            // Each row's id slot is asked for this many rows ahead: the table is far larger
            // than the caches, and the merge otherwise waits on it row after row.
            let ahead = 16
            for k in 0..<rows.count {
                if k + ahead < rows.count { motcua_prefetch(ledger.idSlotAddress(hash: idHashes[k + ahead])) }
                let row = rows[k]
                let procedure = maps.procedures.index(key: row.procedureKey) {
                    ledger.procedureIndex(stager.codeText(row.procedureKey), label: nil)
                }
                let agency = maps.agencies.index(key: row.agencyKey) {
                    ledger.agencyIndex(stager.codeText(row.agencyKey), label: nil)
                }
                if row.procedureNameKey >= 0,
                    Self.claim(&procedureNameOwner, index: procedure, lane: laneID, nameKey: row.procedureNameKey)
                {
                    ledger.setProcedureName(procedure, stager.nameText(row.procedureNameKey) ?? "")
                }
                if row.agencyNameKey >= 0,
                    Self.claim(&agencyNameOwner, index: agency, lane: laneID, nameKey: row.agencyNameKey)
                {
                    ledger.setAgencyName(agency, stager.nameText(row.agencyNameKey) ?? "")
                }
                let record = row.record(procedure: procedure, agency: agency)
                let id = UnsafeRawBufferPointer(rebasing: idBytes[(k == 0 ? 0 : idEnds[k - 1])..<idEnds[k]])
                switch ledger.merge(id: id, hash: idHashes[k], record: record) {
                case .added: keptAfter += 1
                case .replaced, .superseded: superseded += 1
                }
            }
        }
        for reject in lane.rejects {
            counts.rejected += 1
            counts.rejectedByReason[reject.rejection.reason, default: 0] += 1
            try reject.raw.withUnsafeBytes {
                try rejects.append(
                    source: lane.path, line: sourceLine(reject.line + lineOffset), rejection: reject.rejection, raw: $0)
            }
        }
    }
}

/// A read-only block handed to both lanes for the duration of one `concurrentPerform`.
struct SharedRegion: @unchecked Sendable {
    let bytes: UnsafeRawBufferPointer
}

/// Merges a block's lanes on a worker thread of `concurrentPerform`; the error, if any, is
/// thrown on the calling thread afterwards. Only one merge runs at a time.
final class MergeTask: @unchecked Sendable {
    private let ingester: ExportIngester
    private let parts: [(lane: IngestLane, lineOffset: Int)]
    /// Work that follows the merge on its thread (reading the next block ahead).
    private let then: () -> Void
    private var error: (any Error)?
    /// How long the merge and what follows it took, once measured (for `LaneBalance`).
    var nanoseconds: UInt64 = 0

    init(ingester: ExportIngester, parts: [(lane: IngestLane, lineOffset: Int)], then: @escaping () -> Void = {}) {
        self.ingester = ingester
        self.parts = parts
        self.then = then
    }

    func run() {
        do {
            for part in parts { try ingester.merge(part.lane, lineOffset: part.lineOffset) }
        } catch {
            self.error = error
        }
        then()
    }

    func rethrow() throws {
        if let error { throw error }
    }
}

/// A lane's procedure and agency key maps.
struct InternedCodeMaps {
    var procedures = InternedCodeMap()
    var agencies = InternedCodeMap()
}

/// Maps a stager's interner keys to ledger dictionary indexes, so the per-row cost of coding a
/// procedure or agency is an array read; the ledger's `String`-keyed dictionary is consulted
/// only when a code is new to this lane.
struct InternedCodeMap {
    private var indexes: [Int64] = []

    @inline(__always)
    mutating func index(key: Int32, resolve: () -> UInt32) -> UInt32 {
        guard key >= 0 else { return resolve() }
        let k = Int(key)
        if k >= indexes.count { indexes.append(contentsOf: repeatElement(-1, count: k + 1 - indexes.count)) }
        if indexes[k] >= 0 { return UInt32(indexes[k]) }
        let index = resolve()
        indexes[k] = Int64(index)
        return index
    }
}
