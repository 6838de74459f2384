/// The two kinds of reporting period (CONTRACT.md section 2.1).
///
/// One vocabulary: the SQL column `period_kind`, the `--kind` option and the report labels are
/// all spelled from these cases.
public enum PeriodKind: String, CaseIterable, Sendable, Comparable {
    /// Months, quarters and years from the first to the last day; the national portal's service
    /// index (Decision 766/QĐ-TTg) scores these.
    case calendar
    /// The reporting periods of Decree 09/2019/NĐ-CP (15th of the month before to the 14th),
    /// which the administrative-procedure report forms (Biểu số 06) use.
    case official

    public static func < (a: PeriodKind, b: PeriodKind) -> Bool { a.rank < b.rank }

    /// Report order: calendar first.
    var rank: Int {
        switch self {
        case .calendar: 0
        case .official: 1
        }
    }

    /// The spans a run computes for this kind, shortest first.
    public var spans: [PeriodSpan] {
        switch self {
        case .calendar: [.month, .quarter, .year]
        case .official: [.quarter, .half, .nineMonths, .year]
        }
    }
}

/// How long a period is, and how its name is spelled (`2025-03`, `2025-Q2`, `2025-H1`,
/// `2025-9M`, `2025`).
public enum PeriodSpan: String, CaseIterable, Sendable {
    case month, quarter, half, nineMonths = "nine_months", year

    /// How many of this span a year holds (a year has one `H1` and one `9M`: Decree 09 names
    /// no second half or other nine months).
    public var countPerYear: Int {
        switch self {
        case .month: 12
        case .quarter: 4
        case .half, .nineMonths, .year: 1
        }
    }

    /// Months from the period's first month to its last, both included.
    func months(number: Int) -> (first: Int, last: Int) {
        switch self {
        case .month: (number, number)
        case .quarter: (3 * number - 2, 3 * number)
        case .half: (1, 6)
        case .nineMonths: (1, 9)
        case .year: (1, 12)
        }
    }
}
