import MotcuaCore

/// One run's lineage, kept in the store and written to the `runs`, `run_inputs` and
/// `rejects_summary` tables of every new summary database (CONTRACT.md section 3.1).
public struct RunRecord: Codable, Sendable, Equatable {
    public var id: String
    public var pipeline: String
    /// ISO 8601 UTC.
    public var startedAt: String
    public var finishedAt: String
    public var asOf: String
    public var inputs: [IngestedInput]
    /// Inputs skipped because an earlier run ingested the same bytes.
    public var skippedInputs: [IngestedInput]
    public var recordsRead: Int
    public var recordsAccepted: Int
    public var recordsRejected: Int
    public var recordsSuperseded: Int
    public var dossiersKept: Int
    /// Kept dossiers whose status is not_received (CONTRACT.md section 3.1, `runs.not_received`).
    public var notReceived: Int
    public var rejectsByReason: [String: Int]
    public var snapshotID: String?
    public var status: String

    public init(
        id: String, pipeline: String, startedAt: String, finishedAt: String, asOf: String,
        inputs: [IngestedInput], skippedInputs: [IngestedInput], counts: IngestCounts,
        snapshotID: String?, status: String
    ) {
        self.id = id
        self.pipeline = pipeline
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.asOf = asOf
        self.inputs = inputs
        self.skippedInputs = skippedInputs
        self.recordsRead = counts.read
        self.recordsAccepted = counts.accepted
        self.recordsRejected = counts.rejected
        self.recordsSuperseded = counts.superseded
        self.dossiersKept = counts.keptAfter
        self.notReceived = counts.notReceived
        self.rejectsByReason = Dictionary(uniqueKeysWithValues: counts.rejectedByReason.map { ($0.key.code, $0.value) })
        self.snapshotID = snapshotID
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case id, pipeline, inputs, status
        case startedAt = "started_at"
        case finishedAt = "finished_at"
        case asOf = "as_of"
        case skippedInputs = "skipped_inputs"
        case recordsRead = "records_read"
        case recordsAccepted = "records_accepted"
        case recordsRejected = "records_rejected"
        case recordsSuperseded = "records_superseded"
        case dossiersKept = "dossiers_kept"
        case notReceived = "not_received"
        case rejectsByReason = "rejects_by_reason"
        case snapshotID = "snapshot_id"
    }
}
