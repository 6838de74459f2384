import Foundation

/// The criteria of the national portal's service index (Decision 766/QĐ-TTg) that case logs can
/// estimate (CONTRACT.md section 2.3): the one declaration from which the `portal_scores` rows,
/// the `portal_score_totals` view, the check of the pipeline file's `portal_score:` keys, the
/// labels and the report are generated (STYLE.md habit 13).
///
/// The portal publishes scores, not a specification; the formulas follow the reconstruction of
/// the public repository ChippedTopaz/qd766 (`docs/SCORING_ANALYSIS_M0.md`,
/// `docs/QD766_DATA_MODEL.md`, `docs/FORMULA_REFERENCE_20261007.md`). Because the portal changes
/// its weights, every number here is only a default of `PortalScoreSettings`.
///
/// `allCases` is report order: the portal's order of groups, then criteria within the group.
public enum PortalCriterion: String, CaseIterable, Sendable, Comparable {
    /// Tiến độ giải quyết: form 06's (8 + 9 + 12) / 3, a dossier with more than one supplement
    /// request counting as late or overdue.
    case progress
    /// Dịch vụ công trực tuyến: online share of the level-4 dossiers received in the period.
    case online
    /// Thanh toán trực tuyến, dossiers: paid online among dossiers with a financial obligation.
    case paymentDossiers = "payment_dossiers"
    /// Thanh toán trực tuyến, procedures: share of fee-bearing procedures with a dossier paid online.
    case paymentProcedures = "payment_procedures"
    /// Thanh toán trực tuyến, coverage: share of fee-bearing procedures with any dossier.
    case paymentCoverage = "payment_coverage"

    /// The name in `portal_scores.criterion`, the pipeline file and the reports.
    public var name: String { rawValue }

    /// The index group it scores in; the payment group is capped (`PortalScoreSettings.paymentCap`).
    public var group: PortalGroup {
        switch self {
        case .progress: .progress
        case .online: .online
        case .paymentDossiers, .paymentProcedures, .paymentCoverage: .payment
        }
    }

    /// The points the portal gives it today (CONTRACT.md 3.3 defaults).
    public var defaultMax: Double {
        switch self {
        case .progress: 20
        case .online: 12
        case .paymentDossiers: 6
        case .paymentProcedures: 2
        case .paymentCoverage: 2.5
        }
    }

    /// The settings the pipeline file may give it, `max` first.
    public var parameters: [PortalParameter] {
        switch self {
        case .progress, .paymentDossiers, .paymentCoverage: [.max]
        case .online: [.max, .fullAt]
        case .paymentProcedures: [.max, .factor]
        }
    }

    /// Whether numerator and denominator count dossiers (so `dossiers_needed` means something);
    /// the two payment shares count procedures.
    public var countsDossiers: Bool {
        switch self {
        case .progress, .online, .paymentDossiers: true
        case .paymentProcedures, .paymentCoverage: false
        }
    }

    /// Where the formula comes from, for the report's note (so a writer can set the estimate
    /// beside the portal's page).
    public var source: String {
        switch self {
        case .progress: "QĐ 766/QĐ-TTg, nhóm Tiến độ giải quyết; ChippedTopaz/qd766 docs/SCORING_ANALYSIS_M0.md"
        case .online: "QĐ 766/QĐ-TTg, nhóm Dịch vụ công trực tuyến; ChippedTopaz/qd766 docs/FORMULA_REFERENCE_20261007.md"
        case .paymentDossiers, .paymentProcedures, .paymentCoverage:
            "QĐ 766/QĐ-TTg, nhóm Thanh toán trực tuyến; ChippedTopaz/qd766 docs/QD766_DATA_MODEL.md"
        }
    }

    public static func < (lhs: PortalCriterion, rhs: PortalCriterion) -> Bool {
        // swift-format-ignore: NeverForceUnwrap
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The groups of the index that case logs can estimate; the others (transparency, satisfaction,
/// digitisation) need data case logs do not hold.
public enum PortalGroup: String, CaseIterable, Sendable {
    case progress, online, payment

    public var criteria: [PortalCriterion] { PortalCriterion.allCases.filter { $0.group == self } }

    /// Whether the group's points and maximum are capped in the totals.
    public var isCapped: Bool {
        switch self {
        case .progress, .online: false
        case .payment: true
        }
    }
}

/// A setting of one criterion in the pipeline file (`portal_score.<criterion>.<parameter>`).
public enum PortalParameter: String, CaseIterable, Sendable {
    /// The points at full marks.
    case max
    /// The ratio that earns full points (online: 0.5).
    case fullAt = "full_at"
    /// Points per unit of ratio, capped at max (payment_procedures: 2.5).
    case factor

    public var name: String { rawValue }

    /// Why `value` cannot be this parameter, or `nil` when it can.
    public func problem(with value: Double) -> String? {
        guard value.isFinite else { return "expected a number" }
        switch self {
        case .max: return value >= 0 ? nil : "expected points of at least 0, e.g. 20"
        case .fullAt: return value > 0 && value <= 1 ? nil : "expected a share above 0 and at most 1, e.g. 0.5"
        case .factor: return value > 0 ? nil : "expected a number above 0, e.g. 2.5"
        }
    }
}
