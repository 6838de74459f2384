import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// One file of a snapshot being written: zstd-compressed, hashed and counted on the way to
/// disk, fsynced on close. The snapshot folder's rename, not this file, is the atomic step.
final class SnapshotFileSink {
    let path: String
    let relativePath: String
    private var fd: Int32
    private let compressor: ZstdCompressor
    private let hash = SHA256()
    private(set) var bytes = 0
    var rows = 0

    convenience init(folder: String, relativePath: String, level: Int32, workers: Int32) throws {
        try self.init(folder: folder, relativePath: relativePath, compressor: ZstdCompressor(level: level, workers: workers))
    }

    /// A file compressed by `compressor`, which starts a new frame: a thread writing many parts
    /// passes the same one to each in turn.
    init(folder: String, relativePath: String, compressor: ZstdCompressor) throws {
        self.relativePath = relativePath
        path = (folder as NSString).appendingPathComponent(relativePath)
        try AtomicFileWriter.makeFolder((path as NSString).deletingLastPathComponent)
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
        compressor.startFrame()
        self.compressor = compressor
    }

    deinit { if fd >= 0 { close(fd) } }

    func write(_ data: [UInt8]) throws {
        try data.withUnsafeBytes { try compressor.compress($0, end: false, emit: emit) }
    }

    func write(_ data: UnsafeRawBufferPointer) throws {
        try compressor.compress(data, end: false, emit: emit)
    }

    /// Ends the zstd frame, fsyncs and closes; returns the manifest entry.
    func finish() throws -> SnapshotManifest.File {
        let entry = try endFrame()
        guard fsync(fd) == 0 else { throw FileAccessError(path: path, errno: errno, action: .write) }
        close(fd)
        fd = -1
        return entry
    }

    /// Ends the zstd frame and hands the file to `syncs`, which fsyncs and closes it on its own
    /// thread; returns the manifest entry. The file is durable once `syncs.drain()` has returned.
    func finish(syncingThrough syncs: FileSyncQueue) throws -> SnapshotManifest.File {
        let entry = try endFrame()
        let handedOver = fd
        fd = -1
        try syncs.enqueue(fd: handedOver, path: path)
        return entry
    }

    /// Ends the zstd frame; the manifest entry of the file as written.
    private func endFrame() throws -> SnapshotManifest.File {
        try compressor.compress(UnsafeRawBufferPointer(start: nil, count: 0), end: true, emit: emit)
        return SnapshotManifest.File(path: relativePath, bytes: bytes, rows: rows, sha256: hash.finalizeHex())
    }

    private func emit(_ chunk: UnsafeRawBufferPointer) throws {
        hash.update(chunk)
        try AtomicFileWriter.writeAll(chunk, to: fd, path: path)
        bytes += chunk.count
    }
}
