/// Tells UTF-8 from the legacy Vietnamese encodings exports still arrive in, so that such a file
/// is refused with its likely name instead of being read as mojibake.
enum TextEncodingSniffer {
    /// The 1-based line of the first byte sequence that is not valid UTF-8, or `nil`.
    /// A sequence cut by the end of an incomplete sample is not counted as invalid.
    static func firstInvalidUTF8Line(_ bytes: UnsafeRawBufferPointer, complete: Bool) -> Int? {
        var line = 1
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b == 0x0A { line += 1 }
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
                return line
            }
            if i + length > n { return complete ? line : nil }
            for k in 1..<length where bytes[i + k] & 0xC0 != 0x80 { return line }
            if length == 3 {
                let b1 = bytes[i + 1]
                if (b == 0xE0 && b1 < 0xA0) || (b == 0xED && b1 >= 0xA0) { return line }
            } else if length == 4 {
                let b1 = bytes[i + 1]
                if (b == 0xF0 && b1 < 0x90) || (b == 0xF4 && b1 >= 0x90) { return line }
            }
            i += length
        }
        return nil
    }

    /// A best guess at the legacy encoding of Vietnamese text that is not UTF-8.
    ///
    /// Windows-1258 writes tone marks as combining bytes 0xCC 0xD2 0xDE 0xEC 0xF2 after a vowel;
    /// TCVN3 (ABC) uses 0xA1-0xFE for precomposed lower-case letters with few combining bytes;
    /// VNI writes a base letter followed by 0xC0-0xDF tone/shape bytes (`a` + 0xD8 ...).
    static func guessLegacy(_ bytes: UnsafeRawBufferPointer) -> String? {
        var cp1258Tones = 0
        var vniPairs = 0
        var high = 0
        var previousWasLetter = false
        for b in bytes {
            let isLetter = (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A)
            if b >= 0x80 {
                high += 1
                if previousWasLetter && [0xCC, 0xD2, 0xDE, 0xEC, 0xF2].contains(b) { cp1258Tones += 1 }
                if previousWasLetter && (0xC0...0xDF).contains(b) { vniPairs += 1 }
            }
            previousWasLetter = isLetter
        }
        if high == 0 { return nil }
        if cp1258Tones * 2 >= high { return "CP1258 (Windows-1258)" }
        if vniPairs * 2 >= high { return "VNI (VNI-Windows)" }
        return "TCVN3 (ABC)"
    }
}
