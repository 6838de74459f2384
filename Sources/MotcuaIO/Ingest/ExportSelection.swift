/// Which exports a run reads, and when each is hashed (CONTRACT.md 3.2: history is not parsed
/// again; 1.5: an export seen before must not be merged twice).
///
/// The rules, each measured on years of nightly exports:
/// - an export already ingested from the same path, unchanged in size and modification time, is
///   skipped without being read (a night over 1,826 exports reads one);
/// - an export of the same size as one ingested (or one read earlier in this run) may be a
///   renamed copy: it is hashed *before* any row is merged, and skipped when its SHA-256 is known;
/// - any other export cannot be a copy: it is hashed on the other core *while* it is ingested, so
///   SHA-256 leaves the critical path.
///
/// A value type the run consults file by file; tests call it directly.
public struct ExportSelection: Sendable {
    /// What to do with one export.
    public enum Decision: Sendable, Equatable {
        /// Ingested before from this path and unchanged: skip, recording that earlier input.
        case unchanged(IngestedInput)
        /// Possibly a copy of a known export: hash first, then ask `isKnown(sha256:)`.
        case hashFirst
        /// Cannot be a copy: ingest while hashing.
        case hashWhileIngesting
    }

    private let knownByPath: [String: IngestedInput]
    private var knownSizes: Set<Int>
    private var knownDigests: Set<String>

    /// - Parameter known: the exports ingested by earlier runs (the store's inputs).
    public init(known: [IngestedInput]) {
        knownByPath = Dictionary(known.map { ($0.path, $0) }, uniquingKeysWith: { _, last in last })
        knownSizes = Set(known.map(\.bytes))
        knownDigests = Set(known.map(\.sha256))
    }

    /// The decision for the export at `path`, of `size` bytes, modified at `modifiedMillis`.
    public func decide(path: String, size: Int, modifiedMillis: Int64?) -> Decision {
        if let modifiedMillis, let known = knownByPath[path], known.bytes == size, known.modifiedMillis == modifiedMillis {
            return .unchanged(known)
        }
        return knownSizes.contains(size) ? .hashFirst : .hashWhileIngesting
    }

    /// Whether content with this digest was ingested already (by an earlier run or this one).
    public func isKnown(sha256: String) -> Bool { knownDigests.contains(sha256) }

    /// Records an export this run ingested, so a later copy of it in the same run is skipped.
    public mutating func ingested(size: Int, sha256: String) {
        knownSizes.insert(size)
        knownDigests.insert(sha256)
    }
}
