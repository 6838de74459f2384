/// The first day (days since 1970-01-01) and the length of every month of 1900-2199, in pairs:
/// a date of those years is a look-up, not the civil-calendar arithmetic (issue 16: 7 ns a date
/// against under 3 in a harness of 4M dates; four dates a row). `LocalDateTests` checks every day
/// of 1898-2202 against Foundation's Gregorian calendar.
enum MonthStarts {
    static let firstYear = 1900
    static let years = 300
    static let entries: [Int32] = {
        var entries: [Int32] = []
        entries.reserveCapacity(years * 24)
        for year in firstYear..<(firstYear + years) {
            for month in 1...12 {
                entries.append(Int32(LocalDate.days(fromCivilYear: year, month: month, day: 1)))
                entries.append(Int32(LocalDate.daysIn(year: year, month: month)))
            }
        }
        return entries
    }()
}
