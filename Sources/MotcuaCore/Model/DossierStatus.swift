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
    /// Submitted (usually online) but never received for processing: still waiting for intake, or
    /// refused at intake (chưa tiếp nhận, không được tiếp nhận). Needs no received_at, takes part
    /// in duplicates, and is counted in no figure (CONTRACT.md section 1.1).
    case notReceived = 5

    /// Whether the dossier was received for processing, so that the figures count it.
    @inline(__always)
    public static func isReceived(_ raw: UInt8) -> Bool { raw != notReceived.rawValue }

    public var description: String {
        switch self {
        case .pending: "pending"
        case .resolved: "resolved"
        case .rejected: "rejected"
        case .withdrawn: "withdrawn"
        case .notReceived: "not_received"
        }
    }
}
