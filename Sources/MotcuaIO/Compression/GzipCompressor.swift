internal import CZlib

/// Streams bytes through zlib's deflate into a gzip member (Debian `zlib1g-dev`); owns its
/// `z_stream`, which zlib points into itself, so it lives on the heap and never moves.
///
/// The gzip header holds no modification time, so the same input gives the same bytes (the
/// generator's exports are deterministic). The counterpart of `GzipSource`.
final class GzipCompressor {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
    private var output = [UInt8](repeating: 0, count: 1 << 16)

    init(level: Int32 = 6) throws(CompressionError) {
        stream.initialize(to: z_stream())
        guard motcua_deflate_init_gzip(stream, level) == Z_OK else {
            stream.deallocate()
            throw CompressionError.compression(detail: "zlib could not start")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Compresses `input`; `emit` receives the compressed bytes as they come. With `end`, the
    /// member is closed.
    func compress(_ input: UnsafeRawBufferPointer, end: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
        stream.pointee.avail_in = uInt(input.count)
        while true {
            let stream = self.stream
            let (status, produced) = output.withUnsafeMutableBufferPointer { out -> (Int32, Int) in
                stream.pointee.next_out = out.baseAddress
                stream.pointee.avail_out = uInt(out.count)
                let s = deflate(stream, end ? Z_FINISH : Z_NO_FLUSH)
                return (s, out.count - Int(stream.pointee.avail_out))
            }
            if produced > 0 { try output.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            if status == Z_STREAM_END { return }
            guard status == Z_OK || status == Z_BUF_ERROR else {
                throw CompressionError.compression(detail: "zlib deflate failed (\(status))")
            }
            if !end, stream.pointee.avail_in == 0 { return }
        }
    }
}

/// A file compressed as a whole into gzip or zstd, streamed a megabyte at a time: what the
/// sample generator's compressed exports are made with, through the same C owners as the rest
/// of IO (C modules are imported in MotcuaIO only).
public enum FileCompressor {
    public enum Format: Sendable {
        case gzip, zstd
    }

    /// Compresses the file at `source` into `destination` (replaced); zstd single-threaded at
    /// level 3 with a checksum, gzip at level 6, both deterministic.
    public static func compress(_ source: String, to destination: String, as format: Format) throws {
        let input = try ReadableFile(path: source)
        let output = try AtomicFileWriter(path: destination)
        let emit = { (bytes: UnsafeRawBufferPointer) throws in try output.write(bytes) }
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 16)
        defer { block.deallocate() }
        let gzip = format == .gzip ? try GzipCompressor() : nil
        let zstd = format == .zstd ? try ZstdCompressor(level: 3, workers: 0) : nil
        while true {
            let n = try input.read(into: block)
            let chunk = UnsafeRawBufferPointer(rebasing: block[0..<n])
            try gzip?.compress(chunk, end: n == 0, emit: emit)
            try zstd?.compress(chunk, end: n == 0, emit: emit)
            if n == 0 { break }
        }
        try output.commit()
    }
}
