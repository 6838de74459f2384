import Foundation
import MotcuaCore
import Testing

@testable import MotcuaIO

#if canImport(Glibc)
    import Glibc
#endif

/// Files handed to the queue are fsynced and closed on the draining thread; a failed fsync is
/// reported with its file, and the files after it are still closed. (Whether a descriptor was
/// closed is seen through a pipe: its reader gets end-of-file once the only write end is closed.
/// Descriptor numbers cannot tell, since tests running beside these reuse them.)
@Suite struct FileSyncQueueTests {
    /// A pipe's ends; fsync of a pipe fails with EINVAL.
    static func pipeEnds() -> (read: Int32, write: Int32) {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        // A reader that does not wait: -1 (EAGAIN) while a write end is open, 0 once closed.
        #expect(fcntl(ends[0], F_SETFL, O_NONBLOCK) == 0)
        return (ends[0], ends[1])
    }

    /// Two pipes for `body`; their read ends closed afterwards (the write ends are the queue's).
    static func withTwoPipes(
        _ body: (_ a: (read: Int32, write: Int32), _ b: (read: Int32, write: Int32)) throws -> Void
    ) rethrows {
        let a = pipeEnds()
        let b = pipeEnds()
        defer {
            close(a.read)
            close(b.read)
        }
        try body(a, b)
    }

    static func readsEndOfFile(_ fd: Int32) -> Bool {
        var byte: UInt8 = 0
        return read(fd, &byte, 1) == 0
    }

    @Test func everyFileHandedInIsClosedOnceDrained() throws {
        let folder = NSTemporaryDirectory() + "motcua-sync-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        // A limit below the files' count: the writer waits for the drain now and then.
        let queue = FileSyncQueue(limit: 3)
        try WorkScope.run { scope in
            let draining = scope.start { _ in try queue.drain() }
            for k in 0..<20 {
                let path = folder + "/f\(k)"
                let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
                #expect(fd >= 0)
                let text = Array("part \(k)\n".utf8)
                #expect(write(fd, text, text.count) == text.count)
                try queue.enqueue(fd: fd, path: path)
            }
            queue.close()
            try draining.wait()
        }
        #expect(try String(contentsOfFile: folder + "/f19", encoding: .utf8) == "part 19\n")
    }

    @Test func aFailedFsyncNamesItsFileAndTheRestAreClosed() throws {
        try Self.withTwoPipes { first, second in
            let queue = FileSyncQueue()
            try queue.enqueue(fd: first.write, path: "the-first-pipe")
            try queue.enqueue(fd: second.write, path: "the-second-pipe")
            queue.close()
            #expect {
                try queue.drain()
            } throws: { error in
                (error as? FileAccessError)?.path == "the-first-pipe"
            }
            #expect(Self.readsEndOfFile(first.read))
            #expect(Self.readsEndOfFile(second.read))
        }
    }

    /// Once an fsync failed, the next file handed in is refused with that failure (and closed),
    /// so the writers stop; after `close` a file is fsynced by the caller.
    @Test func afterAFailureWritersAreStoppedAndAfterCloseTheCallerSyncs() throws {
        try Self.withTwoPipes { failing, later in
            let queue = FileSyncQueue(limit: 1)
            try queue.enqueue(fd: failing.write, path: "the-failing-pipe")
            queue.close()
            #expect(throws: FileAccessError.self) { try queue.drain() }
            let reopened = FileSyncQueue()
            reopened.close()
            // A pipe cannot be fsynced: the caller gets the error, and the pipe is closed.
            #expect(throws: FileAccessError.self) { try reopened.enqueue(fd: later.write, path: "after-close") }
            #expect(Self.readsEndOfFile(failing.read))
            #expect(Self.readsEndOfFile(later.read))
        }
    }

    @Test func aFailureStopsTheWritersThatCome() throws {
        try Self.withTwoPipes { failing, next in
            let queue = FileSyncQueue()
            try WorkScope.run { scope in
                let draining = scope.start { _ in try queue.drain() }
                try queue.enqueue(fd: failing.write, path: "the-failing-pipe")
                // Wait until the drain has met the failure: then the next file is refused.
                var refused = false
                for _ in 0..<2_000 where !refused {
                    let probe = Self.pipeEnds()
                    do {
                        try queue.enqueue(fd: probe.write, path: "probe")
                    } catch let error as FileAccessError {
                        refused = error.path == "the-failing-pipe"
                    }
                    close(probe.read)
                    usleep(1_000)
                }
                #expect(refused)
                #expect(throws: FileAccessError.self) { try queue.enqueue(fd: next.write, path: "next") }
                queue.close()
                #expect(throws: FileAccessError.self) { try draining.wait() }
            }
            #expect(Self.readsEndOfFile(next.read))
        }
    }

    @Test func drainingAnEmptyClosedQueueReturns() throws {
        let queue = FileSyncQueue()
        queue.close()
        queue.close()
        try queue.drain()
    }
}
