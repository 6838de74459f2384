import MotcuaCore

/// A JSON export opened for reading: its decompressed stream and the bytes already read from it
/// to tell JSON from CSV.
struct JSONExport {
    var head: [UInt8]
    var source: any ByteSource

    /// The export as JSON when its content (after a BOM and white space) starts with `[` or `{`,
    /// else `nil`: a profile that reads JSON reads any other file as CSV with the same names.
    static func open(path: String) throws -> JSONExport? {
        let source = try openDecompressed(path: path)
        var head: [UInt8] = []
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        defer { chunk.deallocate() }
        while head.count < 1 << 16 {
            let n = try source.read(into: chunk)
            if n == 0 { break }
            head.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
            var k = head.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
            while k < head.count, head[k] == 0x20 || head[k] == 0x0A || head[k] == 0x0D || head[k] == 0x09 { k += 1 }
            if k < head.count {
                return head[k] == UInt8(ascii: "[") || head[k] == UInt8(ascii: "{") ? JSONExport(head: head, source: source) : nil
            }
        }
        return nil
    }
}

extension ExportIngester {
    /// Reads a JSON export: blocks are split into records on this thread (a light pass), then
    /// two lanes scan and stage the two halves of the block's records while the previous
    /// block's rows are merged, as for CSV. Rows merge in file order (CONTRACT.md section 1.5).
    /// - Complexity: O(file size).
    func ingestJSON(_ export: JSONExport, displayPath: String, profile: ColumnProfile) throws {
        let lanes = (0..<4).map { k in
            IngestLane(
                id: k, profile: profile, binding: [], expectedFieldCount: DossierColumn.allCases.count, path: displayPath,
                delimiter: 0, lineTerminator: 0x0A)
        }
        resetNameOwners()
        var splitter = JSONRecordSplitter(path: displayPath)
        // JSON is refused by its own scanner, NUL bytes included.
        var blocks = BlockReader(
            source: export.source, pending: export.head, line: 1, atEnd: false, path: displayPath, blockSize: blockSize,
            refusesNUL: false)
        var spans: [JSONRecordSplitter.Span] = []
        var waiting: [(lane: IngestLane, lineOffset: Int)] = []
        var set = 0
        while let block = try blocks.next() {
            spans.removeAll(keepingCapacity: true)
            let atEnd = blocks.atEnd
            let (consumed, nextLine) = try block.withUnsafeBytes { region in
                try splitter.split(region, firstLine: blocks.line, atEnd: atEnd, into: &spans)
            }
            let first = lanes[2 * set]
            let second = lanes[2 * set + 1]
            let parallel = self.parallel
            let half = parallel && block.count >= minimumParallelBytes ? spans.count / 2 : spans.count
            let merger = MergeTask(ingester: self, parts: waiting)
            block.withUnsafeBytes { region in
                let shared = SharedRegion(bytes: region)
                let work = spans
                _ = WorkScope.parallel(count: parallel ? 3 : 1) { k in
                    switch k {
                    case 0:
                        if !parallel { merger.run() }
                        first.stageJSON(work[0..<half], in: shared.bytes)
                        if !parallel { second.stageJSON(work[half...], in: shared.bytes) }
                    case 1: second.stageJSON(work[half...], in: shared.bytes)
                    default: merger.run()
                    }
                }
            }
            try merger.rethrow()
            first.bytes = consumed
            waiting = [(first, 0), (second, 0)]
            set = 1 - set
            onProgress?(counts.bytes, counts.read)
            do {
                guard try blocks.carry(block, from: consumed, nextLine: nextLine) else { break }
            } catch CSVError.recordTooLarge(_, let line, let limit) {
                throw JSONError.recordTooLarge(path: displayPath, line: line, limit: limit)
            }
        }
        for part in waiting { try merge(part.lane, lineOffset: part.lineOffset) }
    }
}
