import Foundation

/// Reading back what a publish wrote, for the run summary and the reports.
extension SummaryDatabase {
    /// One row of the `target_progress` view.
    public struct TargetProgressRow: Sendable, Equatable {
        public var year: Int
        public var scope: String
        public var metric: String
        public var target: Double
        public var actual: Double?
        public var met: Bool?
        public var shortfall: Int?
    }

    public static func targetProgress(at path: String) throws -> [TargetProgressRow] {
        let db = try SQLiteConnection(path: path)
        let rows = try db.prepare(
            "SELECT year, scope, metric, target, actual, met, shortfall FROM target_progress ORDER BY year, metric"
        ).query()
        return rows.map { r in
            TargetProgressRow(
                year: r[0].integer ?? 0, scope: r[1].text ?? "", metric: r[2].text ?? "", target: r[3].real ?? 0,
                actual: r[4].real, met: r[5].integer.map { $0 != 0 }, shortfall: r[6].integer)
        }
    }

    /// The province's ratios for one year, by metric name; a NULL ratio is absent.
    public static func provinceRatios(year: Int, at path: String) throws -> [String: Double] {
        let db = try SQLiteConnection(path: path)
        let names = ratios.map(\.name)
        let rows = try db.prepare(
            "SELECT \(names.joined(separator: ", ")) FROM province_ratios_by_year WHERE year = ?"
        ).query([.integer(year)])
        var result: [String: Double] = [:]
        if let row = rows.first {
            for (k, name) in names.enumerated() { if let v = row[k].real { result[name] = v } }
        }
        return result
    }
}

extension SummaryDatabase {
    /// Rows of one of the database's own tables (a fixed name, never user input).
    static func rowCount(table: String, at path: String) throws -> Int {
        let db = try SQLiteConnection(path: path)
        return try db.prepare("SELECT COUNT(*) FROM \(table)").query().first?.first?.integer ?? 0
    }
}
