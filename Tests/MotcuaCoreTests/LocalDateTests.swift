import Foundation
import Testing

@testable import MotcuaCore

/// `LocalDate(year:month:day:)` looks the years 1900-2199 up in a table and computes the others:
/// both checked against Foundation's Gregorian calendar, every day from 1898 to 2202, and every
/// day that does not exist refused.
@Suite struct LocalDateTests {
    private static let calendar: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }()

    /// Days since 1970-01-01 and the month's length, from Foundation.
    private func reference(_ year: Int, _ month: Int) -> (first: Int, length: Int) {
        let date = Self.calendar.date(from: DateComponents(year: year, month: month, day: 1))!
        let first = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        return (first, Self.calendar.range(of: .day, in: .month, for: date)!.count)
    }

    @Test func everyDayAroundTheTableEqualsTheCalendar() {
        var mismatches = 0
        for year in 1898...2202 {
            for month in 1...12 {
                let (first, length) = reference(year, month)
                for day in 1...length where LocalDate(year: year, month: month, day: day)?.daysSinceEpoch != Int32(first + day - 1) {
                    mismatches += 1
                    if mismatches < 5 { Issue.record("\(year)-\(month)-\(day)") }
                }
                // The day after the month's last, and day 0, do not exist.
                #expect(LocalDate(year: year, month: month, day: length + 1) == nil, "\(year)-\(month)-\(length + 1)")
                #expect(LocalDate(year: year, month: month, day: 0) == nil)
            }
            #expect(LocalDate(year: year, month: 0, day: 1) == nil)
            #expect(LocalDate(year: year, month: 13, day: 1) == nil)
        }
        #expect(mismatches == 0)
    }

    @Test func theTablesEdgesAndFarYears() {
        #expect(LocalDate(year: 1899, month: 12, day: 31).map { $0.daysSinceEpoch + 1 } == LocalDate(year: 1900, month: 1, day: 1)?.daysSinceEpoch)
        #expect(LocalDate(year: 2199, month: 12, day: 31).map { $0.daysSinceEpoch + 1 } == LocalDate(year: 2200, month: 1, day: 1)?.daysSinceEpoch)
        #expect(LocalDate(year: 1900, month: 2, day: 29) == nil)  // not a leap year
        #expect(LocalDate(year: 2000, month: 2, day: 29) != nil)  // a leap year
        // Foundation switches to the Julian calendar before 1582; LocalDate is proleptic Gregorian.
        #expect(LocalDate(year: 1600, month: 3, day: 1)?.daysSinceEpoch == Int32(reference(1600, 3).first))
        #expect(LocalDate(year: 9999, month: 12, day: 31)?.daysSinceEpoch == Int32(reference(9999, 12).first + 30))
        #expect(LocalDate(year: 100_000, month: 1, day: 1) == nil)
        #expect(LocalDate(year: Int.min, month: 1, day: 1) == nil)
        #expect(LocalDate(year: 2024, month: Int.max, day: 1) == nil)
        #expect(LocalDate(year: 2024, month: 1, day: Int.max) == nil)
    }
}
