import MotcuaCore

/// The report's charts as inline SVG (no script, no library): drawn from the same figures as the
/// tables beside them, every label escaped like the rest of the page.
extension HTMLReport {
    static let chartWidth = 760.0
    /// Agencies drawn in the on-time chart; the table lists them all.
    static let maxChartRows = 25

    static func charts(for kind: ReportKind, document: ReportDocument) -> String {
        let labels = ReportLabels(language: document.language)
        switch kind {
        case .targets: return ""
        case .retire: return document.data.retire.map { dormantByField($0, labels) } ?? ""
        case .onTime: return document.data.onTime.map { onTimeByAgency($0, labels) } ?? ""
        case .adoption: return document.data.adoption.map { monthlyOnlineRate($0, labels) } ?? ""
        case .portalScore: return document.data.portalScore.map { pointsLostByAgency($0, labels) } ?? ""
        }
    }

    /// One decimal, `.` as the mark: SVG coordinates are not localised.
    static func n(_ x: Double) -> String {
        let tenths = Int((x * 10).rounded())
        let sign = tenths < 0 ? "-" : ""
        return sign + "\(abs(tenths) / 10).\(abs(tenths) % 10)"
    }

    static func figure(_ caption: String, height: Double, _ body: String) -> String {
        let e = HTMLText.escaped
        return """
            <figure>
            <figcaption>\(e(caption))</figcaption>
            <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 \(n(chartWidth)) \(n(height))" width="\(n(chartWidth))" height="\(n(height))" role="img" aria-label="\(e(caption))">
            \(body)</svg>
            </figure>

            """
    }

    // MARK: - Monthly online rate, with the target as a line

    static func monthlyOnlineRate(_ report: AdoptionReport, _ l: ReportLabels) -> String {
        let points = report.months.compactMap { m -> (month: Int, rate: Double, text: String)? in
            guard let rate = m.rates[.onlineRate], let month = Int(m.month.suffix(2)) else { return nil }
            return (month, rate, m.month)
        }
        guard !points.isEmpty else { return "" }
        let e = HTMLText.escaped
        let f = l.format
        let (left, right, top, bottom, height) = (56.0, 130.0, 20.0, 40.0, 290.0)
        let plotW = chartWidth - left - right
        let plotH = height - top - bottom
        let x = { (month: Int) in left + (Double(month) - 0.5) / 12 * plotW }
        let y = { (share: Double) in top + (1 - min(max(share, 0), 1)) * plotH }
        var s = ""
        for tick in stride(from: 0.0, through: 1.0, by: 0.25) {
            s +=
                "<line x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(y(tick)))\" y2=\"\(n(y(tick)))\" stroke=\"#d9e2ec\"/>"
            s +=
                "<text x=\"\(n(left - 8))\" y=\"\(n(y(tick) + 4))\" text-anchor=\"end\" font-size=\"11\">\(e(f.decimal(tick * 100, decimals: 0)))%</text>\n"
        }
        for month in 1...12 {
            s +=
                "<text x=\"\(n(x(month)))\" y=\"\(n(top + plotH + 20))\" text-anchor=\"middle\" font-size=\"11\">\(e(l.monthShort(month)))</text>"
        }
        s += "\n"
        if let target = report.targets[.onlineRate] {
            s +=
                "<line x1=\"\(n(left))\" x2=\"\(n(left + plotW))\" y1=\"\(n(y(target)))\" y2=\"\(n(y(target)))\" stroke=\"#d9480f\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>"
            s +=
                "<text x=\"\(n(left + plotW + 8))\" y=\"\(n(y(target) + 4))\" font-size=\"12\" style=\"fill:#d9480f\">\(e(l.targetLine + " " + f.percent(target)))</text>\n"
        }
        let line = points.map { "\(n(x($0.month))),\(n(y($0.rate)))" }.joined(separator: " ")
        s += "<polyline points=\"\(line)\" fill=\"none\" stroke=\"#0b4f8a\" stroke-width=\"2.5\"/>\n"
        for (k, p) in points.enumerated() {
            let label = f.percent(p.rate)
            // Below the point when the line rises on either side and falls on neither (a valley
            // or a start), so the label does not sit on the line.
            let neighbours = [k > 0 ? points[k - 1].rate : nil, k + 1 < points.count ? points[k + 1].rate : nil]
                .compactMap { $0 }
            let below = neighbours.contains { $0 > p.rate } && !neighbours.contains { $0 < p.rate }
            let labelY = below ? y(p.rate) + 18 : y(p.rate) - 9
            s +=
                "<circle cx=\"\(n(x(p.month)))\" cy=\"\(n(y(p.rate)))\" r=\"4\" fill=\"#0b4f8a\"><title>\(e(f.month(p.text) + ": " + label))</title></circle>"
            s +=
                "<text x=\"\(n(x(p.month)))\" y=\"\(n(labelY))\" text-anchor=\"middle\" font-size=\"11\">\(e(label))</text>\n"
        }
        return figure(l.onlineChartTitle(report.year), height: height, s)
    }

    // MARK: - Early, on time and late by agency, stacked

    static func onTimeByAgency(_ report: OnTimeReport, _ l: ReportLabels) -> String {
        let rows = report.agencies.filter { $0.counts.withDue > 0 }.prefix(maxChartRows)
        guard !rows.isEmpty else { return "" }
        let e = HTMLText.escaped
        let f = l.format
        let (labelRight, barX, barW, rowH, top) = (262.0, 272.0, 380.0, 26.0, 34.0)
        let height = top + Double(rows.count) * rowH + 8
        var s = ""
        let legend = [(l.early, "#1b7f3b"), (l.onTime, "#8fd19e"), (l.late, "#c62828")]
        var lx = barX
        for (name, color) in legend {
            s += "<rect x=\"\(n(lx))\" y=\"6\" width=\"14\" height=\"14\" fill=\"\(color)\"/>"
            s += "<text x=\"\(n(lx + 20))\" y=\"18\" font-size=\"12\">\(e(name))</text>"
            lx += 30 + Double(DisplayWidth.of(name)) * 7
        }
        s += "\n"
        for (k, row) in rows.enumerated() {
            let c = row.counts
            let y = top + Double(k) * rowH
            let name = row.name.isEmpty ? row.code : row.name
            s +=
                "<text x=\"\(n(labelRight))\" y=\"\(n(y + 16))\" text-anchor=\"end\" font-size=\"12\">\(e(DisplayWidth.truncated(name, to: 38)))</text>"
            var x = barX
            let tip =
                "\(name) (\(row.code)): \(l.early) \(f.count(c.early)), \(l.onTime) \(f.count(c.onTime)), \(l.late) \(f.count(c.late))"
            for (count, color) in [(c.early, "#1b7f3b"), (c.onTime, "#8fd19e"), (c.late, "#c62828")] where count > 0 {
                let w = Double(count) / Double(c.withDue) * barW
                s +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y + 4))\" width=\"\(n(w))\" height=\"\(n(rowH - 8))\" fill=\"\(color)\"><title>\(e(tip))</title></rect>"
                x += w
            }
            s +=
                "<text x=\"\(n(barX + barW + 8))\" y=\"\(n(y + 16))\" font-size=\"12\">\(e(l.late + " " + (c.lateShare.map(f.percent) ?? l.missing)))</text>\n"
        }
        let drawn = report.agencies.filter { $0.counts.withDue > 0 }.count
        let note = drawn > rows.count ? "<p class=\"note\">\(e(l.chartShowsFirst(rows.count, of: drawn)))</p>\n" : ""
        return figure(l.onTimeChartTitle, height: height, s) + note
    }

    // MARK: - Dormant procedures by field

    static func dormantByField(_ report: RetireReport, _ l: ReportLabels) -> String {
        let rows = report.dormantByField
        guard let most = rows.first?.count, most > 0 else { return "" }
        let e = HTMLText.escaped
        let (labelRight, barX, barW, rowH, top) = (262.0, 272.0, 400.0, 26.0, 6.0)
        let height = top + Double(rows.count) * rowH + 8
        var s = ""
        for (k, row) in rows.enumerated() {
            let y = top + Double(k) * rowH
            let name = row.field.isEmpty ? l.unknownField : row.field
            let w = Double(row.count) / Double(most) * barW
            s +=
                "<text x=\"\(n(labelRight))\" y=\"\(n(y + 16))\" text-anchor=\"end\" font-size=\"12\">\(e(DisplayWidth.truncated(name, to: 38)))</text>"
            s +=
                "<rect x=\"\(n(barX))\" y=\"\(n(y + 4))\" width=\"\(n(max(w, 2)))\" height=\"\(n(rowH - 8))\" fill=\"#0b4f8a\"><title>\(e(name + ": " + l.format.count(row.count)))</title></rect>"
            s +=
                "<text x=\"\(n(barX + max(w, 2) + 6))\" y=\"\(n(y + 16))\" font-size=\"12\">\(e(l.format.count(row.count)))</text>\n"
        }
        return figure(l.dormantByFieldTitle, height: height, s)
    }
}
