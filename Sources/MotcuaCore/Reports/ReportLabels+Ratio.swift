/// The labels of the ratios (`Ratio`), in Vietnamese and English: every switch is exhaustive, so
/// a new ratio does not compile until it has its labels.
extension ReportLabels {
    /// The ratio's full name, as report tables and the targets report title it.
    public func metric(_ ratio: Ratio) -> String {
        switch ratio {
        case .onlineRate: t("Tỷ lệ hồ sơ trực tuyến", "Dossiers submitted online")
        case .eligibleOnlineRate: t("Tỷ lệ hồ sơ trực tuyến (TTHC mức 3, 4)", "Online, level 3/4 procedures")
        case .level4OnlineRate: t("Tỷ lệ hồ sơ trực tuyến toàn trình (mức 4)", "Online, level 4 (full) procedures")
        case .postalRate: t("Tỷ lệ hồ sơ qua bưu chính công ích", "Dossiers sent by post")
        case .paidOnlineRate: t("Tỷ lệ thanh toán phí trực tuyến", "Fees paid online")
        case .onTimeRate: t("Tỷ lệ giải quyết đúng hạn", "Resolved on time")
        case .proceduresLevel34Share: t("Tỷ lệ TTHC cung cấp trực tuyến mức 3, 4", "Procedures offered at level 3/4")
        }
    }

    /// A metric named in a database row: its label, or the name itself when this release does not
    /// know it (a database written by a newer motcua).
    public func metric(_ name: String) -> String { Ratio(rawValue: name).map(metric) ?? name }

    /// What a shortfall counts: "1 more online dossier would have met the target".
    public func shortfallUnit(_ ratio: Ratio) -> String {
        switch ratio {
        case .onlineRate, .eligibleOnlineRate: t("hồ sơ trực tuyến", "online dossiers")
        case .level4OnlineRate: t("hồ sơ trực tuyến toàn trình", "fully online dossiers")
        case .postalRate: t("hồ sơ qua bưu chính", "postal dossiers")
        case .paidOnlineRate: t("hồ sơ thanh toán trực tuyến", "dossiers paid online")
        case .onTimeRate: t("hồ sơ đúng hạn", "dossiers on time")
        case .proceduresLevel34Share: t("thủ tục mức 3, 4", "procedures at level 3/4")
        }
    }

    public func shortfallUnit(_ name: String) -> String { Ratio(rawValue: name).map(shortfallUnit) ?? "" }

    /// The short column heading of the adoption report's tables.
    public func adoptionMetric(_ ratio: Ratio) -> String {
        switch ratio {
        case .onlineRate: t("Trực tuyến", "Online")
        case .eligibleOnlineRate: t("Trực tuyến (mức 3, 4)", "Online, level 3/4")
        case .level4OnlineRate: t("Toàn trình (mức 4)", "Online, level 4")
        case .postalRate: t("Bưu chính", "Postal")
        case .paidOnlineRate: t("Thanh toán trực tuyến", "Paid online")
        case .onTimeRate: t("Đúng hạn", "On time")
        case .proceduresLevel34Share: t("TTHC mức 3, 4", "Procedures at level 3/4")
        }
    }
}
