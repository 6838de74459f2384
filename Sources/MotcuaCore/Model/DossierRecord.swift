/// A kept dossier in compact form, the row every stage after staging uses (ledger, figures,
/// store, snapshots).
///
/// 56 bytes with no padding: the store writes the records raw, so a change of layout is a new
/// store format version (`DossierStore.formatVersion`).
public struct DossierRecord: Sendable, Equatable, BitwiseCopyable {
    /// Marks an absent instant; it sorts before every real one, as the duplicate rule wants.
    public static let none = Int64.min

    public var procedure: UInt32
    public var agency: UInt32
    public var channel: UInt8
    public var status: UInt8
    /// 1-4, or 0 when the export gave none.
    public var serviceLevel: UInt8
    /// 0 unknown, 1 false, 2 true.
    public var paidOnline: UInt8
    /// How many times the agency asked for more documents (yêu cầu bổ sung); 0 when not given.
    public var supplementRequests: UInt32
    /// Absent for a dossier not received (`none`).
    public var receivedAt: Int64
    public var closedAt: Int64
    public var dueAt: Int64
    public var updatedAt: Int64
    /// Fees and charges due, whole VND; `unknownFee` when the export did not say.
    public var feeAmount: Int64

    /// Marks an unknown fee amount (CONTRACT.md section 1.1: then the catalog's `has_fee` decides).
    public static let unknownFee: Int64 = -1

    public init(
        procedure: UInt32, agency: UInt32, channel: UInt8, status: UInt8, serviceLevel: UInt8, paidOnline: UInt8,
        receivedAt: Int64, closedAt: Int64, dueAt: Int64, updatedAt: Int64, feeAmount: Int64 = unknownFee,
        supplementRequests: UInt32 = 0
    ) {
        self.procedure = procedure
        self.agency = agency
        self.channel = channel
        self.status = status
        self.serviceLevel = serviceLevel
        self.paidOnline = paidOnline
        self.receivedAt = receivedAt
        self.closedAt = closedAt
        self.dueAt = dueAt
        self.updatedAt = updatedAt
        self.feeAmount = feeAmount
        self.supplementRequests = supplementRequests
    }

    public init(_ d: Dossier, procedure: UInt32, agency: UInt32) {
        self.procedure = procedure
        self.agency = agency
        self.channel = d.channel.rawValue
        self.status = d.status.rawValue
        self.serviceLevel = d.serviceLevel?.rawValue ?? 0
        self.paidOnline = d.paidOnline.map { $0 ? 2 : 1 } ?? 0
        self.receivedAt = d.receivedAt?.millis ?? Self.none
        self.closedAt = d.closedAt?.millis ?? Self.none
        self.dueAt = d.dueAt?.millis ?? Self.none
        self.updatedAt = d.updatedAt?.millis ?? Self.none
        self.feeAmount = d.feeAmount ?? Self.unknownFee
        self.supplementRequests = UInt32(clamping: d.supplementRequests)
    }

    /// The record's fields in memory order, each with its type (`procedure:UInt32`, ...): what a
    /// store file records of the layout it was written with. Read off the type itself, so adding
    /// a field changes it without anyone remembering to, and an older store is then rebuilt
    /// rather than misread (issue 12: upgrades never break a deployment).
    public static let layout: [String] = {
        let sample = DossierRecord(
            procedure: 0, agency: 0, channel: 0, status: 0, serviceLevel: 0, paidOnline: 0, receivedAt: 0, closedAt: 0,
            dueAt: 0, updatedAt: 0)
        return Mirror(reflecting: sample).children.map { "\($0.label ?? "?"):\(type(of: $0.value))" }
            + ["stride:\(MemoryLayout<DossierRecord>.stride)"]
    }()

    /// `nil` for a dossier not received without a received date.
    public var received: LocalDateTime? { receivedAt == Self.none ? nil : LocalDateTime(millis: receivedAt) }
    public var fee: Int64? { feeAmount == Self.unknownFee ? nil : feeAmount }
    /// Counted in the figures: every status but not_received.
    @inline(__always) public var isReceived: Bool { DossierStatus.isReceived(status) }
    public var closed: LocalDateTime? { closedAt == Self.none ? nil : LocalDateTime(millis: closedAt) }
    public var due: LocalDateTime? { dueAt == Self.none ? nil : LocalDateTime(millis: dueAt) }
}

