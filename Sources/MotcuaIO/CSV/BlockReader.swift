import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// An export read in blocks for the parallel lanes, in the manner of DuckDB's CSV
/// `buffer_manager/`: each block is the unfinished record carried from the one before plus fresh
/// bytes up to about `blockSize`; the lanes parse it and say where its last complete record ended.
///
/// Why blocks of 8 MiB: big enough that splitting a block between two lanes costs nothing
/// measurable, small enough that two sets of lanes (one parsing, one merging) stay in the cache
/// hierarchy's reach (issue 6's ingest benchmark). Shared by CSV and JSON exports.
struct BlockReader {
    let path: String
    let blockSize: Int
    private let source: (any ByteSource)?
    private var pending: [UInt8]
    /// The stream has no more bytes: the block returned last is the file's end.
    private(set) var atEnd: Bool
    /// The line where the block returned next (or last) starts, 1-based.
    private(set) var line: Int
    /// A NUL byte anywhere in a text export means binary data or a damaged file.
    let refusesNUL: Bool

    /// - Parameters:
    ///   - pending: bytes already read (what a header reader buffered past the header).
    ///   - line: the line `pending` starts on.
    init(
        source: (any ByteSource)?, pending: [UInt8], line: Int, atEnd: Bool, path: String, blockSize: Int,
        refusesNUL: Bool
    ) {
        self.source = source
        self.pending = pending
        self.line = line
        self.atEnd = atEnd || source == nil
        self.path = path
        self.blockSize = blockSize
        self.refusesNUL = refusesNUL
    }

    /// The rest of a file whose header `reader` has read.
    init(continuing reader: CSVReader, path: String, blockSize: Int, refusesNUL: Bool = true) {
        let (buffered, source, nextLine, eof) = reader.detachRemainder()
        self.init(
            source: source, pending: buffered, line: nextLine, atEnd: eof, path: path, blockSize: blockSize,
            refusesNUL: refusesNUL)
    }

    /// Fills `block` (its capacity reused) with the carried bytes and fresh ones; `false` when
    /// nothing is left.
    mutating func next(into block: inout [UInt8]) throws -> Bool {
        block.removeAll(keepingCapacity: true)
        block.append(contentsOf: pending)
        try fill(&block, upTo: max(blockSize, pending.count + blockSize / 2))
        if block.isEmpty { return false }
        if refusesNUL { try Self.refuseNUL(in: block, path: path, firstLine: line) }
        return true
    }

    /// After the lanes parsed `block`: the bytes from `offset` (an unfinished last record, `nil`
    /// when the block ended on a record boundary) go into the next block, which starts on
    /// `nextLine`. `false` when the file is done.
    /// - Throws: `CSVError.recordTooLarge` when the carried record passes `CSVReader.maxRecordBytes`
    ///   (a quote never closed would otherwise read the whole file into one record).
    mutating func carry(_ block: [UInt8], from offset: Int?, nextLine: Int) throws -> Bool {
        line = nextLine
        guard let offset, offset < block.count else {
            pending = []
            return !atEnd
        }
        if atEnd { return false }
        guard block.count - offset < CSVReader.maxRecordBytes else {
            throw CSVError.recordTooLarge(path: path, line: line, limit: CSVReader.maxRecordBytes)
        }
        pending = Array(block[offset...])
        return true
    }

    /// Appends to `block` from the stream until it holds `target` bytes or the stream ends.
    private mutating func fill(_ block: inout [UInt8], upTo target: Int) throws {
        guard let source, !atEnd else {
            atEnd = true
            return
        }
        let chunk = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 64)
        defer { chunk.deallocate() }
        while block.count < target {
            let n = try source.read(into: chunk)
            if n == 0 {
                atEnd = true
                return
            }
            block.append(contentsOf: UnsafeRawBufferPointer(rebasing: chunk[0..<n]))
        }
    }

    /// Just past the first `terminator` at or after `share` of the region (its end if none):
    /// a guess at a record boundary where a second lane may start.
    static func cut(_ region: UnsafeRawBufferPointer, at terminator: UInt8, share: Double = 0.5) -> Int {
        var i = min(region.count, Int(Double(region.count) * share))
        while i < region.count {
            if region[i] == terminator { return i + 1 }
            i += 1
        }
        return region.count
    }

    /// A NUL byte anywhere means binary data or a damaged file (the header check sees only the
    /// first 64 KiB): the run stops, naming the line. memchr runs at memory speed.
    static func refuseNUL(in block: [UInt8], path: String, firstLine: Int) throws {
        try block.withUnsafeBytes { bytes in
            guard let base = bytes.baseAddress, bytes.count > 0, let hit = memchr(base, 0, bytes.count) else { return }
            let offset = UnsafeRawPointer(hit) - base
            var line = firstLine
            for b in bytes[0..<offset] where b == 0x0A { line += 1 }
            throw CSVError.notText(path: path, detail: "a NUL byte on line \(line): binary data or a damaged file")
        }
    }
}
