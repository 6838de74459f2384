import Foundation

/// How many terminal columns text takes, so tables of Vietnamese names line up.
///
/// `String.count` is wrong for this twice over: text stored in NFD spends several scalars on one
/// letter, and a combining mark that has no precomposed form (e.g. a second diacritic) takes no
/// column of its own. So the text is put in NFC first (CONTRACT.md section 1.1: stored text is
/// NFC, but a label may come from elsewhere), then each scalar counts 0 (combining marks, format
/// and control characters), 2 (East Asian wide and fullwidth, wide emoji) or 1 (the rest), as
/// `wcwidth(3)` does.
public enum DisplayWidth {
    /// The columns `text` takes in a terminal.
    /// - Complexity: O(n) in the scalars of `text`.
    public static func of(_ text: String) -> Int {
        var width = 0
        for scalar in nfc(text).unicodeScalars { width += of(scalar) }
        return width
    }

    /// The columns one scalar takes: 0, 1 or 2.
    public static func of(_ scalar: Unicode.Scalar) -> Int {
        let v = scalar.value
        if v < 0x20 || (0x7F..<0xA0).contains(v) { return 0 }
        if v < 0x300 { return 1 }
        switch scalar.properties.generalCategory {
        case .nonspacingMark, .enclosingMark, .format: return 0
        default: break
        }
        if isWide(v) { return 2 }
        return 1
    }

    /// East Asian Wide and Fullwidth blocks (Unicode UAX #11), and the emoji blocks terminals
    /// draw two columns wide.
    static func isWide(_ v: UInt32) -> Bool {
        (0x1100...0x115F).contains(v) || (0x2E80...0x303E).contains(v) || (0x3041...0x33FF).contains(v)
            || (0x3400...0x4DBF).contains(v) || (0x4E00...0x9FFF).contains(v) || (0xA000...0xA4CF).contains(v)
            || (0xAC00...0xD7A3).contains(v) || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v)
            || (0xFF00...0xFF60).contains(v) || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1F64F).contains(v)
            || (0x1F900...0x1F9FF).contains(v) || (0x20000...0x3FFFD).contains(v)
    }

    /// `text` cut to at most `width` columns, ending in `…` when something was cut. Cuts fall
    /// between grapheme clusters, so a letter never loses its diacritics.
    public static func truncated(_ text: String, to width: Int) -> String {
        let text = nfc(text)
        guard of(text) > width else { return text }
        guard width > 0 else { return "" }
        var out = ""
        var used = 0
        for character in text {
            let w = of(String(character))
            if used + w > width - 1 { break }
            out.append(character)
            used += w
        }
        return out + "…"
    }

    /// `text` followed by spaces up to `width` columns (left-aligned), or preceded by them.
    public static func padded(_ text: String, to width: Int, alignRight: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, width - of(text)))
        return alignRight ? fill + text : text + fill
    }

    static func nfc(_ text: String) -> String {
        text.utf8.allSatisfy { $0 < 0x80 } ? text : text.precomposedStringWithCanonicalMapping
    }
}
