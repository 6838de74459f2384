/// Lays out a table in aligned columns for a terminal: text left, numbers right, each column as
/// wide as its widest cell in display columns (`DisplayWidth`), long text cut with `…`.
///
/// ```
/// Mã thủ tục  Tên thủ tục        Hồ sơ
/// ----------  -----------------  -----
/// 1.005       Thủ tục ngủ            1
/// ```
public struct TextTableLayout: Sendable {
    public enum Alignment: Sendable {
        case left, right
    }

    /// The widest a column may be; longer cells are cut. The CSV, JSON and HTML keep the whole.
    public var maxColumnWidth: Int
    /// Spaces between columns.
    public var gap: Int

    public init(maxColumnWidth: Int = 40, gap: Int = 2) {
        self.maxColumnWidth = maxColumnWidth
        self.gap = gap
    }

    /// The table's lines: header, a rule of `-`, then one line per row; no trailing spaces.
    /// - Complexity: O(cells), two passes.
    public func lines(header: [String], rows: [[String]], alignments: [Alignment]) -> [String] {
        let columns = header.count
        let cut: ([String]) -> [String] = { row in
            (0..<columns).map { DisplayWidth.truncated($0 < row.count ? row[$0] : "", to: maxColumnWidth) }
        }
        let head = cut(header)
        let body = rows.map(cut)
        var widths = head.map(DisplayWidth.of)
        for row in body {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], DisplayWidth.of(cell)) }
        }
        let spacer = String(repeating: " ", count: gap)
        func line(_ cells: [String]) -> String {
            let padded = cells.enumerated().map { k, cell in
                DisplayWidth.padded(cell, to: widths[k], alignRight: k < alignments.count && alignments[k] == .right)
            }
            return trimmingTrailingSpaces(padded.joined(separator: spacer))
        }
        let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: spacer)
        return [line(head), rule] + body.map(line)
    }

    private func trimmingTrailingSpaces(_ text: String) -> String {
        var text = text
        while text.last == " " { text.removeLast() }
        return text
    }
}
