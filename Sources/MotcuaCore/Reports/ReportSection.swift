/// One report of a document (targets, retire list, on time, adoption) with its tables.
public struct ReportSection: Sendable, Equatable {
    public var kind: ReportKind
    public var title: String
    /// What the figures cover, e.g. "Năm 2025" or "Đến ngày 30/06/2025".
    public var period: String
    public var tables: [ReportTable]

    public init(kind: ReportKind, title: String, period: String, tables: [ReportTable]) {
        self.kind = kind
        self.title = title
        self.period = period
        self.tables = tables
    }
}
