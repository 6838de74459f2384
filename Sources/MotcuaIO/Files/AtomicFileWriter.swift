import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Writes a file so that readers see the old one or the whole new one, never a part: the bytes go
/// to a temporary file beside the target, which is fsynced and renamed over it, and the folder is
/// fsynced so the rename survives a crash. The one way motcua writes a file (STYLE.md, Avoid).
///
/// Dropped without `commit()`, the temporary file is removed: a failed run publishes nothing.
public final class AtomicFileWriter {
    public let path: String
    public let temporaryPath: String
    private var fd: Int32
    private var pending: [UInt8] = []
    private var committed = false
    private var discarded = false
    public private(set) var bytesWritten = 0
    /// Set when the bytes go around the page cache.
    private var direct: DirectWriteBuffer?

    /// - Parameters:
    ///   - permissions: the new file's mode, e.g. `0o600` for the rejects file.
    ///   - bypassingPageCache: write with `O_DIRECT` where the file system allows it
    ///     (`DirectWriteBuffer`): for a large file that is fsynced and not read back soon.
    public init(path: String, permissions: UInt32 = 0o644, bypassingPageCache: Bool = false) throws(FileAccessError) {
        self.path = path
        let folder = (path as NSString).deletingLastPathComponent
        try Self.makeFolder(folder.isEmpty ? "." : folder)
        temporaryPath = path + ".tmp-\(getpid())"
        let flags = O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC
        if bypassingPageCache {
            let opened = DirectWriteBuffer.open(temporaryPath, flags: flags, permissions: mode_t(permissions))
            fd = opened.fd
            if opened.direct {
                direct = DirectWriteBuffer()
                if direct == nil { DirectWriteBuffer.stopDirect(on: fd) }
            }
        } else {
            fd = open(temporaryPath, flags, mode_t(permissions))
        }
        guard fd >= 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
        fchmod(fd, mode_t(permissions))
        if direct == nil { pending.reserveCapacity(1 << 20) }
    }

    deinit {
        if fd >= 0 { close(fd) }
        if !committed && !discarded { unlink(temporaryPath) }
    }

    /// Closes and removes the temporary file now, on the caller's thread, unless it was
    /// committed (dropping the writer does the same, on whichever thread drops it last).
    public func discard() {
        if fd >= 0 {
            close(fd)
            fd = -1
        }
        if !committed && !discarded { unlink(temporaryPath) }
        discarded = true
    }

    public func write(_ bytes: [UInt8]) throws(FileAccessError) {
        if direct != nil {
            var failure: FileAccessError?
            bytes.withUnsafeBytes { b in
                do throws(FileAccessError) { try write(b) } catch { failure = error }
            }
            if let failure { throw failure }
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush() }
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
        if let direct {
            try direct.append(bytes, to: fd, path: path)
            bytesWritten += bytes.count
            return
        }
        if bytes.count >= 1 << 20 {
            // Large buffers go straight to the file, not through `pending`.
            try flush()
            try writeAll(bytes)
            bytesWritten += bytes.count
            return
        }
        pending.append(contentsOf: bytes)
        if pending.count >= 1 << 20 { try flush() }
    }

    private func writeAll(_ bytes: UnsafeRawBufferPointer) throws(FileAccessError) {
        try Self.writeAll(bytes, to: fd, path: path)
    }

    /// Writes every byte to `fd`, again after a short write or an interrupt; `path` names the
    /// file in the error.
    static func writeAll(_ bytes: UnsafeRawBufferPointer, to fd: Int32, path: String) throws(FileAccessError) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw FileAccessError(path: path, errno: errno, action: .write)
            }
            offset += n
        }
    }

    public func write(_ text: String) throws(FileAccessError) {
        try write(Array(text.utf8))
    }

    private func flush() throws(FileAccessError) {
        var offset = 0
        while offset < pending.count {
            let n = pending.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileAccessError(path: path, errno: errno, action: .write)
            }
            offset += n
        }
        bytesWritten += pending.count
        pending.removeAll(keepingCapacity: true)
    }

    /// Flushes, fsyncs and renames the file into place, then fsyncs its folder (unless the
    /// caller puts several files in one folder and fsyncs it once after the last).
    public func commit(syncingFolder: Bool = true) throws(FileAccessError) {
        try flushAndSync()
        guard rename(temporaryPath, path) == 0 else {
            throw FileAccessError(path: path, errno: errno, action: .write)
        }
        committed = true
        if syncingFolder { Self.syncFolder(of: path) }
    }

    /// Flushes and fsyncs the temporary file and closes it, without renaming it: the slow half
    /// of `commit()`, which can run before the file may be put in place. Once only.
    public func flushAndSync() throws(FileAccessError) {
        guard fd >= 0 else { return }
        try flush()
        try direct?.finish(to: fd, path: path, length: bytesWritten)
        guard fsync(fd) == 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
        close(fd)
        fd = -1
    }

    /// Writes `bytes` to `path` atomically in one call.
    public static func write(_ bytes: [UInt8], to path: String, permissions: UInt32 = 0o644) throws(FileAccessError) {
        let writer = try AtomicFileWriter(path: path, permissions: permissions)
        try writer.write(bytes)
        try writer.commit()
    }

    /// Puts a file that another library wrote (SQLite) in place the same way: fsync, rename over
    /// the target, fsync the folder.
    public static func moveIntoPlace(temporaryPath: String, path: String) throws(FileAccessError) {
        try sync(path: temporaryPath)
        guard rename(temporaryPath, path) == 0 else {
            throw FileAccessError(path: path, errno: errno, action: .write)
        }
        syncFolder(of: path)
    }

    /// Fsyncs the file at `path` (written by another library, or earlier): `moveIntoPlace`'s
    /// slow half, which a caller can run on another thread beforehand.
    public static func sync(path: String) throws(FileAccessError) {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
        let synced = fsync(fd)
        let code = errno
        close(fd)
        guard synced == 0 else { throw FileAccessError(path: path, errno: code, action: .write) }
    }

    static func syncFolder(of path: String) {
        let folder = (path as NSString).deletingLastPathComponent
        let dfd = open(folder.isEmpty ? "." : folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if dfd >= 0 {
            fsync(dfd)
            close(dfd)
        }
    }

    /// Creates `folder` and its parents when missing.
    public static func makeFolder(_ folder: String) throws(FileAccessError) {
        if mkdir(folder, 0o755) == 0 { return }
        let code = errno
        if code == EEXIST {
            var info = stat()
            if stat(folder, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
            throw FileAccessError(path: folder, errno: ENOTDIR, action: .write)
        }
        let parent = (folder as NSString).deletingLastPathComponent
        guard code == ENOENT, !parent.isEmpty, parent != folder else {
            throw FileAccessError(path: folder, errno: code, action: .write)
        }
        try makeFolder(parent)
        if mkdir(folder, 0o755) != 0 && errno != EEXIST {
            throw FileAccessError(path: folder, errno: errno, action: .write)
        }
    }
}
