/// A reporting period: local dates, first and last day included (CONTRACT.md section 2.1).
///
/// Calendar periods run from the 1st to the last day of their months; official ones (Decree
/// 09/2019/NĐ-CP) from the 15th of the month before the first month to the 14th of the last, so
/// `2025-Q1` (official) is 2024-12-15..2025-03-14 and the official year 2025 starts on
/// 15 December 2024. Either way a period starts and ends on a half-month boundary (the 1st or
/// the 15th), which is what lets `Form06Totals` keep counts by half-month and answer every
/// period from them.
public struct Period: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var kind: PeriodKind
    public var span: PeriodSpan
    public var year: Int
    /// Month 1-12, quarter 1-4, or 1 for a half, nine months or a year.
    public var number: Int
    public var startsOn: LocalDate
    public var endsOn: LocalDate

    /// The period `number` of `span` in `year`; `nil` when the span is not one of the kind's
    /// (a calendar `9M`) or the number is out of range.
    public init?(kind: PeriodKind, span: PeriodSpan, year: Int, number: Int = 1) {
        guard kind.spans.contains(span), number >= 1, number <= span.countPerYear, year >= 1900, year <= 2200 else {
            return nil
        }
        self.kind = kind
        self.span = span
        self.year = year
        self.number = number
        let (first, last) = span.months(number: number)
        switch kind {
        case .calendar:
            startsOn = LocalDate(daysSinceEpoch: Int32(LocalDate.days(fromCivilYear: year, month: first, day: 1)))
            endsOn = LocalDate(
                daysSinceEpoch: Int32(
                    LocalDate.days(fromCivilYear: year, month: last, day: LocalDate.daysIn(year: year, month: last))))
        case .official:
            let before = Month(year: year, month: first).index - 1
            let month = Month(index: before)
            startsOn = LocalDate(
                daysSinceEpoch: Int32(LocalDate.days(fromCivilYear: month.year, month: month.monthOfYear, day: 15)))
            endsOn = LocalDate(daysSinceEpoch: Int32(LocalDate.days(fromCivilYear: year, month: last, day: 14)))
        }
    }

    /// Reads a period's name (`2025-03`, `2025-Q2`, `2025-H1`, `2025-9M`, `2025`); `H1` and
    /// `9M` are official whatever `kind` says, since only Decree 09 names them.
    public init?(name: String, kind: PeriodKind) {
        let parts = name.uppercased().split(separator: "-", omittingEmptySubsequences: false)
        guard let first = parts.first, first.count == 4, let year = Int(first) else { return nil }
        if parts.count == 1 {
            self.init(kind: kind, span: .year, year: year)
            return
        }
        guard parts.count == 2 else { return nil }
        let tail = String(parts[1])
        if tail == "H1" {
            self.init(kind: .official, span: .half, year: year)
        } else if tail == "9M" {
            self.init(kind: .official, span: .nineMonths, year: year)
        } else if tail.hasPrefix("Q"), tail.count == 2, let q = Int(tail.dropFirst()) {
            self.init(kind: kind, span: .quarter, year: year, number: q)
        } else if tail.count == 2, tail.allSatisfy(\.isNumber), let m = Int(tail), kind == .calendar {
            self.init(kind: .calendar, span: .month, year: year, number: m)
        } else {
            return nil
        }
    }

    /// The contract's name: `2025-03`, `2025-Q2`, `2025-H1`, `2025-9M`, `2025`.
    public var name: String {
        switch span {
        case .month: LocalDate.pad(year, 4) + "-" + LocalDate.pad(number, 2)
        case .quarter: LocalDate.pad(year, 4) + "-Q\(number)"
        case .half: LocalDate.pad(year, 4) + "-H\(number)"
        case .nineMonths: LocalDate.pad(year, 4) + "-9M"
        case .year: LocalDate.pad(year, 4)
        }
    }

    public var description: String { "\(kind.rawValue) \(name) (\(startsOn)..\(endsOn))" }

    /// Kind, then end date, then the shorter period first (a quarter before the year that ends
    /// with it).
    public static func < (a: Period, b: Period) -> Bool {
        (a.kind, a.endsOn, b.startsOn) < (b.kind, b.endsOn, a.startsOn)
    }

    /// Every period of `kinds` that ends on or before `asOf` and on or after `earliest`, sorted
    /// (CONTRACT.md section 2.1: what a run computes).
    /// - Complexity: O(years x periods per year).
    public static func all(kinds: [PeriodKind] = PeriodKind.allCases, endingBy asOf: LocalDate, notBefore earliest: LocalDate)
        -> [Period]
    {
        guard earliest <= asOf else { return [] }
        var result: [Period] = []
        for kind in kinds {
            for year in earliest.year...(asOf.year + 1) {
                for span in kind.spans {
                    for number in 1...span.countPerYear {
                        guard let p = Period(kind: kind, span: span, year: year, number: number),
                            p.endsOn <= asOf, p.endsOn >= earliest
                        else { continue }
                        result.append(p)
                    }
                }
            }
        }
        return result.sorted()
    }

    /// The latest period of `kind` and `span` that ends on or before `asOf` (the nightly run
    /// writes the latest finished official quarter and year).
    public static func latest(kind: PeriodKind, span: PeriodSpan, endingBy asOf: LocalDate) -> Period? {
        for year in stride(from: asOf.year + 1, through: asOf.year - 1, by: -1) {
            for number in stride(from: span.countPerYear, through: 1, by: -1) {
                if let p = Period(kind: kind, span: span, year: year, number: number), p.endsOn <= asOf { return p }
            }
        }
        return nil
    }

    // MARK: - Half-months

    /// The half-month of `date`: `month index x 2`, plus 1 from the 15th. Every period starts on
    /// the first day of a half-month and ends on the last day of one.
    public static func halfMonth(of date: LocalDate) -> Int32 {
        let c = date.civil
        return Int32(c.year * 12 + c.month - 1) * 2 + (c.day >= 15 ? 1 : 0)
    }

    /// The half-months this period covers, first and last included.
    public var halfMonths: ClosedRange<Int32> { Self.halfMonth(of: startsOn)...Self.halfMonth(of: endsOn) }
}
