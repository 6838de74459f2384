/// The forms a report is written in (issue 5).
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Aligned tables for a terminal, width-aware for Vietnamese text.
    case table
    /// One CSV per table, UTF-8 with a BOM so Excel reads the Vietnamese, formulas neutralised.
    case csv
    /// One JSON file with every table's raw figures.
    case json
    /// One self-contained HTML page: inline CSS and SVG charts, no network, printable.
    case html
    /// One Excel workbook (libxlsxwriter): a sheet per table, numbers as numbers, set up for
    /// printing (issue 14).
    case xlsx
}
