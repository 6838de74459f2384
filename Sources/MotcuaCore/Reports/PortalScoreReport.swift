/// The portal's service index estimated from case logs (CONTRACT.md 2.3), as a report writer
/// sets it beside the portal's published page: the province's points per group against the
/// maximum for the latest month, quarter and year, its criteria for the latest quarter, and the
/// agencies ranked by points lost with the dossiers that would win them back. Read from
/// `portal_scores` and `portal_score_totals`.
public struct PortalScoreReport: Sendable, Equatable {
    /// One criterion of one scope in one period (a `portal_scores` row).
    public struct Score: Sendable, Equatable {
        public var criterion: PortalCriterion
        public var numerator: Int
        public var denominator: Int
        public var ratio: Double?
        public var points: Double
        public var maxPoints: Double
        public var dossiersNeeded: Int?

        public init(
            criterion: PortalCriterion, numerator: Int, denominator: Int, ratio: Double?, points: Double,
            maxPoints: Double, dossiersNeeded: Int?
        ) {
            self.criterion = criterion
            self.numerator = numerator
            self.denominator = denominator
            self.ratio = ratio
            self.points = points
            self.maxPoints = maxPoints
            self.dossiersNeeded = dossiersNeeded
        }

        public var pointsLost: Double { maxPoints - points }
    }

    /// A scope's criteria and its capped total (`portal_score_totals`).
    public struct Scored: Sendable, Equatable {
        public var scores: [Score]
        public var points: Double
        public var maxPoints: Double

        public init(scores: [Score], points: Double, maxPoints: Double) {
            self.scores = scores.sorted { $0.criterion < $1.criterion }
            self.points = points
            self.maxPoints = maxPoints
        }

        public var pointsLost: Double { maxPoints - points }

        public subscript(criterion: PortalCriterion) -> Score? { scores.first { $0.criterion == criterion } }

        /// A group's points and maximum: the total less the other groups' for the capped group
        /// (so the cap the database applied holds), the sum of its criteria otherwise.
        public func group(_ group: PortalGroup) -> (points: Double, max: Double) {
            func sum(_ g: PortalGroup) -> (Double, Double) {
                let s = scores.filter { $0.criterion.group == g }
                return (s.reduce(0) { $0 + $1.points }, s.reduce(0) { $0 + $1.maxPoints })
            }
            guard group.isCapped else { return sum(group) }
            var rest = (points: points, max: maxPoints)
            for g in PortalGroup.allCases where g != group {
                let (p, m) = sum(g)
                rest.points -= p
                rest.max -= m
            }
            return rest
        }
    }

    /// The province in one period.
    public struct PeriodRow: Sendable, Equatable {
        /// `2025-03`, `2025-Q1` or `2025`.
        public var period: String
        public var startsOn: String
        public var endsOn: String
        public var province: Scored

        public init(period: String, startsOn: String, endsOn: String, province: Scored) {
            self.period = period
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.province = province
        }
    }

    public struct AgencyRow: Sendable, Equatable {
        public var code: String
        public var name: String
        public var scored: Scored

        public init(code: String, name: String, scored: Scored) {
            self.code = code
            self.name = name
            self.scored = scored
        }
    }

    /// The latest month, quarter and year, in that order (those the database holds).
    public var periods: [PeriodRow]
    /// The period agencies are ranked in: the latest quarter, else the latest month.
    public var rankedPeriod: PeriodRow?
    /// Most points lost first, then by code.
    public private(set) var agencies: [AgencyRow]
    /// The weights the run scored with (kept in the database's metadata), for the formulas.
    public var settings: PortalScoreSettings

    public init(periods: [PeriodRow], rankedPeriod: PeriodRow?, agencies: [AgencyRow], settings: PortalScoreSettings) {
        self.settings = settings
        self.periods = periods
        self.rankedPeriod = rankedPeriod
        self.agencies = agencies.sorted { ($1.scored.pointsLost, $0.code) < ($0.scored.pointsLost, $1.code) }
    }
}
