/// One table of a report, in the report's language: what every format lays out.
public struct ReportTable: Sendable, Equatable {
    /// A column: `key` names it in JSON and file names (English snake_case, like the summary
    /// database), `label` heads it for people.
    public struct Column: Sendable, Equatable {
        public var key: String
        public var label: String
        /// Right-aligned in the terminal and HTML.
        public var numeric: Bool

        public init(key: String, label: String, numeric: Bool) {
            self.key = key
            self.label = label
            self.numeric = numeric
        }
    }

    /// Names the table in JSON and in CSV file names, e.g. `dormant_procedures`.
    public var id: String
    public var title: String
    public var columns: [Column]
    public var rows: [[ReportValue]]
    /// A closing row of totals (the province), kept apart from `rows` so JSON can name it.
    public var total: [ReportValue]?
    /// Said instead of the rows when there are none, e.g. "No targets set for 2030."
    public var emptyMessage: String
    /// A line under the table that explains it (what `±` means, which rows are left out).
    public var note: String?

    public init(
        id: String, title: String, columns: [Column], rows: [[ReportValue]], total: [ReportValue]? = nil,
        emptyMessage: String, note: String? = nil
    ) {
        self.id = id
        self.title = title
        self.columns = columns
        self.rows = rows
        self.total = total
        self.emptyMessage = emptyMessage
        self.note = note
    }
}
