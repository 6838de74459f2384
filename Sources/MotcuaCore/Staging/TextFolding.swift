import Foundation

/// How free text from an export is compared and stored.
///
/// Exports arrive in NFC or NFD, with or without diacritics, in any case (CONTRACT.md 1.1).
/// Stored text is NFC; spellings and header names are compared in a *folded* form: NFC, lower
/// case, diacritics removed (đ counts as d), white space trimmed and runs of it made one space.
/// So `Trực Tuyến`, `trực tuyến` (NFD) and `truc tuyen` all fold to `truc tuyen`.
public enum TextFolding {
    /// Trimmed NFC text; the form every stored string takes.
    public static func normalized(_ text: String) -> String {
        var copy = text
        return copy.withUTF8 { normalized(utf8: UnsafeRawBufferPointer($0)) }
    }

    /// Trimmed NFC text from UTF-8 bytes; invalid sequences become U+FFFD.
    /// - Complexity: O(n); no allocation for short ASCII text.
    public static func normalized(utf8 bytes: UnsafeRawBufferPointer) -> String {
        let trimmed = trim(bytes)
        let text = String(decoding: trimmed, as: UTF8.self)
        return isSurelyNFC(trimmed) ? text : text.precomposedStringWithCanonicalMapping
    }

    /// True when every code point is one that NFC leaves alone and that never combines with a
    /// neighbour: ASCII, Latin-1 and Latin Extended-A/B (U+00A0-U+024F), Latin Extended
    /// Additional (U+1E00-U+1EFF, where precomposed Vietnamese lives) and common punctuation
    /// (U+2010-U+2027, U+2030-U+205E). Text in NFD has combining marks (U+0300-U+036F) and fails.
    /// Lets already-NFC Vietnamese skip Foundation's normaliser, which dominated ingest profiles.
    /// - Complexity: O(n), no allocation.
    public static func isSurelyNFC(_ bytes: UnsafeRawBufferPointer) -> Bool {
        var i = 0
        let n = bytes.count
        while i < n {
            let b0 = bytes[i]
            if b0 < 0x80 {
                i += 1
                continue
            }
            if b0 >= 0xC2 && b0 <= 0xDF {
                guard i + 1 < n else { return false }
                let scalar = (UInt32(b0 & 0x1F) << 6) | UInt32(bytes[i + 1] & 0x3F)
                guard scalar >= 0xA0 && scalar <= 0x24F else { return false }
                i += 2
                continue
            }
            if b0 >= 0xE0 && b0 <= 0xEF {
                guard i + 2 < n else { return false }
                let scalar = (UInt32(b0 & 0x0F) << 12) | (UInt32(bytes[i + 1] & 0x3F) << 6) | UInt32(bytes[i + 2] & 0x3F)
                guard (0x1E00...0x1EFF).contains(scalar) || (0x2010...0x2027).contains(scalar)
                    || (0x2030...0x205E).contains(scalar)
                else { return false }
                i += 3
                continue
            }
            return false
        }
        return true
    }

    /// Whether the bytes already hold U+FFFD (EF BF BD) as written, so that a replacement
    /// character in the decoded text is not mistaken for a decoding repair.
    public static func containsReplacementCharacter(_ bytes: UnsafeRawBufferPointer) -> Bool {
        guard bytes.count >= 3 else { return false }
        for i in 0..<(bytes.count - 2) where bytes[i] == 0xEF && bytes[i + 1] == 0xBF && bytes[i + 2] == 0xBD {
            return true
        }
        return false
    }

    /// The folded form used to match spellings and header names.
    public static func folded(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        var pendingSpace = false
        for scalar in text.decomposedStringWithCanonicalMapping.unicodeScalars {
            let v = scalar.value
            if (0x0300...0x036F).contains(v) { continue }  // combining diacritics
            if scalar.properties.isWhitespace {
                pendingSpace = !out.isEmpty
                continue
            }
            if pendingSpace {
                out.append(" ")
                pendingSpace = false
            }
            switch v {
            case 0x0110, 0x0111: out.append("d")  // Đ đ have no decomposition
            default:
                for lower in scalar.properties.lowercaseMapping.unicodeScalars { out.append(lower) }
            }
        }
        return String(out)
    }

    /// The bytes without leading and trailing white space: ASCII space, tab, CR, LF, vertical
    /// tab and form feed, and the no-break space (U+00A0, which spreadsheets put around values).
    ///
    /// Inlined with a fast path: most values have no space at either end, and staging trims
    /// every field of every row, some twice (issue 16: the call was 3-7% of ingest's CPU).
    @inlinable @inline(__always)
    public static func trim(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        if let first = bytes.first, let last = bytes.last, first > 0x20, first != 0xC2, last > 0x20, last != 0xA0 {
            return bytes
        }
        return trimmingSpaces(bytes)
    }

    @usableFromInline
    static func trimmingSpaces(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lo = 0
        var hi = bytes.count
        while lo < hi {
            if isSpace(bytes[lo]) {
                lo += 1
            } else if lo + 1 < hi && bytes[lo] == 0xC2 && bytes[lo + 1] == 0xA0 {
                lo += 2
            } else {
                break
            }
        }
        while hi > lo {
            if isSpace(bytes[hi - 1]) {
                hi -= 1
            } else if hi - 2 >= lo && bytes[hi - 2] == 0xC2 && bytes[hi - 1] == 0xA0 {
                hi -= 2
            } else {
                break
            }
        }
        return UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (b >= 0x09 && b <= 0x0D) }
}
