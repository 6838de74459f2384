import Foundation
import Testing

@testable import MotcuaIO

/// The database's fingerprint is taken through a small buffer, in pieces; it must equal the
/// checksum of the whole file taken at once (the one the store keeps), whatever the length.
@Suite struct DatabaseFingerprintTests {
    /// Bytes that differ at every offset, so a piece taken twice or skipped changes the sum.
    private func bytes(_ count: Int, seed: UInt64) -> [UInt8] {
        var x = seed | 1
        return (0..<count).map { _ in
            x ^= x << 13
            x ^= x >> 7
            x ^= x << 17
            return UInt8(truncatingIfNeeded: x)
        }
    }

    @Test func checksumInPiecesEqualsTheWholeChecksum() {
        for count in [0, 1, 31, 32, 33, 64, 95, 96, 1000, 4099] {
            let data = bytes(count, seed: UInt64(count) + 7)
            let whole = data.withUnsafeBytes { Checksum64.of($0) }
            for cut in stride(from: 0, through: count, by: 32) {
                var sum = Checksum64(count: count)
                let pieces = data.withUnsafeBytes { all -> UInt64 in
                    sum.add(UnsafeRawBufferPointer(rebasing: all[..<cut]))
                    return sum.finish(UnsafeRawBufferPointer(rebasing: all[cut...]))
                }
                #expect(pieces == whole, "length \(count), cut at \(cut)")
            }
        }
    }

    @Test func theChecksumStillSeesTheLengthAndEveryByte() {
        let data = bytes(100, seed: 3)
        let whole = data.withUnsafeBytes { Checksum64.of($0) }
        var flipped = data
        flipped[97] ^= 1  // in the tail after the last 32-byte stride
        #expect(flipped.withUnsafeBytes { Checksum64.of($0) } != whole)
        #expect(Array(data.prefix(99)).withUnsafeBytes { Checksum64.of($0) } != whole)
    }

    /// Files around the 1 MB buffer's size: the copy is byte for byte, and the fingerprint is
    /// the whole-file checksum.
    @Test func copyReturnsTheSourcesFingerprintAndCopiesEveryByte() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        for count in [0, 5, (1 << 20) - 1, 1 << 20, (1 << 20) + 33, 3 << 20] {
            let data = bytes(count, seed: UInt64(count) + 11)
            let source = try folder.write("db-\(count)", bytes: data)
            let target = folder.file("copy-\(count)")
            let fingerprint = try DatabaseFingerprint.copy(from: source, to: target)
            #expect(fingerprint == DatabaseFingerprint(data))
            #expect(try DatabaseFingerprint(ofFileAt: source) == DatabaseFingerprint(data))
            #expect(Array(try Data(contentsOf: URL(fileURLWithPath: target))) == data)
        }
    }

    @Test func aMissingDatabaseIsAnError() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        #expect(throws: (any Error).self) { try DatabaseFingerprint.copy(from: folder.file("none"), to: folder.file("copy")) }
    }
}

extension DatabaseFingerprint {
    /// The fingerprint of bytes held whole, with the one-shot checksum: the reference the
    /// streamed fingerprints are held to.
    init(_ contents: [UInt8]) {
        self.init(bytes: contents.count, checksum: contents.withUnsafeBytes { Checksum64.of($0) })
    }
}
