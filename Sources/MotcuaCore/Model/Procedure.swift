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

    public init(
        code: String, name: String = "", field: String = "", adminLevel: AdminLevel? = nil,
        onlineLevel: ServiceLevel? = nil, publishedOn: LocalDate, abolishedOn: LocalDate? = nil
    ) {
        self.code = code
        self.name = name
        self.field = field
        self.adminLevel = adminLevel
        self.onlineLevel = onlineLevel
        self.publishedOn = publishedOn
        self.abolishedOn = abolishedOn
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
