internal import CSQLite

/// Inserts the rows of one table many to a statement: `INSERT INTO t VALUES (...), (...), ...`.
///
/// Why: a one-row prepared statement pays `sqlite3_step`'s set-up and `sqlite3_reset` for every
/// row. The summary database's large tables (`monthly_counts`, form 06, `portal_scores`) hold
/// 100k-300k rows; in a C benchmark of `monthly_counts`' shape (131k rows, 22 columns, SQLite
/// 3.40) one row per statement took 0.21 s and 64 rows per statement 0.12 s (issue 16,
/// docs/performance.md). Rows are bound by their index, so the last, shorter batch is bound
/// again into a statement of its own size without keeping a copy of any value.
final class SQLiteRowInserter {
    private let connection: SQLiteConnection
    private let table: String
    let columns: Int
    let rowsPerStatement: Int
    private let batch: SQLiteStatement

    /// The most rows a statement takes: 64, fewer when SQLite's limit on parameters is lower.
    static let defaultRowsPerStatement = 64

    init(
        _ connection: SQLiteConnection, table: String, columns: Int,
        rowsPerStatement: Int = SQLiteRowInserter.defaultRowsPerStatement
    ) throws(SummaryDatabaseError) {
        precondition(columns > 0 && rowsPerStatement > 0)
        guard columns <= connection.parameterLimit else {
            throw SummaryDatabaseError(
                code: SQLITE_RANGE, message: "\(table) has \(columns) columns, more than SQLite's \(connection.parameterLimit) parameters",
                sql: nil, path: connection.path)
        }
        self.connection = connection
        self.table = table
        self.columns = columns
        self.rowsPerStatement = max(1, min(rowsPerStatement, connection.parameterLimit / columns))
        batch = try connection.prepare(Self.sql(table: table, columns: columns, rows: self.rowsPerStatement))
    }

    static func sql(table: String, columns: Int, rows: Int) -> String {
        let row = "(" + Array(repeating: "?", count: columns).joined(separator: ", ") + ")"
        return "INSERT INTO \(table) VALUES " + Array(repeating: row, count: rows).joined(separator: ", ")
    }

    /// Inserts rows `0..<count`, in order; `bindRow(k, row)` binds row `k`'s values through
    /// `row` (every column, each exactly once: a parameter left unbound would keep the value of
    /// an earlier batch).
    func insert(count: Int, _ bindRow: (Int, Row) throws(SummaryDatabaseError) -> Void) throws(SummaryDatabaseError) {
        let whole = count / rowsPerStatement * rowsPerStatement
        var k = 0
        while k < whole {
            for slot in 0..<rowsPerStatement { try bindRow(k + slot, Row(statement: batch, offset: Int32(slot * columns))) }
            try batch.step()
            k += rowsPerStatement
        }
        guard k < count else { return }
        let rest = try connection.prepare(Self.sql(table: table, columns: columns, rows: count - k))
        for slot in 0..<(count - k) { try bindRow(k + slot, Row(statement: rest, offset: Int32(slot * columns))) }
        try rest.step()
    }

    /// One row's place in a statement: column `c` (1-based, as in `SQLiteStatement.bind`) is
    /// parameter `offset + c`.
    struct Row {
        let statement: SQLiteStatement
        let offset: Int32

        func bind(_ value: Int, at column: Int32) throws(SummaryDatabaseError) {
            try statement.bind(value, at: offset + column)
        }

        func bind(_ text: String, at column: Int32) throws(SummaryDatabaseError) {
            try statement.bind(text, at: offset + column)
        }

        func bind(_ value: Double?, at column: Int32) throws(SummaryDatabaseError) {
            try statement.bind(value, at: offset + column)
        }

        func bind(_ value: Int?, at column: Int32) throws(SummaryDatabaseError) {
            if let value { try statement.bind(value, at: offset + column) } else { try statement.bindNull(at: offset + column) }
        }
    }
}
