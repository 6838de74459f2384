import Foundation
import Testing
@testable import MotcuaIO

#if canImport(Glibc)
    import Glibc
#endif

/// Files written around the page cache hold exactly the bytes given, whatever the pieces'
/// sizes against the 4 KiB alignment and the 4 MiB buffer, and where direct writes are refused.
@Suite struct DirectWriteBufferTests {
    /// Seeded bytes in pieces of awkward sizes: 1 byte, a block's worth less one, more than
    /// the buffer, and so on.
    func pieces(seed: UInt64) -> [[UInt8]] {
        var state = seed
        return [1, 4095, 4097, 0, DirectWriteBuffer.capacity + 3, 17, DirectWriteBuffer.capacity - 4096, 12_345].map { n in
            // Eight bytes at a time: a debug build makes a closure call per byte slow.
            var piece = [UInt8](repeating: 0, count: n)
            piece.withUnsafeMutableBytes { raw in
                var k = 0
                while k < n {
                    state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                    withUnsafeBytes(of: state) { word in
                        for b in word where k < n {
                            raw[k] = b
                            k += 1
                        }
                    }
                }
            }
            return piece
        }
    }

    func contents(_ path: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
    }

    @Test(arguments: [0, 1, 2, 5, 8])
    func aFileWrittenDirectHoldsExactlyItsBytes(pieceCount: Int) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("store")
        let all = Array(pieces(seed: UInt64(pieceCount)).prefix(pieceCount))
        let writer = try AtomicFileWriter(path: path, bypassingPageCache: true)
        for (k, piece) in all.enumerated() {
            // Both ways in: arrays and raw buffers.
            if k.isMultiple(of: 2) { try writer.write(piece) } else { try piece.withUnsafeBytes { try writer.write($0) } }
        }
        try writer.commit()
        let expected = all.flatMap { $0 }
        #expect(writer.bytesWritten == expected.count)
        #expect(try contents(path) == expected)
    }

    @Test func refusedDirectWritesGoOnThroughThePageCache() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("refused")
        let opened = DirectWriteBuffer.open(path, flags: O_WRONLY | O_CREAT | O_TRUNC, permissions: 0o644)
        #expect(opened.fd >= 0)
        defer { close(opened.fd) }
        // A file offset of one byte: a direct write from there is refused (EINVAL), as on a
        // file system without direct I/O. The byte skipped reads as zero.
        #expect(lseek(opened.fd, 1, SEEK_SET) == 1)
        let buffer = try #require(DirectWriteBuffer())
        let bytes = pieces(seed: 9).flatMap { $0 }
        try bytes.withUnsafeBytes { try buffer.append($0, to: opened.fd, path: path) }
        try buffer.finish(to: opened.fd, path: path, length: 1 + bytes.count)
        #expect(buffer.buffered == opened.direct)
        #expect(try contents(path) == [0] + bytes)
    }

    @Test func aFileSystemWithoutDirectWritesIsWrittenPlainly() throws {
        // tmpfs refuses O_DIRECT on older kernels and accepts it on newer: the bytes are the same.
        guard FileManager.default.fileExists(atPath: "/dev/shm") else { return }
        let path = "/dev/shm/motcua-direct-\(UUID().uuidString)"
        defer { unlink(path) }
        let bytes = pieces(seed: 3).flatMap { $0 }
        let writer = try AtomicFileWriter(path: path, bypassingPageCache: true)
        try writer.write(bytes)
        try writer.commit()
        #expect(try contents(path) == bytes)
    }
}
