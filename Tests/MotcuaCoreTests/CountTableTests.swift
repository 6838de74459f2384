import Testing

@testable import MotcuaCore

/// The open-addressing table behind the monthly and form 06 totals: every key keeps its own
/// counters, and keys that differ only in their high bits (the month, the half-month) do not pile
/// onto one slot.
@Suite struct CountTableTests {
    /// 60 months x 40 agencies x 100 procedures, laid out as the figures key them.
    static let keys: [UInt64] = {
        var keys: [UInt64] = []
        for month: UInt64 in 24_300..<24_360 {
            for agency: UInt64 in 0..<40 {
                for procedure: UInt64 in 0..<100 { keys.append(month << 40 | agency << 20 | procedure) }
            }
        }
        return keys
    }()

    @Test func everyKeyKeepsItsOwnCounters() {
        var table = CountTable(width: 2)
        for (k, key) in Self.keys.enumerated() {
            let s = table.slot(key: key)
            table.counts[s] += Int32(k % 1000)
            table.counts[s + 1] += 1
        }
        #expect(table.count == Self.keys.count)
        for (k, key) in Self.keys.enumerated().reversed() {
            let s = table.slot(key: key)
            #expect(table.counts[s] == Int32(k % 1000) && table.counts[s + 1] == 1)
        }
        #expect(table.keysInSlotOrder == Self.keys)
    }

    /// Before the fix the home slot used bits 20-29 of the product, which ignore the month: the
    /// longest probe here was 120 slots, in both tables.
    @Test func monthsDoNotClusterOnOneSlot() {
        var table = CountTable(width: 1)
        for key in Self.keys { _ = table.slot(key: key) }
        #expect(table.longestProbe < 64)
        var sparse = CountTable(width: 1)  // keys with their low 20 bits zero, as (month, agency) keys are
        for month: UInt64 in 24_300..<24_420 {
            for agency: UInt64 in 0..<40 { _ = sparse.slot(key: month << 40 | agency << 20) }
        }
        #expect(sparse.longestProbe < 64)
    }

    /// What the store saves (keys in counter order, counters) rebuilds the same table; a key
    /// listed twice or counters that do not fit are refused.
    @Test func aStoredTableIsRebuiltWhole() {
        var table = CountTable(width: 3)
        for (k, key) in Self.keys.prefix(50_000).enumerated() {
            let s = table.slot(key: key)
            table.counts[s + k % 3] += Int32(k)
        }
        let back = CountTable(width: 3, storedKeys: table.keysInSlotOrder, storedCounts: table.counts)
        #expect(back != nil)
        guard var back else { return }
        #expect(back.count == table.count && back.keysInSlotOrder == table.keysInSlotOrder && back.counts == table.counts)
        for (k, key) in Self.keys.prefix(50_000).enumerated() { #expect(back.counts[back.slot(key: key) + k % 3] == Int32(k)) }
        #expect(back.count == 50_000)
        #expect(back.longestProbe < 64)
        let twice = [UInt64(7), 9, 7]
        #expect(CountTable(width: 1, storedKeys: twice, storedCounts: [1, 2, 3]) == nil)
        #expect(CountTable(width: 2, storedKeys: [1, 2], storedCounts: [1, 2, 3]) == nil)
    }

    /// A table made from distinct keys is indexed on its first look-up: old keys find their
    /// counters, a new key gets new ones, and iteration follows counter order before and after.
    @Test func aTableOfDistinctKeysIsIndexedOnFirstLookUp() {
        let keys = Array(Self.keys.prefix(30_000))
        let counts: [Int32] = keys.indices.flatMap { k -> [Int32] in [Int32(k), 1] }
        var table = CountTable(width: 2, distinctKeys: keys, counts: counts)
        var seen: [UInt64] = []
        table.forEach { key, s in
            seen.append(key)
            #expect(table.counts[s] == Int32(seen.count - 1))
        }
        #expect(seen == keys)
        #expect(table.longestProbe < 64)
        for (k, key) in keys.enumerated().reversed() { #expect(table.counts[table.slot(key: key)] == Int32(k)) }
        let new = Self.keys[40_000]
        let s = table.slot(key: new)
        #expect(s == keys.count * 2 && table.count == keys.count + 1 && table.counts[s] == 0)
        #expect(table.keysInSlotOrder == keys + [new])
    }
}

/// The dense count of the totals must hold exactly the counters of the hashed one, whatever
/// the periods planned (a key outside them gets counters of its own) and on any number of slices.
@Suite struct DensePeriodCounterTests {
    typealias Props = MonthlyCountsPropertyTests

    /// The table's keys with their counters, sorted by key: the same totals in any layout.
    static func contents(_ table: CountTable) -> [UInt64: [Int32]] {
        var result: [UInt64: [Int32]] = [:]
        table.forEach { key, s in result[key] = Array(table.counts[s..<(s + table.width)]) }
        return result
    }

    static func ledger(seed: Int, rows: Int = 500) -> DossierLedger {
        var ledger = DossierLedger()
        for r in Props.randomRows(seed: UInt64(seed), count: rows) { ledger.merge(r.dossier) }
        return ledger
    }

    @Test(arguments: 1...10)
    func denseCountsEqualHashedCounts(seed: Int) throws {
        let ledger = Self.ledger(seed: seed)
        let catalog = try Props.catalogFixture()
        let levels = MonthlyTotals.levels(ledger: ledger, catalog: catalog)
        var hashedMonthly = CountTable(width: MonthlyCounts.width)
        var hashedForm06 = CountTable(width: Form06Totals.width)
        for r in ledger.records {
            MonthlyCounts.count(r, sign: 1, catalogLevel: levels, into: &hashedMonthly)
            Form06Totals.count(r, sign: 1, into: &hashedForm06)
        }
        #expect(!hashedMonthly.slotKeys.isEmpty && !hashedForm06.slotKeys.isEmpty)
        // The plans the counts use, one too narrow (every key past a record's first period
        // overflows), on one slice and on three.
        let narrowMonths: (DossierRecord) -> (Int32, Int32)? = { r in MonthlyCounts.months(of: r).map { ($0.0, $0.0) } }
        for (plan, label) in [(MonthlyCounts.months(of:), "planned"), (narrowMonths, "narrow")] {
            let dense = try #require(DensePeriodCounter(width: MonthlyCounts.width, ledger: ledger, periods: plan))
            for threads in [1, 3] {
                let counted = SharedRecords.count(ledger.records, into: dense, threads: threads, minimumPerThread: 100) {
                    r, counter in MonthlyCounts.count(r, sign: 1, catalogLevel: levels, into: &counter)
                }
                #expect(Self.contents(counted.table()) == Self.contents(hashedMonthly), "monthly, \(label), \(threads) slices")
            }
        }
        let narrowHalves: (DossierRecord) -> (Int32, Int32)? = { r in Form06Totals.halfMonths(of: r).map { ($0.1, $0.1) } }
        for (plan, label) in [(Form06Totals.halfMonths(of:), "planned"), (narrowHalves, "narrow")] {
            let dense = try #require(DensePeriodCounter(width: Form06Totals.width, ledger: ledger, periods: plan))
            for threads in [1, 3] {
                let counted = SharedRecords.count(ledger.records, into: dense, threads: threads, minimumPerThread: 100) {
                    r, counter in Form06Totals.count(r, sign: 1, into: &counter)
                }
                #expect(Self.contents(counted.table()) == Self.contents(hashedForm06), "form 06, \(label), \(threads) slices")
            }
        }
        // What the figures use: the same totals.
        #expect(Self.contents(MonthlyTotals.count(ledger: ledger, catalog: catalog).table) == Self.contents(hashedMonthly))
        #expect(Self.contents(Form06Totals.count(ledger: ledger).table) == Self.contents(hashedForm06))
    }

    /// One dossier due in 2100 stretches the periods by eighty years: they are trimmed to the
    /// bulk's, the outlier's keys get counters of their own, and the counts are the hashed ones.
    @Test func anOutlyingDateIsTrimmedNotATurnOff() throws {
        // Enough dossiers (received 2023-2025) that one in 2,000 of their periods' ends is more
        // than the outlier's one.
        var ledger = DossierLedger()
        for k in 0..<4_000 {
            let received = at(2023 + k % 3, 1 + k % 12, 1 + k % 28, 8)
            ledger.merge(
                dossier(
                    "D\(k)", procedure: "P\(k % 5)", agency: "A\(k % 3)", status: k % 4 == 0 ? .pending : .resolved,
                    received: received, closed: k % 4 == 0 ? nil : at(2023 + k % 3, 1 + k % 12, 1 + (k + 3) % 28, 16),
                    due: k % 2 == 0 ? nil : at(2023 + k % 3, 1 + k % 12, 1 + (k + 1) % 28, 17)))
        }
        ledger.merge(
            dossier(
                "OUTLIER", procedure: "P1", agency: "A1", status: .resolved, received: at(2024, 3, 1),
                closed: at(2024, 3, 9), due: at(2100, 12, 31)))
        var hashed = CountTable(width: Form06Totals.width)
        var pairs = Set<UInt64>()
        for r in ledger.records {
            Form06Totals.count(r, sign: 1, into: &hashed)
            if Form06Totals.halfMonths(of: r) != nil { pairs.insert(UInt64(r.agency) << 20 | UInt64(r.procedure)) }
        }
        // Room for 400 half-months of every pair: the bulk's, not the eighty years to 2100.
        let maxBytes = pairs.count * 400 * Form06Totals.width * 4
        let dense = try #require(
            DensePeriodCounter(width: Form06Totals.width, ledger: ledger, maxBytes: maxBytes, periods: Form06Totals.halfMonths(of:)))
        let counted = SharedRecords.count(ledger.records, into: dense, threads: 1, minimumPerThread: 100) {
            r, counter in Form06Totals.count(r, sign: 1, into: &counter)
        }
        #expect(Self.contents(counted.table()) == Self.contents(hashed))
        #expect(Self.contents(counted.table()).keys.contains { $0 >> 40 == UInt64(HalfMonthTable.halfMonth(ofDay: Int64(day(2101, 1, 1).daysSinceEpoch))) })
    }

    /// Too many pairs over too many periods for the limit: no dense layout (the hashed table counts).
    @Test func aLayoutPastTheLimitIsRefused() {
        let ledger = Self.ledger(seed: 3)
        #expect(DensePeriodCounter(width: 16, ledger: ledger, maxBytes: 1_000, periods: MonthlyCounts.months(of:)) == nil)
        #expect(DensePeriodCounter(width: 16, ledger: ledger, periods: MonthlyCounts.months(of:)) != nil)
    }
}
