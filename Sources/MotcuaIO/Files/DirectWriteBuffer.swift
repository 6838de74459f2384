import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a large file around the page cache (`O_DIRECT`), for `AtomicFileWriter`.
///
/// Why: the store's base is the largest file a run writes (about 100 MB a million dossiers).
/// Written through the page cache, every 4 KiB of it takes a fresh cache page that the kernel
/// fills with a copy, then writes back at the fsync; on this project's VMs that cost 0.1-0.3 s
/// of system time a million dossiers, 1.5 s at five million (issue 16's profiles), taken from the
/// core that formats the snapshot. Written direct, the device reads the bytes from this buffer;
/// `dd` of 480 MB: 0.03 s of system time against 0.09-1.35 s buffered with an fsync.
///
/// `O_DIRECT` wants the buffer, the file offset and the length aligned (4 KiB covers every
/// block size in use), so bytes are gathered into an aligned buffer and written a whole buffer
/// at a time; the last, partial, one is padded with zeros and the file cut back to its length.
/// A file system that refuses direct I/O (tmpfs, some network file systems) is written through
/// the page cache instead, with the same bytes: `O_DIRECT` is a speed, never a condition.
final class DirectWriteBuffer {
    /// Glibc defines O_DIRECT only under _GNU_SOURCE, which Swift's import does not see; its
    /// value differs between architectures (asm-generic/fcntl.h, arch/arm64/.../fcntl.h).
    #if arch(x86_64) || arch(i386)
        static let O_DIRECT: Int32 = 0o40000
    #elseif arch(arm64) || arch(arm)
        static let O_DIRECT: Int32 = 0o200000
    #else
        static let O_DIRECT: Int32 = 0  // unknown: plain writes through the page cache
    #endif

    static let alignment = 4096
    static let capacity = 4 << 20
    private let buffer: UnsafeMutableRawPointer
    private var count = 0
    /// True once direct writes were refused: the rest goes through the page cache.
    private(set) var buffered = false

    /// `nil` when the aligned buffer cannot be had: the caller writes plainly instead.
    init?() {
        var memory: UnsafeMutableRawPointer?
        guard posix_memalign(&memory, Self.alignment, Self.capacity) == 0, let memory else { return nil }
        buffer = memory
    }

    /// Turns direct I/O off on `fd`: later writes go through the page cache.
    @discardableResult
    static func stopDirect(on fd: Int32) -> Bool {
        let flags = fcntl(fd, F_GETFL)
        return flags >= 0 && fcntl(fd, F_SETFL, flags & ~O_DIRECT) == 0
    }

    deinit { free(buffer) }

    /// Opens `path` for direct writes, or plainly where the file system refuses them.
    static func open(_ path: String, flags: Int32, permissions: mode_t) -> (fd: Int32, direct: Bool) {
        let fd = O_DIRECT == 0 ? -1 : Glibc.open(path, flags | O_DIRECT, permissions)
        if fd >= 0 { return (fd, true) }
        return (Glibc.open(path, flags, permissions), false)
    }

    /// Adds `bytes`, writing each buffer that fills up.
    func append(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(FileAccessError) {
        var rest = bytes
        while !rest.isEmpty {
            let n = min(rest.count, Self.capacity - count)
            (buffer + count).copyMemory(from: rest.baseAddress!, byteCount: n)
            count += n
            rest = UnsafeRawBufferPointer(rebasing: rest[n...])
            if count == Self.capacity {
                try write(length: count, to: fd, path: path)
                count = 0
            }
        }
    }

    /// Writes what is left, padded to the alignment, then cuts the file back to `length` bytes.
    func finish(to fd: Int32, path: String, length: Int) throws(FileAccessError) {
        guard count > 0 else { return }
        let padded = (count + Self.alignment - 1) / Self.alignment * Self.alignment
        (buffer + count).initializeMemory(as: UInt8.self, repeating: 0, count: padded - count)
        try write(length: padded, to: fd, path: path)
        count = 0
        guard ftruncate(fd, off_t(length)) == 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
    }

    private func write(length: Int, to fd: Int32, path: String) throws(FileAccessError) {
        var offset = 0
        while offset < length {
            let n = Glibc.write(fd, buffer + offset, length - offset)
            if n < 0 {
                if errno == EINTR { continue }
                // Refused direct I/O (or left unaligned by a short write): go on through the
                // page cache, from where the file stands.
                let code = errno
                if !buffered && (code == EINVAL || code == EOPNOTSUPP || code == ENOTSUP) {
                    buffered = true
                    if Self.stopDirect(on: fd) { continue }
                }
                throw FileAccessError(path: path, errno: errno, action: .write)
            }
            offset += n
        }
    }
}
