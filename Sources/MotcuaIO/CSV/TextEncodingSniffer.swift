/// Tells UTF-8 from the legacy Vietnamese encodings exports still arrive in, so that such a file
/// is refused with its likely name instead of being read as mojibake.
enum TextEncodingSniffer {
    /// The 1-based line of the first byte sequence that is not valid UTF-8, or `nil`.
    /// A sequence cut by the end of an incomplete sample is not counted as invalid.
    static func firstInvalidUTF8Line(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Int? {
        guard let offset = firstInvalidUTF8Offset(bytes, complete: complete) else { return nil }
        var line = 1
        for b in bytes[0..<offset] where b == 0x0A { line += 1 }
        return line
    }

    /// The offset of the first byte that is not part of valid UTF-8, or `nil`. A sequence cut by
    /// the end counts as invalid only when `complete` (and its bytes so far are valid).
    ///
    /// Every export byte passes here (personal-data columns too: a legacy-encoded name must stop
    /// the run), so sixteen bytes are checked at once: all ASCII is one mask test; otherwise
    /// vector compares against the bytes one, two and three before tell whether each byte must
    /// be a continuation byte and whether it is, and catch the bytes UTF-8 never uses and the
    /// overlong and surrogate forms. On any error the scalar check finds its exact offset. The
    /// byte-at-a-time loop it replaces was 12% of ingest (perf); this runs at 2-3 GB/s on the
    /// generated exports against 0.8-1.1 for the byte loop (a harness over a 382 MB export).
    static func firstInvalidUTF8Offset(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Int? {
        guard let start = bytes.baseAddress else { return nil }
        let n = bytes.count
        // The first sixteen bytes one by one, so that every vector below has three bytes before it.
        let head = min(n, 16)
        if let bad = firstInvalidUTF8OffsetScalar(
            UnsafeRawBufferPointer(start: start, count: head), complete: head == n ? complete : false)
        {
            return bad
        }
        let c0 = SIMD16<UInt8>(repeating: 0xC0)
        let e0 = SIMD16<UInt8>(repeating: 0xE0)
        let f0 = SIMD16<UInt8>(repeating: 0xF0)
        let a0 = SIMD16<UInt8>(repeating: 0xA0)
        let x90 = SIMD16<UInt8>(repeating: 0x90)
        var i = 16
        while i + 16 <= n {
            let low = start.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let high = start.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)
            let before = start.loadUnaligned(fromByteOffset: i - 4, as: UInt32.self)
            // All ASCII, and no character from before still waiting for its continuation bytes.
            if (low | high) & 0x8080_8080_8080_8080 == 0 && before & 0x8080_8080 == 0 {
                i += 16
                continue
            }
            let v0 = start.loadUnaligned(fromByteOffset: i, as: SIMD16<UInt8>.self)
            let v1 = start.loadUnaligned(fromByteOffset: i - 1, as: SIMD16<UInt8>.self)
            let v2 = start.loadUnaligned(fromByteOffset: i - 2, as: SIMD16<UInt8>.self)
            let v3 = start.loadUnaligned(fromByteOffset: i - 3, as: SIMD16<UInt8>.self)
            let mustContinue = (v1 .>= c0) .| (v2 .>= e0) .| (v3 .>= f0)
            let continues = (v0 & c0) .== SIMD16<UInt8>(repeating: 0x80)
            var bad = mustContinue .^ continues
            bad .|= (v0 .== c0) .| (v0 .== SIMD16<UInt8>(repeating: 0xC1)) .| (v0 .>= SIMD16<UInt8>(repeating: 0xF5))
            bad .|= (v1 .== e0) .& (v0 .< a0)
            bad .|= (v1 .== SIMD16<UInt8>(repeating: 0xED)) .& (v0 .>= a0)
            bad .|= (v1 .== f0) .& (v0 .< x90)
            bad .|= (v1 .== SIMD16<UInt8>(repeating: 0xF4)) .& (v0 .>= x90)
            // `any(bad)` is a generic reduction call here; two 64-bit words are one test.
            let words = unsafeBitCast(bad, to: SIMD2<UInt64>.self)
            if words[0] | words[1] != 0 { return exactInvalidOffset(start, count: n, near: i, complete: complete) }
            i += 16
        }
        return exactInvalidOffset(start, count: n, near: i, complete: complete)
    }

    /// The scalar check from the character boundary before `i` (a lead byte up to three bytes
    /// before it may be the one in error) to the end.
    static func exactInvalidOffset(_ start: UnsafeRawPointer, count n: Int, near i: Int, complete: Bool) -> Int? {
        var k = max(0, min(i, n) - 4)
        var back = 0
        while k > 0 && back < 4 && start.load(fromByteOffset: k, as: UInt8.self) & 0xC0 == 0x80 {
            k -= 1
            back += 1
        }
        let rest = UnsafeRawBufferPointer(start: start + k, count: n - k)
        return firstInvalidUTF8OffsetScalar(rest, complete: complete).map { k + $0 }
    }

    /// The same answer as `firstInvalidUTF8Offset`, one character at a time: the reference the
    /// vector check is tested against, and how it finds the exact offset once it saw an error.
    static func firstInvalidUTF8OffsetScalar(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Int? {
        guard let start = bytes.baseAddress else { return nil }
        let p = start.assumingMemoryBound(to: UInt8.self)
        let n = bytes.count
        let high: UInt64 = 0x8080_8080_8080_8080
        var i = 0
        while i < n {
            while i + 16 <= n,
                (start.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    | start.loadUnaligned(fromByteOffset: i + 8, as: UInt64.self)) & high == 0
            {
                i += 16
            }
            // Byte by byte until the next ASCII run.
            var ascii = 0
            while i < n && ascii < 16 {
                let c = p[i]
                if c < 0x80 {
                    i += 1
                    ascii += 1
                    continue
                }
                ascii = 0
                if c >= 0xC2 && c <= 0xDF {
                    guard i + 1 < n else { return complete ? i : nil }
                    guard p[i + 1] & 0xC0 == 0x80 else { return i }
                    i += 2
                } else if c >= 0xE0 && c <= 0xEF {
                    guard i + 2 < n else {
                        // Cut by the end: what is there may already be wrong.
                        if i + 1 < n {
                            let c1 = p[i + 1]
                            if c1 & 0xC0 != 0x80 || (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) { return i }
                        }
                        return complete ? i : nil
                    }
                    let c1 = p[i + 1]
                    guard c1 & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80 else { return i }
                    if (c == 0xE0 && c1 < 0xA0) || (c == 0xED && c1 >= 0xA0) { return i }
                    i += 3
                } else if c >= 0xF0 && c <= 0xF4 {
                    guard i + 3 < n else {
                        for k in (i + 1)..<n where p[k] & 0xC0 != 0x80 { return i }
                        if i + 1 < n && ((c == 0xF0 && p[i + 1] < 0x90) || (c == 0xF4 && p[i + 1] >= 0x90)) { return i }
                        return complete ? i : nil
                    }
                    let c1 = p[i + 1]
                    guard c1 & 0xC0 == 0x80, p[i + 2] & 0xC0 == 0x80, p[i + 3] & 0xC0 == 0x80 else { return i }
                    if (c == 0xF0 && c1 < 0x90) || (c == 0xF4 && c1 >= 0x90) { return i }
                    i += 4
                } else {
                    return i
                }
            }
        }
        return nil
    }

    static func isValidUTF8(_ bytes: UnsafeRawBufferPointer) -> Bool {
        firstInvalidUTF8Line(bytes, complete: true) == nil
    }

    /// A best guess at the legacy encoding of Vietnamese text that is not UTF-8, by the bytes
    /// each one uses for what the others do not: Windows-1258 writes tone marks as separate
    /// combining bytes (0xCC 0xEC 0xD2 0xF2 0xDE); VNI writes a base letter followed by mark bytes
    /// (0xF9 0xF8 0xFB 0xEF 0xF6 0xE1, upper case 0xD9 0xD8 0xDB 0xCF 0xD6 0xC1) and đ as 0xF1;
    /// TCVN3 (ABC) puts its lower-case letters in 0xA1-0xBF, where the other two have none.
    static func guessLegacy(_ bytes: UnsafeRawBufferPointer) -> String? {
        var cp1258 = 0
        var vni = 0
        var tcvn3 = 0
        var high = 0
        for b in bytes where b >= 0x80 {
            high += 1
            switch b {
            case 0xCC, 0xEC, 0xD2, 0xF2, 0xDE: cp1258 += 1
            case 0xF9, 0xF8, 0xFB, 0xEF, 0xF6, 0xE1, 0xF1, 0xD9, 0xD8, 0xDB, 0xCF, 0xD6, 0xC1, 0xD1: vni += 1
            case 0xA1...0xBF: tcvn3 += 1
            default: break
            }
        }
        if high == 0 { return nil }
        if cp1258 >= vni && cp1258 >= tcvn3 { return LegacyEncoding.cp1258.name }
        if vni >= tcvn3 { return LegacyEncoding.vni.name }
        return LegacyEncoding.tcvn3.name
    }
}

/// The legacy encodings Vietnamese exports still arrive in, with how to convert each.
enum LegacyEncoding: CaseIterable {
    case cp1258, tcvn3, vni, utf16, utf32

    var name: String {
        switch self {
        case .cp1258: "Windows-1258 (CP1258)"
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI (VNI-Windows)"
        case .utf16: "UTF-16 (saved as 'Unicode text')"
        case .utf32: "UTF-32"
        }
    }

    /// What to do about it, as one sentence.
    var advice: String {
        switch self {
        case .cp1258: "Convert it first: `iconv -f CP1258 -t UTF-8 old.csv > new.csv`, or export it again as UTF-8"
        case .tcvn3: "Convert it first: `iconv -f TCVN5712-1 -t UTF-8 old.csv > new.csv`, or export it again as UTF-8"
        case .vni:
            "iconv cannot read VNI: convert it with a Vietnamese converter (e.g. UniKey's Unicode converter, "
                + "source VNI Windows, target Unicode) or export it again as UTF-8"
        case .utf16: "Convert it first: `iconv -f UTF-16 -t UTF-8 old.csv > new.csv`, or save it as 'CSV UTF-8'"
        case .utf32: "Convert it first: `iconv -f UTF-32 -t UTF-8 old.csv > new.csv`, or save it as 'CSV UTF-8'"
        }
    }

    init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
