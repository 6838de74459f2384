/// The public face of the SHA-256 digests that name inputs and snapshot files.
public enum FileDigest {
    /// 64 lower-case hex digits of the file's SHA-256.
    public static func sha256(ofFileAt path: String) throws -> String {
        try SHA256.hexDigest(ofFileAt: path)
    }

    public static func sha256(of bytes: [UInt8]) -> String {
        SHA256.hexDigest(of: bytes)
    }
}
