/// A table's columns and key, as SQLite reports them for the province schema (`tablesSQL`), from
/// which a merged database's table and the statement that folds an input into it are generated:
/// the province schema stays the one declaration of every table.
extension SummaryDatabase {
    struct TableShape {
        struct Column {
            var name: String
            var type: String
            var notNull: Bool
            var defaultValue: String?
        }

        var columns: [Column]
        /// Key columns in key order; empty for a table without a primary key.
        var primaryKey: [String]

        /// The table with `province_code` first, in the columns and in the key.
        func mergedCreateSQL(_ name: String) -> String {
            var parts = ["province_code TEXT NOT NULL"]
            for c in columns {
                parts.append(
                    "\(c.name) \(c.type)\(c.notNull ? " NOT NULL" : "")\(c.defaultValue.map { " DEFAULT \($0)" } ?? "")"
                )
            }
            if primaryKey.isEmpty { return "CREATE TABLE \(name) (\(parts.joined(separator: ", ")));" }
            parts.append("PRIMARY KEY (\((["province_code"] + primaryKey).joined(separator: ", ")))")
            return "CREATE TABLE \(name) (\(parts.joined(separator: ", "))) WITHOUT ROWID;"
        }

        /// Copies the attached `input`'s rows under the province bound to `?`; a row whose key
        /// is already there (an earlier input reported under the same province) combines by
        /// `table`'s rules.
        func upsertSQL(_ table: MergedTable) -> String {
            let names = columns.map(\.name)
            let insert =
                "INSERT INTO main.\(table.name) (province_code, \(names.joined(separator: ", "))) "
                + "SELECT ?, \(names.joined(separator: ", ")) FROM input.\(table.name)"
            guard !primaryKey.isEmpty else { return insert }
            let updates = names.filter { !primaryKey.contains($0) }.map { c -> String in
                switch table.rules[c] {
                case .sum: "\(c) = \(c) + excluded.\(c)"
                case .earliest: "\(c) = coalesce(min(\(c), excluded.\(c)), \(c), excluded.\(c))"
                case .latest: "\(c) = coalesce(max(\(c), excluded.\(c)), \(c), excluded.\(c))"
                case nil: "\(c) = excluded.\(c)"
                }
            }
            let key = (["province_code"] + primaryKey).joined(separator: ", ")
            let action = updates.isEmpty ? "NOTHING" : "UPDATE SET \(updates.joined(separator: ", "))"
            // `WHERE true`: SQLite's parser needs it between a SELECT and ON CONFLICT.
            return insert + " WHERE true ON CONFLICT (\(key)) DO \(action)"
        }
    }

    /// The shape of every table of this version's province schema, read from an in-memory
    /// database built with `tablesSQL`.
    static func provinceTableShapes() throws(SummaryDatabaseError) -> [String: TableShape] {
        let db = try SQLiteConnection(path: ":memory:")
        try db.execute(tablesSQL)
        var shapes: [String: TableShape] = [:]
        for table in tableNames {
            // cid, name, type, notnull, dflt_value, pk
            let rows = try db.prepare("SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?)").query(
                [.text(table)])
            let columns = rows.map {
                TableShape.Column(
                    name: $0[0].text ?? "", type: $0[1].text ?? "", notNull: $0[2].integer == 1,
                    defaultValue: $0[3].text ?? $0[3].integer.map(String.init))
            }
            let key = rows.filter { ($0[4].integer ?? 0) > 0 }.sorted { ($0[4].integer ?? 0) < ($1[4].integer ?? 0) }
            shapes[table] = TableShape(columns: columns, primaryKey: key.map { $0[0].text ?? "" })
        }
        return shapes
    }
}
