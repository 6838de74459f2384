import MotcuaCore

/// Form 06 as the `.xlsx` offices file (CONTRACT.md section 3.4): the form number and circular
/// in the corner, the title, the period line, the unit, the merged two-row header with the
/// column numbers 1-13 under it, then the fields grouped by level with subtotals and a grand
/// total; one sheet for the province and one per agency. Counts are numbers, not text.
enum Form06Workbook {
    /// Layout rows (from 0): where the header starts and the body begins.
    static let headerRow = 6
    static let numbersRow = 8
    static let firstBodyRow = 9
    static let columns = 2 + Form06.Column.allCases.count

    static func bytes(_ document: Form06Document) throws -> [UInt8] {
        try XLSXFile.bytes { workbook in
            let styles = Styles(workbook, language: document.language)
            for sheet in document.sheets { try write(sheet, of: document, into: workbook.addSheet(sheet.agencyCode ?? sheet.title), styles) }
        }
    }

    struct Styles {
        let corner, cornerItalic, title, period, unit, header, number, body, bodyCount, level, levelNumber, levelCount, total, totalCount,
            center: XLSXFormat

        init(_ w: XLSXWorkbook, language: ReportLanguage) {
            let count = XLSXStyle.locale(language) + "#,##0"
            corner = w.format(XLSXStyle(bold: true, align: .center))
            cornerItalic = w.format(XLSXStyle(italic: true, size: 10, align: .center))
            title = w.format(XLSXStyle(bold: true, size: 14, align: .center))
            period = w.format(XLSXStyle(italic: true, align: .center))
            unit = w.format(XLSXStyle(italic: true, size: 10, align: .right))
            header = w.format(XLSXStyle(bold: true, size: 10, wrap: true, align: .center, border: true, fill: 0xE8EEF7))
            number = w.format(XLSXStyle(italic: true, size: 9, align: .center, border: true))
            body = w.format(XLSXStyle(wrap: true, align: .left, border: true))
            bodyCount = w.format(XLSXStyle(align: .right, border: true, numberFormat: count))
            level = w.format(XLSXStyle(bold: true, wrap: true, align: .left, border: true, fill: 0xF3F5F9))
            // The level's Roman numeral centred like the fields' numbers below it.
            levelNumber = w.format(XLSXStyle(bold: true, align: .center, border: true, fill: 0xF3F5F9))
            levelCount = w.format(XLSXStyle(bold: true, align: .right, border: true, numberFormat: count, fill: 0xF3F5F9))
            total = w.format(XLSXStyle(bold: true, align: .center, border: true))
            center = w.format(XLSXStyle(align: .center, border: true))
            totalCount = w.format(XLSXStyle(bold: true, align: .right, border: true, numberFormat: count))
        }
    }

    static func write(_ sheet: Form06Document.Sheet, of document: Form06Document, into ws: XLSXSheet, _ s: Styles) throws {
        let l = Form06Labels(language: document.language)
        let last = columns - 1
        try ws.columnWidth(0, 0, 6)
        try ws.columnWidth(1, 1, 38)
        try ws.columnWidth(2, last, 10.5)
        try ws.merge(0, 0, 0, 2, document.formNumber, s.corner)
        try ws.merge(1, 0, 1, 2, document.circular, s.cornerItalic)
        try ws.merge(0, last - 3, 0, last, "\(l.reportingUnit): \(sheet.title)", s.corner)
        try ws.merge(3, 0, 3, last, document.title, s.title)
        try ws.rowHeight(3, 22)
        try ws.merge(4, 0, 4, last, document.periodLine, s.period)
        try ws.merge(5, last - 3, 5, last, document.unit, s.unit)
        // The two-row header: STT and the heading span both rows; each group spans its columns.
        try ws.merge(headerRow, 0, headerRow + 1, 0, l.number, s.header)
        try ws.merge(headerRow, 1, headerRow + 1, 1, l.fieldHeading, s.header)
        for group in Form06.Group.allCases {
            let cols = group.columns.map { $0.number - 1 }
            try ws.merge(headerRow, cols[0], headerRow, cols[cols.count - 1], l.group(group), s.header)
        }
        for c in Form06.Column.allCases { try ws.text(headerRow + 1, c.number - 1, l.column(c), s.header) }
        try ws.rowHeight(headerRow, 30)
        try ws.rowHeight(headerRow + 1, 45)
        for k in 0..<columns { try ws.text(numbersRow, k, "(\(k + 1))", s.number) }
        var row = firstBodyRow
        for r in sheet.rows {
            let (label, count): (XLSXFormat, XLSXFormat) =
                switch r.kind {
                case .level: (s.level, s.levelCount)
                case .field: (s.body, s.bodyCount)
                case .total: (s.total, s.totalCount)
                }
            if r.kind == .total {
                try ws.merge(row, 0, row, 1, r.label, label)
            } else {
                try ws.text(row, 0, r.number, r.kind == .level ? s.levelNumber : s.center)
                try ws.text(row, 1, r.label, label)
            }
            for c in Form06.Column.allCases { try ws.number(row, c.number - 1, Double(r.values[c.rawValue]), count) }
            row += 1
        }
        try ws.printSetup(repeatRows: headerRow...numbersRow)
        ws.freeze(rows: firstBodyRow, columns: 2)
    }
}
