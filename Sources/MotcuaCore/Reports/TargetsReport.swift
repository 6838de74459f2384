/// Each target of a year against its actual (the `target_progress` view, CONTRACT.md section
/// 3.1): met when actual >= target; the shortfall is how many more dossiers (or procedures at
/// level 3/4) would have met it.
public struct TargetsReport: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var year: Int
        public var scope: String
        /// A ratio of CONTRACT.md section 2, e.g. `online_rate`.
        public var metric: String
        public var target: Double
        /// `nil` when the year has no denominator (no dossiers, or no procedures).
        public var actual: Double?
        public var met: Bool?
        public var shortfall: Int?
        public var numerator: Int?
        public var denominator: Int?

        public init(
            year: Int, scope: String, metric: String, target: Double, actual: Double?, met: Bool?,
            shortfall: Int?, numerator: Int?, denominator: Int?
        ) {
            self.year = year
            self.scope = scope
            self.metric = metric
            self.target = target
            self.actual = actual
            self.met = met
            self.shortfall = shortfall
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public var year: Int
    /// By scope, then in the order of `Ratio.allCases` (a metric this release does not know,
    /// from a newer database, last).
    public private(set) var rows: [Row]

    public init(year: Int, rows: [Row]) {
        self.year = year
        let rank = { (metric: String) in Ratio(rawValue: metric).flatMap(Ratio.allCases.firstIndex(of:)) ?? Ratio.allCases.count }
        self.rows = rows.sorted {
            ($0.year, $0.scope == "province" ? 0 : 1, $0.scope, rank($0.metric), $0.metric)
                < ($1.year, $1.scope == "province" ? 0 : 1, $1.scope, rank($1.metric), $1.metric)
        }
    }
}
