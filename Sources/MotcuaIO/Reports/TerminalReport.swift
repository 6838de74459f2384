public import MotcuaCore

/// Writes a report as aligned text tables for a terminal or a `.txt` file.
///
/// Columns are measured in display columns (`DisplayWidth`), so Vietnamese names line up
/// whether their letters arrive precomposed or not; long names are cut with `…` at
/// `maxColumnWidth` (the CSV, JSON and HTML keep them whole).
public enum TerminalReport {
    public static func render(_ document: ReportDocument, maxColumnWidth: Int = 48) -> String {
        let format = ReportNumberFormat(language: document.language)
        let layout = TextTableLayout(maxColumnWidth: maxColumnWidth)
        var lines = [document.title, String(repeating: "=", count: DisplayWidth.of(document.title))]
        lines += document.subtitle
        if let message = document.message { lines += ["", "(!) " + message] }
        for section in document.sections {
            let heading = "\(section.title) — \(section.period)"
            lines += ["", "", heading, String(repeating: "=", count: DisplayWidth.of(heading))]
            for table in section.tables {
                lines += ["", table.title, ""]
                if table.rows.isEmpty {
                    lines.append("  " + table.emptyMessage)
                    continue
                }
                var rows = table.rows.map { $0.map { $0.display(format) } }
                if let total = table.total { rows.append(total.map { $0.display(format) }) }
                lines += layout.lines(
                    header: table.columns.map(\.label), rows: rows,
                    alignments: table.columns.map { $0.numeric ? .right : .left })
                if let note = table.note { lines += ["", note] }
            }
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
