import MotcuaCore

/// Every report of a document in one `.xlsx` workbook, a sheet per table, formatted for
/// printing: column widths from the content, the header row repeated on every page, landscape
/// A4 one page wide, counts as numbers with grouping and rates as percentages (issue 14).
enum ReportWorkbook {
    static func bytes(_ document: ReportDocument) throws -> [UInt8] {
        try XLSXFile.bytes { workbook in
            let s = Styles(workbook, language: document.language)
            for section in document.sections {
                for table in section.tables {
                    try write(table, section: section, document: document, into: workbook.addSheet(table.id), s)
                }
            }
        }
    }

    struct Styles {
        let title, meta, header, text, count, ordinal, rate, change, score, totalText, totalCount, totalRate, note: XLSXFormat

        init(_ w: XLSXWorkbook, language: ReportLanguage) {
            let vi = XLSXStyle.locale(language)
            title = w.format(XLSXStyle(bold: true, size: 13))
            meta = w.format(XLSXStyle(italic: true, size: 10))
            header = w.format(XLSXStyle(bold: true, size: 10, wrap: true, align: .center, border: true, fill: 0xE8EEF7))
            text = w.format(XLSXStyle(wrap: true, align: .left, border: true))
            count = w.format(XLSXStyle(align: .right, border: true, numberFormat: vi + "#,##0"))
            ordinal = w.format(XLSXStyle(align: .right, border: true, numberFormat: "0"))
            rate = w.format(XLSXStyle(align: .right, border: true, numberFormat: vi + "0.0%"))
            change = w.format(XLSXStyle(align: .right, border: true, numberFormat: vi + "+0.0;-0.0;0.0"))
            score = w.format(XLSXStyle(align: .right, border: true, numberFormat: vi + "0.0"))
            totalText = w.format(XLSXStyle(bold: true, align: .left, border: true))
            totalCount = w.format(XLSXStyle(bold: true, align: .right, border: true, numberFormat: vi + "#,##0"))
            totalRate = w.format(XLSXStyle(bold: true, align: .right, border: true, numberFormat: vi + "0.0%"))
            note = w.format(XLSXStyle(italic: true, size: 9))
        }
    }

    static let headerRow = 3

    static func write(_ table: ReportTable, section: ReportSection, document: ReportDocument, into ws: XLSXSheet, _ s: Styles)
        throws
    {
        let format = ReportNumberFormat(language: document.language)
        try ws.text(0, 0, table.title, s.title)
        try ws.text(1, 0, "\(section.title) — \(section.period). " + document.subtitle.joined(separator: "; "), s.meta)
        var widths = table.columns.map { min(12, DisplayWidth.of($0.label)) }
        for (k, column) in table.columns.enumerated() { try ws.text(headerRow, k, column.label, s.header) }
        var row = headerRow + 1
        if table.rows.isEmpty {
            try ws.text(row, 0, table.emptyMessage, s.meta)
            row += 1
        }
        func cells(_ values: [ReportValue], total: Bool) throws {
            for (k, value) in values.enumerated() {
                switch value {
                case .count(let n): try ws.number(row, k, Double(n), total ? s.totalCount : s.count)
                case .ordinal(let n): try ws.number(row, k, Double(n), s.ordinal)
                case .level(let n, _): try ws.number(row, k, Double(n), s.ordinal)
                case .rate(let d): try ws.number(row, k, d, total ? s.totalRate : s.rate)
                // In percentage points, as the other formats show a change.
                case .change(let d): try ws.number(row, k, d * 100, s.change)
                case .score(let d): try ws.number(row, k, d, s.score)
                case .missing: try ws.blank(row, k, total ? s.totalText : s.text)
                default:
                    let text = value.display(format)
                    widths[k] = max(widths[k], min(50, DisplayWidth.of(text) + 1))
                    try ws.text(row, k, text, total ? s.totalText : s.text)
                }
            }
            row += 1
        }
        for values in table.rows { try cells(values, total: false) }
        if let total = table.total { try cells(total, total: true) }
        if let note = table.note { try ws.text(row + 1, 0, note, s.note) }
        for (k, width) in widths.enumerated() { try ws.columnWidth(k, k, Double(max(width, 8) + 1)) }
        try ws.rowHeight(headerRow, 45)
        try ws.printSetup(repeatRows: headerRow...headerRow)
        ws.freeze(rows: headerRow + 1, columns: 0)
    }
}
