/// The words of form 06 (Biểu số 06/VPCP/KSTT, Circular 01/2020/TT-VPCP), Vietnamese as the
/// form prints them and English side by side.
public struct Form06Labels: Sendable {
    public var language: ReportLanguage
    public var format: ReportNumberFormat
    /// The words the form shares with the other reports ("Tổng cộng", "(không rõ lĩnh vực)").
    public var common: ReportLabels

    public init(language: ReportLanguage) {
        self.language = language
        self.format = ReportNumberFormat(language: language)
        self.common = ReportLabels(language: language)
    }

    private func t(_ vi: String, _ en: String) -> String { language.pick(vi: vi, en: en) }

    public var formNumber: String { t("Biểu số 06/VPCP/KSTT", "Form 06/VPCP/KSTT") }
    public var circular: String {
        t("Ban hành kèm theo Thông tư số 01/2020/TT-VPCP", "Annexed to Circular 01/2020/TT-VPCP")
    }
    public var title: String {
        t("TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", "HANDLING OF ADMINISTRATIVE PROCEDURES AND ITS RESULTS")
    }
    public var unit: String { t("Đơn vị tính: Số hồ sơ TTHC", "Unit: dossiers") }
    public var reportingUnit: String { t("Đơn vị báo cáo", "Reporting unit") }
    public var province: String { t("Toàn tỉnh", "Province") }
    public var number: String { t("STT", "No.") }
    public var fieldHeading: String { t("Lĩnh vực, công việc giải quyết theo cấp", "Field, by level of government") }
    public var noRows: String { t("Không có hồ sơ nào trong kỳ.", "No dossiers in the period.") }

    /// The form's upper header over each group of columns.
    public func group(_ g: Form06.Group) -> String {
        switch g {
        case .received: t("Số hồ sơ nhận giải quyết", "Dossiers to handle")
        case .settled: t("Số hồ sơ đã giải quyết", "Settled")
        case .pending: t("Số hồ sơ đang giải quyết", "Pending at the period's end")
        }
    }

    /// The form's lower header of each counted column.
    public func column(_ c: Form06.Column) -> String {
        switch c {
        case .receivedTotal, .settledTotal, .pendingTotal: t("Tổng số", "Total")
        case .receivedOnline: t("Trực tuyến", "Online")
        case .receivedOther: t("Trực tiếp, dịch vụ bưu chính", "In person or by post")
        case .carriedOver: t("Từ kỳ trước chuyển qua", "Carried over")
        case .settledEarly: t("Trước hạn", "Early")
        case .settledOnTime: t("Đúng hạn", "On time")
        case .settledLate: t("Quá hạn", "Late")
        case .pendingInTime: t("Trong hạn", "In time")
        case .pendingOverdue: t("Quá hạn", "Overdue")
        }
    }

    /// "I. Cấp tỉnh"-style heading of a level's block; `nil`: procedures with no level.
    public func level(_ level: AdminLevel?) -> String {
        switch level {
        case .province: t("Cấp tỉnh", "Provincial departments")
        case .district: t("Cấp huyện", "Districts")
        case .commune: t("Cấp xã", "Communes")
        case .ministry: t("Cấp bộ, ngành", "Ministries")
        case nil: t("Thủ tục ngoài danh mục", "Procedures not in the catalog")
        }
    }

    /// "Quý II/2025", "6 tháng đầu năm 2025", "Tháng 03/2025"...
    public func periodName(_ p: Period) -> String {
        let roman = ["I", "II", "III", "IV"]
        switch p.span {
        case .month: return t("Tháng \(LocalDate.pad(p.number, 2))/\(p.year)", "\(p.year)-\(LocalDate.pad(p.number, 2))")
        case .quarter: return t("Quý \(roman[p.number - 1])/\(p.year)", "Q\(p.number) \(p.year)")
        case .half: return t("6 tháng đầu năm \(p.year)", "First half of \(p.year)")
        case .nineMonths: return t("9 tháng năm \(p.year)", "First nine months of \(p.year)")
        case .year: return t("Năm \(p.year)", "Year \(p.year)")
        }
    }

    /// "Kỳ báo cáo: Quý II/2025 (Từ ngày 15/03/2025 đến ngày 14/06/2025)".
    public func periodLine(name: String?, from: String, to: String) -> String {
        let range = t("Từ ngày \(format.date(from)) đến ngày \(format.date(to))", "from \(from) to \(to)")
        guard let name else { return t("Kỳ báo cáo: \(range)", "Reporting period: \(range)") }
        return t("Kỳ báo cáo: \(name) (\(range))", "Reporting period: \(name) (\(range))")
    }

    /// "(official)" or "(calendar)" after the period, in English only words for the kind.
    public func kind(_ k: PeriodKind) -> String {
        switch k {
        case .official: t("kỳ báo cáo theo Nghị định 09/2019/NĐ-CP", "official period, Decree 09/2019/NĐ-CP")
        case .calendar: t("kỳ theo lịch", "calendar period")
        }
    }

    /// I, II, III... for the level blocks.
    public static func roman(_ n: Int) -> String {
        let numerals = [(10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")]
        var n = n
        var out = ""
        for (value, letters) in numerals {
            while n >= value {
                out += letters
                n -= value
            }
        }
        return out
    }
}
