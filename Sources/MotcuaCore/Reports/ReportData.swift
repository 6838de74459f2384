/// Everything a report shows, read from the summary database, before any language or format is
/// applied. The reports are views of the database: no figure here is computed anew except the
/// late share (late / resolved with a due date) and changes between two years.
public struct ReportData: Sendable, Equatable {
    /// `metadata.pipeline`.
    public var pipeline: String
    /// `metadata.as_of`, `YYYY-MM-DD`.
    public var asOf: String
    /// The year the yearly figures are for.
    public var year: Int
    /// Years that have any row in `monthly_counts`, ascending.
    public var yearsWithData: [Int]
    /// `runs.id` and `runs.finished_at` of the latest run that wrote the database, if recorded.
    public var lastRunID: String?
    public var lastRunFinishedAt: String?

    public var targets: TargetsReport?
    public var retire: RetireReport?
    public var onTime: OnTimeReport?
    public var adoption: AdoptionReport?
    public var portalScore: PortalScoreReport?

    public init(pipeline: String, asOf: String, year: Int, yearsWithData: [Int]) {
        self.pipeline = pipeline
        self.asOf = asOf
        self.year = year
        self.yearsWithData = yearsWithData
    }

    /// Whether any dossier was received or closed in `year`.
    public var yearHasData: Bool { yearsWithData.contains(year) }

    /// The kinds this data holds, in report order.
    public var kinds: [ReportKind] {
        ReportKind.allCases.filter { kind in
            switch kind {
            case .targets: targets != nil
            case .retire: retire != nil
            case .onTime: onTime != nil
            case .adoption: adoption != nil
            case .portalScore: portalScore != nil
            }
        }
    }

    /// The year a report is for when none is asked: the latest year with data not after the
    /// as-of date's year, else the as-of date's year (a year with no data gives an empty report).
    public static func defaultYear(yearsWithData: [Int], asOf: String) -> Int {
        let asOfYear = Int(asOf.prefix(4)) ?? yearsWithData.last ?? 0
        return yearsWithData.last(where: { $0 <= asOfYear }) ?? asOfYear
    }
}
