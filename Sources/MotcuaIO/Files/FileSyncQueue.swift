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
final class FileSyncQueue: @unchecked Sendable {
    private let condition = NSCondition()
    private var pending: [(fd: Int32, path: String)] = []
    private var closed = false
    private var failure: FileAccessError?

    /// Takes ownership of `fd` (open for writing, all data written): it is fsynced and closed.
    func enqueue(fd: Int32, path: String) {
        condition.withLock {
            pending.append((fd, path))
            condition.signal()
        }
    }

    /// No more files will come; `drain` returns once the queue is empty. Safe to call twice.
    func close() {
        condition.withLock {
            closed = true
            condition.signal()
        }
    }

    /// Fsyncs and closes the files handed in, in order, until the queue is closed and empty; run
    /// on a thread of its own. After a failure the remaining files are still closed.
    /// - Throws: the first fsync that failed, naming its file.
    func drain() throws(FileAccessError) {
        while true {
            let next: (fd: Int32, path: String)? = condition.withLock {
                while pending.isEmpty && !closed { condition.wait() }
                return pending.isEmpty ? nil : pending.removeFirst()
            }
            guard let (fd, path) = next else { break }
            if failure == nil, fsync(fd) != 0 {
                failure = FileAccessError(path: path, errno: errno, action: .write)
            }
            Glibc.close(fd)
        }
        if let failure { throw failure }
    }
}
