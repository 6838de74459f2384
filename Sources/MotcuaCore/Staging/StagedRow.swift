/// A record that passed staging, before it has an id string or dictionary codes: what the
/// ingest fast path merges (see `DossierStager.stageRow`).
public struct StagedRow: Sendable {
    public var procedureCode: String
    /// The stager's interner key of the code (-1 past its capacity).
    public var procedureKey: Int32
    public var agencyCode: String
    public var agencyKey: Int32
    public var procedureName: String?
    public var procedureNameKey: Int32
    public var agencyName: String?
    public var agencyNameKey: Int32
    public var channel: Channel
    public var status: DossierStatus
    public var receivedAt: LocalDateTime
    public var closedAt: LocalDateTime?
    public var dueAt: LocalDateTime?
    public var serviceLevel: ServiceLevel?
    public var paidOnline: Bool?
    public var updatedAt: LocalDateTime?

    public func dossier(id: String) -> Dossier {
        Dossier(
            id: id, procedureCode: procedureCode, agencyCode: agencyCode, channel: channel, status: status,
            receivedAt: receivedAt, closedAt: closedAt, dueAt: dueAt, serviceLevel: serviceLevel,
            paidOnline: paidOnline, updatedAt: updatedAt, procedureName: procedureName, agencyName: agencyName)
    }

    /// The compact record, given the ledger's dictionary indexes of the codes.
    public func record(procedure: UInt32, agency: UInt32) -> DossierRecord {
        DossierRecord(
            procedure: procedure, agency: agency, channel: channel.rawValue, status: status.rawValue,
            serviceLevel: serviceLevel?.rawValue ?? 0, paidOnline: paidOnline.map { $0 ? 2 : 1 } ?? 0,
            receivedAt: receivedAt.millis, closedAt: closedAt?.millis ?? DossierRecord.none,
            dueAt: dueAt?.millis ?? DossierRecord.none, updatedAt: updatedAt?.millis ?? DossierRecord.none)
    }
}
