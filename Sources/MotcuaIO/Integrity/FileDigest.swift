/// The public face of the SHA-256 digests that name inputs and snapshot files.
public enum FileDigest {
    /// 64 lower-case hex digits of the file's SHA-256.
    /// - Parameter isCancelled: polled as the file is read (`WorkScope`'s jobs pass theirs).
    public static func sha256(ofFileAt path: String, isCancelled: () -> Bool = { false }) throws -> String {
        try SHA256.hexDigest(ofFileAt: path, isCancelled: isCancelled)
    }

    /// The same digest, taken behind the caller's other work: this thread's nice value is raised
    /// to 10 first, so the hash takes the moments the parse lanes wait on each other rather than
    /// a third of two cores (issue 16: 2M short rows, ingest 0.539 -> 0.513 s). Call it on a
    /// thread of its own (`WorkScope.start`), which ends with it: the nice value stays with the
    /// thread. Linux's nice is per thread; elsewhere the priority is left alone.
    public static func sha256BehindOtherWork(ofFileAt path: String, isCancelled: () -> Bool = { false }) throws -> String {
        ThreadPriority.lowerThisThread(to: 10)
        return try sha256(ofFileAt: path, isCancelled: isCancelled)
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        SHA256.hexDigest(of: bytes)
    }
}
