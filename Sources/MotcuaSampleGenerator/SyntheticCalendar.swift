import MotcuaCore
import MotcuaIO

/// The days the synthetic exports cover, how busy each one is, and fast civil-date look-ups.
///
/// Volume follows what one-stop shops see: working days only at the counter (a trickle online at
/// weekends), a dip around Tết and the other public holidays, a rush in the week before Tết and in
/// the last months of the year, and growth from year to year.
///
/// Days are `LocalDate.daysSinceEpoch` values; times are seconds since 1970-01-01 00:00 local.
struct SyntheticCalendar: Sendable {
    let fromYear: Int
    let toYear: Int
    /// First and last day of the range, inclusive.
    let firstDay: Int
    let lastDay: Int
    /// Relative volume of each day of the range, index `day - firstDay`.
    let weights: [Double]
    /// Packed `year << 9 | month << 5 | day` for days from `tableStart` on, so that writing a date
    /// costs a table read (STYLE.md habit 11: dates are written a few million times a second).
    private let civilTable: [UInt32]
    private let tableStart: Int

    static let secondsPerDay = 86_400

    init(fromYear: Int, toYear: Int) {
        self.fromYear = fromYear
        self.toYear = toYear
        firstDay = LocalDate.days(fromCivilYear: fromYear, month: 1, day: 1)
        lastDay = LocalDate.days(fromCivilYear: toYear, month: 12, day: 31)
        tableStart = firstDay - 800
        let tableEnd = lastDay + 800
        var table: [UInt32] = []
        table.reserveCapacity(tableEnd - tableStart + 1)
        for day in tableStart...tableEnd {
            let c = LocalDate(daysSinceEpoch: Int32(day)).civil
            table.append(UInt32(c.year) << 9 | UInt32(c.month) << 5 | UInt32(c.day))
        }
        civilTable = table
        var w: [Double] = []
        w.reserveCapacity(lastDay - firstDay + 1)
        var tet = 0
        var tetYear = Int.min
        for day in firstDay...lastDay {
            let c = Self.unpack(table[day - tableStart])
            if c.year != tetYear {
                tetYear = c.year
                tet = Self.tetDay(year: c.year)
            }
            w.append(Self.weight(day: day, civil: c, tet: tet, fromYear: fromYear))
        }
        weights = w
    }

    var dayCount: Int { lastDay - firstDay + 1 }

    // MARK: - Civil dates

    @inline(__always)
    func civil(_ day: Int) -> (year: Int, month: Int, day: Int) {
        let k = day - tableStart
        if k >= 0, k < civilTable.count { return Self.unpack(civilTable[k]) }
        return LocalDate(daysSinceEpoch: Int32(day)).civil
    }

    @inline(__always)
    private static func unpack(_ v: UInt32) -> (year: Int, month: Int, day: Int) {
        (Int(v >> 9), Int(v >> 5 & 0xF), Int(v & 0x1F))
    }

    /// 0 = Sunday ... 6 = Saturday (1970-01-01 was a Thursday).
    @inline(__always)
    static func weekday(_ day: Int) -> Int { ((day % 7) + 11) % 7 }

    /// The day `n` working days (Monday to Friday) after `day`; `n == 0` is `day` itself.
    /// - Complexity: O(1): whole weeks are skipped (any 7 days in a row hold 5 working days),
    ///   then at most 5 working days are stepped.
    static func addingWorkingDays(_ n: Int, to day: Int) -> Int {
        guard n > 0 else { return day }
        let weeks = (n - 1) / 5
        var d = day + weeks * 7
        var left = n - weeks * 5
        while left > 0 {
            d += 1
            let w = weekday(d)
            if w != 0, w != 6 { left -= 1 }
        }
        return d
    }

    // MARK: - Volume

    private static let monthFactor: [Double] = [
        0.85, 0.80, 1.10, 1.10, 1.05, 1.00, 0.95, 1.00, 1.00, 1.05, 1.10, 1.15,
    ]

    private static func weight(
        day: Int, civil c: (year: Int, month: Int, day: Int), tet: Int, fromYear: Int
    ) -> Double {
        var w: Double
        switch weekday(day) {
        case 0: w = 0.04
        case 6: w = 0.12
        default: w = 1.0
        }
        w *= monthFactor[c.month - 1]
        let fromTet = day - tet
        if (-10)...(-4) ~= fromTet {
            w *= 1.3
        } else if (-3)...5 ~= fromTet {
            w *= 0.03
        } else if 6...14 ~= fromTet {
            w *= 0.7
        }
        switch (c.month, c.day) {
        case (1, 1), (4, 30), (5, 1), (9, 2): w *= 0.05
        case (9, 1), (9, 3): w *= 0.3
        default: break
        }
        // Social distancing in April 2020.
        if c.year == 2020, c.month == 4, c.day <= 22 { w *= 0.4 }
        return w * (1 + 0.06 * Double(c.year - fromYear))
    }

    /// The first day of the lunar new year (Tết Nguyên Đán); 5 February outside the table.
    static func tetDay(year: Int) -> Int {
        let known: [(Int, Int)] = [
            (2, 14), (2, 3), (1, 23), (2, 10), (1, 31), (2, 19), (2, 8), (1, 28), (2, 16), (2, 5),
            (1, 25), (2, 12), (2, 1), (1, 22), (2, 10), (1, 29), (2, 17), (2, 6), (1, 26), (2, 13),
            (2, 3), (1, 23), (2, 11), (1, 31), (2, 19), (2, 8),
        ]
        let k = year - 2010
        let (m, d) = known.indices.contains(k) ? known[k] : (2, 5)
        return LocalDate.days(fromCivilYear: year, month: m, day: d)
    }
}
