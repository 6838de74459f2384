/// One application for a procedure (hồ sơ), as the latest export row states it, normalised.
///
/// Holds only the canonical columns of CONTRACT.md section 1.1: personal data never gets here.
public struct Dossier: Hashable, Sendable {
    public var id: String
    public var procedureCode: String
    public var agencyCode: String
    public var channel: Channel
    public var status: DossierStatus
    /// `nil` only for a dossier not received (status `notReceived`).
    public var receivedAt: LocalDateTime?
    public var closedAt: LocalDateTime?
    public var dueAt: LocalDateTime?
    /// The level the procedure was offered at for this dossier; `nil`: take the catalog's.
    public var serviceLevel: ServiceLevel?
    /// Fee paid online; `nil`: unknown.
    public var paidOnline: Bool?
    /// When this state was recorded; decides which duplicate wins (CONTRACT.md section 1.5).
    public var updatedAt: LocalDateTime?
    public var procedureName: String?
    public var agencyName: String?
    /// Fees and charges due, whole VND; `nil`: unknown.
    public var feeAmount: Int64?
    /// Requests for more documents (yêu cầu bổ sung).
    public var supplementRequests: Int

    public init(
        id: String, procedureCode: String, agencyCode: String, channel: Channel,
        status: DossierStatus, receivedAt: LocalDateTime?, closedAt: LocalDateTime? = nil,
        dueAt: LocalDateTime? = nil, serviceLevel: ServiceLevel? = nil, paidOnline: Bool? = nil,
        updatedAt: LocalDateTime? = nil, procedureName: String? = nil, agencyName: String? = nil,
        feeAmount: Int64? = nil, supplementRequests: Int = 0
    ) {
        self.id = id
        self.procedureCode = procedureCode
        self.agencyCode = agencyCode
        self.channel = channel
        self.status = status
        self.receivedAt = receivedAt
        self.closedAt = closedAt
        self.dueAt = dueAt
        self.serviceLevel = serviceLevel
        self.paidOnline = paidOnline
        self.updatedAt = updatedAt
        self.procedureName = procedureName
        self.agencyName = agencyName
        self.feeAmount = feeAmount
        self.supplementRequests = supplementRequests
    }
}
