/// A stream of bytes read in blocks: a plain file, or one decompressed on the fly.
protocol ByteSource: AnyObject {
    /// Fills the front of `buffer`; returns how many bytes were written, 0 at the end.
    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
}

/// The compression of a file, told by its first bytes (never by its name alone, since exports
/// are renamed by hand).
enum CompressionFormat: Equatable {
    case none, gzip, zstd

    init(magic: [UInt8]) {
        if magic.count >= 2, magic[0] == 0x1F, magic[1] == 0x8B {
            self = .gzip
        } else if magic.count >= 4, magic[0] == 0x28, magic[1] == 0xB5, magic[2] == 0x2F, magic[3] == 0xFD {
            self = .zstd
        } else {
            self = .none
        }
    }
}

/// Opens `path` as a stream of its content: plain, `.gz` or `.zst`, told by the magic bytes.
func openDecompressed(path: String) throws -> any ByteSource {
    let file = try ReadableFile(path: path)
    let format = CompressionFormat(magic: try file.peek(count: 4))
    switch format {
    case .none: return file
    case .gzip: return try GzipSource(file: file, path: path)
    case .zstd: return try ZstdSource(file: file, path: path)
    }
}
