import MotcuaCore

/// The portal score's chart: points lost by agency, stacked by group, on one scale for all
/// agencies (the most any agency can lose), so a longer bar is more points to win back.
extension HTMLReport {
    static func pointsLostByAgency(_ report: PortalScoreReport, _ l: ReportLabels) -> String {
        let rows = report.agencies.filter { $0.scored.pointsLost > 0.05 }.prefix(maxChartRows)
        guard let most = rows.map(\.scored.maxPoints).max(), most > 0 else { return "" }
        let e = HTMLText.escaped
        let f = l.format
        let (labelRight, barX, barW, rowH, top) = (262.0, 272.0, 380.0, 26.0, 34.0)
        let height = top + Double(rows.count) * rowH + 8
        let colors: [PortalGroup: String] = [.progress: "#c62828", .online: "#ef8f00", .payment: "#6a4c93"]
        var s = ""
        // The legend starts at the left edge: three group names do not fit right of the labels.
        var lx = 12.0
        for g in PortalGroup.allCases {
            let name = l.group(g)
            s += "<rect x=\"\(n(lx))\" y=\"6\" width=\"14\" height=\"14\" fill=\"\(colors[g] ?? "#888")\"/>"
            s += "<text x=\"\(n(lx + 20))\" y=\"18\" font-size=\"12\">\(e(name))</text>"
            lx += 30 + Double(DisplayWidth.of(name)) * 7
        }
        s += "\n"
        for (k, row) in rows.enumerated() {
            let y = top + Double(k) * rowH
            let name = row.name.isEmpty ? row.code : row.name
            s +=
                "<text x=\"\(n(labelRight))\" y=\"\(n(y + 16))\" text-anchor=\"end\" font-size=\"12\">\(e(DisplayWidth.truncated(name, to: 38)))</text>"
            var x = barX
            let parts = PortalGroup.allCases.map { g -> (PortalGroup, Double) in
                let v = row.scored.group(g)
                return (g, max(0, v.max - v.points))
            }
            let tip =
                "\(name) (\(row.code)): "
                + parts.map { "\(l.group($0.0)) \(f.decimal($0.1, decimals: 1))" }.joined(separator: ", ")
            for (g, lost) in parts where lost > 0 {
                let w = lost / most * barW
                s +=
                    "<rect x=\"\(n(x))\" y=\"\(n(y + 4))\" width=\"\(n(w))\" height=\"\(n(rowH - 8))\" fill=\"\(colors[g] ?? "#888")\"><title>\(e(tip))</title></rect>"
                x += w
            }
            s +=
                "<text x=\"\(n(x + 6))\" y=\"\(n(y + 16))\" font-size=\"12\">\(e("−" + f.decimal(row.scored.pointsLost, decimals: 1) + " / " + f.decimal(row.scored.maxPoints, decimals: 0)))</text>\n"
        }
        let drawn = report.agencies.filter { $0.scored.pointsLost > 0.05 }.count
        let note = drawn > rows.count ? "<p class=\"note\">\(e(l.portalChartShowsFirst(rows.count, of: drawn)))</p>\n" : ""
        let period = report.rankedPeriod.map { " — " + l.portalPeriod($0.period) } ?? ""
        return figure(l.portalChartTitle + period, height: height, s) + note
    }
}
