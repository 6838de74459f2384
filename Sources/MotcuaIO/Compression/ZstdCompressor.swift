internal import CZstd

/// Streams bytes through libzstd's compressor (Debian `libzstd-dev`); owns its `ZSTD_CCtx`.
///
/// Multithreaded when `workers` > 0 (libzstd compresses blocks on its own threads while the
/// caller formats the next rows), which is how a snapshot write uses the second core.
/// See https://facebook.github.io/zstd/zstd_manual.html (ZSTD_compressStream2, ZSTD_c_nbWorkers).
final class ZstdCompressor {
    private let context: OpaquePointer
    private var output: [UInt8]

    init(level: Int32, workers: Int32) throws(CompressionError) {
        guard let context = ZSTD_createCCtx() else { throw CompressionError.compression(detail: "zstd could not start") }
        self.context = context
        ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
        if workers > 0 { ZSTD_CCtx_setParameter(context, ZSTD_c_nbWorkers, workers) }
        output = [UInt8](repeating: 0, count: ZSTD_CStreamOutSize())
    }

    deinit { ZSTD_freeCCtx(context) }

    /// Starts a new frame with the same settings, dropping any unfinished one: one compressor
    /// serves many files in turn. A new context costs its tables and window (about 3 MB at
    /// level 3), allocated and cleared again for each of a snapshot's hundreds of parts.
    func startFrame() {
        ZSTD_CCtx_reset(context, ZSTD_reset_session_only)
    }

    /// Compresses `input`; `emit` receives the compressed bytes as they come. With `end`, the
    /// frame is closed.
    func compress(_ input: UnsafeRawBufferPointer, end: Bool, emit: (UnsafeRawBufferPointer) throws -> Void) throws {
        var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
        let mode = end ? ZSTD_e_end : ZSTD_e_continue
        while true {
            let (remaining, produced) = output.withUnsafeMutableBytes { out -> (Int, Int) in
                var outBuffer = ZSTD_outBuffer(dst: out.baseAddress, size: out.count, pos: 0)
                let r = ZSTD_compressStream2(context, &outBuffer, &inBuffer, mode)
                return (r, outBuffer.pos)
            }
            if ZSTD_isError(remaining) != 0 {
                throw CompressionError.compression(detail: String(cString: ZSTD_getErrorName(remaining)))
            }
            if produced > 0 { try output.withUnsafeBytes { try emit(UnsafeRawBufferPointer(rebasing: $0[0..<produced])) } }
            let done = end ? remaining == 0 : inBuffer.pos == inBuffer.size
            if done { break }
        }
    }
}
