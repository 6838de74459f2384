import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2.1: calendar and official periods (Decree 09/2019/NĐ-CP), dates counted
/// by hand from a calendar.
@Suite struct PeriodTests {
    func period(_ name: String, _ kind: PeriodKind) throws -> Period {
        try #require(Period(name: name, kind: kind))
    }

    @Test func officialPeriodsStartOnThe15thOfTheMonthBefore() throws {
        // Q1 starts in the year before: 15 December 2024 to 14 March 2025.
        let q1 = try period("2025-Q1", .official)
        #expect((q1.startsOn, q1.endsOn) == (day(2024, 12, 15), day(2025, 3, 14)))
        let q2 = try period("2025-Q2", .official)
        #expect((q2.startsOn, q2.endsOn) == (day(2025, 3, 15), day(2025, 6, 14)))
        let q4 = try period("2024-Q4", .official)
        #expect((q4.startsOn, q4.endsOn) == (day(2024, 9, 15), day(2024, 12, 14)))
        let h1 = try period("2025-H1", .official)
        #expect((h1.startsOn, h1.endsOn) == (day(2024, 12, 15), day(2025, 6, 14)))
        let nine = try period("2025-9M", .official)
        #expect((nine.startsOn, nine.endsOn) == (day(2024, 12, 15), day(2025, 9, 14)))
        let year = try period("2025", .official)
        #expect((year.startsOn, year.endsOn) == (day(2024, 12, 15), day(2025, 12, 14)))
        // The official year 2024 ends where 2025 begins.
        #expect(try period("2024", .official).endsOn.adding(days: 1) == year.startsOn)
    }

    @Test func calendarPeriodsAndTheLeapDay() throws {
        let feb2024 = try period("2024-02", .calendar)
        #expect((feb2024.startsOn, feb2024.endsOn) == (day(2024, 2, 1), day(2024, 2, 29)))
        #expect(try period("2023-02", .calendar).endsOn == day(2023, 2, 28))
        let q1 = try period("2024-Q1", .calendar)
        #expect((q1.startsOn, q1.endsOn) == (day(2024, 1, 1), day(2024, 3, 31)))
        let year = try period("2024", .calendar)
        #expect((year.startsOn, year.endsOn) == (day(2024, 1, 1), day(2024, 12, 31)))
        // 29 February falls in calendar February and official Q1 (2023-12-15..2024-03-14).
        let officialQ1 = try period("2024-Q1", .official)
        #expect(officialQ1.startsOn <= day(2024, 2, 29) && day(2024, 2, 29) <= officialQ1.endsOn)
        #expect(officialQ1.halfMonths.contains(Period.halfMonth(of: day(2024, 2, 29))))
    }

    @Test func namesReadAndWritten() throws {
        for (name, kind) in [
            ("2025-03", PeriodKind.calendar), ("2025-Q2", .calendar), ("2025", .calendar), ("2025-Q2", .official),
            ("2025-H1", .official), ("2025-9M", .official), ("2025", .official),
        ] {
            #expect(try period(name, kind).name == name)
        }
        // H1 and 9M exist only as official periods; no official months.
        #expect(try period("2025-H1", .calendar).kind == .official)
        #expect(Period(name: "2025-03", kind: .official) == nil)
        #expect(Period(name: "2025-13", kind: .calendar) == nil)
        #expect(Period(name: "2025-Q5", kind: .calendar) == nil)
        #expect(Period(name: "25-Q1", kind: .calendar) == nil)
    }

    @Test func everyPeriodEndingBetweenTheFirstDossierAndTheAsOfDate() {
        // First dossier 20 Dec 2024, as of 14 Mar 2025 (the last day of official Q1).
        let all = Period.all(endingBy: day(2025, 3, 14), notBefore: day(2024, 12, 20))
        #expect(all.map { "\($0.kind.rawValue) \($0.name)" } == [
            // Calendar: December 2024 ends 31 Dec, after the first dossier; Q4 and the year too.
            "calendar 2024-12", "calendar 2024-Q4", "calendar 2024", "calendar 2025-01", "calendar 2025-02",
            // Official: 2024-Q4 and the year 2024 ended 14 Dec, before the first dossier.
            "official 2025-Q1",
        ])
        #expect(Period.all(endingBy: day(2025, 3, 13), notBefore: day(2024, 12, 20)).filter { $0.kind == .official }.isEmpty)
        #expect(Period.all(endingBy: day(2024, 1, 1), notBefore: day(2024, 6, 1)).isEmpty)
    }

    @Test func latestFinishedOfficialQuarterAndYear() {
        // As of 10 Jan 2026: Q4 2025 ended 14 Dec 2025, and so did the official year 2025.
        #expect(Period.latest(kind: .official, span: .quarter, endingBy: day(2026, 1, 10))?.name == "2025-Q4")
        #expect(Period.latest(kind: .official, span: .year, endingBy: day(2026, 1, 10))?.name == "2025")
        // As of 14 Dec 2025 itself, the same; the day before, Q3 and 2024.
        #expect(Period.latest(kind: .official, span: .year, endingBy: day(2025, 12, 14))?.name == "2025")
        #expect(Period.latest(kind: .official, span: .quarter, endingBy: day(2025, 12, 13))?.name == "2025-Q3")
        #expect(Period.latest(kind: .official, span: .year, endingBy: day(2025, 12, 13))?.name == "2024")
    }
}
