import Testing

@testable import MotcuaCore

/// The rows of a snapshot part in agency code, procedure code, ledger order: the same dossiers
/// as the part's positions, in the order a plain sort on the codes' text gives.
@Suite struct SnapshotRowOrderTests {
    /// A ledger whose codes are first seen out of text order, so that dictionary indexes and
    /// code order differ.
    static func ledger(seed: UInt64, count: Int) -> DossierLedger {
        var g = MonthlyCountsPropertyTests.Generator(state: seed)
        let agencies = ["A9", "A1", "B2", "A10", "Z", "a1"]
        let procedures = ["2.00", "1.99", "10.5", "1.100", "P", "1.99a", "0"]
        var l = DossierLedger()
        for k in 0..<count {
            l.merge(
                dossier(
                    "D\(k)", procedure: g.pick(procedures), agency: g.pick(agencies),
                    received: at(2024, 1 + g.int(0...11), 1 + g.int(0...27), 9)))
        }
        return l
    }

    @Test(arguments: 1...20)
    func equalsAPlainSortOnTheCodes(seed: Int) {
        let l = Self.ledger(seed: UInt64(seed), count: 50 + seed * 37)
        let order = SnapshotRowOrder(ledger: l)
        let parts = SnapshotPartitioning(ledger: l, rowsPerPart: 5 + seed * 3)
        for year in parts.years {
            for part in 0..<parts.partCount(year: year) {
                let positions = parts.positions(year: year, part: part)
                let expected = positions.sorted { a, b in
                    let ra = l.records[Int(a)]
                    let rb = l.records[Int(b)]
                    let ka = (l.agencies.codes[Int(ra.agency)], l.procedures.codes[Int(ra.procedure)], a)
                    let kb = (l.agencies.codes[Int(rb.agency)], l.procedures.codes[Int(rb.procedure)], b)
                    return ka < kb
                }
                #expect(order.ordered(positions, in: l) == expected, "\(year) part \(part)")
            }
        }
    }

    @Test func anEmptyPartAndALedgerWithoutCodesAreFine() {
        let l = DossierLedger()
        #expect(SnapshotRowOrder(ledger: l).ordered([], in: l).isEmpty)
    }
}
