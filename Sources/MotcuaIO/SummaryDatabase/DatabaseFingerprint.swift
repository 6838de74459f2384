/// The size and 64-bit checksum of a published summary database, kept with the store.
///
/// The next run patches that database instead of rebuilding it only when its bytes still match:
/// a database rebuilt every night healed itself, a patched one would carry a flipped bit or a
/// report writer's edit forward for ever. Hashing a few megabytes costs milliseconds.
public struct DatabaseFingerprint: Sendable, Equatable {
    public var bytes: Int
    public var checksum: UInt64

    public init(bytes: Int, checksum: UInt64) {
        self.bytes = bytes
        self.checksum = checksum
    }

    init(_ contents: [UInt8]) {
        bytes = contents.count
        checksum = contents.withUnsafeBytes { Checksum64.of($0) }
    }

    init(ofFileAt path: String) throws {
        self.init(try Self.bytes(ofFileAt: path))
    }

    static func bytes(ofFileAt path: String) throws -> [UInt8] {
        let file = try ReadableFile(path: path)
        let size = FileStatus(path: path)?.size ?? 0
        var contents = [UInt8](repeating: 0, count: size)
        var filled = 0
        try contents.withUnsafeMutableBytes { buffer in
            while filled < buffer.count {
                let n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]))
                if n == 0 { break }
                filled += n
            }
        }
        return Array(contents.prefix(filled))
    }
}
