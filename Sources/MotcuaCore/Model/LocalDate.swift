/// A calendar date in Viet Nam's local time (UTC+07:00), stored as days since 1970-01-01.
///
/// Every day-level rule of the contract (months, due dates, the three-year window) works on local
/// dates, so they are integers: comparing and bucketing a million of them costs nothing, and no
/// `Date` or `Calendar` is built per row (STYLE.md habit 11).
/// See CONTRACT.md section 1.1 ("Every day-level rule below uses the local calendar date").
public struct LocalDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public var daysSinceEpoch: Int32

    public init(daysSinceEpoch: Int32) {
        self.daysSinceEpoch = daysSinceEpoch
    }

    /// The date of a valid civil year, month and day, or `nil` when the day does not exist.
    public init?(year: Int, month: Int, day: Int) {
        // Every date of an export comes here (four a row); the years they hold are looked up.
        let k = (year &- MonthStarts.firstYear) &* 12 &+ (month &- 1)
        if UInt(bitPattern: year &- MonthStarts.firstYear) < UInt(MonthStarts.years), UInt(bitPattern: month &- 1) < 12 {
            guard let days = MonthStarts.entries.withUnsafeBufferPointer({ t -> Int32? in
                day >= 1 && day <= Int(t[2 * k + 1]) ? t[2 * k] &+ Int32(truncatingIfNeeded: day &- 1) : nil
            })
            else { return nil }
            self.daysSinceEpoch = days
            return
        }
        guard month >= 1, month <= 12, day >= 1, day <= LocalDate.daysIn(year: year, month: month),
            year > -100_000, year < 100_000
        else { return nil }
        self.daysSinceEpoch = Int32(LocalDate.days(fromCivilYear: year, month: month, day: day))
    }

    public static func < (lhs: LocalDate, rhs: LocalDate) -> Bool {
        lhs.daysSinceEpoch < rhs.daysSinceEpoch
    }

    // MARK: - Parts

    /// Year, month (1-12) and day (1-31).
    public var civil: (year: Int, month: Int, day: Int) {
        LocalDate.civil(fromDays: Int(daysSinceEpoch))
    }

    public var year: Int { civil.year }

    /// The month this date falls in, the grain of `monthly_counts`.
    public var month: Month {
        let c = civil
        return Month(year: c.year, month: c.month)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let c = civil
        return Self.pad(c.year, 4) + "-" + Self.pad(c.month, 2) + "-" + Self.pad(c.day, 2)
    }

    // MARK: - Arithmetic

    public func adding(days: Int) -> LocalDate {
        LocalDate(daysSinceEpoch: daysSinceEpoch + Int32(days))
    }

    /// The same month and day `years` earlier or later; 29 February becomes 28 February when the
    /// target year has no 29 February (CONTRACT.md section 2, dormant procedures).
    public func adding(years: Int) -> LocalDate {
        let c = civil
        let y = c.year + years
        let d = min(c.day, LocalDate.daysIn(year: y, month: c.month))
        // swift-format-ignore: NeverForceUnwrap
        return LocalDate(year: y, month: c.month, day: d)!
    }

    // MARK: - Civil calendar (Howard Hinnant's algorithms, public domain)

    public static func isLeap(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysIn(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeap(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Days since 1970-01-01 of a civil date. Month and day must be valid.
    public static func days(fromCivilYear year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int) -> (year: Int, month: Int, day: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    static func pad(_ value: Int, _ width: Int) -> String {
        let s = String(value)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
