/// The public face of the SHA-256 digests that name inputs and snapshot files.
public enum FileDigest {
    /// 64 lower-case hex digits of the file's SHA-256.
    /// - Parameter isCancelled: polled as the file is read (`WorkScope`'s jobs pass theirs).
    public static func sha256(ofFileAt path: String, isCancelled: () -> Bool = { false }) throws -> String {
        try SHA256.hexDigest(ofFileAt: path, isCancelled: isCancelled)
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        SHA256.hexDigest(of: bytes)
    }
}
