/// Makes text safe to put in a cell of a CSV that a spreadsheet opens (CSV injection, OWASP).
///
/// Excel, LibreOffice and Google Sheets treat a cell that starts with `=`, `+`, `-` or `@` as a
/// formula, and tab or carriage return can hide such a start; a procedure named
/// `=HYPERLINK("http://x","y")` in a catalog would become a live link in the planner's sheet. A
/// leading `'` makes the spreadsheet show the text as it is. Fullwidth `＝＋－＠` are included
/// because East Asian input methods produce them and some spreadsheets accept them as operators.
public enum SpreadsheetCell {
    /// The characters that make a spreadsheet read a cell as a formula.
    public static let formulaStarts: Set<Character> = [
        "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}",
    ]

    /// `text` with a `'` in front when it would start a formula; otherwise `text` unchanged.
    public static func neutralised(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        return formulaStarts.contains(Character(first)) ? "'" + text : text
    }
}
