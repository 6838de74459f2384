/// The reports `motcua report` writes (issue 5), in the order they appear in a full report.
public enum ReportKind: String, CaseIterable, Sendable {
    /// Each target of the year against its actual, met or not, and the shortfall.
    case targets
    /// Dormant procedures planners may retire; too-new and unknown procedures listed apart.
    case retire
    /// Agencies ranked by late share; the backlog and overdue backlog.
    case onTime = "on-time"
    /// Online, level-3/4, level-4, postal and paid-online rates by month, agency and field.
    case adoption
    /// The portal's service index (Decision 766/QĐ-TTg) estimated: points per group, agencies by
    /// points lost, dossiers needed.
    case portalScore = "portal-score"
}
