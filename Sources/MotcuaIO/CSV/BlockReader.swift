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
    /// The head of the file not yet in a block (what a header reader buffered), then the
    /// unfinished record carried from one block into the next.
    private var pending: [UInt8]
    /// The block handed out last, and the buffer the next one's fresh bytes are read into
    /// (ahead of time by `readAhead`, on another thread while the lanes parse the block).
    private let current = BlockBuffer()
    private let fresh = BlockBuffer()
    /// The stream has no more bytes: the block returned last is the file's end.
    private(set) var atEnd: Bool
    /// The line where the block returned next (or last) starts, 1-based.
    private(set) var line: Int
    /// A NUL byte anywhere in a text export means binary data or a damaged file.
    let refusesNUL: Bool

    /// Room kept before the fresh bytes for the carried record, so a block is assembled without
    /// copying its fresh bytes (a longer record is copied, rarely).
    static let room = 64 << 10

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
        fresh.streamEnded = self.atEnd
    }

    /// The rest of a file whose header `reader` has read.
    init(continuing reader: CSVReader, path: String, blockSize: Int, refusesNUL: Bool = true) {
        let (buffered, source, nextLine, eof) = reader.detachRemainder()
        self.init(
            source: source, pending: buffered, line: nextLine, atEnd: eof, path: path, blockSize: blockSize,
            refusesNUL: refusesNUL)
    }

    /// Reads the next block's fresh bytes now: call it while the lanes parse the current block
    /// (issue 16: the read, between blocks, left a core idle 13-15% of ingest). At most once
    /// between two `next` calls; `next` reads them itself when this was not called. Safe on
    /// another thread while the block from `next` is read, and only then.
    func readAhead() {
        // A second call would drop the bytes read by the first.
        guard !fresh.isFilled else { return }
        let count = min(blockSize, Self.firstBlockSize << min(fresh.fills, 20))
        fresh.fill(from: source, room: Self.room, count: count, refusesNUL: refusesNUL)
    }

    /// The first block's fresh bytes at most; each block after has twice the one before, up to
    /// `blockSize`. The first block is read before anything can be parsed, the others while the
    /// lanes parse (`readAhead`): a first block of 8 MiB, read into fresh memory, kept one core
    /// alone for 20 ms of a 1M-row run (perf timeline, issue 16).
    static let firstBlockSize = 1 << 20

    /// The next block: the carried bytes and fresh ones. `nil` when nothing is left. The block's
    /// memory is the reader's, valid until the next call.
    mutating func next() throws -> Block? {
        if !fresh.isFilled { readAhead() }
        if let error = fresh.error { throw error }
        let carried = pending.count
        let start: Int
        if carried <= Self.room {
            start = Self.room - carried
        } else {
            fresh.makeRoom(carried)
            start = 0
        }
        pending.withUnsafeBytes { fresh.write($0, at: start) }
        // The carried bytes were checked with their block, but not the head a header reader
        // buffered: looked at again, a few bytes at most.
        if refusesNUL, carried > 0, let hit = memchr(fresh.memory + start, 0, carried) {
            fresh.nulOffset = UnsafeRawPointer(hit) - UnsafeRawPointer(fresh.memory)
        }
        pending = []
        atEnd = fresh.streamEnded
        if let nul = fresh.nulOffset {
            let bytes = UnsafeRawBufferPointer(start: fresh.memory + start, count: fresh.end - start)
            try Self.refuseNUL(in: bytes, at: nul - start, path: path, firstLine: line)
        }
        fresh.isFilled = false
        let block = Block(memory: fresh.memory, start: start, end: fresh.end)
        // Swap: the block's buffer is `current` until the next call, and the old one takes the
        // next fresh bytes.
        swap(&current.memory, &fresh.memory)
        swap(&current.capacity, &fresh.capacity)
        return block.count == 0 ? nil : block
    }

    /// After the lanes parsed `block`: the bytes from `offset` (an unfinished last record, `nil`
    /// when the block ended on a record boundary) go into the next block, which starts on
    /// `nextLine`. `false` when the file is done.
    /// - Throws: `CSVError.recordTooLarge` when the carried record passes `CSVReader.maxRecordBytes`
    ///   (a quote never closed would otherwise read the whole file into one record).
    mutating func carry(_ block: Block, from offset: Int?, nextLine: Int) throws -> Bool {
        line = nextLine
        guard let offset, offset < block.count else {
            pending = []
            return !atEnd
        }
        if atEnd { return false }
        guard block.count - offset < CSVReader.maxRecordBytes else {
            throw CSVError.recordTooLarge(path: path, line: line, limit: CSVReader.maxRecordBytes)
        }
        pending = block.withUnsafeBytes { Array($0[offset...]) }
        return true
    }

    /// A block's bytes in the reader's memory, valid until its next block.
    struct Block: @unchecked Sendable {
        fileprivate let memory: UnsafeMutableRawPointer
        fileprivate let start: Int
        fileprivate let end: Int
        var count: Int { end - start }

        func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
            try body(UnsafeRawBufferPointer(start: memory + start, count: end - start))
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
    /// first 64 KiB): the run stops, naming the line of the one at `offset` in `bytes`.
    static func refuseNUL(in bytes: UnsafeRawBufferPointer, at offset: Int, path: String, firstLine: Int) throws {
        var line = firstLine
        for b in bytes[0..<offset] where b == 0x0A { line += 1 }
        throw CSVError.notText(path: path, detail: "a NUL byte on line \(line): binary data or a damaged file")
    }
}
