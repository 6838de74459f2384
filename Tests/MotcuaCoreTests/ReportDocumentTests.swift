import Testing

@testable import MotcuaCore

/// The report models: ranking, default year, labels in both languages, and a year with no data.
@Suite struct ReportDocumentTests {
    static func timeliness(_ early: Int, _ onTime: Int, _ late: Int, noDue: Int = 0) -> OnTimeReport.Timeliness {
        .init(early: early, onTime: onTime, late: late, noDue: noDue)
    }

    static var sample: ReportData {
        var data = ReportData(pipeline: "p", asOf: "2025-06-30", year: 2025, yearsWithData: [2024, 2025])
        data.targets = TargetsReport(
            year: 2025,
            rows: [
                .init(
                    year: 2025, scope: "province", metric: "on_time_rate", target: 0.95, actual: 0.75, met: false,
                    shortfall: 1, numerator: 3, denominator: 4),
                .init(
                    year: 2025, scope: "province", metric: "online_rate", target: 0.5, actual: 0.8, met: true,
                    shortfall: 0, numerator: 8, denominator: 10),
            ])
        data.retire = RetireReport(
            asOf: "2025-06-30",
            dormant: [
                .init(
                    code: "2", name: "B", field: "Y tế", adminLevel: "commune", onlineLevel: 2,
                    publishedOn: "2018-01-01", dossiersEver: 0),
                .init(
                    code: "1", name: "A", field: "Y tế", adminLevel: "province", onlineLevel: 3,
                    publishedOn: "2018-01-01",
                    lastReceivedOn: "2022-06-30", dossiersEver: 1),
                .init(
                    code: "3", name: "C", field: "Đất đai", adminLevel: nil, onlineLevel: nil,
                    publishedOn: "2018-01-01", dossiersEver: 0),
            ],
            tooNew: [], unknown: [])
        data.onTime = OnTimeReport(
            year: 2025, asOf: "2025-06-30", province: timeliness(2, 4, 3, noDue: 1),
            agencies: [
                .init(code: "A", name: "Sở A", counts: timeliness(1, 1, 0)),
                .init(code: "B", name: "Sở B", counts: timeliness(0, 1, 1)),
                .init(code: "C", name: "Sở C", counts: timeliness(0, 0, 0, noDue: 1)),
                .init(code: "D", name: "Sở D", counts: timeliness(1, 2, 2)),
            ],
            backlog: [
                .init(code: "A", name: "Sở A", pending: 5, overdue: 1),
                .init(code: "B", name: "Sở B", pending: 2, overdue: 2),
            ])
        return data
    }

    @Test func agenciesAreRankedByLateShareWithNoFigureLast() {
        let report = Self.sample.onTime
        // B 50 %, D 40 %, A 0 %, C nothing resolved against a due date.
        #expect(report?.agencies.map(\.code) == ["B", "D", "A", "C"])
        #expect(report?.agencies.first?.counts.lateShare == 0.5)
        #expect(report?.agencies.last?.counts.lateShare == nil)
        #expect(report?.backlog.map(\.code) == ["B", "A"])
        #expect(report?.backlogPending == 7)
        #expect(report?.backlogOverdue == 3)
    }

    @Test func dormantProceduresAreGroupedByField() {
        let report = Self.sample.retire
        // Đất đai before Y tế, as in a Vietnamese dictionary (Đ follows D), though U+0110 > "Y".
        #expect(report?.dormant.map(\.code) == ["3", "1", "2"])
        #expect(report?.dormantByField == [.init(field: "Y tế", count: 2), .init(field: "Đất đai", count: 1)])
    }

    @Test func targetsFollowTheMetricOrder() {
        #expect(Self.sample.targets?.rows.map(\.metric) == ["online_rate", "on_time_rate"])
    }

    @Test func defaultYearIsTheLatestWithDataNotAfterAsOf() {
        #expect(ReportData.defaultYear(yearsWithData: [2022, 2025], asOf: "2025-06-30") == 2025)
        #expect(ReportData.defaultYear(yearsWithData: [2022, 2025, 2026], asOf: "2025-06-30") == 2025)
        #expect(ReportData.defaultYear(yearsWithData: [2022], asOf: "2025-06-30") == 2022)
        #expect(ReportData.defaultYear(yearsWithData: [], asOf: "2025-06-30") == 2025)
    }

    @Test func vietnameseAndEnglishLabels() {
        let vi = ReportDocument(data: Self.sample, language: .vi)
        let en = ReportDocument(data: Self.sample, language: .en)
        #expect(vi.title == "Báo cáo giải quyết thủ tục hành chính năm 2025")
        #expect(en.title == "One-stop-shop report 2025")
        #expect(
            vi.sections.map(\.title) == [
                "Kết quả thực hiện chỉ tiêu", "Thủ tục đề nghị bãi bỏ, sửa đổi", "Giải quyết hồ sơ đúng hạn",
            ])
        #expect(en.sections.map(\.title) == ["Targets", "Procedures to consider retiring", "On-time resolution"])
        let viTargets = vi.tables[0]
        #expect(
            viTargets.columns.map(\.label).prefix(6) == [
                "Năm", "Phạm vi", "Chỉ tiêu", "Mục tiêu", "Thực hiện", "Kết quả",
            ])
        #expect(viTargets.rows[0][2] == .term(key: "online_rate", label: "Tỷ lệ hồ sơ trực tuyến"))
        #expect(en.tables[0].rows[0][2] == .term(key: "online_rate", label: "Dossiers submitted online"))
        // The same keys in both languages: JSON and file names do not depend on the language.
        #expect(vi.tables.map(\.id) == en.tables.map(\.id))
        #expect(vi.tables.map { $0.columns.map(\.key) } == en.tables.map { $0.columns.map(\.key) })
        // "never" for a dormant procedure without any dossier.
        let dormant = vi.tables.first { $0.id == "dormant_procedures" }
        // Rows by field: 3 (Đất đai), then 1 and 2 (Y tế).
        #expect(dormant?.rows[2][6] == .noValue(label: "chưa có"))
        #expect(en.tables.first { $0.id == "dormant_procedures" }?.rows[2][6] == .noValue(label: "never"))
        #expect(dormant?.rows[1][6] == .date("2022-06-30"))
        #expect(dormant?.rows[1][3] == .term(key: "province", label: "Tỉnh"))
        #expect(dormant?.rows[1][4] == .level(3, label: "Một phần (mức 3)"))
        #expect(dormant?.rows[0][3] == .missing)
    }

    @Test func aYearWithNoDataSaysSoAndHasEmptyTables() {
        var data = ReportData(pipeline: "p", asOf: "2025-06-30", year: 2030, yearsWithData: [2022, 2025])
        data.targets = TargetsReport(year: 2030, rows: [])
        data.onTime = OnTimeReport(
            year: 2030, asOf: "2025-06-30", province: Self.timeliness(0, 0, 0), agencies: [], backlog: [])
        data.adoption = AdoptionReport(
            year: 2030, province: nil, provincePrevious: nil, months: [], agencies: [], fields: [], targets: [:])
        let vi = ReportDocument(data: data, language: .vi)
        #expect(
            vi.message
                == "Không có hồ sơ nào trong năm 2030; các bảng theo năm để trống. Cơ sở dữ liệu có số liệu năm 2022–2025."
        )
        #expect(vi.tables.allSatisfy { $0.rows.isEmpty && $0.total == nil })
        #expect(vi.tables.first?.emptyMessage == "Chưa đặt chỉ tiêu cho năm 2030 (mục targets của tệp quy trình).")
        let en = ReportDocument(data: data, language: .en)
        #expect(
            en.message == "No dossiers in 2030; the yearly tables are empty. The database holds figures for 2022–2025.")
        // The retire list alone is as of a date: no year, so nothing to say about one.
        var retireOnly = ReportData(pipeline: "p", asOf: "2025-06-30", year: 2030, yearsWithData: [2025])
        retireOnly.retire = RetireReport(asOf: "2025-06-30", dormant: [], tooNew: [], unknown: [])
        #expect(ReportDocument(data: retireOnly, language: .vi).message == nil)
        var empty = ReportData(pipeline: "p", asOf: "2025-06-30", year: 2025, yearsWithData: [])
        empty.targets = TargetsReport(year: 2025, rows: [])
        let none = ReportDocument(data: empty, language: .en)
        #expect(none.message == "The database holds no dossiers yet; the yearly tables are empty.")
    }

    @Test func everyLabelHasBothLanguages() {
        let vi = ReportLabels(language: .vi)
        let en = ReportLabels(language: .en)
        for ratio in Ratio.allCases {
            #expect(vi.metric(ratio) != en.metric(ratio))
            #expect(vi.metric(ratio.name) == vi.metric(ratio))
            #expect(!vi.shortfallUnit(ratio).isEmpty && !en.shortfallUnit(ratio).isEmpty)
            #expect(vi.adoptionMetric(ratio) != en.adoptionMetric(ratio))
        }
        // A metric of a newer database is shown by its name.
        #expect(vi.metric("future_rate") == "future_rate")
        for kind in ReportKind.allCases { #expect(vi.sectionTitle(kind) != en.sectionTitle(kind)) }
        for level in ["province", "district", "commune", "ministry"] {
            #expect(vi.adminLevel(level) != en.adminLevel(level))
        }
    }
}

/// The one vocabulary of ratios (issue 12): each ratio's fraction against the contract's
/// formulas written out by hand, and the orders reports use.
@Suite struct RatioVocabularyTests {
    @Test func fractionsAreTheContractsFormulas() {
        let counters: [MonthlyCounts.Column: Int] = [
            .received: 10, .receivedOnline: 4, .receivedPostal: 1, .receivedEligible: 8, .receivedOnlineEligible: 4,
            .receivedLevel4: 5, .receivedOnlineLevel4: 3, .receivedPaidKnown: 6, .receivedPaidOnline: 2,
            .resolvedEarly: 3, .resolvedOnTime: 2, .resolvedLate: 5,
        ]
        let value = { (r: Ratio) in r.value { counters[$0] ?? 0 } }
        #expect(value(.onlineRate) == 0.4)
        #expect(value(.eligibleOnlineRate) == 0.5)
        #expect(value(.level4OnlineRate) == 0.6)
        #expect(value(.postalRate) == 0.1)
        #expect(value(.paidOnlineRate) == 2.0 / 6.0)
        #expect(value(.onTimeRate) == 0.5)
        #expect(value(.proceduresLevel34Share) == nil)
        // A zero denominator is NULL, not 0.
        #expect(Ratio.onTimeRate.value { _ in 0 } == nil)
    }

    @Test func ordersAndSubsets() {
        #expect(Ratio.allCases.map(\.name) == [
            "online_rate", "eligible_online_rate", "level4_online_rate", "postal_rate", "paid_online_rate",
            "on_time_rate", "procedures_level34_share",
        ])
        #expect(AdoptionReport.metrics == [.onlineRate, .eligibleOnlineRate, .level4OnlineRate, .postalRate, .paidOnlineRate])
        #expect(Ratio.allCases.filter(\.isHeadline) == [.onlineRate, .eligibleOnlineRate, .level4OnlineRate, .onTimeRate])
        #expect(Ratio.ofDossiers.count == 6)
    }
}

/// The run's rules that used to live in the command layer (issue 12), called directly.
@Suite struct RunRuleTests {
    /// A date the test writes by hand.
    func d(_ year: Int, _ month: Int, _ day: Int) -> LocalDate {
        // swift-format-ignore: NeverForceUnwrap
        LocalDate(year: year, month: month, day: day)!
    }

    @Test func asOfDateIsReadOnceForFileAndCommandLine() throws {
        #expect(AsOfDate("today") == .today)
        #expect(AsOfDate(" TODAY ") == .today)
        #expect(AsOfDate("2025-12-31") == .date(d(2025, 12, 31)))
        #expect(AsOfDate("31/12/2025") == .date(d(2025, 12, 31)))
        #expect(AsOfDate("2025-12-31 08:00") == nil)  // a time of day is not a date
        #expect(AsOfDate("soon") == nil)
        // 2025-12-31 17:30 UTC is already 2026-01-01 00:30 in Viet Nam.
        let millis: Int64 = 1_767_202_200_000
        #expect(AsOfDate.today.resolved(atUnixMillis: millis) == d(2026, 1, 1))
        #expect(AsOfDate.date(d(2024, 2, 29)).resolved(atUnixMillis: millis) == d(2024, 2, 29))
        #expect(AsOfDate.effective(override: .today, file: .date(d(2024, 1, 1))) == .today)
        #expect(AsOfDate.effective(override: nil, file: .today) == .today)
    }

    @Test func rejectRateLimit() {
        let limit = RejectRateLimit(maximum: 0.05)
        #expect(limit.violation(read: 100, rejected: 5, reasons: [.badDate: 5]) == nil)  // at the limit: within
        let over = limit.violation(read: 100, rejected: 6, reasons: [.badDate: 4, .fieldCount: 2])
        #expect(over == "6.00% of records were rejected, over the limit of 5.00% (limits.max_reject_rate); nothing was published. Reasons: field_count 2, bad_date 4")
        #expect(limit.violation(read: 0, rejected: 0, reasons: [:]) == nil)
        #expect(RejectRateLimit(maximum: 0).violation(read: 3, rejected: 1, reasons: [.badDate: 1]) != nil)
    }
}
