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
}
