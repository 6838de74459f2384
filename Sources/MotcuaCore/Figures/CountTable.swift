/// Counters per (month or half-month, agency, procedure) key: an open-addressing table of 64-bit keys with the
/// counters back to back in one array (Swift's Dictionary was 1.4% of a run's profile).
///
/// The home slot is the top bits of the key times 2^64/phi (Fibonacci hashing). Only the top bits
/// mix every bit of the key: bits 20-29 of the product, used before, depend on the key's low 30
/// bits alone, so every month of one (agency, procedure) fell on the same slot and the probes ran
/// long (CountTable.slot was 17% of a night's profile).
struct CountTable: Sendable {
    /// The keys in counter order: `slotKeys[k]` owns `counts[k * width ..< (k + 1) * width]`.
    private(set) var slotKeys: [UInt64] = []
    /// The hash index (key, counter slot), built on the first `slot(key:)` when the table was
    /// made from distinct keys (`init(width:distinctKeys:counts:)`): a full run only iterates.
    private var keys: [UInt64] = []
    private var slotOf: [Int32] = []
    var counts: [Int32] = []
    var count: Int { slotKeys.count }
    private var mask = 0
    /// 64 - log2(keys.count): the shift that keeps the product's top bits.
    private var shift: UInt64 = 0
    /// Counters per key: `MonthlyCounts.width`, or `Form06Totals.width` for the form's table.
    let width: Int

    init(width: Int = MonthlyCounts.width) {
        self.width = width
        buildIndex(capacity: 0)
    }

    /// Rebuilds a stored table: `keys[k]` owns `counts[k * width ..< (k + 1) * width]`. The
    /// index is sized once for every key and the counters taken whole (growing it key by key,
    /// rehashing at each doubling, was a tenth of a night's load at 5M dossiers); `nil` when
    /// the counters do not fit the keys or a key is listed twice.
    init?(width: Int, storedKeys: [UInt64], storedCounts: [Int32]) {
        guard storedCounts.count == storedKeys.count * width, !storedKeys.contains(.max) else { return nil }
        self.width = width
        slotKeys = storedKeys
        counts = storedCounts
        guard buildIndex(capacity: storedKeys.count) else { return nil }
    }

    /// A table of keys known to be distinct (a dense count's), indexed only if looked up:
    /// building the index of a 1M-row run's 300k keys cost 18 ms that a full run never used
    /// (issue 16; it only iterates the totals, `forEach`).
    init(width: Int, distinctKeys: [UInt64], counts: [Int32]) {
        precondition(counts.count == distinctKeys.count * width)
        self.width = width
        slotKeys = distinctKeys
        self.counts = counts
    }

    private var isIndexed: Bool { !keys.isEmpty }

    /// Builds the index for `slotKeys`, with room for `capacity` keys; false when a key is there twice.
    @discardableResult
    private mutating func buildIndex(capacity: Int) -> Bool {
        var size = 1024
        while (max(capacity, slotKeys.count) + 1) * 10 > size * 7 { size <<= 1 }
        keys = [UInt64](repeating: .max, count: size)
        slotOf = [Int32](repeating: -1, count: size)
        mask = size - 1
        shift = UInt64(64 - size.trailingZeroBitCount)
        for (k, key) in slotKeys.enumerated() {
            guard place(key, slot: Int32(k)) else { return false }
        }
        return true
    }

    @inline(__always)
    private static func home(_ key: UInt64, shift: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    @inline(__always)
    mutating func slot(month: Int32, agency: UInt32, procedure: UInt32) -> Int {
        slot(key: Self.key(month: month, agency: agency, procedure: procedure))
    }

    @inline(__always)
    static func key(month: Int32, agency: UInt32, procedure: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: month)) << 40 | UInt64(agency) << 20 | UInt64(procedure)
    }

    @inline(__always)
    mutating func slot(key: UInt64) -> Int {
        if !isIndexed { buildIndex(capacity: slotKeys.count) }
        var i = Self.home(key, shift: shift)
        while true {
            let k = keys[i]
            if k == key { return Int(slotOf[i]) * width }
            if k == .max { break }
            i = (i + 1) & mask
        }
        if (count + 1) * 10 > keys.count * 7 {
            grow()
            return slot(key: key)
        }
        keys[i] = key
        slotOf[i] = Int32(count)
        slotKeys.append(key)
        counts.append(contentsOf: repeatElement(0, count: width))
        return (count - 1) * width
    }

    /// Doubles the index (room for as many keys as it has places now).
    private mutating func grow() {
        buildIndex(capacity: keys.count)
    }

    /// Puts `key`, owner of counter slot `slot`, in the first free place from its home; false
    /// (nothing changed) when the key is there already.
    private mutating func place(_ key: UInt64, slot: Int32) -> Bool {
        var i = Self.home(key, shift: shift)
        while keys[i] != .max {
            if keys[i] == key { return false }
            i = (i + 1) & mask
        }
        keys[i] = key
        slotOf[i] = slot
        return true
    }

    /// The longest run of slots a look-up of a present key walks (for tests of the hashing).
    var longestProbe: Int {
        var indexed = self
        if !indexed.isIndexed { indexed.buildIndex(capacity: slotKeys.count) }
        var longest = 0
        for (i, key) in indexed.keys.enumerated() where key != .max {
            longest = max(longest, (i - Self.home(key, shift: indexed.shift)) & indexed.mask + 1)
        }
        return longest
    }

    /// The keys in the order their counters were allocated.
    var keysInSlotOrder: [UInt64] { slotKeys }

    /// Every key with the index of its first counter, in counter order.
    func forEach(_ body: (UInt64, Int) -> Void) {
        for (k, key) in slotKeys.enumerated() { body(key, k * width) }
    }

    /// Adds another table's counters into this one.
    mutating func add(_ other: CountTable) {
        other.forEach { key, s in
            let t = slot(key: key)
            for c in 0..<width { counts[t + c] += other.counts[s + c] }
        }
    }
}
