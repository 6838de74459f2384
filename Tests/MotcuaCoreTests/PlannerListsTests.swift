import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2.4 at their boundaries, as of 29 February 2024: the three-year window
/// starts after 28 February 2021, the year after 28 February 2023.
@Suite struct PlannerListsTests {
    static let asOf = day(2024, 2, 29)

    static func lists(minimum: Int = 2) throws -> PlannerLists {
        let c = try catalog([
            // Q1: level 4, published on A - 3y (allowed); its one online dossier on A - 3y itself,
            // outside the window; an in-person dossier the day after: listed, 1 in the window.
            procedure("Q1", level: 4, published: day(2021, 2, 28)),
            // Q2: level 3 with an online dossier on the window's first day (1 Mar 2021): not listed.
            procedure("Q2", level: 3, published: day(2020, 1, 1)),
            // Q3: level 4 published the day after A - 3y: too new, not listed.
            procedure("Q3", level: 4, published: day(2021, 3, 1)),
            // Q4: level 2, no dossier: not an online service, not listed.
            procedure("Q4", level: 2, published: day(2020, 1, 1)),
            // Q5: level 4, its only online dossier after A: listed, never used online by A.
            procedure("Q5", level: 4, published: day(2020, 1, 1)),
            // U1: level 3, dossiers on A - 1y (outside), 1 Mar 2023 and on A (online): 2 in the year.
            procedure("U1", level: 3, published: day(2023, 6, 1)),
            // U2: level 4, 3 dossiers: already fully online, not a candidate.
            procedure("U2", level: 4, published: day(2023, 6, 1)),
            // U3: no level in the catalog, 3 dossiers in the year: a candidate, first.
            procedure("U3", published: day(2023, 6, 1)),
            // U4: level 2, 1 dossier in the year and 1 on A - 1y: below 2.
            procedure("U4", level: 2, published: day(2023, 6, 1)),
        ])
        let l = ledger([
            dossier("q1a", procedure: "Q1", received: at(2021, 2, 28, 23)),
            dossier("q1b", procedure: "Q1", channel: .inPerson, received: at(2021, 3, 1)),
            dossier("q2a", procedure: "Q2", received: at(2021, 3, 1)),
            dossier("q5a", procedure: "Q5", received: at(2024, 3, 1)),
            dossier("u1a", procedure: "U1", channel: .inPerson, received: at(2023, 2, 28, 12)),
            dossier("u1b", procedure: "U1", channel: .inPerson, received: at(2023, 3, 1)),
            dossier("u1c", procedure: "U1", received: at(2024, 2, 29, 17)),
            dossier("u2a", procedure: "U2", received: at(2023, 5, 1)),
            dossier("u2b", procedure: "U2", received: at(2023, 5, 2)),
            dossier("u2c", procedure: "U2", received: at(2023, 5, 3)),
            dossier("u3a", procedure: "U3", channel: .inPerson, received: at(2023, 7, 1)),
            dossier("u3b", procedure: "U3", channel: .inPerson, received: at(2023, 7, 2)),
            dossier("u3c", procedure: "U3", received: at(2023, 7, 3)),
            dossier("u4a", procedure: "U4", channel: .inPerson, received: at(2023, 2, 28)),
            dossier("u4b", procedure: "U4", channel: .inPerson, received: at(2023, 8, 1)),
        ])
        return PlannerLists.compute(ledger: l, catalog: c, asOf: asOf, upgradeMinDossiers: minimum)
    }

    @Test func windowsOn29February() throws {
        let p = try Self.lists()
        #expect(p.threeYearStart == day(2021, 2, 28))
        #expect(p.oneYearStart == day(2023, 2, 28))
    }

    @Test func onlineServicesWithoutOnlineDossiers() throws {
        let rows = try Self.lists().onlineServicesWithoutOnlineDossiers
        #expect(rows.map(\.procedure.code) == ["Q1", "Q5"])
        #expect(rows[0].lastOnlineReceivedOn == day(2021, 2, 28))
        #expect(rows[0].dossiersInWindow == 1)
        #expect(rows[1].lastOnlineReceivedOn == nil)
        #expect(rows[1].dossiersInWindow == 0)
    }

    @Test func upgradeCandidates() throws {
        let rows = try Self.lists().upgradeCandidates
        #expect(rows.map(\.procedure.code) == ["U3", "U1"])
        #expect(rows.map(\.dossiersLastYear) == [3, 2])
        #expect(rows.map(\.onlineDossiersLastYear) == [1, 1])
        // The default threshold, 1,000 a year, lists none of them.
        #expect(try Self.lists(minimum: PlannerLists.defaultUpgradeMinDossiers).upgradeCandidates.isEmpty)
    }
}
