internal import CZstd

/// Decompresses a `.zst` stream with libzstd's streaming API; concatenated frames are read on.
final class ZstdSource: ByteSource {
    private let file: ReadableFile
    private let path: String
    private let stream: OpaquePointer
    private let input: UnsafeMutableRawBufferPointer
    private var inBuffer = ZSTD_inBuffer(src: nil, size: 0, pos: 0)
    private var inputEnded = false
    /// 0 once the last frame ended cleanly.
    private var lastHint = 0

    init(file: ReadableFile, path: String) throws(CompressionError) {
        self.file = file
        self.path = path
        guard let stream = ZSTD_createDStream() else {
            throw CompressionError.decompression(path: path, detail: "zstd could not start")
        }
        self.stream = stream
        input = UnsafeMutableRawBufferPointer.allocate(byteCount: ZSTD_DStreamInSize(), alignment: 16)
    }

    deinit {
        ZSTD_freeDStream(stream)
        input.deallocate()
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        var out = ZSTD_outBuffer(dst: buffer.baseAddress, size: buffer.count, pos: 0)
        while out.pos < out.size {
            if inBuffer.pos == inBuffer.size {
                if inputEnded { break }
                let n = try file.read(into: input)
                if n == 0 {
                    inputEnded = true
                    break
                }
                inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: n, pos: 0)
            }
            let hint = ZSTD_decompressStream(stream, &out, &inBuffer)
            if ZSTD_isError(hint) != 0 {
                let name = String(cString: ZSTD_getErrorName(hint))
                throw CompressionError.decompression(path: path, detail: "the zstd data is corrupt (\(name))")
            }
            lastHint = hint
        }
        if out.pos == 0 && inputEnded && lastHint != 0 {
            throw CompressionError.decompression(path: path, detail: "the zstd stream is truncated")
        }
        return out.pos
    }
}
