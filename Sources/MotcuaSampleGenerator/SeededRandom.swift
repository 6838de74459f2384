/// A seeded pseudo-random stream: xoshiro256** seeded through SplitMix64.
///
/// The synthetic data must be byte-identical for the same seed on every machine and every run, so
/// the generator never touches the system generator, `Double.random` or a hashed collection's
/// iteration order; everything random comes from one of these, drawn in a fixed order.
/// See https://prng.di.unimi.it/ for both algorithms (public domain).
///
/// - Complexity: O(1) per draw, no allocation.
struct SeededRandom: RandomNumberGenerator, Sendable {
    private var s0: UInt64
    private var s1: UInt64
    private var s2: UInt64
    private var s3: UInt64

    init(seed: UInt64) {
        var mix = SplitMix64(state: seed)
        s0 = mix.next()
        s1 = mix.next()
        s2 = mix.next()
        s3 = mix.next()
        if s0 | s1 | s2 | s3 == 0 { s0 = 0x9E37_79B9_7F4A_7C15 }
    }

    /// An independent stream for one concern (catalog, agencies, dossiers), so that adding draws to
    /// one concern does not shift the others.
    init(seed: UInt64, stream: UInt64) {
        self.init(seed: seed ^ (stream &* 0xD1B5_4A32_D192_ED03))
    }

    @inline(__always)
    mutating func next() -> UInt64 {
        let result = rotl(s1 &* 5, 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotl(s3, 45)
        return result
    }

    @inline(__always)
    private func rotl(_ x: UInt64, _ k: UInt64) -> UInt64 { (x << k) | (x >> (64 - k)) }

    // MARK: - Draws

    /// A uniform integer in `0..<bound` (Lemire's multiply-high; the bias is below 2^-40 for the
    /// bounds used here, which is of no concern for synthetic data). `bound` must be positive.
    @inline(__always)
    mutating func below(_ bound: Int) -> Int {
        Int(truncatingIfNeeded: next().multipliedFullWidth(by: UInt64(bound)).high)
    }

    /// A uniform integer in `range`.
    @inline(__always)
    mutating func within(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + below(range.upperBound - range.lowerBound + 1)
    }

    /// A uniform double in `[0, 1)` with 53 bits.
    @inline(__always)
    mutating func unit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// True with probability `p`.
    @inline(__always)
    mutating func chance(_ p: Double) -> Bool { unit() < p }

    /// One element of a non-empty array.
    @inline(__always)
    mutating func pick<T>(_ items: [T]) -> T { items[below(items.count)] }

    /// Shuffles in place (Fisher-Yates), deterministically.
    mutating func shuffle<T>(_ items: inout [T]) {
        guard items.count > 1 else { return }
        for i in stride(from: items.count - 1, to: 0, by: -1) {
            items.swapAt(i, below(i + 1))
        }
    }
}

/// SplitMix64, used only to spread a seed over xoshiro's 256 bits of state.
struct SplitMix64: Sendable {
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// A table of cumulative weights for drawing an index in proportion to its weight.
///
/// - Complexity: O(log n) per draw by binary search; built once.
struct WeightedTable: Sendable {
    private(set) var cumulative: [Double] = []
    var total: Double { cumulative.last ?? 0 }

    init(weights: [Double]) {
        cumulative.reserveCapacity(weights.count)
        var sum = 0.0
        for w in weights {
            sum += max(0, w)
            cumulative.append(sum)
        }
    }

    /// An index drawn in proportion to the weights; the table must have a positive weight.
    func draw(_ random: inout SeededRandom) -> Int {
        let target = random.unit() * total
        var lo = 0
        var hi = cumulative.count - 1
        while lo < hi {
            let mid = (lo + hi) >> 1
            if cumulative[mid] > target { hi = mid } else { lo = mid + 1 }
        }
        return lo
    }
}
