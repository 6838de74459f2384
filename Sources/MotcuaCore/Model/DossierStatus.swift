/// Where a dossier stands (CONTRACT.md section 1.1, column `status`).
public enum DossierStatus: UInt8, Sendable, CaseIterable, CustomStringConvertible, BitwiseCopyable {
    /// Still being processed (đang giải quyết); counts in the backlog.
    case pending = 1
    /// A result was issued (đã giải quyết).
    case resolved = 2
    /// Refused (từ chối).
    case rejected = 3
    /// Withdrawn by the applicant (rút hồ sơ).
    case withdrawn = 4

    public var description: String {
        switch self {
        case .pending: "pending"
        case .resolved: "resolved"
        case .rejected: "rejected"
        case .withdrawn: "withdrawn"
        }
    }
}
