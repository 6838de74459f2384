import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2, resolved_early / resolved_on_time / resolved_late.
@Suite struct TimelinessTests {
    // MARK: - A due date with a time of day

    static let dueTimed = at(2024, 3, 8, 17, 0, 0)

    @Test func closedBeforeTheTimedDueOnTheDueDay() {
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 16, 59, 59), due: Self.dueTimed) == .onTime)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 8, 0), due: Self.dueTimed) == .onTime)
    }

    @Test func closedExactlyAtTheTimedDue() {
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 17, 0, 0), due: Self.dueTimed) == .onTime)
    }

    @Test func closedOneSecondAfterTheTimedDue() {
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 17, 0, 1), due: Self.dueTimed) == .late)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 17, 0, 0, ms: 1), due: Self.dueTimed) == .late)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 23, 59, 59), due: Self.dueTimed) == .late)
    }

    @Test func closedDateOnlyOnTheDueDayIsOnTime() {
        // A closed_at without a time is the start of its day.
        #expect(Timeliness.classify(closed: at(2024, 3, 8), due: Self.dueTimed) == .onTime)
    }

    @Test func closedOnAnEarlierDayIsEarly() {
        #expect(Timeliness.classify(closed: at(2024, 3, 7, 23, 59, 59), due: Self.dueTimed) == .early)
        #expect(Timeliness.classify(closed: at(2024, 3, 1), due: Self.dueTimed) == .early)
    }

    @Test func closedOnALaterDayIsLate() {
        #expect(Timeliness.classify(closed: at(2024, 3, 9, 0, 0, 0), due: Self.dueTimed) == .late)
    }

    // MARK: - A due date without a time (local midnight): the end of that day

    static let dueDateOnly = at(2024, 3, 8)

    @Test func midnightDueMeansEndOfDay() {
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 0, 0, 1), due: Self.dueDateOnly) == .onTime)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 12, 0), due: Self.dueDateOnly) == .onTime)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 23, 59, 59), due: Self.dueDateOnly) == .onTime)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 23, 59, 59, ms: 999), due: Self.dueDateOnly) == .onTime)
    }

    @Test func midnightDueNextDayIsLate() {
        #expect(Timeliness.classify(closed: at(2024, 3, 9, 0, 0, 0), due: Self.dueDateOnly) == .late)
        #expect(Timeliness.classify(closed: at(2024, 3, 9, 8, 0), due: Self.dueDateOnly) == .late)
        #expect(Timeliness.classify(closed: at(2024, 4, 1), due: Self.dueDateOnly) == .late)
    }

    @Test func bothDateOnlySameDayIsOnTime() {
        #expect(Timeliness.classify(closed: at(2024, 3, 8), due: Self.dueDateOnly) == .onTime)
    }

    @Test func midnightDueEarly() {
        #expect(Timeliness.classify(closed: at(2024, 3, 7, 23, 59, 59), due: Self.dueDateOnly) == .early)
        #expect(Timeliness.classify(closed: at(2024, 3, 7), due: Self.dueDateOnly) == .early)
    }

    @Test func midnightDueAcrossAMonthEnd() {
        let due = at(2024, 2, 29)
        #expect(Timeliness.classify(closed: at(2024, 2, 29, 23, 0), due: due) == .onTime)
        #expect(Timeliness.classify(closed: at(2024, 3, 1, 0, 0), due: due) == .late)
    }

    @Test func dueParsedWithAnOffsetThatLandsOnLocalMidnight() throws {
        // 17:00 UTC on 8 March is 00:00 local on 9 March: a bare date, so the end of 9 March.
        guard case .value(let due) = DateParser.parse("2024-03-08T17:00:00Z") else {
            Issue.record("did not parse")
            return
        }
        #expect(Timeliness.classify(closed: at(2024, 3, 9, 12, 0), due: due) == .onTime)
        #expect(Timeliness.classify(closed: at(2024, 3, 10, 0, 0), due: due) == .late)
        #expect(Timeliness.classify(closed: at(2024, 3, 8, 23, 0), due: due) == .early)
    }
}
