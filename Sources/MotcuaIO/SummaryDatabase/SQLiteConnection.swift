internal import CSQLite

/// An owned SQLite connection (STYLE.md habit 4, after SwiftPM's `Basics/SQLite.swift`):
/// prepared statements, bound parameters only, closed when released.
final class SQLiteConnection {
    let path: String
    private var handle: OpaquePointer?

    /// Process-wide settings, applied once before the first connection initialises SQLite.
    private static let configured: Void = { _ = motcua_sqlite_disable_memstatus() }()

    init(path: String, readOnly: Bool = false) throws(SummaryDatabaseError) {
        self.path = path
        _ = Self.configured
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX
        let code = sqlite3_open_v2(path, &handle, flags, nil)
        guard code == SQLITE_OK else {
            let message = handle.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite3_close(handle)
            handle = nil
            throw SummaryDatabaseError(code: code, message: message, sql: nil, path: path)
        }
    }

    deinit { sqlite3_close_v2(handle) }

    /// Runs SQL with no parameters (schema, pragmas, transactions).
    func execute(_ sql: String) throws(SummaryDatabaseError) {
        var error: UnsafeMutablePointer<CChar>?
        let code = sqlite3_exec(handle, sql, nil, nil, &error)
        if code != SQLITE_OK {
            let message = error.map { String(cString: $0) } ?? "error \(code)"
            sqlite3_free(error)
            throw SummaryDatabaseError(code: code, message: message, sql: sql, path: path)
        }
    }

    func prepare(_ sql: String) throws(SummaryDatabaseError) -> SQLiteStatement {
        var statement: OpaquePointer?
        let code = sqlite3_prepare_v2(handle, sql, -1, &statement, nil)
        guard code == SQLITE_OK, let statement else {
            throw SummaryDatabaseError(code: code, message: lastMessage, sql: sql, path: path)
        }
        return SQLiteStatement(statement: statement, connection: self, sql: sql)
    }

    var lastMessage: String { String(cString: sqlite3_errmsg(handle)) }

    /// The most `?` parameters a statement may have (SQLITE_LIMIT_VARIABLE_NUMBER: 32,766 in
    /// Debian's build, 999 in SQLite's older default).
    var parameterLimit: Int { Int(sqlite3_limit(handle, SQLITE_LIMIT_VARIABLE_NUMBER, -1)) }

    /// Closes now, so the file can be renamed; later calls fail.
    func close() throws(SummaryDatabaseError) {
        let code = sqlite3_close(handle)
        guard code == SQLITE_OK else {
            throw SummaryDatabaseError(code: code, message: lastMessage, sql: nil, path: path)
        }
        handle = nil
    }
}

/// An owned prepared statement; finalised when released.
final class SQLiteStatement {
    private let statement: OpaquePointer
    private let connection: SQLiteConnection
    let sql: String

    init(statement: OpaquePointer, connection: SQLiteConnection, sql: String) {
        self.statement = statement
        self.connection = connection
        self.sql = sql
    }

    deinit { sqlite3_finalize(statement) }

    /// A value bound to a `?` parameter.
    enum Value {
        case integer(Int)
        case real(Double)
        case text(String)
        case null
    }

    /// Binds the values in order, runs the statement to completion and resets it.
    func run(_ values: [Value]) throws(SummaryDatabaseError) {
        try bind(values)
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw SummaryDatabaseError(code: code, message: connection.lastMessage, sql: sql, path: connection.path)
        }
    }

    // MARK: - Per-row inserts

    /// Binds an integer to the 1-based parameter `index` for the next `step()`. With `bind(_:at:)`
    /// for text and `step()`, the per-row path of the large inserts (`monthly_counts`): no
    /// `Value` array per row, no `sqlite3_clear_bindings` (every parameter is bound again).
    func bind(_ value: Int, at index: Int32) throws(SummaryDatabaseError) {
        try check(sqlite3_bind_int64(statement, index, Int64(value)))
    }

    /// Binds text (copied by SQLite) to the 1-based parameter `index` for the next `step()`.
    /// A native string's UTF-8 is passed with its length: the implicit `String` to C string
    /// conversion cost about 1,300 instructions a value (callgrind, docs/performance.md).
    func bind(_ text: String, at index: Int32) throws(SummaryDatabaseError) {
        // An empty string goes the slow way: a nil base address would bind NULL, not ''.
        let code = text.utf8.withContiguousStorageIfAvailable { utf8 -> Int32? in
            utf8.withMemoryRebound(to: CChar.self) { chars in
                chars.baseAddress.map {
                    sqlite3_bind_text(statement, index, $0, Int32(chars.count), motcua_sqlite_transient())
                }
            }
        } ?? nil
        try check(code ?? sqlite3_bind_text(statement, index, text, -1, motcua_sqlite_transient()))
    }

    /// Binds a real, or NULL for `nil`, to the 1-based parameter `index` for the next `step()`.
    func bind(_ value: Double?, at index: Int32) throws(SummaryDatabaseError) {
        try check(value.map { sqlite3_bind_double(statement, index, $0) } ?? sqlite3_bind_null(statement, index))
    }

    /// Binds NULL to the 1-based parameter `index` for the next `step()`.
    func bindNull(at index: Int32) throws(SummaryDatabaseError) {
        try check(sqlite3_bind_null(statement, index))
    }

    /// Runs the statement with the values bound, to completion, and resets it.
    func step() throws(SummaryDatabaseError) {
        let code = sqlite3_step(statement)
        sqlite3_reset(statement)
        guard code == SQLITE_DONE || code == SQLITE_ROW else {
            throw SummaryDatabaseError(code: code, message: connection.lastMessage, sql: sql, path: connection.path)
        }
    }

    @inline(__always)
    private func check(_ code: Int32) throws(SummaryDatabaseError) {
        guard code == SQLITE_OK else {
            throw SummaryDatabaseError(code: code, message: connection.lastMessage, sql: sql, path: connection.path)
        }
    }

    /// Binds the values and returns every row as an array of values.
    func query(_ values: [Value] = []) throws(SummaryDatabaseError) -> [[Value]] {
        try bind(values)
        defer { sqlite3_reset(statement) }
        var rows: [[Value]] = []
        while true {
            let code = sqlite3_step(statement)
            if code == SQLITE_DONE { break }
            guard code == SQLITE_ROW else {
                throw SummaryDatabaseError(code: code, message: connection.lastMessage, sql: sql, path: connection.path)
            }
            var row: [Value] = []
            for c in 0..<sqlite3_column_count(statement) {
                switch sqlite3_column_type(statement, c) {
                case SQLITE_INTEGER: row.append(.integer(Int(sqlite3_column_int64(statement, c))))
                case SQLITE_FLOAT: row.append(.real(sqlite3_column_double(statement, c)))
                case SQLITE_NULL: row.append(.null)
                default: row.append(.text(String(cString: sqlite3_column_text(statement, c))))
                }
            }
            rows.append(row)
        }
        return rows
    }

    private func bind(_ values: [Value]) throws(SummaryDatabaseError) {
        sqlite3_clear_bindings(statement)
        for (k, value) in values.enumerated() {
            let index = Int32(k + 1)
            let code: Int32
            switch value {
            case .integer(let v): code = sqlite3_bind_int64(statement, index, Int64(v))
            case .real(let v): code = sqlite3_bind_double(statement, index, v)
            case .text(let v): code = sqlite3_bind_text(statement, index, v, -1, motcua_sqlite_transient())
            case .null: code = sqlite3_bind_null(statement, index)
            }
            guard code == SQLITE_OK else {
                throw SummaryDatabaseError(code: code, message: connection.lastMessage, sql: sql, path: connection.path)
            }
        }
    }
}

extension SQLiteStatement.Value {
    var integer: Int? { if case .integer(let v) = self { v } else { nil } }
    var real: Double? {
        switch self {
        case .real(let v): v
        case .integer(let v): Double(v)
        default: nil
        }
    }
    var text: String? { if case .text(let v) = self { v } else { nil } }
}
