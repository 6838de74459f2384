public import MotcuaCore

/// The durable state between runs and stages: the kept dossiers, the exports already ingested
/// and the running totals of the accounting invariant.
///
/// A compact binary file, not a database: the kept dossiers are written as the raw 48-byte
/// `DossierRecord` array plus length-prefixed string tables, so five million dossiers load in a
/// fraction of a second with no parsing (issue 6's budget for nightly runs). Each section
/// carries a 64-bit checksum that detects a torn or bit-flipped file. Byte order is the
/// machine's (little-endian on every platform Swift on Linux supports).
public struct StoreState: Sendable {
    public var ledger: DossierLedger
    public var inputs: [IngestedInput]
    /// Records accepted over every run so far; equals kept + superseded (CONTRACT.md 1.4).
    public var totalAccepted: Int
    public var totalSuperseded: Int
    /// Every successful run so far, oldest first.
    public var runs: [RunRecord] = []
    /// The snapshot this state was published as; the next run links unchanged partitions from it.
    public var snapshotID: String?
    /// The monthly counters of exactly these dossiers, when the run that saved them computed
    /// figures; the next run updates them by difference instead of counting everything again.
    public var monthlyTotals: MonthlyTotals?
    /// Form 06's half-month counters of exactly these dossiers, kept for the same reason.
    public var form06Totals: Form06Totals?
    /// The portal score's per-dossier counters of exactly these dossiers, likewise (store v7).
    public var portalTotals: PortalTotals?
    /// The store file this state was read from, so the next write can add a delta to it.
    public var base: StoreBase?
    /// The summary database published with this state; the next run may patch it only while
    /// its bytes match.
    public var publishedDatabase: DatabaseFingerprint?
    /// Why the stored monthly totals were dropped on reading (a store written by another
    /// release): the run says so in one log line and counts them again.
    public var recount: String?

    public init(
        ledger: DossierLedger = DossierLedger(), inputs: [IngestedInput] = [], totalAccepted: Int = 0,
        totalSuperseded: Int = 0
    ) {
        self.ledger = ledger
        self.inputs = inputs
        self.totalAccepted = totalAccepted
        self.totalSuperseded = totalSuperseded
    }
}

/// Identifies a written store file and what its delta file changed in it.
public struct StoreBase: Sendable, Equatable {
    /// Random, written in the file's header; a delta names the base it applies to.
    public var id: String
    /// Dossiers in the base file.
    public var count: Int
    /// Base positions the delta file replaced, ascending.
    public var replaced: [Int32]
}
