/// The labels of the portal score (`PortalCriterion`, `PortalGroup`) and its report, in
/// Vietnamese and English: every switch is exhaustive, so a new criterion does not compile until
/// it has its words.
extension ReportLabels {
    public func criterion(_ c: PortalCriterion) -> String {
        switch c {
        case .progress: t("Tiến độ giải quyết", "Progress of handling")
        case .online: t("Hồ sơ trực tuyến (TTHC toàn trình)", "Online dossiers (fully online procedures)")
        case .paymentDossiers: t("Hồ sơ thanh toán trực tuyến", "Dossiers paid online")
        case .paymentProcedures: t("TTHC có thanh toán trực tuyến", "Procedures with online payment")
        case .paymentCoverage: t("TTHC có phí phát sinh hồ sơ", "Fee-bearing procedures with dossiers")
        }
    }

    /// The criterion's formula as the report's note gives it, with the run's weights.
    public func formula(_ c: PortalCriterion, _ s: PortalScoreSettings) -> String {
        let f = format
        let max = f.decimal(s.max(c), decimals: 1)
        switch c {
        case .progress:
            return t(
                "(sớm hạn + đúng hạn + đang giải quyết trong hạn) / tổng hồ sơ phải giải quyết (Biểu 06: (8 + 9 + 12) / 3); hồ sơ yêu cầu bổ sung quá 1 lần tính trễ hạn; điểm = \(max) × tỷ lệ",
                "(early + on time + pending in time) / dossiers to handle (form 06: (8 + 9 + 12) / 3); more than one supplement request counts late; points = \(max) × ratio")
        case .online:
            let full = f.percent(s.value(c, .fullAt))
            return t(
                "hồ sơ trực tuyến / hồ sơ tiếp nhận của TTHC toàn trình; đủ điểm từ \(full); điểm = \(max) × min(1, tỷ lệ / \(full))",
                "online / received dossiers of fully online procedures; full points from \(full); points = \(max) × min(1, ratio / \(full))")
        case .paymentDossiers:
            return t(
                "hồ sơ thanh toán trực tuyến / hồ sơ có nghĩa vụ tài chính (phí > 0, hoặc chưa rõ phí và TTHC có phí); điểm = \(max) × tỷ lệ",
                "paid online / dossiers with a financial obligation (fee > 0, or fee unknown and the procedure has a fee); points = \(max) × ratio")
        case .paymentProcedures:
            let factor = f.decimal(s.value(c, .factor), decimals: 1)
            return t(
                "TTHC có phí có hồ sơ thanh toán trực tuyến / TTHC có phí; điểm = min(\(max), \(factor) × tỷ lệ)",
                "fee-bearing procedures with a dossier paid online / fee-bearing procedures; points = min(\(max), \(factor) × ratio)")
        case .paymentCoverage:
            return t(
                "TTHC có phí phát sinh hồ sơ / TTHC có phí; điểm = \(max) × tỷ lệ",
                "fee-bearing procedures with a dossier / fee-bearing procedures; points = \(max) × ratio")
        }
    }

    public func group(_ g: PortalGroup) -> String {
        switch g {
        case .progress: t("Tiến độ giải quyết", "Progress")
        case .online: t("Dịch vụ công trực tuyến", "Online service")
        case .payment: t("Thanh toán trực tuyến", "Online payment")
        }
    }

    public var periodHeading: String { t("Kỳ", "Period") }
    public var points: String { t("Điểm", "Points") }
    public var maxPoints: String { t("Điểm tối đa", "Maximum") }
    public var pointsLost: String { t("Điểm bị trừ", "Points lost") }
    public var dossiersNeeded: String { t("Số hồ sơ cần thêm để đạt điểm tối đa", "Dossiers needed for full points") }
    public var ratioHeading: String { t("Tỷ lệ", "Ratio") }
    public var criterionHeading: String { t("Tiêu chí", "Criterion") }
    public var formulaHeading: String { t("Cách tính", "Formula") }
    public var sourceHeading: String { t("Nguồn", "Source") }
    public func lostIn(_ g: PortalGroup) -> String { t("Bị trừ: \(group(g))", "Lost: \(group(g))") }
    public func neededFor(_ c: PortalCriterion) -> String { t("Cần thêm: \(criterion(c))", "Needed: \(criterion(c))") }

    public func portalPeriod(_ name: String) -> String {
        if name.count == 4 { return t("Năm \(name)", "Year \(name)") }
        if let q = name.split(separator: "-").last, q.hasPrefix("Q") {
            return t("Quý \(q.dropFirst())/\(name.prefix(4))", "Q\(q.dropFirst()) \(name.prefix(4))")
        }
        return t("Tháng \(name.suffix(2))/\(name.prefix(4))", format.month(name))
    }

    public var portalSummaryTitle: String {
        t("Điểm ước tính của tỉnh theo nhóm chỉ số", "The province's estimated points by group")
    }
    public func portalCriteriaTitle(_ period: String) -> String {
        t("Các tiêu chí của tỉnh, \(portalPeriod(period))", "The province's criteria, \(portalPeriod(period))")
    }
    public func portalAgenciesTitle(_ period: String) -> String {
        t("Cơ quan theo điểm bị trừ, \(portalPeriod(period))", "Agencies by points lost, \(portalPeriod(period))")
    }
    public var portalSourcesTitle: String { t("Cách tính và nguồn", "Formulas and sources") }
    public var noPortalScores: String {
        t("Chưa có kỳ tính điểm nào (cần ít nhất một tháng trọn vẹn có hồ sơ).", "No scored period yet (at least one whole month with dossiers).")
    }
    public var noAgencies: String { t("Không có cơ quan nào có hồ sơ trong kỳ.", "No agency had dossiers in the period.") }
    public func portalChartShowsFirst(_ shown: Int, of all: Int) -> String {
        t(
            "Biểu đồ thể hiện \(shown) trên \(all) cơ quan bị trừ nhiều điểm nhất; bảng dưới đây có đủ. Một tiêu chí không có hồ sơ nào để tính (mẫu số 0) được 0 điểm.",
            "The chart shows the \(shown) of \(all) agencies losing most points; the table below lists them all. A criterion with nothing to count (denominator 0) scores 0.")
    }
    public var portalChartTitle: String { t("Điểm bị trừ theo cơ quan", "Points lost by agency") }

    /// What the estimate is and is not, under the summary (CONTRACT.md 2.3).
    public func portalNote(total: String) -> String {
        t(
            "Số liệu ƯỚC TÍNH từ nhật ký hồ sơ của hệ thống một cửa, không phải điểm do Cổng Dịch vụ công quốc gia công bố. Chỉ gồm 3 nhóm tính được từ hồ sơ (tối đa \(total) điểm); chưa gồm các nhóm Công khai, minh bạch; Mức độ hài lòng; Số hóa hồ sơ. Công thức do kho mã công khai ChippedTopaz/qd766 dựng lại từ điểm Cổng công bố (docs/SCORING_ANALYSIS_M0.md, docs/QD766_DATA_MODEL.md, docs/FORMULA_REFERENCE_20261007.md); trọng số đặt trong tệp quy trình (portal_score).",
            "ESTIMATES from the one-stop-shop case logs, not the scores the national portal publishes. Only the 3 groups dossiers allow (at most \(total) points); transparency, satisfaction and digitisation are left out. Formulas as reconstructed from the portal's published scores by the public repository ChippedTopaz/qd766 (docs/SCORING_ANALYSIS_M0.md, docs/QD766_DATA_MODEL.md, docs/FORMULA_REFERENCE_20261007.md); weights set in the pipeline file (portal_score).")
    }
    // MARK: - Planner lists (CONTRACT.md 2.4)

    public var onlineServicesTitle: String {
        t("Dịch vụ công trực tuyến không phát sinh hồ sơ trực tuyến trong 3 năm", "Online services without an online dossier in 3 years")
    }
    public var lastOnlineDossier: String { t("Hồ sơ trực tuyến gần nhất", "Last online dossier") }
    public var dossiersInWindow: String { t("Hồ sơ trong 3 năm (mọi kênh)", "Dossiers in 3 years (any channel)") }
    public var noOnlineServicesUnused: String {
        t("Mọi dịch vụ công trực tuyến đều có hồ sơ trực tuyến trong 3 năm.", "Every online service had an online dossier in 3 years.")
    }
    public func onlineServicesNote(_ asOf: String) -> String {
        t(
            "TTHC mức 3, 4 còn hiệu lực, công bố từ 3 năm trước, không có hồ sơ nộp trực tuyến trong 3 năm đến ngày \(format.date(asOf)) (Tổ công tác của Thủ tướng: cắt giảm dịch vụ công trực tuyến không phát sinh hồ sơ trong 3 năm).",
            "Active level 3/4 procedures published at least 3 years ago, with no dossier submitted online in the 3 years to \(format.date(asOf)) (the Prime Minister's working group: cut online services with no dossier in 3 years).")
    }
    public var upgradeCandidatesTitle: String {
        t("TTHC nên cung cấp trực tuyến toàn trình (từ 1.000 hồ sơ/năm)", "Procedures to make fully online (1,000+ dossiers a year)")
    }
    public var dossiersLastYear: String { t("Hồ sơ trong 12 tháng", "Dossiers in 12 months") }
    public var onlineDossiersLastYear: String { t("Trong đó trực tuyến", "Of which online") }
    public var noUpgradeCandidates: String {
        t("Không có TTHC nào chưa toàn trình đạt ngưỡng số hồ sơ.", "No procedure below full online service reaches the threshold.")
    }
    public var upgradeCandidatesNote: String {
        t(
            "TTHC còn hiệu lực chưa ở mức toàn trình, có từ planning.upgrade_min_dossiers hồ sơ (mặc định 1.000, Quyết định 1565/QĐ-TTg năm 2025) trong 12 tháng đến ngày số liệu; nhiều hồ sơ nhất trước.",
            "Active procedures below full online service with at least planning.upgrade_min_dossiers dossiers (default 1,000, Decision 1565/QĐ-TTg of 2025) in the 12 months to the as-of date; most first.")
    }

    public var portalAgenciesNote: String {
        t(
            "Số hồ sơ cần thêm: số hồ sơ ít nhất phải chuyển sang đúng hạn / trực tuyến / thanh toán trực tuyến (cùng mẫu số) để đạt điểm tối đa của tiêu chí.",
            "Dossiers needed: the fewest more dossiers on time / online / paid online (same denominator) for the criterion's full points.")
    }
}
