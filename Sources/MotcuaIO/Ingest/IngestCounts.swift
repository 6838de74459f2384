public import MotcuaCore

/// What an ingest did, for the run summary, the `runs` table and the accounting invariant
/// (CONTRACT.md section 1.4: read = accepted + rejected; accepted = kept + superseded).
public struct IngestCounts: Sendable, Equatable {
    public var read = 0
    public var accepted = 0
    public var rejected = 0
    public var rejectedByReason: [RejectReason: Int] = [:]
    /// Rows of this run that lost to another row (held or new) under the duplicate rule.
    public var superseded = 0
    /// Dossiers held before and after the run.
    public var keptBefore = 0
    public var keptAfter = 0
    /// Kept dossiers not received (status not_received) after the run: in no figure, but
    /// counted in `runs.not_received` and the run summary.
    public var notReceived = 0
    /// paid_online values not understood, counted as unknown.
    public var unreadablePaidOnline = 0
    public var bytes = 0

    public init() {}

    /// `nil` when the counts balance, else what does not.
    public var invariantViolation: String? {
        if read != accepted + rejected {
            return "records read (\(read)) != accepted (\(accepted)) + rejected (\(rejected))"
        }
        if accepted != (keptAfter - keptBefore) + superseded {
            return "accepted (\(accepted)) != newly kept (\(keptAfter - keptBefore)) + superseded (\(superseded))"
        }
        if rejected != rejectedByReason.values.reduce(0, +) {
            return "rejected (\(rejected)) != sum of rejects by reason"
        }
        return nil
    }

    public var rejectRate: Double { read == 0 ? 0 : Double(rejected) / Double(read) }
}
