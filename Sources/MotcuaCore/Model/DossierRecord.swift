/// A kept dossier in compact form, the row every stage after staging uses (ledger, figures,
/// store, snapshots).
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
    public var receivedAt: Int64
    public var closedAt: Int64
    public var dueAt: Int64
    public var updatedAt: Int64

    public init(
        procedure: UInt32, agency: UInt32, channel: UInt8, status: UInt8, serviceLevel: UInt8, paidOnline: UInt8,
        receivedAt: Int64, closedAt: Int64, dueAt: Int64, updatedAt: Int64
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
    }

    public init(_ d: Dossier, procedure: UInt32, agency: UInt32) {
        self.procedure = procedure
        self.agency = agency
        self.channel = d.channel.rawValue
        self.status = d.status.rawValue
        self.serviceLevel = d.serviceLevel?.rawValue ?? 0
        self.paidOnline = d.paidOnline.map { $0 ? 2 : 1 } ?? 0
        self.receivedAt = d.receivedAt.millis
        self.closedAt = d.closedAt?.millis ?? Self.none
        self.dueAt = d.dueAt?.millis ?? Self.none
        self.updatedAt = d.updatedAt?.millis ?? Self.none
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

    public var received: LocalDateTime { LocalDateTime(millis: receivedAt) }
    public var closed: LocalDateTime? { closedAt == Self.none ? nil : LocalDateTime(millis: closedAt) }
    public var due: LocalDateTime? { dueAt == Self.none ? nil : LocalDateTime(millis: dueAt) }
}

