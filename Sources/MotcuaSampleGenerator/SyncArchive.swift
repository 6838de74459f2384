import Foundation
import MotcuaIO

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

    /// Compresses the finished plain file `plain` into `path` (gzip or zstd by `compression`,
    /// through IO's `FileCompressor`), and removes `plain`; with no compression, renames it.
    /// The same input gives the same bytes: gzip's header holds no time, zstd runs single-threaded.
    func finish(plain: String, to path: String) throws(SampleGeneratorError) {
        let format: FileCompressor.Format
        switch compression {
        case .none:
            guard rename(plain, path) == 0 else { throw .cannotWrite(path: path, errno: errno) }
            return
        case .gzip: format = .gzip
        case .zstd: format = .zstd
        }
        do {
            try FileCompressor.compress(plain, to: path, as: format)
        } catch {
            throw .cannotWrite(path: path, errno: EIO)
        }
        unlink(plain)
    }
}
