import Foundation
internal import CZlib
internal import CZstd

/// How one generated national sync archive file (`exports/dvcqg/`, CONTRACT.md section 1.6) is
/// packed: its JSON container and its compression, both turned by the export's period number so
/// that a few files show every combination the `dvcqg` profile reads.
///
/// - container: period `p % 3`: JSON Lines (`.jsonl`), a JSON array (`.json`), the sync request
///   body `{"service": "DongBoHoSoMC", "isUpdating": "false", "data": [...]}` (`.json`);
/// - compression: `(p + p / 3) % 3`: none, gzip (`.gz`), zstd (`.zst`), so that over nine periods
///   each container comes in each compression.
struct SyncArchive: Sendable, Equatable {
    enum Container: Int, Sendable, CaseIterable {
        case lines, array, wrappedArray
    }

    enum Compression: Int, Sendable, CaseIterable {
        case none, gzip, zstd

        var suffix: String {
            switch self {
            case .none: ""
            case .gzip: ".gz"
            case .zstd: ".zst"
            }
        }
    }

    var container: Container
    var compression: Compression

    init(period p: Int) {
        container = Container(rawValue: p % 3) ?? .lines
        compression = Compression(rawValue: (p + p / 3) % 3) ?? .none
    }

    /// Every extension a sync archive file can have, longest first.
    static let allSuffixes = [".jsonl.gz", ".jsonl.zst", ".json.gz", ".json.zst", ".jsonl", ".json"]

    /// The file name's extension, e.g. `.jsonl.zst`.
    var suffix: String { (container == .lines ? ".jsonl" : ".json") + compression.suffix }

    /// The bytes before the first record.
    var opening: [UInt8] {
        switch container {
        case .lines: []
        case .array: Array("[\n".utf8)
        case .wrappedArray: Array("{\"service\": \"DongBoHoSoMC\", \"isUpdating\": \"false\", \"data\": [\n".utf8)
        }
    }

    /// The bytes after the last record.
    var closing: [UInt8] {
        switch container {
        case .lines: []
        case .array: Array("\n]\n".utf8)
        case .wrappedArray: Array("\n]}\n".utf8)
        }
    }

    /// Written before a record that follows another (`rows` records written so far).
    func separator(after rows: Int) -> [UInt8] {
        switch container {
        case .lines: []
        case .array, .wrappedArray: rows == 0 ? Self.indent : Self.nextElement
        }
    }

    /// Written after every record.
    var recordEnd: [UInt8] { container == .lines ? [0x0A] : [] }

    private static let indent = Array("  ".utf8)
    private static let nextElement = Array(",\n  ".utf8)

    // MARK: - Compression

    /// Compresses the finished plain file `plain` into `path` (gzip or zstd by `compression`),
    /// streamed block by block, and removes `plain`; with no compression, renames it.
    /// The same input gives the same bytes: gzip's header holds no time, zstd runs single-threaded.
    func finish(plain: String, to path: String) throws(SampleGeneratorError) {
        guard compression != .none else {
            guard rename(plain, path) == 0 else { throw .cannotWrite(path: path, errno: errno) }
            return
        }
        guard let input = fopen(plain, "rb") else { throw .cannotWrite(path: plain, errno: errno) }
        defer { fclose(input) }
        let output = ExportFileWriter(path: path, bufferBytes: 1 << 20)
        let block = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 20, alignment: 1)
        defer { block.deallocate() }
        var packer = try Packer(compression, path: path)
        defer { packer.end() }
        while true {
            let n = fread(block.baseAddress, 1, block.count, input)
            if n == 0, ferror(input) != 0 { throw .cannotWrite(path: plain, errno: errno) }
            try packer.pack(UnsafeRawBufferPointer(rebasing: block[0..<n]), end: n == 0, into: output)
            try output.flush()
            if n == 0 { break }
        }
        unlink(plain)
    }

    /// One gzip or zstd stream; owns its C state until `end()`. zlib's stream keeps its own
    /// address, so it lives on the heap, never moved.
    private struct Packer {
        let compression: Compression
        let path: String
        let zlib = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)
        var zstd: OpaquePointer?
        var out = [UInt8](repeating: 0, count: 1 << 16)

        init(_ compression: Compression, path: String) throws(SampleGeneratorError) {
            self.compression = compression
            self.path = path
            zlib.initialize(to: z_stream())
            switch compression {
            case .none: break
            case .gzip:
                guard motcua_deflate_init_gzip(zlib, 6) == Z_OK else {
                    throw .cannotWrite(path: path, errno: ENOMEM)
                }
            case .zstd:
                guard let context = ZSTD_createCCtx() else { throw .cannotWrite(path: path, errno: ENOMEM) }
                ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3)
                ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, 1)
                zstd = context
            }
        }

        mutating func end() {
            switch compression {
            case .none: break
            case .gzip: deflateEnd(zlib)
            case .zstd: ZSTD_freeCCtx(zstd)
            }
            zlib.deallocate()
        }

        /// Compresses `input` into `file`; with `end`, closes the stream.
        mutating func pack(_ input: UnsafeRawBufferPointer, end: Bool, into file: ExportFileWriter)
            throws(SampleGeneratorError)
        {
            let path = self.path
            switch compression {
            case .none: return
            case .gzip:
                zlib.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: UInt8.self))
                zlib.pointee.avail_in = uInt(input.count)
                while true {
                    let status = out.withUnsafeMutableBufferPointer { o -> Int32 in
                        zlib.pointee.next_out = o.baseAddress
                        zlib.pointee.avail_out = uInt(o.count)
                        let s = deflate(zlib, end ? Z_FINISH : Z_NO_FLUSH)
                        if let base = o.baseAddress { file.append(base, count: o.count - Int(zlib.pointee.avail_out)) }
                        return s
                    }
                    if status == Z_STREAM_END { return }
                    guard status == Z_OK || status == Z_BUF_ERROR else { throw .cannotWrite(path: path, errno: EIO) }
                    if !end, zlib.pointee.avail_in == 0 { return }
                }
            case .zstd:
                var inBuffer = ZSTD_inBuffer(src: input.baseAddress, size: input.count, pos: 0)
                while true {
                    let remaining = out.withUnsafeMutableBytes { o -> Int in
                        var outBuffer = ZSTD_outBuffer(dst: o.baseAddress, size: o.count, pos: 0)
                        let r = ZSTD_compressStream2(zstd, &outBuffer, &inBuffer, end ? ZSTD_e_end : ZSTD_e_continue)
                        if let base = o.baseAddress { file.append(base.assumingMemoryBound(to: UInt8.self), count: outBuffer.pos) }
                        return r
                    }
                    guard ZSTD_isError(remaining) == 0 else { throw .cannotWrite(path: path, errno: EIO) }
                    if end ? remaining == 0 : inBuffer.pos == inBuffer.size { return }
                }
            }
        }
    }
}
