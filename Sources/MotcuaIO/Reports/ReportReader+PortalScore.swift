import MotcuaCore

/// Reads the portal score report from `portal_scores` and `portal_score_totals` (CONTRACT.md
/// 2.3, 3.1), as a report writer's SQL would.
extension ReportReader {
    /// The latest month, quarter and year ending in `year` or before; agencies in the latest
    /// such quarter (else month).
    static func portalScore(_ db: SQLiteConnection, year: Int, metadata: [String: String]) throws(SummaryDatabaseError)
        -> PortalScoreReport
    {
        let settings = SummaryDatabase.portalScoreSettings(metadata: metadata)
        let periods = try db.prepare(
            "SELECT DISTINCT period, starts_on, ends_on FROM portal_scores WHERE CAST(substr(period, 1, 4) AS INTEGER) <= ? ORDER BY ends_on, starts_on DESC"
        ).query([.integer(year)]).map { ($0[0].text ?? "", $0[1].text ?? "", $0[2].text ?? "") }
        func latest(_ isSpan: (String) -> Bool) -> (String, String, String)? { periods.last { isSpan($0.0) } }
        let month = latest { $0.count == 7 && !$0.contains("Q") }
        let quarter = latest { $0.contains("-Q") }
        let whole = latest { $0.count == 4 }

        let scoresStatement = try db.prepare(
            """
            SELECT agency_code, criterion, numerator, denominator, ratio, points, max_points, dossiers_needed
            FROM portal_scores WHERE period = ? ORDER BY agency_code
            """)
        // The view's sums for one period at a time, with the cap the run wrote (the same query).
        let totalsStatement = try db.prepare(
            "SELECT agency_code, points, max_points FROM ("
                + SummaryDatabase.portalScoreTotalsSelect(paymentCap: settings.paymentCap, onePeriod: true) + ")")
        func scored(_ period: String) throws(SummaryDatabaseError) -> [String: PortalScoreReport.Scored] {
            var scores: [String: [PortalScoreReport.Score]] = [:]
            for r in try scoresStatement.query([.text(period)]) {
                guard let criterion = PortalCriterion(rawValue: r[1].text ?? "") else { continue }
                scores[r[0].text ?? "", default: []].append(
                    PortalScoreReport.Score(
                        criterion: criterion, numerator: r[2].integer ?? 0, denominator: r[3].integer ?? 0,
                        ratio: r[4].real, points: r[5].real ?? 0, maxPoints: r[6].real ?? 0, dossiersNeeded: r[7].integer))
            }
            var result: [String: PortalScoreReport.Scored] = [:]
            for r in try totalsStatement.query([.text(period)]) {
                let code = r[0].text ?? ""
                result[code] = PortalScoreReport.Scored(
                    scores: scores[code] ?? [], points: r[1].real ?? 0, maxPoints: r[2].real ?? 0)
            }
            return result
        }
        var rows: [PortalScoreReport.PeriodRow] = []
        var scoredPeriods: [String: [String: PortalScoreReport.Scored]] = [:]
        for p in [month, quarter, whole].compactMap({ $0 }) {
            let all = try scored(p.0)
            scoredPeriods[p.0] = all
            if let province = all[""] {
                rows.append(.init(period: p.0, startsOn: p.1, endsOn: p.2, province: province))
            }
        }
        let ranked = (quarter ?? month).flatMap { p in rows.first { $0.period == p.0 } }
        var agencies: [PortalScoreReport.AgencyRow] = []
        if let ranked {
            var names: [String: String] = [:]
            for r in try db.prepare("SELECT agency_code, agency_name FROM agencies").query() {
                names[r[0].text ?? ""] = r[1].text ?? ""
            }
            // `ranked` is one of `rows`, whose periods were all scored above.
            for (code, s) in scoredPeriods[ranked.period, default: [:]] where !code.isEmpty {
                agencies.append(.init(code: code, name: names[code] ?? "", scored: s))
            }
        }
        return PortalScoreReport(periods: rows, rankedPeriod: ranked, agencies: agencies, settings: settings)
    }
}
