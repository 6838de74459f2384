/// Every word a report shows, Vietnamese and English side by side (issue 5: Vietnamese by
/// default, for official reports; English with `--lang en`). Terms follow Decree 42/2022 and the
/// national service portal: "hồ sơ" (dossier), "thủ tục hành chính" (procedure), "trực tuyến
/// một phần / toàn trình" (levels 3 and 4), "bưu chính công ích" (public postal service).
public struct ReportLabels: Sendable {
    public var language: ReportLanguage
    public var format: ReportNumberFormat

    public init(language: ReportLanguage) {
        self.language = language
        self.format = ReportNumberFormat(language: language)
    }

    func t(_ vi: String, _ en: String) -> String { language.pick(vi: vi, en: en) }

    // MARK: - The document

    public func documentTitle(year: Int) -> String {
        t("Báo cáo giải quyết thủ tục hành chính năm \(year)", "One-stop-shop report \(year)")
    }
    public func asOf(_ date: String) -> String {
        t("Số liệu đến ngày \(format.date(date))", "Figures as of \(format.date(date))")
    }
    public var pipeline: String { t("Quy trình", "Pipeline") }
    public var lastRun: String { t("Lần chạy", "Run") }
    public var generatedBy: String {
        t(
            "Tạo bởi motcua từ cơ sở dữ liệu tổng hợp; không cần kết nối mạng.",
            "Made by motcua from the summary database; needs no network.")
    }
    public var contents: String { t("Nội dung", "Contents") }
    public func yearPeriod(_ year: Int) -> String { t("Năm \(year)", "Year \(year)") }
    public func asOfPeriod(_ date: String) -> String {
        t("Đến ngày \(format.date(date))", "As of \(format.date(date))")
    }

    /// Said at the top of a report whose year has no dossiers: a clear message, not a crash.
    public func noData(year: Int, yearsWithData: [Int]) -> String {
        guard let first = yearsWithData.first, let last = yearsWithData.last else {
            return t(
                "Cơ sở dữ liệu chưa có hồ sơ nào; các bảng theo năm để trống.",
                "The database holds no dossiers yet; the yearly tables are empty.")
        }
        let span = first == last ? "\(first)" : "\(first)–\(last)"
        return t(
            "Không có hồ sơ nào trong năm \(year); các bảng theo năm để trống. Cơ sở dữ liệu có số liệu năm \(span).",
            "No dossiers in \(year); the yearly tables are empty. The database holds figures for \(span).")
    }

    public func sectionTitle(_ kind: ReportKind) -> String {
        switch kind {
        case .targets: t("Kết quả thực hiện chỉ tiêu", "Targets")
        case .retire: t("Thủ tục đề nghị bãi bỏ, sửa đổi", "Procedures to consider retiring")
        case .onTime: t("Giải quyết hồ sơ đúng hạn", "On-time resolution")
        case .adoption: t("Dịch vụ công trực tuyến", "Online adoption")
        case .portalScore: t("Chỉ số phục vụ (ước tính theo Quyết định 766)", "Service index (estimated by Decision 766)")
        }
    }

    // MARK: - Values

    public var missing: String { "—" }
    public var never: String { t("chưa có", "never") }
    public func met(_ met: Bool) -> String { met ? t("Đạt", "Met") : t("Chưa đạt", "Not met") }
    public var noFigure: String { t("Chưa có số liệu", "No data") }

    public func scope(_ scope: String) -> String {
        scope == "province" ? t("Toàn tỉnh", "Province") : scope
    }

    public func adminLevel(_ level: String) -> String {
        switch level {
        case "province": t("Tỉnh", "Province")
        case "district": t("Huyện", "District")
        case "commune": t("Xã", "Commune")
        case "ministry": t("Bộ", "Ministry")
        default: level
        }
    }

    /// Decree 42/2022's names for levels 3 and 4.
    public func onlineLevel(_ level: Int) -> String {
        switch level {
        case 3: t("Một phần (mức 3)", "Partial (level 3)")
        case 4: t("Toàn trình (mức 4)", "Full (level 4)")
        default: t("Mức \(level)", "Level \(level)")
        }
    }

    public func monthShort(_ month: Int) -> String {
        t(
            "T\(month)",
            ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][(month - 1) % 12])
    }
    public var unknownField: String { t("(không rõ lĩnh vực)", "(no field)") }

    // MARK: - Column headings

    public var year: String { t("Năm", "Year") }
    public var scopeHeading: String { t("Phạm vi", "Scope") }
    public var metricHeading: String { t("Chỉ tiêu", "Metric") }
    public var target: String { t("Mục tiêu", "Target") }
    public var actual: String { t("Thực hiện", "Actual") }
    public var result: String { t("Kết quả", "Result") }
    public var numerator: String { t("Số đạt", "Count") }
    public var denominator: String { t("Trên tổng số", "Out of") }
    public var shortfall: String { t("Còn thiếu", "Shortfall") }
    public var shortfallUnitHeading: String { t("Đơn vị", "Unit") }

    public var procedureCode: String { t("Mã thủ tục", "Procedure code") }
    public var procedureName: String { t("Tên thủ tục", "Procedure") }
    public var field: String { t("Lĩnh vực", "Field") }
    public var adminLevelHeading: String { t("Cấp thực hiện", "Level of government") }
    public var onlineLevelHeading: String { t("Mức độ DVC", "Online level") }
    public var publishedOn: String { t("Ngày hiệu lực", "In force since") }
    public var lastDossier: String { t("Hồ sơ gần nhất", "Last dossier") }
    public var firstDossier: String { t("Hồ sơ đầu tiên", "First dossier") }
    public var dossiersEver: String { t("Tổng số hồ sơ", "Dossiers ever") }
    public var dossiers: String { t("Số hồ sơ", "Dossiers") }
    public var judgeableOn: String { t("Xem xét từ ngày", "Judgeable on") }
    public var procedures: String { t("Số thủ tục", "Procedures") }

    public var rank: String { t("Hạng", "Rank") }
    public var agencyCode: String { t("Mã cơ quan", "Agency code") }
    public var agency: String { t("Cơ quan", "Agency") }
    public var resolvedWithDue: String { t("Đã giải quyết có hạn", "Resolved with due date") }
    public var early: String { t("Trước hạn", "Early") }
    public var onTime: String { t("Đúng hạn", "On time") }
    public var late: String { t("Trễ hạn", "Late") }
    public var lateShare: String { t("Tỷ lệ trễ hạn", "Late share") }
    public var onTimeRate: String { t("Tỷ lệ đúng hạn", "On-time rate") }
    public var noDue: String { t("Không có hạn", "No due date") }
    public var pending: String { t("Đang giải quyết", "Pending") }
    public var overdue: String { t("Quá hạn", "Overdue") }
    public var total: String { t("Tổng cộng", "Total") }

    public var month: String { t("Tháng", "Month") }
    public var received: String { t("Hồ sơ tiếp nhận", "Received") }
    public var receivedOnline: String { t("Hồ sơ trực tuyến", "Received online") }
    public var change: String { "±" }
    public func changeFrom(_ previousYear: Int) -> String {
        t("So với \(previousYear) (điểm %)", "Change from \(previousYear) (points)")
    }
    public func targetFor(_ year: Int) -> String { t("Mục tiêu \(year)", "Target \(year)") }

    // MARK: - Table titles, notes and empty messages

    public func targetsTitle(_ year: Int) -> String { t("Chỉ tiêu năm \(year)", "Targets for \(year)") }
    public func noTargets(_ year: Int) -> String {
        t(
            "Chưa đặt chỉ tiêu cho năm \(year) (mục targets của tệp quy trình).",
            "No targets set for \(year) (the pipeline file's targets).")
    }
    public var targetsNote: String {
        t(
            "Còn thiếu: số hồ sơ (hoặc thủ tục) cần có thêm để đạt mục tiêu.",
            "Shortfall: how many more dossiers (or procedures) would have met the target.")
    }

    public var dormantTitle: String {
        t("Thủ tục không phát sinh hồ sơ trong 3 năm", "Procedures with no dossier in 3 years (dormant)")
    }
    public var noDormant: String {
        t("Không có thủ tục nào không phát sinh hồ sơ trong 3 năm.", "No procedure is dormant.")
    }
    public func dormantNote(_ asOf: String) -> String {
        t(
            "Thủ tục đang có hiệu lực, ban hành trước ngày \(format.date(asOf)) ít nhất 3 năm và không có hồ sơ nào trong 3 năm qua.",
            "In force, published at least 3 years before \(format.date(asOf)), and no dossier in the last 3 years.")
    }
    public var tooNewTitle: String { t("Thủ tục mới, chưa đủ 3 năm để đánh giá", "Procedures too new to judge") }
    public var noTooNew: String { t("Không có.", "None.") }
    public var unknownTitle: String {
        t("Mã thủ tục có hồ sơ nhưng không có trong danh mục", "Procedure codes with dossiers but not in the catalog")
    }
    public var noUnknown: String { t("Không có.", "None.") }
    public var dormantByFieldTitle: String {
        t("Số thủ tục không phát sinh hồ sơ theo lĩnh vực", "Dormant procedures by field")
    }

    public func agenciesOnTimeTitle(_ year: Int) -> String {
        t("Cơ quan xếp theo tỷ lệ trễ hạn, năm \(year)", "Agencies by late share, \(year)")
    }
    public func noResolved(_ year: Int) -> String {
        t("Không có hồ sơ nào được giải quyết trong năm \(year).", "No dossier was resolved in \(year).")
    }
    public var onTimeNote: String {
        t(
            "Tính theo tháng trả kết quả; tỷ lệ trễ hạn = trễ hạn / (trước hạn + đúng hạn + trễ hạn).",
            "Counted in the month of closing; late share = late / (early + on time + late).")
    }
    public func backlogTitle(_ asOf: String) -> String {
        t("Hồ sơ tồn đọng đến ngày \(format.date(asOf))", "Backlog as of \(format.date(asOf))")
    }
    public var noBacklog: String { t("Không có hồ sơ tồn đọng.", "No pending dossiers.") }
    public func chartShowsFirst(_ shown: Int, of all: Int) -> String {
        t(
            "Biểu đồ thể hiện \(shown) trên \(all) cơ quan có tỷ lệ trễ hạn cao nhất; bảng dưới đây có đủ.",
            "The chart shows the \(shown) of \(all) agencies with the highest late share; the table lists all.")
    }
    public var onTimeChartTitle: String {
        t("Trước hạn, đúng hạn và trễ hạn theo cơ quan", "Early, on time and late by agency")
    }

    public func adoptionSummaryTitle(_ year: Int) -> String { t("Toàn tỉnh năm \(year)", "Province, \(year)") }
    public func adoptionMonthlyTitle(_ year: Int) -> String { t("Theo tháng, năm \(year)", "By month, \(year)") }
    public func adoptionAgencyTitle(_ year: Int) -> String { t("Theo cơ quan, năm \(year)", "By agency, \(year)") }
    public func adoptionFieldTitle(_ year: Int) -> String { t("Theo lĩnh vực, năm \(year)", "By field, \(year)") }
    public func noReceived(_ year: Int) -> String {
        t("Không có hồ sơ nào được tiếp nhận trong năm \(year).", "No dossier was received in \(year).")
    }
    public func changeNote(_ previousYear: Int) -> String {
        t(
            "±: thay đổi so với năm \(previousYear), tính bằng điểm phần trăm; — khi không có số liệu.",
            "±: change from \(previousYear) in percentage points; — where there is no figure.")
    }
    public func onlineChartTitle(_ year: Int) -> String {
        t("Tỷ lệ hồ sơ trực tuyến theo tháng, năm \(year)", "Share of dossiers submitted online by month, \(year)")
    }
    public var targetLine: String { t("Mục tiêu", "Target") }
}
