import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One run at a time per store: an advisory `flock` on `<store>/motcua.lock`, which the kernel
/// releases when the holder dies, so a crashed run never blocks the next night's. The file holds
/// the holder's pid and start time, for the message a second run prints.
public final class RunLock {
    public let path: String
    private var fd: Int32
    /// Set when the previous holder died without releasing cleanly (its record was left behind).
    public private(set) var tookOverFrom: String?

    public struct Held: Error, CustomStringConvertible, Sendable {
        public var path: String
        public var holder: String
        public var description: String {
            "another motcua run holds the lock \(path) (\(holder)); wait for it to finish"
        }
    }

    public init(folder: String, startedAt: String) throws {
        try AtomicFileWriter.makeFolder(folder)
        path = (folder as NSString).appendingPathComponent("motcua.lock")
        fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
        let previous = Self.readAll(fd)
        if flock(fd, LOCK_EX | LOCK_NB) != 0 {
            let code = errno
            close(fd)
            fd = -1
            if code == EWOULDBLOCK {
                throw Held(path: path, holder: previous.isEmpty ? "unknown holder" : previous)
            }
            throw FileAccessError(path: path, errno: code, action: .write)
        }
        if !previous.isEmpty { tookOverFrom = previous }
        let record = "pid \(getpid()), started \(startedAt)"
        ftruncate(fd, 0)
        _ = record.withCString { pwrite(fd, $0, strlen($0), 0) }
        fsync(fd)
    }

    /// Clears the holder record and releases the lock.
    public func release() {
        guard fd >= 0 else { return }
        ftruncate(fd, 0)
        flock(fd, LOCK_UN)
        close(fd)
        fd = -1
    }

    deinit { release() }

    private static func readAll(_ fd: Int32) -> String {
        var bytes = [UInt8](repeating: 0, count: 256)
        let n = bytes.withUnsafeMutableBytes { pread(fd, $0.baseAddress, 256, 0) }
        return n > 0 ? String(decoding: bytes[0..<n], as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines) : ""
    }
}
