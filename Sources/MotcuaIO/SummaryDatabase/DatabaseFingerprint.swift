import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The size and 64-bit checksum of a published summary database, kept with the store.
///
/// The next run patches that database instead of rebuilding it only when its bytes still match:
/// a database rebuilt every night healed itself, a patched one would carry a flipped bit or a
/// report writer's edit forward for ever. Files are checksummed through one small buffer: reading
/// a 19 MB database into fresh memory (twice a night) cost 85 ms of zeroed pages in perf.
public struct DatabaseFingerprint: Sendable, Equatable {
    public var bytes: Int
    public var checksum: UInt64

    public init(bytes: Int, checksum: UInt64) {
        self.bytes = bytes
        self.checksum = checksum
    }

    /// The fingerprint of the file at `path`.
    init(ofFileAt path: String) throws {
        self = try Self.stream(from: path, copyingTo: nil)
    }

    /// Copies the file at `source` to `destination` (created or truncated) and returns the
    /// source's fingerprint, from the bytes copied: what is patched is what was checked.
    static func copy(from source: String, to destination: String) throws -> DatabaseFingerprint {
        let fd = open(destination, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileAccessError(path: destination, errno: errno, action: .write) }
        defer { close(fd) }
        return try stream(from: source, copyingTo: (fd, destination))
    }

    private static let pieceSize = 1 << 20  // a multiple of 32, as Checksum64.add needs

    private static func stream(from path: String, copyingTo target: (fd: Int32, path: String)?) throws -> DatabaseFingerprint {
        let file = try ReadableFile(path: path)
        let size = FileStatus(path: path)?.size ?? 0
        var sum = Checksum64(count: size)
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: pieceSize, alignment: 64)
        defer { buffer.deallocate() }
        var total = 0
        while true {
            // Fill the piece whole, so that every piece but the last is `pieceSize` long.
            var filled = 0
            while filled < pieceSize {
                let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if n == 0 { break }
                filled += n
            }
            let piece = UnsafeRawBufferPointer(rebasing: buffer[..<filled])
            if let target { try AtomicFileWriter.writeAll(piece, to: target.fd, path: target.path) }
            total += filled
            if filled < pieceSize || total == size {
                // The file ended, or reached the size taken at the start (bytes added since are
                // left out); one that shrank meanwhile fails the size check, and the caller rebuilds.
                let checksum = sum.finish(piece)
                guard total == size else { throw FileAccessError(path: path, errno: EIO, action: .read) }
                return DatabaseFingerprint(bytes: size, checksum: checksum)
            }
            sum.add(piece)
        }
    }
}
