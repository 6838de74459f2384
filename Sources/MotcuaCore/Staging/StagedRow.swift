/// A record that passed staging, before it has an id string or dictionary codes: what the
/// ingest fast path merges (see `DossierStager.stageRow`).
///
/// Plain data with no references: lanes append millions of them per file, and a `String` per
/// code and name cost retain/release traffic on both cores. Codes and names are the stager's
/// interner keys; `DossierStager.codeText` and `nameText` give their text.
public struct StagedRow: Sendable, BitwiseCopyable {
    public var procedureKey: Int32
    public var agencyKey: Int32
    /// -1 when the export gave no name.
    public var procedureNameKey: Int32
    public var agencyNameKey: Int32
    public var channel: Channel
    public var status: DossierStatus
    /// 1-4, or 0 when the export gave none.
    public var serviceLevel: UInt8
    /// 0 unknown, 1 false, 2 true.
    public var paidOnline: UInt8
    public var receivedAt: Int64
    public var closedAt: Int64
    public var dueAt: Int64
    public var updatedAt: Int64
    /// `DossierRecord.unknownFee` when not given.
    public var feeAmount: Int64
    public var supplementRequests: UInt32

    /// The compact record, given the ledger's dictionary indexes of the codes.
    @inline(__always)
    public func record(procedure: UInt32, agency: UInt32) -> DossierRecord {
        DossierRecord(
            procedure: procedure, agency: agency, channel: channel.rawValue, status: status.rawValue,
            serviceLevel: serviceLevel, paidOnline: paidOnline, receivedAt: receivedAt, closedAt: closedAt,
            dueAt: dueAt, updatedAt: updatedAt, feeAmount: feeAmount, supplementRequests: supplementRequests)
    }
}
