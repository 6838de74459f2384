import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A file opened for reading with POSIX `read(2)`; owns and closes its descriptor.
final class ReadableFile: ByteSource {
    let path: String
    private let fd: Int32

    init(path: String) throws(FileAccessError) {
        self.path = path
        var info = stat()
        guard stat(path, &info) == 0 else { throw FileAccessError(path: path, errno: errno, action: .read) }
        guard (info.st_mode & S_IFMT) == S_IFREG else {
            throw FileAccessError(path: path, errno: EISDIR, action: .read)
        }
        fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileAccessError(path: path, errno: errno, action: .read) }
    }

    deinit { close(fd) }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws(FileAccessError) -> Int {
        while true {
            let n = Glibc.read(fd, buffer.baseAddress, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FileAccessError(path: path, errno: errno, action: .read)
        }
    }

    /// Reads at `offset` without moving the read position (safe from several threads).
    func read(into buffer: UnsafeMutableRawBufferPointer, at offset: Int) throws(FileAccessError) -> Int {
        while true {
            let n = pread(fd, buffer.baseAddress, buffer.count, off_t(offset))
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw FileAccessError(path: path, errno: errno, action: .read)
        }
    }

    /// Maps `length` bytes of the file from `offset` (a multiple of the page size) privately:
    /// reading costs no copy, and a page written is copied by the kernel, never written back.
    /// The mapping sits at the start of a reserved region of `reserving` bytes, so values can
    /// be appended after it. `nil` when the system refuses (the caller reads instead).
    func mapPrivately(offset: Int, length: Int, reserving: Int) -> (base: UnsafeMutableRawPointer, release: @Sendable () -> Void)? {
        let page = Int(sysconf(Int32(_SC_PAGESIZE)))
        guard length > 0, offset % page == 0 else { return nil }
        let mappedLength = (length + page - 1) / page * page
        let reserved = Swift.max((reserving + page - 1) / page * page, mappedLength)
        guard let region = mmap(nil, reserved, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0),
            region != MAP_FAILED
        else { return nil }
        guard mmap(region, mappedLength, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_FIXED, fd, off_t(offset)) == region else {
            munmap(region, reserved)
            return nil
        }
        let address = UInt(bitPattern: region)
        return (region, { _ = munmap(UnsafeMutableRawPointer(bitPattern: address), reserved) })
    }

    /// The first `count` bytes (fewer for a shorter file), without moving the read position.
    func peek(count: Int) throws(FileAccessError) -> [UInt8] {
        var bytes = [UInt8](repeating: 0, count: count)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, count, 0) }
        guard n >= 0 else { throw FileAccessError(path: path, errno: errno, action: .read) }
        return Array(bytes.prefix(n))
    }
}

/// A file could not be opened, read or written.
public struct FileAccessError: Error, CustomStringConvertible, Sendable {
    public enum Action: String, Sendable { case read, write }
    public var path: String
    public var errno: Int32
    public var action: Action

    public init(path: String, errno: Int32, action: Action) {
        self.path = path
        self.errno = errno
        self.action = action
    }

    /// The disk is full or over quota: an output problem, not a data problem.
    public var isOutOfSpace: Bool { errno == ENOSPC || errno == EDQUOT }

    public var description: String {
        "cannot \(action.rawValue) \(path): \(String(cString: strerror(errno)))"
    }
}
