/// Where the counting of the totals puts a key's counters: a `CountTable` (hashed) or a
/// `DensePeriodCounter`. Keys are `period << 40 | agency << 20 | procedure`, as `CountTable`'s.
protocol PeriodCounter {
    var counts: [Int32] { get set }
    /// The index in `counts` of the key's first counter (`width` of them), made on first use.
    mutating func slot(key: UInt64) -> Int
}

extension CountTable: PeriodCounter {}

/// Counters per (period, agency, procedure) in one array laid out pair by pair: each
/// (agency, procedure) pair the ledger holds has a row of counters for every period from the
/// earliest to the latest its dossiers can touch.
///
/// Why: the full count of the totals (four keys a dossier for form 06, two for the months) in a
/// hashed `CountTable` walks three arrays per key, one read depending on the one before (key,
/// slot, counters), most of them cache misses; here a key is one read of a small pair index
/// and one of the counters (issue 16: form 06's totals were 90 ms of a 1M-row run's compute on
/// one core). The counts end in a `CountTable` (`table()`), which the store keeps and a night
/// updates, so nothing else changes. A key outside the planned periods (none is expected) gets
/// counters after the dense ones, found through a dictionary: never a wrong index.
struct DensePeriodCounter: PeriodCounter {
    let width: Int
    private let first: Int32
    private let span: Int
    private let procedureCount: Int
    /// The pair of each `agency * procedureCount + procedure`, -1 for none.
    private let pairOf: [Int32]
    /// Each pair's `agency << 20 | procedure`.
    private let pairKeys: [UInt64]
    private let denseCount: Int
    var counts: [Int32]
    /// Keys outside the plan, with the index of their counters (after `denseCount`).
    private var overflow: [UInt64: Int] = [:]

    /// The layout for `ledger`'s pairs and the periods `periods` gives (each record's earliest
    /// and latest period, `nil` for a record counted nowhere); `nil` when the counters would
    /// take more than `maxBytes` (many pairs over many years: the hashed table is then smaller).
    init?(
        width: Int, ledger: DossierLedger, maxBytes: Int = 64 << 20, periods: (DossierRecord) -> (Int32, Int32)?
    ) {
        let agencies = ledger.agencies.count
        let procedures = max(ledger.procedures.count, 1)
        guard agencies * procedures <= 1 << 22 else { return nil }
        var pairOf = [Int32](repeating: -1, count: max(agencies * procedures, 1))
        var pairKeys: [UInt64] = []
        var lo = Int32.max
        var hi = Int32.min
        ledger.records.withUnsafeBufferPointer { records in
            for r in records {
                guard let (a, b) = periods(r) else { continue }
                lo = min(lo, a)
                hi = max(hi, b)
                let i = Int(r.agency) * procedures + Int(r.procedure)
                if pairOf[i] < 0 {
                    pairOf[i] = Int32(pairKeys.count)
                    pairKeys.append(UInt64(r.agency) << 20 | UInt64(r.procedure))
                }
            }
        }
        var span = lo <= hi ? Int(hi) - Int(lo) + 1 : 0
        // Periods come from dates the staging kept within 1990-2100: a few thousand at most.
        guard span <= 1 << 20 else { return nil }
        if pairKeys.count * span * width * 4 > maxBytes {
            // A few outlying dates (a due date typed as 2100) must not turn the dense count off:
            // the periods are trimmed to those of all but 1 in 2,000 of the records' first and
            // last periods, and the keys outside get counters of their own (`overflowSlot`).
            var histogram = [Int](repeating: 0, count: span)
            var ends = 0
            ledger.records.withUnsafeBufferPointer { records in
                for r in records {
                    guard let (a, b) = periods(r) else { continue }
                    histogram[Int(a - lo)] += 1
                    histogram[Int(b - lo)] += 1
                    ends += 2
                }
            }
            let skipped = ends / 2_000
            var start = 0
            var below = 0
            while start < span - 1 && below + histogram[start] <= skipped {
                below += histogram[start]
                start += 1
            }
            var end = span - 1
            var above = 0
            while end > start && above + histogram[end] <= skipped {
                above += histogram[end]
                end -= 1
            }
            lo += Int32(start)
            span = end - start + 1
            guard pairKeys.count * span * width * 4 <= maxBytes else { return nil }
        }
        self.width = width
        first = span > 0 ? lo : 0
        self.span = span
        procedureCount = procedures
        self.pairOf = pairOf
        self.pairKeys = pairKeys
        denseCount = pairKeys.count * span * width
        counts = [Int32](repeating: 0, count: denseCount)
    }

    @inline(__always)
    mutating func slot(key: UInt64) -> Int {
        let t = Int(Int32(truncatingIfNeeded: key >> 40)) - Int(first)
        let agency = Int(key >> 20 & 0xFFFFF)
        let procedure = Int(key & 0xFFFFF)
        if UInt(bitPattern: t) < UInt(span), procedure < procedureCount {
            let i = agency * procedureCount + procedure
            if i < pairOf.count {
                let p = Int(pairOf[i])
                if p >= 0 { return (p * span + t) * width }
            }
        }
        return overflowSlot(key)
    }

    private mutating func overflowSlot(_ key: UInt64) -> Int {
        if let s = overflow[key] { return s }
        let s = counts.count
        overflow[key] = s
        counts.append(contentsOf: repeatElement(0, count: width))
        return s
    }

    /// The keys with a counter other than zero, and their counters, in a `CountTable`.
    func table() -> CountTable {
        var keys: [UInt64] = []
        var values: [Int32] = []
        counts.withUnsafeBufferPointer { c in
            /// Keeps `key` with the counters from `base` when one of them is not zero.
            func keep(_ key: UInt64, countersAt base: Int) {
                var any: Int32 = 0
                for k in base..<(base + width) { any |= c[k] }
                guard any != 0 else { return }
                keys.append(key)
                values.append(contentsOf: c[base..<(base + width)])
            }
            for p in 0..<pairKeys.count {
                for t in 0..<span {
                    keep(UInt64(UInt32(bitPattern: first + Int32(t))) << 40 | pairKeys[p], countersAt: (p * span + t) * width)
                }
            }
            for (key, base) in overflow.sorted(by: { $0.key < $1.key }) { keep(key, countersAt: base) }
        }
        // Keys are distinct by construction (a pair and a period each, or an overflow key).
        return CountTable(width: width, distinctKeys: keys, counts: values)
    }

    /// Adds another counter of the same layout (a thread's share of the records).
    mutating func add(_ other: DensePeriodCounter) {
        counts.withUnsafeMutableBufferPointer { mine in
            other.counts.withUnsafeBufferPointer { theirs in
                for k in 0..<min(denseCount, other.denseCount) { mine[k] &+= theirs[k] }
            }
        }
        for (key, s) in other.overflow {
            let t = slot(key: key)
            for c in 0..<width { counts[t + c] &+= other.counts[s + c] }
        }
    }

    /// The same layout with every counter zero.
    func emptyCopy() -> DensePeriodCounter {
        var copy = self
        copy.counts = [Int32](repeating: 0, count: denseCount)
        copy.overflow = [:]
        return copy
    }
}
