public import MotcuaCore

/// Form 06 in every format (CONTRACT.md 3.4): the official workbook, an HTML page in the
/// reports' style with the same merged header, one CSV per sheet (UTF-8 with BOM), JSON, and
/// the terminal's aligned tables. Every one lays out the same `Form06Document`.
public enum Form06Files {
    /// The files of one format: names (from `Form06Report.fileStem`) and bytes.
    /// - Throws: `WorkbookWriteError` when libxlsxwriter fails.
    public static func files(_ document: Form06Document, format: ReportFormat) throws -> [(name: String, bytes: [UInt8])] {
        let stem = document.report.fileStem
        switch format {
        case .xlsx: return [(stem + ".xlsx", try Form06Workbook.bytes(document))]
        case .html: return [(stem + ".html", Array(html(document).utf8))]
        case .json: return [(stem + ".json", Array(json(document).utf8))]
        case .table: return [(stem + ".txt", Array(text(document).utf8))]
        case .csv:
            return document.sheets.map { sheet in
                (stem + "-" + sheet.id + ".csv", CSVReport.bytes(document.table(sheet), language: document.language))
            }
        }
    }

    /// The terminal's rendering: each sheet as an aligned table.
    public static func text(_ document: Form06Document) -> String {
        let format = ReportNumberFormat(language: document.language)
        var lines = [document.formNumber + " — " + document.circular, document.title, document.periodLine, document.unit]
        for sheet in document.sheets {
            let table = document.table(sheet)
            lines += ["", sheet.title, String(repeating: "=", count: DisplayWidth.of(sheet.title))]
            var rows = table.rows.map { $0.map { $0.display(format) } }
            if let total = table.total { rows.append(total.map { $0.display(format) }) }
            lines += TextTableLayout(maxColumnWidth: 40).lines(
                header: ["(1)", "(2)"] + Form06.Column.allCases.map { "(\($0.number))" }, rows: rows,
                alignments: table.columns.map { $0.numeric ? .right : .left })
        }
        let l = Form06Labels(language: document.language)
        lines += [""] + Form06.Column.allCases.map { "(\($0.number)) \(l.group($0.group)): \(l.column($0))" }
        return lines.joined(separator: "\n") + "\n"
    }

    /// JSON: the period, then each sheet's rows with the counts keyed by the database's names.
    public static func json(_ document: Form06Document) -> String {
        let r = document.report
        let sheets: [JSONValue] = document.sheets.map { sheet in
            .object([
                ("id", .string(sheet.id)), ("title", .string(sheet.title)),
                ("agency_code", sheet.agencyCode.map { .string($0) } ?? .null),
                ("rows", .array(sheet.rows.map { row in
                    .object(
                        [("kind", .string(row.kind.rawValue)), ("number", .string(row.number)), ("label", .string(row.label)),
                         (row.kind == .level ? "admin_level" : "field", row.key.map { .string($0) } ?? .null)]
                            + Form06.Column.allCases.map { ($0.name, .number(String(row.values[$0.rawValue]))) })
                })),
            ])
        }
        let root = JSONValue.object([
            ("motcua_form06", .number("1")), ("language", .string(document.language.rawValue)),
            ("form", .string(document.formNumber)), ("title", .string(document.title)), ("pipeline", .string(r.pipeline)),
            ("period_kind", r.period.map { .string($0.kind.rawValue) } ?? .null),
            ("period", r.period.map { .string($0.name) } ?? .null), ("starts_on", .string(r.startsOn.description)),
            ("ends_on", .string(r.endsOn.description)), ("period_line", .string(document.periodLine)),
            ("sheets", .array(sheets)),
        ])
        var out = ""
        root.write(into: &out, indent: 0)
        return out + "\n"
    }

    /// One page in the reports' style; the table keeps the form's merged two-row header.
    public static func html(_ document: Form06Document) -> String {
        let e = HTMLText.escaped
        let l = Form06Labels(language: document.language)
        let format = ReportNumberFormat(language: document.language)
        let style = """
            section.form + section.form { margin-top: 3rem; border-top: 2px solid var(--line); padding-top: 1.5rem; }
            @media print { section.form + section.form { break-before: page; border-top: 0; margin-top: 0; padding-top: 0; } }
            nav.sheets { font-size: .85rem; margin: 0 0 1rem; }
            @media print { nav.sheets { display: none; } }
            .corner { display: flex; justify-content: space-between; font-size: .85rem; }
            .form-title { text-align: center; margin: 1rem 0 .2rem; color: var(--ink); }
            .period-line { text-align: center; font-style: italic; margin: 0; }
            .unit { text-align: right; font-style: italic; font-size: .85rem; margin: .2rem 0; }
            table.form06 th { text-align: center; border: 1px solid var(--line); }
            table.form06 td { border: 1px solid var(--line); }
            table.form06 tr.numbers td { text-align: center; font-style: italic; font-size: .75rem; color: var(--muted); }
            table.form06 tr.level td { font-weight: 600; background: var(--head); }

            """
        var h = HTMLReport.head(title: document.title + " — " + document.periodLine, language: document.language, extraStyle: style)
        if document.sheets.count > 1 {
            // A form per agency after the province's: a list to jump to one (hidden in print).
            h += "<nav class=\"sheets\">" + document.sheets.map { "<a href=\"#\(e($0.id))\">\(e($0.title))</a>" }.joined(separator: " · ")
            h += "</nav>\n"
        }
        for sheet in document.sheets {
            h += "<section class=\"form\" id=\"\(e(sheet.id))\">\n<div class=\"corner\"><div><strong>\(e(document.formNumber))</strong><br><em>"
            h += "\(e(document.circular))</em></div><div><strong>\(e(l.reportingUnit)): \(e(sheet.title))</strong></div></div>\n"
            h += "<h1 class=\"form-title\">\(e(document.title))</h1>\n<p class=\"period-line\">\(e(document.periodLine))</p>\n"
            h += "<p class=\"unit\">\(e(document.unit))</p>\n<div class=\"table-wrap\"><table class=\"form06\">\n<thead><tr>"
            h += "<th rowspan=\"2\" scope=\"col\">\(e(l.number))</th><th rowspan=\"2\" scope=\"col\">\(e(l.fieldHeading))</th>"
            for group in Form06.Group.allCases {
                h += "<th colspan=\"\(group.columns.count)\" scope=\"colgroup\">\(e(l.group(group)))</th>"
            }
            h += "</tr>\n<tr>"
            for c in Form06.Column.allCases { h += "<th class=\"num\" scope=\"col\">\(e(l.column(c)))</th>" }
            h += "</tr>\n</thead>\n<tbody>\n<tr class=\"numbers\">"
            for k in 1...(2 + Form06.Column.allCases.count) { h += "<td>(\(k))</td>" }
            h += "</tr>\n"
            for row in sheet.rows {
                let cls = row.kind == .field ? "" : " class=\"\(row.kind == .level ? "level" : "total")\""
                h += "<tr\(cls)>"
                h += row.kind == .total ? "<td colspan=\"2\">\(e(row.label))</td>" : "<td>\(e(row.number))</td><td>\(e(row.label))</td>"
                for v in row.values { h += "<td class=\"num\">\(e(format.count(v)))</td>" }
                h += "</tr>\n"
            }
            h += "</tbody>\n</table></div>\n</section>\n"
        }
        let labels = ReportLabels(language: document.language)
        h += "<footer><p class=\"meta\">\(e(labels.generatedBy))</p></footer>\n</main>\n</body>\n</html>\n"
        return h
    }
}
