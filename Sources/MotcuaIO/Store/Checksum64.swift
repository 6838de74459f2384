/// A fast 64-bit checksum for the store's sections: four independent multiply-rotate lanes over
/// 32-byte strides, then a murmur3 finish. It detects torn writes and flipped bits (the store is
/// rewritten every night and a SHA-256 over 400 MB cost a third of a second each way); it is not
/// a defence against deliberate tampering, which the snapshots' SHA-256 manifests are for.
enum Checksum64 {
    static func of(_ b: UnsafeRawBufferPointer) -> UInt64 {
        let k1: UInt64 = 0x9E37_79B9_7F4A_7C15
        let k2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
        var h0: UInt64 = 0x243F_6A88_85A3_08D3 ^ UInt64(b.count)
        var h1: UInt64 = 0x1319_8A2E_0370_7344
        var h2: UInt64 = 0xA409_3822_299F_31D0
        var h3: UInt64 = 0x082E_FA98_EC4E_6C89
        var i = 0
        let n = b.count
        @inline(__always) func mix(_ h: UInt64, _ w: UInt64) -> UInt64 {
            let x = (h ^ (w &* k2)) &* k1
            return (x << 31) | (x >> 33)
        }
        while i + 32 <= n {
            h0 = mix(h0, b.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h1 = mix(h1, b.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self))
            h2 = mix(h2, b.loadUnaligned(fromByteOffset: i + 16, as: UInt64.self))
            h3 = mix(h3, b.loadUnaligned(fromByteOffset: i + 24, as: UInt64.self))
            i += 32
        }
        var h = h0 ^ ((h1 << 7) | (h1 >> 57)) ^ ((h2 << 13) | (h2 >> 51)) ^ ((h3 << 19) | (h3 >> 45))
        while i < n {
            h = mix(h, UInt64(b[i]) | UInt64(i) << 8)
            i += 1
        }
        h ^= h >> 33
        h = h &* 0xFF51_AFD7_ED55_8CCD
        h ^= h >> 33
        h = h &* 0xC4CE_B9FE_1A85_EC53
        h ^= h >> 33
        return h
    }
}
