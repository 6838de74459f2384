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

    /// The offset of the first byte that is not part of valid UTF-8, or `nil`. Eight ASCII bytes
    /// at a time are skipped with one mask test, so mostly-ASCII exports validate at memory speed.
    /// A sequence cut by the end counts as invalid only when `complete`.
    static func firstInvalidUTF8Offset(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Int? {
        var i = 0
        let n = bytes.count
        while i < n {
            if i + 8 <= n, bytes.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
                continue
            }
            let b = bytes[i]
            if b < 0x80 {
                i += 1
                continue
            }
            let length: Int
            if b >= 0xC2 && b <= 0xDF {
                length = 2
            } else if b >= 0xE0 && b <= 0xEF {
                length = 3
            } else if b >= 0xF0 && b <= 0xF4 {
                length = 4
            } else {
                return i
            }
            if i + length > n { return complete ? i : nil }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return i }
            let b1 = bytes[i + 1]
            if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) || (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) {
                return i
            }
            i += length
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
    case cp1258, tcvn3, vni, utf16

    var name: String {
        switch self {
        case .cp1258: "Windows-1258 (CP1258)"
        case .tcvn3: "TCVN3 (ABC)"
        case .vni: "VNI (VNI-Windows)"
        case .utf16: "UTF-16 (saved as 'Unicode text')"
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
        }
    }

    init?(name: String) {
        guard let match = Self.allCases.first(where: { $0.name == name }) else { return nil }
        self = match
    }
}
