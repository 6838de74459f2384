/// A procedure of the catalog (thủ tục hành chính), CONTRACT.md section 1.2.
public struct Procedure: Hashable, Sendable {
    public var code: String
    public var name: String
    /// The field of government (lĩnh vực), e.g. "Đất đai".
    public var field: String
    public var adminLevel: AdminLevel?
    /// The service level offered now; decides eligibility when a dossier has none of its own.
    public var onlineLevel: ServiceLevel?
    public var publishedOn: LocalDate
    public var abolishedOn: LocalDate?
    /// The procedure carries a fee or charge (phí, lệ phí) in the national procedure database;
    /// decides a dossier's financial obligation when its own fee_amount is unknown.
    public var hasFee: Bool

    public init(
        code: String, name: String = "", field: String = "", adminLevel: AdminLevel? = nil,
        onlineLevel: ServiceLevel? = nil, publishedOn: LocalDate, abolishedOn: LocalDate? = nil, hasFee: Bool = false
    ) {
        self.code = code
        self.name = name
        self.field = field
        self.adminLevel = adminLevel
        self.onlineLevel = onlineLevel
        self.publishedOn = publishedOn
        self.abolishedOn = abolishedOn
        self.hasFee = hasFee
    }

    /// In force on `date`: published on or before it, and not abolished on or before it.
    public func isActive(on date: LocalDate) -> Bool {
        publishedOn <= date && (abolishedOn.map { $0 > date } ?? true)
    }
}

/// The tier of government that runs a procedure.
public enum AdminLevel: String, Sendable, CaseIterable {
    case province, district, commune, ministry
}
