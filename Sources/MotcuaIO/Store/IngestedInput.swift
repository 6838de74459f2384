/// An export file as the run saw it: where, how big, and its digest, which is how a later run
/// knows it was ingested already (CONTRACT.md section 3.2, issue 4).
public struct IngestedInput: Codable, Sendable, Equatable {
    public var path: String
    public var bytes: Int
    public var sha256: String
    /// The run that ingested it.
    public var runID: String
    /// The file's modification time when ingested (ms since 1970), so an unchanged file is
    /// recognised without hashing it again.
    public var modifiedMillis: Int64?

    public init(path: String, bytes: Int, sha256: String, runID: String) {
        self.path = path
        self.bytes = bytes
        self.sha256 = sha256
        self.runID = runID
    }

    enum CodingKeys: String, CodingKey {
        case path, bytes, sha256
        case runID = "run_id"
        case modifiedMillis = "modified_ms"
    }
}
