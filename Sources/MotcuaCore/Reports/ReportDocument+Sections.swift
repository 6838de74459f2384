/// Lays each kind of report out as tables in the document's language.
extension ReportDocument {
    typealias Column = ReportTable.Column

    static func text(_ key: String, _ label: String) -> Column { Column(key: key, label: label, numeric: false) }
    static func number(_ key: String, _ label: String) -> Column { Column(key: key, label: label, numeric: true) }

    static func rate(_ value: Double?) -> ReportValue { value.map { .rate($0) } ?? .missing }
    static func change(_ value: Double?) -> ReportValue { value.map { .change($0) } ?? .missing }
    static func count(_ value: Int?) -> ReportValue { value.map { .count($0) } ?? .missing }

    // MARK: - Targets

    static func section(_ report: TargetsReport, _ l: ReportLabels) -> ReportSection {
        let columns = [
            number("year", l.year), text("scope", l.scopeHeading), text("metric", l.metricHeading),
            number("target", l.target), number("actual", l.actual), text("met", l.result),
            number("numerator", l.numerator), number("denominator", l.denominator),
            number("shortfall", l.shortfall), text("shortfall_unit", l.shortfallUnitHeading),
        ]
        let rows: [[ReportValue]] = report.rows.map { r in
            [
                .ordinal(r.year), .term(key: r.scope, label: l.scope(r.scope)),
                .term(key: r.metric, label: l.metric(r.metric)),
                .rate(r.target), rate(r.actual), .met(r.met), count(r.numerator), count(r.denominator),
                count(r.shortfall), .label(l.shortfallUnit(r.metric)),
            ]
        }
        let table = ReportTable(
            id: "targets", title: l.targetsTitle(report.year), columns: columns, rows: rows,
            emptyMessage: l.noTargets(report.year), note: l.targetsNote)
        return ReportSection(
            kind: .targets, title: l.sectionTitle(.targets), period: l.yearPeriod(report.year), tables: [table])
    }

    // MARK: - Retire list

    static func section(_ report: RetireReport, _ l: ReportLabels) -> ReportSection {
        func procedureColumns() -> [Column] {
            [
                text("procedure_code", l.procedureCode), text("procedure_name", l.procedureName),
                text("field", l.field),
                text("admin_level", l.adminLevelHeading), text("online_level", l.onlineLevelHeading),
                .init(key: "published_on", label: l.publishedOn, numeric: false),
            ]
        }
        func procedureCells(_ p: RetireReport.ProcedureRow) -> [ReportValue] {
            [
                .text(p.code), .text(p.name), .text(p.field),
                p.adminLevel.map { .term(key: $0, label: l.adminLevel($0)) } ?? .missing,
                p.onlineLevel.map { .level($0, label: l.onlineLevel($0)) } ?? .missing, .date(p.publishedOn),
            ]
        }
        let dormant = ReportTable(
            id: "dormant_procedures", title: l.dormantTitle,
            columns: procedureColumns() + [
                text("last_received_on", l.lastDossier), number("dossiers_ever", l.dossiersEver),
            ],
            rows: report.dormant.map { p in
                procedureCells(p) + [p.lastReceivedOn.map { .date($0) } ?? .noValue(label: l.never), .count(p.dossiersEver)]
            },
            emptyMessage: l.noDormant, note: l.dormantNote(report.asOf))
        let tooNew = ReportTable(
            id: "too_new_procedures", title: l.tooNewTitle,
            columns: procedureColumns() + [
                text("judgeable_on", l.judgeableOn), number("dossiers_ever", l.dossiersEver),
            ],
            rows: report.tooNew.map { p in
                procedureCells(p) + [p.judgeableOn.map { .date($0) } ?? .missing, .count(p.dossiersEver)]
            },
            emptyMessage: l.noTooNew)
        let unknown = ReportTable(
            id: "unknown_procedures", title: l.unknownTitle,
            columns: [
                text("procedure_code", l.procedureCode), text("procedure_name", l.procedureName),
                number("dossiers", l.dossiers), text("first_received_on", l.firstDossier),
                text("last_received_on", l.lastDossier),
            ],
            rows: report.unknown.map { u in
                [.text(u.code), .text(u.name), .count(u.dossiers), .date(u.firstReceivedOn), .date(u.lastReceivedOn)]
            },
            emptyMessage: l.noUnknown)
        let online = ReportTable(
            id: "online_services_without_online_dossiers", title: l.onlineServicesTitle,
            columns: procedureColumns() + [
                text("last_online_received_on", l.lastOnlineDossier), number("dossiers_in_window", l.dossiersInWindow),
            ],
            rows: report.onlineServicesWithoutOnlineDossiers.map { o in
                procedureCells(o.procedure) + [
                    o.lastOnlineReceivedOn.map { .date($0) } ?? .noValue(label: l.never), .count(o.dossiersInWindow),
                ]
            },
            emptyMessage: l.noOnlineServicesUnused, note: l.onlineServicesNote(report.asOf))
        return ReportSection(
            kind: .retire, title: l.sectionTitle(.retire), period: l.asOfPeriod(report.asOf),
            tables: [dormant, online, tooNew, unknown])
    }

    // MARK: - On time

    static func section(_ report: OnTimeReport, _ l: ReportLabels) -> ReportSection {
        func timeliness(_ c: OnTimeReport.Timeliness) -> [ReportValue] {
            [
                .count(c.withDue), .count(c.early), .count(c.onTime), .count(c.late), rate(c.lateShare),
                rate(c.onTimeRate), .count(c.noDue),
            ]
        }
        let columns = [
            number("rank", l.rank), text("agency_code", l.agencyCode), text("agency_name", l.agency),
            number("resolved_with_due", l.resolvedWithDue), number("resolved_early", l.early),
            number("resolved_on_time", l.onTime), number("resolved_late", l.late), number("late_share", l.lateShare),
            number("on_time_rate", l.onTimeRate), number("resolved_no_due", l.noDue),
        ]
        let rows: [[ReportValue]] = report.agencies.enumerated().map { k, a in
            [.ordinal(k + 1), .text(a.code), .text(a.name)] + timeliness(a.counts)
        }
        let total: [ReportValue]? =
            rows.isEmpty
            ? nil
            : [.missing, .label(l.total), .term(key: "province", label: l.scope("province"))]
                + timeliness(report.province)
        let agencies = ReportTable(
            id: "on_time_by_agency", title: l.agenciesOnTimeTitle(report.year), columns: columns, rows: rows,
            total: total, emptyMessage: l.noResolved(report.year), note: l.onTimeNote)
        let backlogRows: [[ReportValue]] = report.backlog.map { b in
            [.text(b.code), .text(b.name), .count(b.pending), .count(b.overdue)]
        }
        let backlogTotal: [ReportValue]? =
            backlogRows.isEmpty
            ? nil
            : [
                .label(l.total), .term(key: "province", label: l.scope("province")), .count(report.backlogPending),
                .count(report.backlogOverdue),
            ]
        let backlog = ReportTable(
            id: "backlog_by_agency", title: l.backlogTitle(report.asOf),
            columns: [
                text("agency_code", l.agencyCode), text("agency_name", l.agency), number("pending", l.pending),
                number("pending_overdue", l.overdue),
            ],
            rows: backlogRows, total: backlogTotal, emptyMessage: l.noBacklog)
        return ReportSection(
            kind: .onTime, title: l.sectionTitle(.onTime), period: l.yearPeriod(report.year),
            tables: [agencies, backlog])
    }

    // MARK: - Adoption

    static func section(_ report: AdoptionReport, _ l: ReportLabels) -> ReportSection {
        let metrics = AdoptionReport.metrics
        let summaryRows: [[ReportValue]] =
            report.province == nil
            ? []
            : metrics.map { m in
                [
                    .term(key: m.name, label: l.metric(m)), rate(report.province?[m]),
                    rate(report.provincePrevious?[m]),
                    change(report.provinceChange(m)), rate(report.targets[m]),
                ]
            }
        let summary = ReportTable(
            id: "adoption_summary", title: l.adoptionSummaryTitle(report.year),
            columns: [
                text("metric", l.metricHeading), number("rate", l.yearPeriod(report.year)),
                number("previous_rate", l.yearPeriod(report.previousYear)),
                number("change", l.changeFrom(report.previousYear)),
                number("target", l.targetFor(report.year)),
            ],
            rows: summaryRows, emptyMessage: l.noReceived(report.year))

        let monthly = ReportTable(
            id: "adoption_by_month", title: l.adoptionMonthlyTitle(report.year),
            columns: [
                text("month", l.month), number("received", l.received), number("received_online", l.receivedOnline),
            ]
                + metrics.map { number($0.name, l.adoptionMetric($0)) },
            rows: report.months.map { m in
                [.month(m.month), .count(m.rates.received), .count(m.rates.receivedOnline)]
                    + metrics.map { rate(m.rates[$0]) }
            },
            emptyMessage: l.noReceived(report.year))

        func groupColumns(_ lead: [Column]) -> [Column] {
            lead + [number("received", l.received)]
                + metrics.flatMap {
                    [number($0.name, l.adoptionMetric($0)), number($0.name + "_change", l.change)]
                }
        }
        func groupCells(_ g: AdoptionReport.GroupRow) -> [ReportValue] {
            [.count(g.current.received)] + metrics.flatMap { [rate(g.current[$0]), change(g.change($0))] }
        }
        let agencies = ReportTable(
            id: "adoption_by_agency", title: l.adoptionAgencyTitle(report.year),
            columns: groupColumns([text("agency_code", l.agencyCode), text("agency_name", l.agency)]),
            rows: report.agencies.map { g in [.text(g.code ?? ""), .text(g.name ?? "")] + groupCells(g) },
            emptyMessage: l.noReceived(report.year), note: l.changeNote(report.previousYear))
        let fields = ReportTable(
            id: "adoption_by_field", title: l.adoptionFieldTitle(report.year),
            columns: groupColumns([text("field", l.field)]),
            rows: report.fields.map { g in
                [
                    g.name.flatMap { $0.isEmpty ? nil : ReportValue.text($0) }
                        ?? .term(key: g.name, label: l.unknownField)
                ]
                    + groupCells(g)
            },
            emptyMessage: l.noReceived(report.year), note: l.changeNote(report.previousYear))
        let upgrades = ReportTable(
            id: "upgrade_candidates", title: l.upgradeCandidatesTitle,
            columns: [
                text("procedure_code", l.procedureCode), text("procedure_name", l.procedureName), text("field", l.field),
                text("online_level", l.onlineLevelHeading), number("dossiers_last_year", l.dossiersLastYear),
                number("online_dossiers_last_year", l.onlineDossiersLastYear),
            ],
            rows: report.upgradeCandidates.map { u in
                [
                    .text(u.code), .text(u.name), .text(u.field),
                    u.onlineLevel.map { .level($0, label: l.onlineLevel($0)) } ?? .missing, .count(u.dossiersLastYear),
                    .count(u.onlineDossiersLastYear),
                ]
            },
            emptyMessage: l.noUpgradeCandidates, note: l.upgradeCandidatesNote)
        return ReportSection(
            kind: .adoption, title: l.sectionTitle(.adoption), period: l.yearPeriod(report.year),
            tables: [summary, monthly, agencies, fields, upgrades])
    }
}
