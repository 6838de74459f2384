/// The canonical columns of a case-log export (CONTRACT.md section 1.1).
///
/// Any column not listed here (applicant name, ID number, phone, address) is personal data: the
/// reader never lifts it out of the raw record.
public enum DossierColumn: Int, CaseIterable, Sendable {
    case dossierID, procedureCode, agencyCode, channel, receivedAt, status
    case closedAt, dueAt, serviceLevel, paidOnline, updatedAt, procedureName, agencyName
    case feeAmount, supplementRequests

    /// The header name in a `canonical` export.
    public var canonicalName: String {
        switch self {
        case .dossierID: "dossier_id"
        case .procedureCode: "procedure_code"
        case .agencyCode: "agency_code"
        case .channel: "channel"
        case .receivedAt: "received_at"
        case .status: "status"
        case .closedAt: "closed_at"
        case .dueAt: "due_at"
        case .serviceLevel: "service_level"
        case .paidOnline: "paid_online"
        case .updatedAt: "updated_at"
        case .procedureName: "procedure_name"
        case .agencyName: "agency_name"
        case .feeAmount: "fee_amount"
        case .supplementRequests: "supplement_requests"
        }
    }

    public init?(canonicalName: String) {
        guard let match = Self.allCases.first(where: { $0.canonicalName == canonicalName }) else {
            return nil
        }
        self = match
    }

    /// A file without this column cannot be read as dossiers.
    public var isRequired: Bool {
        switch self {
        case .dossierID, .procedureCode, .agencyCode, .channel, .receivedAt, .status: true
        default: false
        }
    }

    /// Columns whose raw values a profile may translate (`values:` in a pipeline file).
    public var acceptsValueMap: Bool {
        switch self {
        case .channel, .status, .serviceLevel, .paidOnline: true
        default: false
        }
    }
}
