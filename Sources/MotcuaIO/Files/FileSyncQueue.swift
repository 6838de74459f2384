import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Files written and closed by some threads, fsynced by another: the snapshot's part threads
/// hand each finished part here and go on formatting and compressing the next.
///
/// Why: each part was fsynced on the thread that wrote it, and while the disk confirmed the
/// write that core sat idle. A 2M long-row run writes 245 parts; their fsyncs took 0.22 s
/// (`strace -T`), about a tenth of the snapshot stage on two cores (docs/performance.md). The
/// folder's rename still comes only after every part is on disk: `drain` returns (or throws)
/// once the queue is closed and every file handed in was fsynced and closed.
///
/// At most `limit` files wait: on a slow disk the writers then wait for their turn as before,
/// instead of holding a descriptor per part (a 10M-dossier snapshot has a thousand parts, the
/// usual limit of open files under cron) and an unbounded amount of unwritten data.
final class FileSyncQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [(fd: Int32, path: String)] = []
    private var closed = false
    /// The first fsync that failed; guarded by `condition`.
    private var failure: FileAccessError?
    let limit: Int

    init(limit: Int = 32) { self.limit = max(1, limit) }

    /// Takes ownership of `fd` (open for writing, all data written): it is fsynced and closed.
    /// Waits while `limit` files are waiting. After `close` the file is fsynced here.
    /// - Throws: the failure of an earlier fsync (`fd` is closed all the same), so that the
    ///   writers stop early instead of compressing parts that will not be published.
    func enqueue(fd: Int32, path: String) throws(FileAccessError) {
        let (queued, failed): (Bool, FileAccessError?) = condition.withLock {
            while pending.count >= limit && failure == nil && !closed { condition.wait() }
            guard failure == nil, !closed else { return (false, failure) }
            pending.append((fd, path))
            condition.broadcast()
            return (true, nil)
        }
        if queued { return }
        if let failed {
            Glibc.close(fd)
            throw failed
        }
        try Self.sync(fd: fd, path: path)
    }

    /// No more files will come; `drain` returns once the queue is empty. Safe to call twice.
    func close() {
        condition.withLock {
            closed = true
            condition.broadcast()
        }
    }

    /// Fsyncs and closes the files handed in, in order, until the queue is closed and empty; run
    /// on a thread of its own. After a failure the remaining files are still closed.
    /// - Throws: the first fsync that failed, naming its file.
    func drain() throws(FileAccessError) {
        while true {
            let next: (fd: Int32, path: String)? = condition.withLock {
                while pending.isEmpty && !closed { condition.wait() }
                guard !pending.isEmpty else { return nil }
                condition.broadcast()  // room for a waiting writer
                return pending.removeFirst()
            }
            guard let (fd, path) = next else { break }
            let failedBefore = condition.withLock { failure != nil }
            if failedBefore {
                Glibc.close(fd)
                continue
            }
            do {
                try Self.sync(fd: fd, path: path)
            } catch {
                condition.withLock {
                    if failure == nil { failure = error }
                    condition.broadcast()
                }
            }
        }
        if let failure = condition.withLock({ failure }) { throw failure }
    }

    /// Fsyncs and closes `fd`.
    private static func sync(fd: Int32, path: String) throws(FileAccessError) {
        let synced = fsync(fd)
        let code = errno
        Glibc.close(fd)
        guard synced == 0 else { throw FileAccessError(path: path, errno: code, action: .write) }
    }
}
