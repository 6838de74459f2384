/// How a dossier was submitted (CONTRACT.md section 1.1, column `channel`).
public enum Channel: UInt8, Sendable, CaseIterable, CustomStringConvertible, BitwiseCopyable {
    /// Submitted on the public-service portal (trực tuyến).
    case online = 1
    /// Handed in at the one-stop-shop counter (trực tiếp, tại quầy).
    case inPerson = 2
    /// Sent through the public postal service (bưu chính công ích).
    case postal = 3

    /// The canonical spelling written to snapshots.
    public var description: String {
        switch self {
        case .online: "online"
        case .inPerson: "in_person"
        case .postal: "postal"
        }
    }
}
