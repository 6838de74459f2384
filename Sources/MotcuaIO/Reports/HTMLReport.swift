public import MotcuaCore

/// Writes a report as one self-contained HTML page: inline CSS, inline SVG charts, no script, no
/// font, image or request to the network, so it opens the same offline, in a mail attachment or
/// printed. Every value from the input goes through `HTMLText.escaped`, and a Content Security
/// Policy that allows no script is a second guard.
public enum HTMLReport {
    public static func fileName(stem: String) -> String { stem + ".html" }

    public static func render(_ document: ReportDocument) -> String {
        let e = HTMLText.escaped
        let labels = ReportLabels(language: document.language)
        var h = """
            <!DOCTYPE html>
            <html lang="\(document.language.rawValue)">
            <head>
            <meta charset="utf-8">
            <meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="generator" content="motcua">
            <title>\(e(document.title))</title>
            <style>\(stylesheet)</style>
            </head>
            <body>
            <main>
            <header>
            <h1>\(e(document.title))</h1>

            """
        for line in document.subtitle { h += "<p class=\"meta\">\(e(line))</p>\n" }
        h += "</header>\n"
        if let message = document.message { h += "<p class=\"message\" role=\"status\">\(e(message))</p>\n" }
        if document.sections.count > 1 {
            h += "<nav><strong>\(e(labels.contents))</strong><ol>"
            for section in document.sections {
                h += "<li><a href=\"#\(e(section.kind.rawValue))\">\(e(section.title))</a></li>"
            }
            h += "</ol></nav>\n"
        }
        for section in document.sections {
            h += "<section id=\"\(e(section.kind.rawValue))\">\n"
            h += "<h2>\(e(section.title)) <span class=\"period\">\(e(section.period))</span></h2>\n"
            h += charts(for: section.kind, document: document)
            for table in section.tables { h += render(table, language: document.language) }
            h += "</section>\n"
        }
        h += "<footer><p class=\"meta\">\(e(labels.generatedBy))</p></footer>\n</main>\n</body>\n</html>\n"
        return h
    }

    static func render(_ table: ReportTable, language: ReportLanguage) -> String {
        let e = HTMLText.escaped
        let format = ReportNumberFormat(language: language)
        var h = "<h3 id=\"\(e(table.id))\">\(e(table.title))</h3>\n"
        guard !table.rows.isEmpty else {
            return h + "<p class=\"empty\">\(e(table.emptyMessage))</p>\n"
        }
        h += "<div class=\"table-wrap\"><table>\n<thead><tr>"
        for column in table.columns {
            h += column.numeric ? "<th class=\"num\" scope=\"col\">" : "<th scope=\"col\">"
            h += e(column.label) + "</th>"
        }
        h += "</tr></thead>\n<tbody>\n"
        func row(_ cells: [ReportValue], total: Bool) -> String {
            var r = total ? "<tr class=\"total\">" : "<tr>"
            for (column, cell) in zip(table.columns, cells) {
                var classes: [String] = column.numeric ? ["num"] : []
                switch cell {
                case .met(let met?): classes.append(met ? "good" : "bad")
                case .change(let d) where d < 0: classes.append("down")
                case .missing, .noValue: classes.append("none")
                case .text(let t), .label(let t), .term(_, let t), .level(_, let t), .date(let t), .month(let t):
                    // Codes, dates and short names read badly broken over two lines.
                    if !column.numeric && DisplayWidth.of(t) <= 24 { classes.append("short") }
                default: break
                }
                r += classes.isEmpty ? "<td>" : "<td class=\"\(classes.joined(separator: " "))\">"
                r += e(cell.display(format)) + "</td>"
            }
            return r + "</tr>\n"
        }
        for cells in table.rows { h += row(cells, total: false) }
        if let total = table.total { h += row(total, total: true) }
        h += "</tbody>\n</table></div>\n"
        if let note = table.note { h += "<p class=\"note\">\(e(note))</p>\n" }
        return h
    }

    static let stylesheet = """

        :root { --ink: #1f2933; --muted: #52606d; --line: #d9e2ec; --head: #eef2f7; --accent: #0b4f8a;
          --early: #1b7f3b; --ontime: #8fd19e; --late: #c62828; --target: #d9480f; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #eef1f5; color: var(--ink); line-height: 1.45;
          font-family: "Segoe UI", "Noto Sans", Roboto, "DejaVu Sans", Arial, sans-serif; }
        main { max-width: 1200px; margin: 0 auto; padding: 28px 36px 40px; background: #fff; }
        h1 { font-size: 1.55rem; margin: 0 0 .3rem; color: var(--accent); }
        h2 { font-size: 1.25rem; margin: 2.4rem 0 .6rem; padding-bottom: .25rem; border-bottom: 2px solid var(--accent);
          color: var(--accent); }
        h2 .period { font-size: .9rem; font-weight: normal; color: var(--muted); margin-left: .4rem; }
        h3 { font-size: 1rem; margin: 1.5rem 0 .4rem; }
        .meta { margin: 0; color: var(--muted); font-size: .9rem; }
        .message { margin: 1rem 0; padding: .7rem 1rem; background: #fff4e5; border-left: 4px solid #f0a202; }
        nav { margin: 1.2rem 0 0; font-size: .9rem; }
        nav ol { margin: .3rem 0 0; padding-left: 1.4rem; columns: 2; }
        nav a { color: var(--accent); }
        .table-wrap { overflow-x: auto; }
        table { border-collapse: collapse; width: 100%; font-size: .84rem; }
        th, td { padding: .32rem .5rem; border-bottom: 1px solid var(--line); text-align: left; vertical-align: top; }
        th { background: var(--head); font-weight: 600; }
        tbody tr:nth-child(even) { background: #fafbfc; }
        .num { text-align: right; font-variant-numeric: tabular-nums; }
        td.num { white-space: nowrap; }
        tr.total td { font-weight: 600; border-top: 2px solid var(--ink); background: #fff; }
        td.good { color: var(--early); font-weight: 600; }
        td.bad { color: var(--late); font-weight: 600; }
        td.down { color: var(--late); }
        td.none { color: var(--muted); }
        td.short, td.good, td.bad { white-space: nowrap; }
        .empty { color: var(--muted); font-style: italic; }
        .note { margin: .35rem 0 0; color: var(--muted); font-size: .8rem; }
        figure { margin: 1rem 0 1.4rem; }
        figcaption { font-weight: 600; margin-bottom: .3rem; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font-family: inherit; fill: var(--ink); }
        footer { margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .6rem; }
        @media print {
          body { background: #fff; }
          main { max-width: none; padding: 0; }
          nav { display: none; }
          section { break-before: page; }
          .table-wrap { overflow: visible; }
          tr, figure { break-inside: avoid; }
        }

        """
}
