/// Lays the portal score report out as tables (CONTRACT.md 2.3, 3.4).
extension ReportDocument {
    static func section(_ report: PortalScoreReport, _ l: ReportLabels) -> ReportSection {
        let groups = PortalGroup.allCases
        let defaultsTotal = report.settings.total(PortalCriterion.allCases.map { ($0, report.settings.max($0)) }).max
        let summary = ReportTable(
            id: "portal_score_summary", title: l.portalSummaryTitle,
            columns: [text("period", l.periodHeading)]
                + groups.flatMap { [number($0.rawValue, l.group($0)), number($0.rawValue + "_max", l.maxPoints)] }
                + [number("points", l.points), number("max_points", l.maxPoints), number("points_lost", l.pointsLost)],
            rows: report.periods.map { p in
                [.term(key: p.period, label: l.portalPeriod(p.period))]
                    + groups.flatMap { g -> [ReportValue] in
                        let v = p.province.group(g)
                        return [.score(v.points), .score(v.max)]
                    }
                    + [.score(p.province.points), .score(p.province.maxPoints), .score(p.province.pointsLost)]
            },
            emptyMessage: l.noPortalScores, note: l.portalNote(total: l.format.decimal(defaultsTotal, decimals: 1)))

        func scoreCells(_ s: PortalScoreReport.Score) -> [ReportValue] {
            [
                .count(s.numerator), .count(s.denominator), rate(s.ratio), .score(s.points), .score(s.maxPoints),
                .score(s.pointsLost), count(s.dossiersNeeded),
            ]
        }
        let scoreColumns = [
            number("numerator", l.numerator), number("denominator", l.denominator), number("ratio", l.ratioHeading),
            number("points", l.points), number("max_points", l.maxPoints), number("points_lost", l.pointsLost),
            number("dossiers_needed", l.dossiersNeeded),
        ]
        var tables = [summary]
        if let ranked = report.rankedPeriod {
            tables.append(
                ReportTable(
                    id: "portal_score_criteria", title: l.portalCriteriaTitle(ranked.period),
                    columns: [text("criterion", l.criterionHeading)] + scoreColumns,
                    rows: ranked.province.scores.map { s in
                        [.term(key: s.criterion.name, label: l.criterion(s.criterion))] + scoreCells(s)
                    },
                    emptyMessage: l.noPortalScores))
            let needed = PortalCriterion.allCases.filter(\.countsDossiers)
            tables.append(
                ReportTable(
                    id: "portal_score_by_agency", title: l.portalAgenciesTitle(ranked.period),
                    columns: [
                        number("rank", l.rank), text("agency_code", l.agencyCode), text("agency_name", l.agency),
                        number("points", l.points), number("max_points", l.maxPoints), number("points_lost", l.pointsLost),
                    ]
                        + groups.map { number("points_lost_" + $0.rawValue, l.lostIn($0)) }
                        + needed.map { number("dossiers_needed_" + $0.name, l.neededFor($0)) },
                    rows: report.agencies.enumerated().map { k, a in
                        [
                            .ordinal(k + 1), .text(a.code), .text(a.name), .score(a.scored.points),
                            .score(a.scored.maxPoints), .score(a.scored.pointsLost),
                        ]
                            + groups.map { g -> ReportValue in
                                let v = a.scored.group(g)
                                return .score(v.max - v.points)
                            }
                            + needed.map { count(a.scored[$0]?.dossiersNeeded) }
                    },
                    emptyMessage: l.noAgencies, note: l.portalAgenciesNote))
        }
        tables.append(
            ReportTable(
                id: "portal_score_sources", title: l.portalSourcesTitle,
                columns: [
                    text("criterion", l.criterionHeading), number("max_points", l.maxPoints),
                    text("formula", l.formulaHeading), text("source", l.sourceHeading),
                ],
                rows: PortalCriterion.allCases.map { c in
                    [
                        .term(key: c.name, label: l.criterion(c)), .score(report.settings.max(c)),
                        .label(l.formula(c, report.settings)), .label(c.source),
                    ]
                },
                emptyMessage: ""))
        let period = report.periods.last.map { l.asOfPeriod($0.endsOn) } ?? ""
        return ReportSection(kind: .portalScore, title: l.sectionTitle(.portalScore), period: period, tables: tables)
    }
}
