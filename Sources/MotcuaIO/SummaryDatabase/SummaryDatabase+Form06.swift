import MotcuaCore

/// The `form06` and `form06_by_level` tables (CONTRACT.md sections 2.2 and 3.1), generated from
/// `Form06.Column`, the form's one list of columns.
extension SummaryDatabase {
    static let form06Tables = ["form06", "form06_by_level"]

    /// `form06` is keyed by period, agency and field as the contract says; `form06_by_level`
    /// splits each row by the catalog's admin level of its procedures ('' when not in the
    /// catalog), which the form's rows are grouped by (provincial departments, districts,
    /// communes). Summing `form06_by_level` over admin_level gives `form06`.
    static var form06TablesSQL: String {
        let counts = Form06.Column.allCases.map { "    \($0.name) INTEGER NOT NULL" }.joined(separator: ",\n")
        func table(_ name: String, level: Bool) -> String {
            """
            CREATE TABLE \(name) (
                period_kind TEXT NOT NULL, period TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
                agency_code TEXT NOT NULL,\(level ? " admin_level TEXT NOT NULL," : "") field TEXT NOT NULL,
            \(counts),
                PRIMARY KEY (period_kind, period, agency_code,\(level ? " admin_level," : "") field)
            ) WITHOUT ROWID;

            """
        }
        return table("form06", level: false) + table("form06_by_level", level: true)
    }

    /// Writes both tables from the run's form 06.
    /// - Complexity: O(rows); rows of one period, agency and field that differ only in level are
    ///   adjacent (`Form06Table` sorts them so), so `form06` is summed in one pass.
    static func writeForm06(_ table: Form06Table, into db: SQLiteConnection) throws(SummaryDatabaseError) {
        let columns = Form06.Column.allCases
        let width = Form06Table.width
        let byLevel = try db.prepare(
            "INSERT INTO form06_by_level VALUES (" + Array(repeating: "?", count: width + 7).joined(separator: ", ") + ")")
        let summed = try db.prepare(
            "INSERT INTO form06 VALUES (" + Array(repeating: "?", count: width + 6).joined(separator: ", ") + ")")
        // form06 rows are summed in a dictionary per period and agency (fields repeat across levels).
        var pending: [String: [Int]] = [:]
        var pendingOrder: [String] = []
        var current: (period: Int, agency: String)?
        func flush() throws(SummaryDatabaseError) {
            guard let current else { return }
            let p = table.periods[current.period]
            for field in pendingOrder.sorted() {
                guard let v = pending[field] else { continue }
                try summed.run(
                    [.text(p.kind.rawValue), .text(p.name), .text(p.startsOn.description), .text(p.endsOn.description),
                     .text(current.agency), .text(field)] + v.map { .integer($0) })
            }
            pending = [:]
            pendingOrder = []
        }
        var values = [SQLiteStatement.Value](repeating: .null, count: width + 7)
        for (k, row) in table.rows.enumerated() {
            if current?.period != row.period || current?.agency != row.agencyCode {
                try flush()
                current = (row.period, row.agencyCode)
            }
            let p = table.periods[row.period]
            values[0] = .text(p.kind.rawValue)
            values[1] = .text(p.name)
            values[2] = .text(p.startsOn.description)
            values[3] = .text(p.endsOn.description)
            values[4] = .text(row.agencyCode)
            values[5] = .text(row.group.adminLevel?.rawValue ?? "")
            values[6] = .text(row.group.field)
            var sum = pending[row.group.field] ?? {
                pendingOrder.append(row.group.field)
                return [Int](repeating: 0, count: width)
            }()
            for c in columns {
                let v = table[k, c]
                values[7 + c.rawValue] = .integer(v)
                sum[c.rawValue] += v
            }
            pending[row.group.field] = sum
            try byLevel.run(values)
        }
        try flush()
    }
}
