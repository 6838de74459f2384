import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2, procedures_level34_share: among catalog procedures active on a date,
/// the share offered at level 3 or 4.
@Suite struct ProcedureLevelShareTests {
    static func fixture() throws -> Catalog {
        try catalog([
            procedure("L1", level: 4, published: day(2020, 1, 1)),
            procedure("L2", level: 3, published: day(2020, 1, 1)),
            procedure("L3", level: 2, published: day(2020, 1, 1)),
            procedure("L4", level: nil, published: day(2020, 1, 1)),
            procedure("L5", level: 4, published: day(2020, 1, 1), abolished: day(2024, 1, 1)),
            procedure("L6", level: 3, published: day(2025, 3, 1)),
            procedure("L7", level: 1, published: day(2024, 6, 30)),
        ])
    }

    @Test func activeOnlyOnAMidYearDate() throws {
        // Active on 2024-06-30: L1, L2, L3, L4, L7 (published that day); L5 abolished, L6 not yet.
        let share = ProcedureLevelShare.compute(catalog: try Self.fixture(), on: day(2024, 6, 30))
        #expect(share.activeProcedures == 5)
        #expect(share.level34Procedures == 2)
        #expect(share.share == 0.4)
        #expect(share.on == day(2024, 6, 30))
    }

    @Test func abolishedOnTheDateIsNotActive() throws {
        let c = try Self.fixture()
        // 31 Dec 2023: L1-L5 active (L5 abolished the next day).
        let before = ProcedureLevelShare.compute(catalog: c, on: day(2023, 12, 31))
        #expect(before.activeProcedures == 5)
        #expect(before.level34Procedures == 3)
        #expect(before.share == 0.6)
        // 1 Jan 2024: L5 abolished that day.
        let on = ProcedureLevelShare.compute(catalog: c, on: day(2024, 1, 1))
        #expect(on.activeProcedures == 4)
        #expect(on.level34Procedures == 2)
        #expect(on.share == 0.5)
    }

    @Test func emptyCatalogHasNoShare() {
        let share = ProcedureLevelShare.compute(catalog: Catalog(), on: day(2024, 6, 30))
        #expect(share.activeProcedures == 0)
        #expect(share.level34Procedures == 0)
        #expect(share.share == nil)
    }

    @Test func noActiveProcedureHasNoShare() throws {
        let c = try catalog([procedure("F", level: 4, published: day(2030, 1, 1))])
        #expect(ProcedureLevelShare.compute(catalog: c, on: day(2024, 6, 30)).share == nil)
    }

    @Test func allLevel34() throws {
        let c = try catalog([
            procedure("A", level: 3, published: day(2020, 1, 1)), procedure("B", level: 4, published: day(2020, 1, 1)),
        ])
        #expect(ProcedureLevelShare.compute(catalog: c, on: day(2024, 6, 30)).share == 1.0)
    }

    @Test func forYearUsesDecember31ForAPastYear() throws {
        let share = ProcedureLevelShare.forYear(2023, catalog: try Self.fixture(), asOf: day(2025, 6, 30))
        #expect(share.on == day(2023, 12, 31))
        #expect(share.activeProcedures == 5)
        #expect(share.level34Procedures == 3)
    }

    @Test func forYearUsesTheAsOfDateForTheCurrentYear() throws {
        // On 2025-06-30: L1, L2, L3, L4, L6, L7 active; L1, L2, L6 at level 3/4.
        let share = ProcedureLevelShare.forYear(2025, catalog: try Self.fixture(), asOf: day(2025, 6, 30))
        #expect(share.on == day(2025, 6, 30))
        #expect(share.activeProcedures == 6)
        #expect(share.level34Procedures == 3)
        #expect(share.share == 0.5)
    }

    @Test func forYearUsesTheAsOfDateForALaterYear() throws {
        let share = ProcedureLevelShare.forYear(2026, catalog: try Self.fixture(), asOf: day(2025, 6, 30))
        #expect(share.on == day(2025, 6, 30))
    }

    @Test func forYearOnDecember31AsOf() throws {
        let share = ProcedureLevelShare.forYear(2024, catalog: try Self.fixture(), asOf: day(2024, 12, 31))
        #expect(share.on == day(2024, 12, 31))
        #expect(share.activeProcedures == 5)
        #expect(share.level34Procedures == 2)
    }
}
