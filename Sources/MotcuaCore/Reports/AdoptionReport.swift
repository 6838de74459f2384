/// How far dossiers went online in a year, by month, agency and field, with the change from the
/// year before (the `<scope>_ratios_by_<grain>` views, CONTRACT.md section 3.1).
public struct AdoptionReport: Sendable, Equatable {
    /// The adoption ratios of CONTRACT.md section 2 (`Ratio.isAdoption`), in report order.
    public static let metrics = Ratio.allCases.filter(\.isAdoption)

    /// One row of a ratio view: the received counts and each ratio, absent where NULL.
    public struct Rates: Sendable, Equatable {
        public var received: Int
        public var receivedOnline: Int
        public var rates: [Ratio: Double]

        public init(received: Int, receivedOnline: Int, rates: [Ratio: Double]) {
            self.received = received
            self.receivedOnline = receivedOnline
            self.rates = rates
        }

        public subscript(metric: Ratio) -> Double? { rates[metric] }
    }

    public struct MonthRow: Sendable, Equatable {
        /// `YYYY-MM`.
        public var month: String
        public var rates: Rates

        public init(month: String, rates: Rates) {
            self.month = month
            self.rates = rates
        }
    }

    /// An agency or a field: its year and, when it had dossiers then, the year before.
    public struct GroupRow: Sendable, Equatable {
        /// The agency code; `nil` for a field.
        public var code: String?
        /// The agency's or field's name; `nil` for dossiers whose procedure is not in the catalog.
        public var name: String?
        public var current: Rates
        public var previous: Rates?

        public init(code: String?, name: String?, current: Rates, previous: Rates?) {
            self.code = code
            self.name = name
            self.current = current
            self.previous = previous
        }

        /// This year's ratio minus last year's, in shares; `nil` when either is missing.
        public func change(_ metric: Ratio) -> Double? {
            guard let now = current[metric], let before = previous?[metric] else { return nil }
            return now - before
        }
    }

    public var year: Int
    public var previousYear: Int { year - 1 }
    public var province: Rates?
    public var provincePrevious: Rates?
    /// Months of the year with dossiers, in order.
    public var months: [MonthRow]
    /// Most dossiers first, then by code.
    public private(set) var agencies: [GroupRow]
    /// Most dossiers first, then by name in Vietnamese alphabetical order.
    public private(set) var fields: [GroupRow]
    /// A row of `upgrade_candidates` (CONTRACT.md 2.4).
    public struct UpgradeCandidate: Sendable, Equatable {
        public var code: String
        public var name: String
        public var field: String
        public var onlineLevel: Int?
        public var dossiersLastYear: Int
        public var onlineDossiersLastYear: Int

        public init(
            code: String, name: String, field: String, onlineLevel: Int?, dossiersLastYear: Int, onlineDossiersLastYear: Int
        ) {
            self.code = code
            self.name = name
            self.field = field
            self.onlineLevel = onlineLevel
            self.dossiersLastYear = dossiersLastYear
            self.onlineDossiersLastYear = onlineDossiersLastYear
        }
    }

    /// Procedures not yet fully online with at least `upgrade_min_dossiers` dossiers in the year
    /// to the as-of date, most first (Decision 1565/QĐ-TTg): as of the as-of date, not of `year`.
    public var upgradeCandidates: [UpgradeCandidate] = []

    /// The province's targets for the year, by metric, for the chart's target line.
    public var targets: [Ratio: Double]

    public init(
        year: Int, province: Rates?, provincePrevious: Rates?, months: [MonthRow], agencies: [GroupRow],
        fields: [GroupRow], targets: [Ratio: Double]
    ) {
        self.year = year
        self.province = province
        self.provincePrevious = provincePrevious
        self.months = months.sorted { $0.month < $1.month }
        let order = { (a: GroupRow, b: GroupRow) in
            (b.current.received, a.code ?? "", TextFolding.folded(a.name ?? ""), a.name ?? "")
                < (a.current.received, b.code ?? "", TextFolding.folded(b.name ?? ""), b.name ?? "")
        }
        self.agencies = agencies.sorted(by: order)
        self.fields = fields.sorted(by: order)
        self.targets = targets
    }

    /// The province's change for a metric from the year before, in shares.
    public func provinceChange(_ metric: Ratio) -> Double? {
        guard let now = province?[metric], let before = provincePrevious?[metric] else { return nil }
        return now - before
    }
}
