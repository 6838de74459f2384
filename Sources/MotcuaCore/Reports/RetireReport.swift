/// The procedures planners may retire, as of the as-of date (CONTRACT.md section 2, dormant
/// procedures): dormant ones, and apart from them those too new to judge and the codes that
/// dossiers name but the catalog lacks.
public struct RetireReport: Sendable, Equatable {
    /// A row of `dormant_procedures` or `too_new_procedures`.
    public struct ProcedureRow: Sendable, Equatable {
        public var code: String
        public var name: String
        public var field: String
        /// `province`, `district`, `commune` or `ministry`; `nil` when the catalog left it empty.
        public var adminLevel: String?
        public var onlineLevel: Int?
        public var publishedOn: String
        /// Dormant only: the last dossier received on or before the as-of date; `nil`: never.
        public var lastReceivedOn: String?
        /// Too new only: the first as-of date on which it can be judged.
        public var judgeableOn: String?
        public var dossiersEver: Int

        public init(
            code: String, name: String, field: String, adminLevel: String?, onlineLevel: Int?, publishedOn: String,
            lastReceivedOn: String? = nil, judgeableOn: String? = nil, dossiersEver: Int
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.adminLevel = adminLevel
            self.onlineLevel = onlineLevel
            self.publishedOn = publishedOn
            self.lastReceivedOn = lastReceivedOn
            self.judgeableOn = judgeableOn
            self.dossiersEver = dossiersEver
        }
    }

    /// A row of `unknown_procedures`.
    public struct UnknownRow: Sendable, Equatable {
        public var code: String
        public var name: String
        public var dossiers: Int
        public var firstReceivedOn: String
        public var lastReceivedOn: String

        public init(code: String, name: String, dossiers: Int, firstReceivedOn: String, lastReceivedOn: String) {
            self.code = code
            self.name = name
            self.dossiers = dossiers
            self.firstReceivedOn = firstReceivedOn
            self.lastReceivedOn = lastReceivedOn
        }
    }

    /// A row of `online_services_without_online_dossiers` (CONTRACT.md 2.4).
    public struct OnlineServiceRow: Sendable, Equatable {
        public var procedure: ProcedureRow
        /// The latest online dossier received on or before the as-of date; `nil`: never.
        public var lastOnlineReceivedOn: String?
        /// Dossiers of any channel in the three-year window.
        public var dossiersInWindow: Int

        public init(procedure: ProcedureRow, lastOnlineReceivedOn: String?, dossiersInWindow: Int) {
            self.procedure = procedure
            self.lastOnlineReceivedOn = lastOnlineReceivedOn
            self.dossiersInWindow = dossiersInWindow
        }
    }

    /// Online services nobody used online in three years, by code: offer them at a lower level,
    /// or cut them (the Prime Minister's working group).
    public var onlineServicesWithoutOnlineDossiers: [OnlineServiceRow] = []

    /// How many dormant procedures a field has, for the chart.
    public struct FieldCount: Sendable, Equatable {
        public var field: String
        public var count: Int
    }

    public var asOf: String
    /// Dormant procedures by field (in Vietnamese alphabetical order, so Đ follows D), then
    /// code: planners review one field at a time.
    public private(set) var dormant: [ProcedureRow]
    /// Too-new procedures by the date they become judgeable, then code.
    public private(set) var tooNew: [ProcedureRow]
    /// Unknown codes by dossiers, most first.
    public private(set) var unknown: [UnknownRow]

    public init(asOf: String, dormant: [ProcedureRow], tooNew: [ProcedureRow], unknown: [UnknownRow]) {
        self.asOf = asOf
        // Each field folded once, not in every comparison: a fold is a Unicode normalisation,
        // and folding inside the sort's comparisons was 23 ms of a small run (perf, issue 16).
        self.dormant = dormant.map { (TextFolding.folded($0.field), $0) }
            .sorted { ($0.0, $0.1.field, $0.1.code) < ($1.0, $1.1.field, $1.1.code) }
            .map(\.1)
        self.tooNew = tooNew.sorted { ($0.judgeableOn ?? "", $0.code) < ($1.judgeableOn ?? "", $1.code) }
        self.unknown = unknown.sorted { ($1.dossiers, $0.code) < ($0.dossiers, $1.code) }
    }

    /// Dormant procedures per field, most first, then by field.
    public var dormantByField: [FieldCount] {
        var counts: [String: Int] = [:]
        for row in dormant { counts[row.field, default: 0] += 1 }
        return counts.map { (TextFolding.folded($0.key), FieldCount(field: $0.key, count: $0.value)) }
            .sorted { ($1.1.count, $0.0, $0.1.field) < ($0.1.count, $1.0, $1.1.field) }
            .map(\.1)
    }
}
