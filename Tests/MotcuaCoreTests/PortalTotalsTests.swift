import Testing

@testable import MotcuaCore

/// The portal score's per-dossier counters are kept with the store and updated by difference on
/// a night: the scores from updated totals equal those from totals counted from scratch, and a
/// catalog that changes a `has_fee` they used makes them count again.
@Suite struct PortalTotalsTests {
    typealias Fixture = PortalScoreTests

    static func scores(_ ledger: DossierLedger, _ catalog: Catalog, portal: PortalTotals) -> PortalScores {
        PortalScores.compute(
            ledger: ledger, catalog: catalog, asOf: Fixture.asOf,
            monthly: MonthlyTotals.count(ledger: ledger, catalog: catalog), form06: Form06Totals.count(ledger: ledger),
            portal: portal)
    }

    /// A night: D3 is settled and paid online, D6 asked for documents once more and settled, D2
    /// (two supplement requests) gets a fee, and a new fee-bearing dossier of a new agency.
    static func night(after before: DossierLedger) -> DossierLedger {
        var after = before
        var d3 = dossier(
            "D3", procedure: "P1", status: .resolved, received: at(2025, 3, 10), closed: at(2025, 3, 28), due: at(2025, 4, 10),
            paid: true, updated: at(2025, 3, 29))
        d3.feeAmount = nil
        after.merge(d3)
        var d6 = dossier("D6", procedure: "P2", agency: "A2", status: .resolved, received: at(2025, 3, 15), closed: at(2025, 3, 30),
            updated: at(2025, 3, 30))
        d6.supplementRequests = 4
        after.merge(d6)
        var d2 = dossier(
            "D2", procedure: "P1", channel: .inPerson, status: .resolved, received: at(2025, 3, 2), closed: at(2025, 3, 4),
            due: at(2025, 3, 5), updated: at(2025, 3, 31))
        d2.supplementRequests = 2
        d2.feeAmount = 20_000
        after.merge(d2)
        var d7 = dossier("D7", procedure: "P3", agency: "A3", received: at(2025, 3, 31), paid: true)
        d7.supplementRequests = 2
        after.merge(d7)
        return after
    }

    @Test func aNightsDifferenceEqualsACountFromScratch() throws {
        let catalog = try Fixture.fixtureCatalog()
        let before = Fixture.fixtureLedger().reloaded()
        let after = Self.night(after: before)
        let updated = try #require(PortalTotals.count(ledger: before, catalog: catalog).updated(ledger: after, catalog: catalog))
        let fresh = PortalTotals.count(ledger: after, catalog: catalog)
        let fromUpdated = Self.scores(after, catalog, portal: updated)
        #expect(fromUpdated == Self.scores(after, catalog, portal: fresh))
        // The night changed the figures the totals feed (else the test could not fail).
        #expect(fromUpdated != Self.scores(after, catalog, portal: PortalTotals.count(ledger: before, catalog: catalog)))
        // The same counters, whatever order the tables hold them in.
        func byKey(_ keys: [UInt64], _ counts: [Int32], width: Int) -> [UInt64: [Int32]] {
            var result: [UInt64: [Int32]] = [:]
            for (k, key) in keys.enumerated() where counts[k * width..<(k + 1) * width].contains(where: { $0 != 0 }) {
                result[key] = Array(counts[k * width..<(k + 1) * width])
            }
            return result
        }
        #expect(
            byKey(updated.supplementedKeys, updated.supplementedCounts, width: Form06Totals.width)
                == byKey(fresh.supplementedKeys, fresh.supplementedCounts, width: Form06Totals.width))
        #expect(
            byKey(updated.obligationKeys, updated.obligationCounts, width: 2)
                == byKey(fresh.obligationKeys, fresh.obligationCounts, width: 2))
        #expect(updated.feeProcedures == fresh.feeProcedures)
    }

    @Test func countingOnThreadsEqualsOneThread() throws {
        let catalog = try Fixture.fixtureCatalog()
        let ledger = Self.night(after: Fixture.fixtureLedger())
        let one = PortalTotals.count(ledger: ledger, catalog: catalog)
        let three = PortalTotals.count(ledger: ledger, catalog: catalog, threads: 3, minimumPerThread: 1)
        #expect(Self.scores(ledger, catalog, portal: one) == Self.scores(ledger, catalog, portal: three))
    }

    @Test func aCatalogThatChangesHasFeeMakesThemCountAgain() throws {
        let catalog = try Fixture.fixtureCatalog()
        let before = Fixture.fixtureLedger().reloaded()
        let totals = PortalTotals.count(ledger: before, catalog: catalog)
        #expect(totals.updated(ledger: before, catalog: catalog) != nil)
        // P1 loses its fee: its dossiers with an unknown fee are no longer obligations.
        var procedures = catalog.procedures
        for k in procedures.indices where procedures[k].code == "P1" { procedures[k].hasFee = false }
        let changed = try Catalog(procedures)
        #expect(totals.updated(ledger: before, catalog: changed) == nil)
        // A procedure the catalog adds later does not matter to the dossiers already counted.
        let added = try Catalog(catalog.procedures + [procedure("P9", level: 2, published: day(2020, 1, 1))])
        #expect(totals.updated(ledger: before, catalog: added) != nil)
    }
}
