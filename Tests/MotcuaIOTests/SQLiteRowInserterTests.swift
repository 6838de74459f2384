import Foundation
import Testing

@testable import MotcuaIO

/// Many rows to a statement must insert exactly the rows given, in order, whatever the count's
/// remainder: checked against the rows read back one by one.
@Suite struct SQLiteRowInserterTests {
    /// Row `k`: an integer, a text (empty every fifth row), a real or NULL, an integer or NULL.
    private func expected(_ k: Int) -> [SQLiteStatement.Value] {
        [
            .integer(k), .text(k % 5 == 0 ? "" : "mã \(k)"), k % 3 == 0 ? .null : .real(Double(k) / 4),
            k % 4 == 1 ? .null : .integer(-k),
        ]
    }

    private func withTable(_ body: (SQLiteConnection) throws -> Void) throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("inserter-\(UUID().uuidString).sqlite").path
        defer { unlink(path) }
        let db = try SQLiteConnection(path: path)
        try db.execute("CREATE TABLE t (n INTEGER NOT NULL, s TEXT NOT NULL, r REAL, m INTEGER, PRIMARY KEY (n)) WITHOUT ROWID;")
        try body(db)
    }

    private func insert(_ count: Int, rowsPerStatement: Int, into db: SQLiteConnection) throws {
        let inserter = try SQLiteRowInserter(db, table: "t", columns: 4, rowsPerStatement: rowsPerStatement)
        try inserter.insert(count: count) { k, row throws(SummaryDatabaseError) in
            try row.bind(k, at: 1)
            try row.bind(k % 5 == 0 ? "" : "mã \(k)", at: 2)
            try row.bind(k % 3 == 0 ? nil : Double(k) / 4, at: 3)
            try row.bind(k % 4 == 1 ? nil : -k, at: 4)
        }
    }

    private func rows(of db: SQLiteConnection) throws -> [[SQLiteStatement.Value]] {
        try db.prepare("SELECT n, s, r, m FROM t ORDER BY n").query()
    }

    @Test(arguments: [0, 1, 3, 4, 5, 8, 9, 63, 64, 65, 130])
    func everyRowOnceWhateverTheRemainder(count: Int) throws {
        for perStatement in [1, 4, 64] {
            try withTable { db in
                try insert(count, rowsPerStatement: perStatement, into: db)
                let read = try rows(of: db)
                #expect(read.count == count, "\(perStatement) rows a statement")
                for (k, row) in read.enumerated() {
                    #expect(row.map(String.init(describing:)) == expected(k).map(String.init(describing:)), "row \(k)")
                }
            }
        }
    }

    /// A second insert through the same inserter binds every parameter again: nothing of the
    /// first batch's values is left in the second's rows.
    @Test func aSecondInsertKeepsNothingOfTheFirst() throws {
        try withTable { db in
            let inserter = try SQLiteRowInserter(db, table: "t", columns: 4, rowsPerStatement: 4)
            for range in [0..<6, 100..<103] {
                try inserter.insert(count: range.count) { k, row throws(SummaryDatabaseError) in
                    try row.bind(range.lowerBound + k, at: 1)
                    try row.bind("x", at: 2)
                    try row.bind(nil as Double?, at: 3)
                    try row.bind(nil as Int?, at: 4)
                }
            }
            let read = try rows(of: db)
            #expect(read.compactMap { $0[0].integer } == Array(0..<6) + Array(100..<103))
            #expect(read.allSatisfy { $0[2].real == nil && $0[3].integer == nil })
        }
    }

    /// A statement never has more parameters than SQLite allows: a table of 600 columns gets
    /// fewer rows a statement, and still every row.
    @Test func rowsPerStatementStayUnderTheParameterLimit() throws {
        try withTable { db in
            let limit = db.parameterLimit
            #expect(limit >= 999)
            #expect(try SQLiteRowInserter(db, table: "t", columns: 4).rowsPerStatement == min(64, limit / 4))
            let width = 600
            try db.execute("CREATE TABLE w (" + (0..<width).map { "c\($0) INTEGER NOT NULL" }.joined(separator: ", ") + ");")
            let inserter = try SQLiteRowInserter(db, table: "w", columns: width)
            #expect(inserter.rowsPerStatement == max(1, min(64, limit / width)))
            #expect(inserter.rowsPerStatement * width <= limit)
            try inserter.insert(count: 130) { k, row throws(SummaryDatabaseError) in
                for c in 1...width { try row.bind(k * 1000 + c, at: Int32(c)) }
            }
            let sums = try db.prepare("SELECT COUNT(*), SUM(c0), SUM(c599) FROM w").query()
            #expect(sums.first?.compactMap(\.integer) == [130, (0..<130).reduce(0) { $0 + $1 * 1000 + 1 }, (0..<130).reduce(0) { $0 + $1 * 1000 + 600 }])
        }
    }

    /// A failed row (a duplicate key) is an error, not a silent loss.
    @Test func aDuplicateKeyFails() throws {
        try withTable { db in
            #expect(throws: SummaryDatabaseError.self) {
                let inserter = try SQLiteRowInserter(db, table: "t", columns: 4, rowsPerStatement: 4)
                try inserter.insert(count: 5) { k, row throws(SummaryDatabaseError) in
                    try row.bind(k == 3 ? 0 : k, at: 1)
                    try row.bind("x", at: 2)
                    try row.bind(1.5, at: 3)
                    try row.bind(1, at: 4)
                }
            }
        }
    }
}
