/// A fast 64-bit checksum for the store's sections: four independent multiply-rotate lanes over
/// 32-byte strides, then a murmur3 finish. It detects torn writes and flipped bits (the store is
/// rewritten every night and a SHA-256 over 400 MB cost a third of a second each way); it is not
/// a defence against deliberate tampering, which the snapshots' SHA-256 manifests are for.
struct Checksum64 {
    private static let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
    private static let k2: UInt64 = 0xC2B2_AE3D_27D4_EB4F

    private var h0: UInt64
    private var h1: UInt64 = 0x1319_8A2E_0370_7344
    private var h2: UInt64 = 0xA409_3822_299F_31D0
    private var h3: UInt64 = 0x082E_FA98_EC4E_6C89
    /// Bytes taken so far: the tail's bytes are mixed with their offset in the whole input.
    private var offset = 0

    /// A checksum of `count` bytes to come in pieces (`add`): the length is mixed in first, so a
    /// file is checksummed from a small buffer without holding it whole (a nightly run read a
    /// 19 MB database into fresh memory twice, 85 ms of zeroed pages).
    init(count: Int) {
        h0 = 0x243F_6A88_85A3_08D3 ^ UInt64(count)
    }

    /// The checksum of `b` in one piece.
    static func of(_ b: UnsafeRawBufferPointer) -> UInt64 {
        var sum = Checksum64(count: b.count)
        return sum.finish(b)
    }

    @inline(__always) private static func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
        let x = (h ^ (w &* k2)) &* k1
        return (x << 31) | (x >> 33)
    }

    /// Adds a piece that is not the last; its length must be a multiple of 32.
    mutating func add(_ b: UnsafeRawBufferPointer) {
        precondition(b.count % 32 == 0, "a piece before the last must be a multiple of 32 bytes")
        addStrides(b)
    }

    @inline(__always) private mutating func addStrides(_ b: UnsafeRawBufferPointer) {
        var (a0, a1, a2, a3) = (h0, h1, h2, h3)
        var i = 0
        let n = b.count
        while i + 32 <= n {
            a0 = Self.mix(a0, b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            a1 = Self.mix(a1, b.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            a2 = Self.mix(a2, b.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            a3 = Self.mix(a3, b.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        (h0, h1, h2, h3) = (a0, a1, a2, a3)
        offset += i
    }

    /// Adds the last piece (any length) and returns the checksum.
    mutating func finish(_ last: UnsafeRawBufferPointer) -> UInt64 {
        addStrides(last)
        let done = last.count - last.count % 32
        var h = h0 ^ ((h1 << 7) | (h1 >> 57)) ^ ((h2 << 13) | (h2 >> 51)) ^ ((h3 << 19) | (h3 >> 45))
        for i in done..<last.count {
            h = Self.mix(h, UInt64(last[i]) | UInt64(offset + i - done) << 8)
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
