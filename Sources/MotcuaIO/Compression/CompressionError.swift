/// gzip or zstd could not do their work: the boundary error of `Compression/` (issue 12: it threw
/// the CSV reader's and the snapshot writer's errors before). The message names the file and
/// the codec, so a clerk knows which export to ask for again.
public enum CompressionError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Reading `path`: its compressed data is damaged or cut short.
    case decompression(path: String, detail: String)
    /// Writing a snapshot file: zstd refused (out of memory, a bad level).
    case compression(detail: String)

    /// Whether the failure is in writing output (exit 73), not in reading input (exit 65).
    public var isOutputProblem: Bool {
        switch self {
        case .decompression: false
        case .compression: true
        }
    }

    public var description: String {
        switch self {
        case .decompression(let path, let detail): "\(path): \(detail)"
        case .compression(let detail): "zstd compression failed: \(detail)"
        }
    }
}
