internal import CZlib

/// Inflates a `.gz` stream with zlib (Debian `zlib1g-dev`); concatenated members are read on.
final class GzipSource: ByteSource {
    private let file: ReadableFile
    private let path: String
    private var stream = z_stream()
    private let input: UnsafeMutableRawBufferPointer
    private var inputEnded = false
    private var finished = false

    init(file: ReadableFile, path: String) throws(CompressionError) {
        self.file = file
        self.path = path
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 18, alignment: 16)
        guard motcua_inflate_init(&stream) == Z_OK else {
            input.deallocate()
            throw CompressionError.decompression(path: path, detail: "zlib could not start")
        }
    }

    deinit {
        inflateEnd(&stream)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        if finished { return 0 }
        stream.next_out = buffer.baseAddress?.assumingMemoryBound(to: UInt8.self)
        stream.avail_out = UInt32(buffer.count)
        while stream.avail_out > 0 {
            if stream.avail_in == 0 && !inputEnded {
                let n = try file.read(into: input)
                if n == 0 { inputEnded = true }
                stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
                stream.avail_in = UInt32(n)
            }
            let status = inflate(&stream, Z_NO_FLUSH)
            if status == Z_STREAM_END {
                if stream.avail_in == 0 && inputEnded {
                    finished = true
                    break
                }
                if stream.avail_in == 0 {
                    let n = try file.read(into: input)
                    if n == 0 {
                        inputEnded = true
                        finished = true
                        break
                    }
                    stream.next_in = input.baseAddress?.assumingMemoryBound(to: UInt8.self)
                    stream.avail_in = UInt32(n)
                }
                inflateReset(&stream)
                continue
            }
            if status == Z_BUF_ERROR && inputEnded && stream.avail_in == 0 {
                throw CompressionError.decompression(path: path, detail: "the gzip stream is truncated")
            }
            if status != Z_OK && status != Z_BUF_ERROR {
                throw CompressionError.decompression(path: path, detail: "the gzip data is corrupt (zlib \(status))")
            }
        }
        return buffer.count - Int(stream.avail_out)
    }
}
