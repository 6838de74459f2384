import Testing
@testable import MotcuaIO

/// The blocks the ingest lanes parse: the carried record and the fresh bytes, read ahead or not,
/// in pieces of any size, with records longer than the room kept for them, and NUL bytes refused
/// with their line.
@Suite struct BlockReaderTests {
    /// Bytes handed out in short, uneven pieces, as a decompressor does.
    final class Pieces: ByteSource {
        let bytes: [UInt8]
        var offset = 0
        var calls = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            calls += 1
            let n = min(buffer.count, bytes.count - offset, 1 + (calls * 7919) % 5000)
            buffer.copyBytes(from: bytes[offset..<(offset + n)])
            offset += n
            return n
        }
    }

    /// Lines of seeded lengths, one of them longer than `BlockReader.room`.
    func text(seed: Int) -> [UInt8] {
        var out: [UInt8] = []
        for k in 0..<400 {
            let length = k == 150 ? BlockReader.room + 5000 : (k * 37 + seed * 11) % 300
            out += Array(repeating: UInt8(ascii: "a") + UInt8(k % 26), count: length) + [0x0A]
        }
        return out
    }

    /// Reads every block, carrying what follows its last line end, as the lanes do; returns the
    /// bytes consumed in order and the lines the blocks said they start on.
    func consume(_ bytes: [UInt8], head: Int, blockSize: Int, readAhead: Bool) throws -> ([UInt8], [Int]) {
        var reader = BlockReader(
            source: Pieces(Array(bytes[head...])), pending: Array(bytes[..<head]), line: 1, atEnd: false, path: "t",
            blockSize: blockSize, refusesNUL: true)
        var consumed: [UInt8] = []
        var lines: [Int] = []
        while let block = try reader.next() {
            lines.append(reader.line)
            if readAhead {
                reader.readAhead()
                reader.readAhead()  // a second call must not drop the bytes of the first
            }
            let (whole, newLines) = block.withUnsafeBytes { region -> ([UInt8], Int) in
                let end = reader.atEnd ? region.count : (region.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)
                return (Array(region[..<end]), region[..<end].filter { $0 == 0x0A }.count)
            }
            consumed += whole
            guard try reader.carry(block, from: whole.count, nextLine: reader.line + newLines) else { break }
        }
        return (consumed, lines)
    }

    @Test(arguments: [(97, 0), (4096, 10), (30_000, 70_000), (1 << 20, 3)])
    func blocksHoldEveryByteInOrder(blockSize: Int, head: Int) throws {
        let bytes = text(seed: blockSize)
        let plain = try consume(bytes, head: head, blockSize: blockSize, readAhead: false)
        let ahead = try consume(bytes, head: head, blockSize: blockSize, readAhead: true)
        #expect(plain.0 == bytes)
        #expect(ahead.0 == bytes)
        #expect(plain.1 == ahead.1)
        // Each block starts on the line after the last one's last line end.
        #expect(plain.1.first == 1)
    }

    /// Blocks grow from `firstBlockSize`, doubling, up to `blockSize`; every byte still in order.
    @Test func blocksGrowFromTheFirstBlockSizeToTheBlockSize() throws {
        let first = BlockReader.firstBlockSize
        let bytes = (0..<(first * 13 + 777)).map { UInt8(truncatingIfNeeded: $0 % 251 == 0 ? 0x0A : 0x41 + $0 % 26) }
        var reader = BlockReader(
            source: Pieces(bytes), pending: [], line: 1, atEnd: false, path: "t", blockSize: first * 4, refusesNUL: true)
        var sizes: [Int] = []
        var consumed: [UInt8] = []
        while let block = try reader.next() {
            let region = block.withUnsafeBytes { Array($0) }
            sizes.append(region.count)
            consumed += region
            guard try reader.carry(block, from: nil, nextLine: 1) else { break }
        }
        #expect(consumed == bytes)
        #expect(sizes == [first, 2 * first, 4 * first, 4 * first, 2 * first + 777])
    }

    @Test(arguments: [0, 3, 100_000])
    func aNULByteIsRefusedWithItsLine(head: Int) throws {
        var bytes = text(seed: 1)
        // On line 200: 199 line ends before it.
        var lineEnds = 0
        var at = 0
        while lineEnds < 199 {
            if bytes[at] == 0x0A { lineEnds += 1 }
            at += 1
        }
        bytes[at + 1] = 0
        for readAhead in [false, true] {
            #expect(throws: CSVError.self) { _ = try consume(bytes, head: head, blockSize: 4096, readAhead: readAhead) }
            do {
                _ = try consume(bytes, head: min(head, at), blockSize: 4096, readAhead: readAhead)
            } catch let error as CSVError {
                #expect("\(error)".contains("line 200"), "\(error)")
            }
        }
    }
}
