/// `manifest.json` of a snapshot (CONTRACT.md section 3.2): what it holds and how to check it.
public struct SnapshotManifest: Codable, Sendable, Equatable {
    public static let currentSchemaVersion = 1

    public struct File: Codable, Sendable, Equatable {
        /// Relative to the snapshot folder.
        public var path: String
        public var bytes: Int
        /// Data rows (CSV) or `monthly_counts` rows (the database).
        public var rows: Int
        public var sha256: String
    }

    public var schemaVersion: Int
    public var snapshotID: String
    public var pipeline: String
    public var createdAt: String
    public var asOf: String
    public var previous: String?
    public var compression: String
    /// Every export whose dossiers the snapshot holds, from the first run on.
    public var inputs: [IngestedInput]
    public var files: [File]
    /// The run history, so a store rebuilt from the snapshot keeps its lineage.
    public var runs: [RunRecord]
    /// Digest of the procedure and agency names written into the rows: when a name changes,
    /// every partition is rewritten, not linked from the previous snapshot.
    public var labelsSHA256: String
    /// Rows per part within a year; a part is linked from the previous snapshot only when both
    /// cut years the same way. Absent in snapshots of earlier versions (never linked from).
    public var rowsPerPart: Int?

    enum CodingKeys: String, CodingKey {
        case schemaVersion = "schema_version"
        case snapshotID = "snapshot_id"
        case pipeline
        case createdAt = "created_at"
        case asOf = "as_of"
        case previous, compression, inputs, files, runs
        case labelsSHA256 = "labels_sha256"
        case rowsPerPart = "rows_per_part"
    }
}
