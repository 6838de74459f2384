/// The ratios of CONTRACT.md section 2: the one declaration from which the summary database's
/// views (`<scope>_ratios_by_<grain>`, `target_progress`), the check of a pipeline file's target
/// names, the report labels (vi/en), the adoption and targets reports and the run summary are
/// generated (STYLE.md habit 13). Adding a ratio touches this type, its labels in
/// `ReportLabels+Ratio.swift` and their tests; `docs/decisions.md` lists what follows by itself.
///
/// The order of `allCases` is the order reports list them: adoption first, then timeliness, then
/// the catalog's share of procedures at level 3/4.
public enum Ratio: String, CaseIterable, Sendable, Comparable {
    /// received_online / received.
    case onlineRate = "online_rate"
    /// received_online_eligible / received_eligible: level-3/4 adoption.
    case eligibleOnlineRate = "eligible_online_rate"
    /// received_online_level4 / received_level4.
    case level4OnlineRate = "level4_online_rate"
    /// received_postal / received.
    case postalRate = "postal_rate"
    /// received_paid_online / received_paid_known.
    case paidOnlineRate = "paid_online_rate"
    /// (resolved_early + resolved_on_time) / (resolved_early + resolved_on_time + resolved_late).
    case onTimeRate = "on_time_rate"
    /// Among catalog procedures active on the as-of date, the share offered at level 3 or 4: a
    /// ratio of procedures, not of dossiers (from `procedure_level_share`).
    case proceduresLevel34Share = "procedures_level34_share"

    /// The name in the summary database, the pipeline file's `targets:` and the reports.
    public var name: String { rawValue }

    /// The counters summed above and below the line, for the ratios of dossiers; `nil` for the
    /// share of procedures, which the catalog gives.
    public var fraction: (numerator: [MonthlyCounts.Column], denominator: [MonthlyCounts.Column])? {
        switch self {
        case .onlineRate: ([.receivedOnline], [.received])
        case .eligibleOnlineRate: ([.receivedOnlineEligible], [.receivedEligible])
        case .level4OnlineRate: ([.receivedOnlineLevel4], [.receivedLevel4])
        case .postalRate: ([.receivedPostal], [.received])
        case .paidOnlineRate: ([.receivedPaidOnline], [.receivedPaidKnown])
        case .onTimeRate: ([.resolvedEarly, .resolvedOnTime], [.resolvedEarly, .resolvedOnTime, .resolvedLate])
        case .proceduresLevel34Share: nil
        }
    }

    /// The ratios of dossiers received, shown by the adoption report (month, agency, field).
    public var isAdoption: Bool {
        switch self {
        case .onlineRate, .eligibleOnlineRate, .level4OnlineRate, .postalRate, .paidOnlineRate: true
        case .onTimeRate, .proceduresLevel34Share: false
        }
    }

    /// The ratios the run's summary line always shows, target or not.
    public var isHeadline: Bool {
        switch self {
        case .onlineRate, .eligibleOnlineRate, .level4OnlineRate, .onTimeRate: true
        case .postalRate, .paidOnlineRate, .proceduresLevel34Share: false
        }
    }

    /// The ratios computed from monthly counts, in report order.
    public static var ofDossiers: [Ratio] { allCases.filter { $0.fraction != nil } }

    /// The value for these counters, `nil` when the denominator is 0 (CONTRACT.md section 2).
    public func value(_ counter: (MonthlyCounts.Column) -> Int) -> Double? {
        guard let (numerator, denominator) = fraction else { return nil }
        let below = denominator.reduce(0) { $0 + counter($1) }
        return below == 0 ? nil : Double(numerator.reduce(0) { $0 + counter($1) }) / Double(below)
    }

    public static func < (lhs: Ratio, rhs: Ratio) -> Bool {
        // swift-format-ignore: NeverForceUnwrap
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}
