import Testing

@testable import MotcuaCore

/// `FigureSet.compute` runs its steps side by side when it has more than one thread (the three
/// sets of totals, then the tables built from them): every figure must be the one a single
/// thread computes, from scratch and by difference.
@Suite struct FigureSetThreadsTests {
    typealias Props = MonthlyCountsPropertyTests

    static func expectSame(_ a: FigureSet, _ b: FigureSet, _ label: String) {
        #expect(a.monthly == b.monthly, "\(label): monthly")
        #expect(a.form06 == b.form06, "\(label): form 06")
        #expect(a.portalScores == b.portalScores, "\(label): portal score")
        #expect(a.planner == b.planner, "\(label): planner lists")
        #expect(a.backlog == b.backlog, "\(label): backlog")
        #expect(a.dormancy == b.dormancy, "\(label): dormancy")
        #expect(a.form06Totals.keys.count == b.form06Totals.keys.count, "\(label): form 06 totals")
        #expect(a.changedMonthlyKeys == b.changedMonthlyKeys, "\(label): changed keys")
    }

    @Test(arguments: 1...8)
    func everyThreadCountGivesTheSameFigures(seed: Int) throws {
        let catalog = try Props.catalogFixture()
        let rows = Props.randomRows(seed: UInt64(seed), count: 400)
        var ledger = DossierLedger()
        for r in rows { ledger.merge(r.dossier) }
        let asOf = day(2025, 12, 31)
        let one = FigureSet.compute(ledger: ledger, catalog: catalog, asOf: asOf, threads: 1)
        #expect(one.monthly.rowCount > 0)
        for threads in [2, 3, 4] {
            Self.expectSame(FigureSet.compute(ledger: ledger, catalog: catalog, asOf: asOf, threads: threads), one, "\(threads) threads")
        }
        // By difference: tonight's rows over a stored ledger, on one thread and on two.
        var loaded = DossierLedger()
        for r in rows[..<250] { loaded.merge(r.dossier) }
        loaded = loaded.reloaded()
        let stored = FigureSet.compute(ledger: loaded, catalog: catalog, asOf: asOf, threads: 1)
        var tonight = loaded
        for r in rows[250...] { tonight.merge(r.dossier) }
        let nights = [1, 2].map { threads in
            FigureSet.compute(
                ledger: tonight, catalog: catalog, asOf: asOf, threads: threads, previousTotals: stored.totals,
                previousForm06: stored.form06Totals, previousPortal: stored.portalTotals)
        }
        Self.expectSame(nights[1], nights[0], "a night on two threads")
        #expect(nights[0].monthly == one.monthly)
        #expect(nights[0].form06 == one.form06)
        #expect(nights[0].portalScores == one.portalScores)
    }
}
