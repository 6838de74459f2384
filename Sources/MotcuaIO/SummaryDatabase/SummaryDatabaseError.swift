internal import CSQLite

/// A failure of the summary database, with SQLite's result code (matched on, never the message
/// text: STYLE.md habit 5), the message and the statement.
public struct SummaryDatabaseError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var sql: String?
    public var path: String

    /// The disk is full or the folder not writable: an output problem (exit 73).
    public var isOutputProblem: Bool {
        let primary = code & 0xFF
        return primary == SQLITE_FULL || primary == SQLITE_CANTOPEN || primary == SQLITE_READONLY
            || primary == SQLITE_IOERR || primary == SQLITE_PERM
    }

    public var description: String {
        var text = "summary database \(path): \(message) (SQLite code \(code))"
        if let sql { text += " in: \(sql.prefix(120))" }
        return text
    }
}
