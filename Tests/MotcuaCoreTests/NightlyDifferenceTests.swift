import Testing

@testable import MotcuaCore

/// A nightly run works by difference (issue 6): monthly totals updated from the ledger's change
/// log, snapshot parts rewritten only where they changed. For random histories split into "the
/// store" and "tonight's export", the result must equal counting from scratch, and equal the
/// plain reference implementation of `MonthlyCountsPropertyTests`.
@Suite struct NightlyDifferenceTests {
    typealias Props = MonthlyCountsPropertyTests

    /// The ledger as the store holds it (the first `split` rows), and after tonight's rows.
    static func split(seed: Int, split: Int) -> (rows: [Props.Row], loaded: DossierLedger, tonight: DossierLedger) {
        let rows = Props.randomRows(seed: UInt64(seed), count: 240)
        var loaded = DossierLedger()
        for r in rows[..<split] { loaded.merge(r.dossier) }
        loaded = loaded.reloaded()
        var tonight = loaded
        for r in rows[split...] { tonight.merge(r.dossier) }
        return (rows, loaded, tonight)
    }

    @Test(arguments: 1...40)
    func totalsByDifferenceEqualCountingAgain(seed: Int) throws {
        let catalog = try Props.catalogFixture()
        let (rows, loaded, tonight) = Self.split(seed: seed, split: 140 + seed % 90)
        let before = MonthlyTotals.count(ledger: loaded, catalog: catalog)
        let updated = try #require(before.updated(ledger: tonight, catalog: catalog))
        let byDifference = MonthlyCounts(totals: updated, ledger: tonight)
        #expect(byDifference == MonthlyCounts.compute(ledger: tonight, catalog: catalog))
        // And against the reference, cell by cell.
        var reference: [Props.Cell: [MonthlyCounts.Column: Int]] = [:]
        for (row, key) in byDifference.keys.enumerated() {
            let cell = Props.Cell(
                month: "\(key.month.year)-\(key.month.monthOfYear)", agency: key.agencyCode, procedure: key.procedureCode)
            for column in MonthlyCounts.Column.allCases where byDifference[row, column] != 0 {
                reference[cell, default: [:]][column] = byDifference[row, column]
            }
        }
        #expect(reference == Props.reference(rows))
        // Every row that differs from last night's is among the changed keys.
        let old = MonthlyCounts.compute(ledger: loaded, catalog: catalog)
        let changed = Set(try #require(updated.changedKeys).map { MonthlyTotals.key($0, ledger: tonight) })
        for key in Set(old.keys).union(byDifference.keys) where !changed.contains(key) {
            #expect(old.counts(for: key) == byDifference.counts(for: key), "\(key) changed but is not listed")
        }
    }

    @Test func aCatalogLevelChangeMeansCountingAgain() throws {
        let (_, loaded, tonight) = Self.split(seed: 3, split: 200)
        let before = MonthlyTotals.count(ledger: loaded, catalog: try Props.catalogFixture())
        let changedCatalog = try catalog([
            procedure("P1", level: 3, published: day(2015, 1, 1)),  // was 2
            procedure("P2", level: 3, published: day(2015, 1, 1)),
            procedure("P3", level: 4, published: day(2015, 1, 1)),
        ])
        #expect(before.updated(ledger: tonight, catalog: changedCatalog) == nil)
        // A procedure first seen tonight does not invalidate the totals.
        var more = tonight
        more.merge(dossier("NEW-1", procedure: "P-NEW", received: at(2024, 3, 1, 9)))
        #expect(before.updated(ledger: more, catalog: try Props.catalogFixture()) != nil)
    }

    @Test func theChangeLogListsEachReplacedDossierOnceWithWhatItHeldAtLoad() {
        var l = DossierLedger()
        l.merge(dossier("A", received: at(2024, 1, 1, 8), updated: at(2024, 1, 1, 8)))
        l.merge(dossier("B", received: at(2024, 1, 2, 8), updated: at(2024, 1, 2, 8)))
        l = l.reloaded()
        let originalB = l.records[1]
        l.merge(dossier("B", status: .resolved, received: at(2024, 1, 2, 8), closed: at(2024, 1, 3, 8), updated: at(2024, 1, 3, 8)))
        l.merge(dossier("B", status: .rejected, received: at(2024, 1, 2, 8), closed: at(2024, 1, 4, 8), updated: at(2024, 1, 4, 8)))
        l.merge(dossier("C", received: at(2024, 1, 5, 8)))
        l.merge(dossier("A", received: at(2024, 1, 1, 8), updated: at(2023, 1, 1, 8)))  // older: superseded
        #expect(l.changes.loadedCount == 2)
        #expect(l.changes.replacedPositions == [1])
        #expect(l.changes.originals == [originalB])
        #expect(l.count == 3)
    }

    @Test(arguments: 1...30)
    func partsOutsideTheChangedListHoldTheSameDossiers(seed: Int) {
        let (_, loaded, tonight) = Self.split(seed: seed, split: 120 + seed * 3)
        let before = SnapshotPartitioning(ledger: loaded, rowsPerPart: 7)
        let after = SnapshotPartitioning(ledger: tonight, rowsPerPart: 7)
        let changed = after.changedParts(tonight.changes, ledger: tonight)
        for year in after.years {
            for part in 0..<after.partCount(year: year) where !changed.contains(.init(year: year, part: part)) {
                let now = after.positions(year: year, part: part)
                #expect(Array(now) == Array(before.positions(year: year, part: part)), "\(year) part \(part) moved")
                for p in now { #expect(tonight.records[Int(p)] == loaded.records[Int(p)]) }
            }
        }
    }

    @Test func aDossierMovingYearShiftsTheLaterPartsOfBothYears() {
        var l = DossierLedger()
        for k in 0..<20 { l.merge(dossier("Y23-\(k)", received: at(2023, 5, 1 + k, 8), updated: at(2023, 6, 1))) }
        for k in 0..<20 { l.merge(dossier("Y24-\(k)", received: at(2024, 5, 1 + k, 8), updated: at(2024, 6, 1))) }
        l = l.reloaded()
        // Its received date corrected from 2023 into 2024.
        l.merge(dossier("Y23-6", received: at(2024, 1, 1, 8), updated: at(2024, 7, 1)))
        let parts = SnapshotPartitioning(ledger: l, rowsPerPart: 5)
        let changed = parts.changedParts(l.changes, ledger: l)
        // 2023: rank 6 left, so parts 1 on shift and part 0 stays; in 2024 its ledger position
        // (6) comes before every 2024 dossier's, so it joins at rank 0 and every part shifts.
        #expect(!changed.contains(.init(year: 2023, part: 0)))
        #expect((1...3).allSatisfy { changed.contains(.init(year: 2023, part: $0)) })
        #expect((0...4).allSatisfy { changed.contains(.init(year: 2024, part: $0)) })
        #expect(Array(parts.positions(year: 2024, part: 0)) == [6, 20, 21, 22, 23])
    }

    @Test func aCopiedColumnIsNotChangedByTheOriginal() {
        var a: ColumnBuffer<Int> = [1, 2, 3]
        let b = a
        a[0] = 9
        a.append(4)
        #expect(Array(b) == [1, 2, 3])
        #expect(Array(a) == [9, 2, 3, 4])
        var grown = ColumnBuffer<UInt8>()
        for k in 0..<10_000 { grown.append(UInt8(k & 0xFF)) }
        #expect(grown.count == 10_000 && grown[9_999] == UInt8(9_999 & 0xFF))
    }
}
