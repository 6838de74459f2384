import MotcuaCore

/// The `form06` and `form06_by_level` tables (CONTRACT.md sections 2.2 and 3.1), generated from
/// `Form06.Column`, the form's one list of columns.
extension SummaryDatabase {
    static let form06Tables = ["form06", "form06_by_level", "form06_periods"]

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
        return table("form06", level: false) + table("form06_by_level", level: true) + """
            CREATE TABLE form06_periods (
                period_kind TEXT NOT NULL, period TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL,
                rows INTEGER NOT NULL, digest TEXT NOT NULL,
                PRIMARY KEY (period_kind, period)
            ) WITHOUT ROWID;

            """
    }

    /// Writes form 06. From nothing (`patch` false) every period's rows; into a copy of the
    /// previous database, only the periods whose rows differ from what it holds (by
    /// `form06_periods`' digests), and removes the periods no longer computed. A night that
    /// changes no finished period's figures writes none of the form's rows.
    /// - Returns: the periods written.
    @discardableResult
    static func writeForm06(_ table: Form06Table, into db: SQLiteConnection, patch: Bool) throws(SummaryDatabaseError) -> Int {
        let digests = table.periodDigests()
        var held: [String: String] = [:]
        if patch {
            for r in try db.prepare("SELECT period_kind, period, rows, digest FROM form06_periods").query() {
                held[(r[0].text ?? "") + " " + (r[1].text ?? "")] = "\(r[2].integer ?? -1) \(r[3].text ?? "")"
            }
        }
        let deleteRows = [
            try db.prepare("DELETE FROM form06 WHERE period_kind = ? AND period = ?"),
            try db.prepare("DELETE FROM form06_by_level WHERE period_kind = ? AND period = ?"),
        ]
        let deletePeriod = try db.prepare("DELETE FROM form06_periods WHERE period_kind = ? AND period = ?")
        let insertPeriod = try db.prepare("INSERT INTO form06_periods VALUES (?, ?, ?, ?, ?, ?)")
        var changed: [Int] = []
        for (k, p) in table.periods.enumerated() {
            let key = p.kind.rawValue + " " + p.name
            let value = "\(digests[k].rows) " + String(digests[k].digest, radix: 16)
            defer { held[key] = nil }
            if held[key] == value { continue }
            let keyValues: [SQLiteStatement.Value] = [.text(p.kind.rawValue), .text(p.name)]
            if held[key] != nil {
                for d in deleteRows { try d.run(keyValues) }
                try deletePeriod.run(keyValues)
            }
            try insertPeriod.run(
                keyValues + [.text(p.startsOn.description), .text(p.endsOn.description), .integer(digests[k].rows), .text(
                    String(digests[k].digest, radix: 16))])
            changed.append(k)
        }
        for key in held.keys {
            let parts = key.split(separator: " ").map(String.init)
            let keyValues: [SQLiteStatement.Value] = [.text(parts[0]), .text(parts.count > 1 ? parts[1] : "")]
            for d in deleteRows { try d.run(keyValues) }
            try deletePeriod.run(keyValues)
        }
        try writeForm06Rows(table, periods: changed, into: db)
        return changed.count
    }

    /// Writes the rows of `periods` (indices in `table.periods`) into both tables.
    ///
    /// Values are bound one by one, many rows to a statement (`SQLiteRowInserter`), and a
    /// period's four texts are made once per period (issue 16: with a `Value` array per row and
    /// the dates formatted per row, these inserts were two thirds of the database build's
    /// instructions on a 100k-row run, callgrind in docs/performance.md).
    /// - Complexity: O(rows written); `form06` sums the levels of each period and agency.
    static func writeForm06Rows(_ table: Form06Table, periods: [Int], into db: SQLiteConnection) throws(SummaryDatabaseError) {
        let columns = Form06.Column.allCases
        let width = Form06Table.width
        // The period's kind, name, first and last day: columns 1-4 of both tables.
        var texts = ["", "", "", ""]
        var textsOf: Int?
        func bindPeriod(_ period: Int, _ statement: SQLiteRowInserter.Row) throws(SummaryDatabaseError) {
            if textsOf != period {
                let p = table.periods[period]
                texts = [p.kind.rawValue, p.name, p.startsOn.description, p.endsOn.description]
                textsOf = period
            }
            for (k, text) in texts.enumerated() { try statement.bind(text, at: Int32(k + 1)) }
        }
        let rows = periods.flatMap { table.rows(ofPeriod: $0) }
        try SQLiteRowInserter(db, table: "form06_by_level", columns: width + 7).insert(count: rows.count) {
            n, statement throws(SummaryDatabaseError) in
            let k = rows[n]
            let row = table.rows[k]
            try bindPeriod(row.period, statement)
            try statement.bind(row.agencyCode, at: 5)
            try statement.bind(row.group.adminLevel?.rawValue ?? "", at: 6)
            try statement.bind(row.group.field, at: 7)
            for c in columns { try statement.bind(table[k, c], at: Int32(8 + c.rawValue)) }
        }
        let summed = summedByField(table, rows: rows)
        try SQLiteRowInserter(db, table: "form06", columns: width + 6).insert(count: summed.keys.count) {
            n, statement throws(SummaryDatabaseError) in
            let key = summed.keys[n]
            try bindPeriod(key.period, statement)
            try statement.bind(key.agencyCode, at: 5)
            try statement.bind(table.fields[Int(key.fieldRank)], at: 6)
            for k in 0..<width { try statement.bind(summed.counts[n * width + k], at: Int32(7 + k)) }
        }
    }

    /// The `form06` rows: the counts of `rows` (indices in `table.rows`, in the table's order)
    /// summed over admin levels per period, agency and field, in that order.
    static func summedByField(
        _ table: Form06Table, rows: [Int]
    ) -> (keys: [(period: Int, agencyCode: String, fieldRank: Int32)], counts: [Int]) {
        let width = Form06Table.width
        var keys: [(period: Int, agencyCode: String, fieldRank: Int32)] = []
        var counts: [Int] = []
        // Fields repeat across the levels of a period and agency: `sums` holds a row of counts
        // per field rank, `touched` the ranks in use (an integer spares a string hash per row).
        var sums = [Int](repeating: 0, count: max(table.fields.count, 1) * width)
        var touched: [Int32] = []
        var isTouched = [Bool](repeating: false, count: max(table.fields.count, 1))
        var current: (period: Int, agency: String)?
        func flush() {
            guard let current else { return }
            // Ranks follow the fields' code-point order, the order the rows are written in.
            touched.sort()
            for rank in touched {
                let base = Int(rank) * width
                keys.append((current.period, current.agency, rank))
                counts.append(contentsOf: sums[base..<(base + width)])
                for k in base..<(base + width) { sums[k] = 0 }
                isTouched[Int(rank)] = false
            }
            touched.removeAll(keepingCapacity: true)
        }
        for k in rows {
            let row = table.rows[k]
            if current?.period != row.period || current?.agency != row.agencyCode {
                flush()
                current = (row.period, row.agencyCode)
            }
            let base = Int(row.fieldRank) * width
            if !isTouched[Int(row.fieldRank)] {
                isTouched[Int(row.fieldRank)] = true
                touched.append(row.fieldRank)
            }
            for (c, v) in table.values(ofRow: k).enumerated() { sums[base + c] += v }
        }
        flush()
        return (keys, counts)
    }
}
