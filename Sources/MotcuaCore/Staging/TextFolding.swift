public import Foundation

/// How free text from an export is compared and stored.
///
/// Exports arrive in NFC or NFD, with or without diacritics, in any case (CONTRACT.md 1.1).
/// Stored text is NFC; spellings and header names are compared in a *folded* form: NFC, lower
/// case, diacritics removed (đ counts as d), white space trimmed and runs of it made one space.
/// So `Trực Tuyến`, `trực tuyến` (NFD) and `truc tuyen` all fold to `truc tuyen`.
public enum TextFolding {
    /// Trimmed NFC text; the form every stored string takes.
    public static func normalized(_ text: String) -> String {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.utf8.allSatisfy({ $0 < 0x80 }) { return trimmed }
        return trimmed.precomposedStringWithCanonicalMapping
    }

    /// Trimmed NFC text from UTF-8 bytes; invalid sequences become U+FFFD.
    /// - Complexity: O(n); no allocation for short ASCII text.
    public static func normalized(utf8 bytes: UnsafeRawBufferPointer) -> String {
        let trimmed = trim(bytes)
        var ascii = true
        for b in trimmed where b >= 0x80 {
            ascii = false
            break
        }
        let text = String(decoding: trimmed, as: UTF8.self)
        return ascii ? text : text.precomposedStringWithCanonicalMapping
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

    /// The bytes without leading and trailing ASCII white space (space, tab, CR, LF).
    public static func trim(_ bytes: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        var lo = 0
        var hi = bytes.count
        while lo < hi, isSpace(bytes[lo]) { lo += 1 }
        while hi > lo, isSpace(bytes[hi - 1]) { hi -= 1 }
        return UnsafeRawBufferPointer(rebasing: bytes[lo..<hi])
    }

    @inline(__always)
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D || b == 0x0A }
}
