import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2, dormant procedures as of A: the three-year window (A - 3 years, A], too
/// new to judge, abolished procedures, and unknown procedure codes.
@Suite struct DormancyTests {
    static let asOf = day(2025, 6, 30)

    static func fixtureCatalog() throws -> Catalog {
        try catalog([
            // Last dossier exactly on A - 3y: outside the window: dormant.
            procedure("Q01", level: 2, published: day(2020, 1, 1), name: "Cấp phép A", field: "Đất đai"),
            // Last dossier on the day after A - 3y: inside: not listed.
            procedure("Q02", published: day(2020, 1, 1)),
            // Published exactly on A - 3y, never received: judgeable, dormant.
            procedure("Q03", published: day(2022, 6, 30)),
            // Published the day after A - 3y, never received: too new.
            procedure("Q04", published: day(2022, 7, 1)),
            // Too new, but with a dossier in the window: not listed.
            procedure("Q05", published: day(2023, 1, 1)),
            // Abolished on A: not active, not listed.
            procedure("Q06", published: day(2019, 1, 1), abolished: day(2025, 6, 30)),
            // Abolished after A: still active on A; no dossier: dormant.
            procedure("Q07", published: day(2019, 1, 1), abolished: day(2025, 7, 1)),
            // Published after A: not active, not listed.
            procedure("Q08", published: day(2025, 7, 1)),
            // Old dossier, and one after A that does not count: dormant with the old one only.
            procedure("Q09", published: day(2019, 1, 1)),
            // A dossier late on A itself: in the window.
            procedure("Q10", published: day(2019, 1, 1)),
            // Too new, with a dossier only after A: still too new, dossiers_ever 0.
            procedure("Q11", published: day(2023, 3, 1)),
        ])
    }

    static func fixtureLedger() -> DossierLedger {
        ledger([
            dossier("d1", procedure: "Q01", status: .pending, received: at(2021, 5, 5)),
            dossier(
                "d2", procedure: "Q01", status: .rejected, received: at(2022, 6, 30, 23, 59, 59),
                closed: at(2022, 7, 2)),
            dossier("d3", procedure: "Q02", received: at(2022, 7, 1, 0, 0, 0)),
            dossier("d4", procedure: "Q05", channel: .postal, received: at(2023, 5, 1)),
            dossier("d5", procedure: "Q09", received: at(2020, 3, 3, 10, 0)),
            dossier("d6", procedure: "Q09", received: at(2025, 7, 2)),
            dossier(
                "d7", procedure: "Q10", status: .withdrawn, received: at(2025, 6, 30, 23, 59),
                closed: at(2025, 7, 1)),
            dossier("d8", procedure: "Q11", received: at(2025, 7, 5)),
            // Unknown codes.
            dossier("u1", procedure: "ZZ1", received: at(2024, 4, 4), procedureName: "Thủ tục cũ"),
            dossier("u2", procedure: "ZZ1", received: at(2021, 2, 2), procedureName: "Thủ tục lạ"),
            dossier("u3", procedure: "ZZ1", received: at(2023, 1, 1)),
            dossier("u4", procedure: "ZZ0", received: at(2025, 1, 15)),
        ])
    }

    static func compute() throws -> Dormancy {
        Dormancy.compute(ledger: fixtureLedger(), catalog: try fixtureCatalog(), asOf: asOf)
    }

    @Test func windowStart() throws {
        #expect(try Self.compute().windowStart == day(2022, 6, 30))
    }

    @Test func dormantCountedByHand() throws {
        let dormancy = try Self.compute()
        #expect(dormancy.dormant.map(\.procedure.code) == ["Q01", "Q03", "Q07", "Q09"])
        let byCode = Dictionary(uniqueKeysWithValues: dormancy.dormant.map { ($0.procedure.code, $0) })
        #expect(byCode["Q01"]?.lastReceivedOn == day(2022, 6, 30))
        #expect(byCode["Q01"]?.dossiersEver == 2)
        #expect(byCode["Q01"]?.procedure.name == "Cấp phép A")
        #expect(byCode["Q01"]?.procedure.field == "Đất đai")
        #expect(byCode["Q03"]?.lastReceivedOn == nil)
        #expect(byCode["Q03"]?.dossiersEver == 0)
        #expect(byCode["Q07"]?.lastReceivedOn == nil)
        #expect(byCode["Q07"]?.dossiersEver == 0)
        // The dossier of 2 July 2025 (after A) counts for neither.
        #expect(byCode["Q09"]?.lastReceivedOn == day(2020, 3, 3))
        #expect(byCode["Q09"]?.dossiersEver == 1)
    }

    @Test func threeYearBoundary() throws {
        let dormancy = try Self.compute()
        let dormant = Set(dormancy.dormant.map(\.procedure.code))
        // Received exactly on 2022-06-30: outside (A - 3y, A].
        #expect(dormant.contains("Q01"))
        // Received 2022-07-01: inside.
        #expect(!dormant.contains("Q02"))
        // Received late on A itself: inside.
        #expect(!dormant.contains("Q10"))
    }

    @Test func tooNewListedApart() throws {
        let dormancy = try Self.compute()
        #expect(dormancy.tooNew.map(\.procedure.code) == ["Q04", "Q11"])
        #expect(dormancy.tooNew.map(\.judgeableOn) == [day(2025, 7, 1), day(2026, 3, 1)])
        #expect(dormancy.tooNew.map(\.dossiersEver) == [0, 0])
    }

    @Test func notListedAtAll() throws {
        let dormancy = try Self.compute()
        let listed = Set(dormancy.dormant.map(\.procedure.code) + dormancy.tooNew.map(\.procedure.code))
        for code in ["Q02", "Q05", "Q06", "Q08", "Q10"] {
            #expect(!listed.contains(code), "\(code)")
        }
    }

    @Test func unknownProcedures() throws {
        let dormancy = try Self.compute()
        #expect(
            dormancy.unknown == [
                Dormancy.UnknownProcedure(
                    code: "ZZ0", name: "", dossiers: 1, firstReceivedOn: day(2025, 1, 15),
                    lastReceivedOn: day(2025, 1, 15)),
                Dormancy.UnknownProcedure(
                    code: "ZZ1", name: "Thủ tục lạ", dossiers: 3, firstReceivedOn: day(2021, 2, 2),
                    lastReceivedOn: day(2024, 4, 4)),
            ])
    }

    @Test func procedurePublishedExactlyOnWindowStartWithADossierBeforeIt() throws {
        // Judgeable, and its only dossier (on A - 3y) is outside the window.
        let c = try catalog([procedure("Q", published: day(2022, 6, 30))])
        let l = ledger([dossier("d", procedure: "Q", received: at(2022, 6, 30, 12, 0))])
        let dormancy = Dormancy.compute(ledger: l, catalog: c, asOf: Self.asOf)
        #expect(dormancy.dormant.map(\.procedure.code) == ["Q"])
        #expect(dormancy.dormant.first?.lastReceivedOn == day(2022, 6, 30))
        #expect(dormancy.dormant.first?.dossiersEver == 1)
        #expect(dormancy.tooNew.isEmpty)
    }

    // MARK: - 29 February

    @Test func leapDayAsOf() throws {
        let asOf = day(2024, 2, 29)
        let c = try catalog([
            procedure("L1", published: day(2021, 2, 28)),  // judgeable, never received: dormant
            procedure("L2", published: day(2021, 3, 1)),  // too new
            procedure("L3", published: day(2020, 1, 1)),  // last dossier 2021-02-28: outside: dormant
            procedure("L4", published: day(2020, 1, 1)),  // dossier 2021-03-01: inside: not listed
        ])
        let l = ledger([
            dossier("a", procedure: "L3", received: at(2021, 2, 28, 23, 0)),
            dossier("b", procedure: "L4", received: at(2021, 3, 1)),
        ])
        let dormancy = Dormancy.compute(ledger: l, catalog: c, asOf: asOf)
        #expect(dormancy.windowStart == day(2021, 2, 28))
        #expect(dormancy.dormant.map(\.procedure.code) == ["L1", "L3"])
        #expect(dormancy.dormant.map(\.lastReceivedOn) == [nil, day(2021, 2, 28)])
        #expect(dormancy.tooNew.map(\.procedure.code) == ["L2"])
        #expect(dormancy.tooNew.first?.judgeableOn == day(2024, 3, 1))
    }

    @Test func windowStartOfOrdinaryAndLeapDays() {
        #expect(day(2024, 2, 29).adding(years: -3) == day(2021, 2, 28))
        #expect(day(2025, 2, 28).adding(years: -3) == day(2022, 2, 28))
        #expect(day(2025, 3, 1).adding(years: -3) == day(2022, 3, 1))
        #expect(day(2021, 2, 28).adding(years: 3) == day(2024, 2, 28))
        #expect(day(2024, 2, 29).adding(years: 4) == day(2028, 2, 29))
    }

    @Test func judgeableOnIsTheFirstDayItCanBeJudged() throws {
        // Published on 29 Feb 2024. As of 28 Feb 2027, A - 3y is 28 Feb 2024, before publication:
        // still too new. As of 1 Mar 2027, A - 3y is 1 Mar 2024: judgeable. So the first as-of date
        // on which it can be judged (Dormancy.TooNewProcedure.judgeableOn) is 1 March 2027.
        let c = try catalog([procedure("F", published: day(2024, 2, 29))])
        let empty = DossierLedger()
        let on28Feb = Dormancy.compute(ledger: empty, catalog: c, asOf: day(2027, 2, 28))
        #expect(on28Feb.tooNew.map(\.procedure.code) == ["F"])
        #expect(on28Feb.dormant.isEmpty)
        let on1Mar = Dormancy.compute(ledger: empty, catalog: c, asOf: day(2027, 3, 1))
        #expect(on1Mar.dormant.map(\.procedure.code) == ["F"])

        let early = Dormancy.compute(ledger: empty, catalog: c, asOf: day(2026, 1, 1))
        #expect(early.tooNew.first?.judgeableOn == day(2027, 3, 1))
    }

    @Test func emptyCatalogListsOnlyUnknowns() {
        let l = ledger([dossier("d", procedure: "P", received: at(2024, 1, 1))])
        let dormancy = Dormancy.compute(ledger: l, catalog: Catalog(), asOf: Self.asOf)
        #expect(dormancy.dormant.isEmpty)
        #expect(dormancy.tooNew.isEmpty)
        #expect(dormancy.unknown.map(\.code) == ["P"])
    }
}
