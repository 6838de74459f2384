import Foundation
public import MotcuaCore

/// Reads form 06 for one period from the summary database (`form06_by_level`, with the
/// agencies' names), or counts it from the store for any dates.
public enum Form06Reader {
    /// The form of `period` as the last run published it.
    /// - Throws: `ReportError` when the database is missing, unreadable, or older than form 06.
    public static func read(database path: String, period: Period) throws(ReportError) -> Form06Report {
        guard FileManager.default.fileExists(atPath: path) else {
            throw ReportError(kind: .missingDatabase, path: path, detail: "no such file")
        }
        let computed: Bool
        let latest: [String]
        let asOf: String
        do {
            let db = try SQLiteConnection(path: path, readOnly: true)
            computed = try !db.prepare("SELECT 1 FROM form06_periods WHERE period_kind = ? AND period = ?")
                .query([.text(period.kind.rawValue), .text(period.name)]).isEmpty
            latest = try db.prepare(
                "SELECT period FROM form06_periods WHERE period_kind = ? ORDER BY ends_on DESC, starts_on DESC LIMIT 6"
            ).query([.text(period.kind.rawValue)]).compactMap { $0[0].text }
            asOf = try db.prepare("SELECT value FROM metadata WHERE key = 'as_of'").query().first?.first?.text ?? "?"
        } catch {
            throw ReportError(kind: .unreadableDatabase, path: path, detail: "\(error.message) (SQLite code \(error.code))")
        }
        guard computed else {
            throw ReportError(
                kind: .periodNotComputed, path: path,
                detail: "form 06 was not computed for \(period.kind.rawValue) \(period.name) (\(period.startsOn)..\(period.endsOn)): "
                    + "a run computes the periods that end on or before its as-of date (\(asOf)) and after its first dossier; "
                    + "latest \(period.kind.rawValue) periods: \(latest.isEmpty ? "none" : latest.joined(separator: ", "))")
        }
        do {
            let db = try SQLiteConnection(path: path, readOnly: true)
            let pipeline = try db.prepare("SELECT value FROM metadata WHERE key = 'pipeline'").query().first?.first?.text ?? ""
            let names = try db.prepare("SELECT agency_code, agency_name FROM agencies").query()
            var nameOf: [String: String] = [:]
            for r in names { if let code = r[0].text { nameOf[code] = r[1].text ?? "" } }
            let columns = Form06.Column.allCases.map(\.name).joined(separator: ", ")
            let rows = try db.prepare(
                """
                SELECT agency_code, admin_level, field, \(columns) FROM form06_by_level
                WHERE period_kind = ? AND period = ? ORDER BY agency_code, admin_level, field
                """
            ).query([.text(period.kind.rawValue), .text(period.name)])
            let lines = rows.map { r in
                Form06Report.Line(
                    agencyCode: r[0].text ?? "",
                    group: Form06Table.Group(adminLevel: r[1].text.flatMap(AdminLevel.init(rawValue:)), field: r[2].text ?? ""),
                    values: (0..<Form06Table.width).map { r[3 + $0].integer ?? 0 })
            }
            let codes = Array(Set(lines.map(\.agencyCode))).sorted()
            return Form06Report(
                period: period, startsOn: period.startsOn, endsOn: period.endsOn, pipeline: pipeline,
                agencies: codes.map { ($0, nameOf[$0] ?? "") }, lines: lines)
        } catch {
            throw ReportError(kind: .unreadableDatabase, path: path, detail: "\(error.message) (SQLite code \(error.code))")
        }
    }

    /// The form of `period` from the run's figures in memory, as `read(database:period:)` would
    /// give it once they are published (the run renders its form 06 files beside the database
    /// build); `nil` when the figures do not hold that period.
    /// - Complexity: O(rows of the period x log rows).
    public static func read(_ table: Form06Table, period: Period, pipeline: String, agencyNames: [String: String]) -> Form06Report? {
        guard let k = table.periods.firstIndex(where: { $0.kind == period.kind && $0.name == period.name }) else { return nil }
        // The database's order: agency code, then the level's and the field's text, bytewise.
        func key(_ line: Form06Report.Line) -> [String] { [line.agencyCode, line.group.adminLevel?.rawValue ?? "", line.group.field] }
        let lines = table.rows(ofPeriod: k).map { i in
            Form06Report.Line(agencyCode: table.rows[i].agencyCode, group: table.rows[i].group, values: Array(table.values(ofRow: i)))
        }.sorted { a, b in
            let (x, y) = (key(a), key(b))
            guard let d = zip(x, y).first(where: { $0 != $1 }) else { return false }
            return d.0.utf8.lexicographicallyPrecedes(d.1.utf8)
        }
        let codes = Array(Set(lines.map(\.agencyCode))).sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        return Form06Report(
            period: period, startsOn: period.startsOn, endsOn: period.endsOn, pipeline: pipeline,
            agencies: codes.map { ($0, agencyNames[$0] ?? "") }, lines: lines)
    }

    /// The form for any dates, counted dossier by dossier from the store (the database holds
    /// only the periods of section 2.1).
    /// - Complexity: O(n) over the kept dossiers.
    public static func count(state: StoreState, catalog: Catalog, pipeline: String, from start: LocalDate, to end: LocalDate)
        -> Form06Report
    {
        let result = Form06Table.compute(ledger: state.ledger, catalog: catalog, from: start, to: end)
        let width = Form06Table.width
        let lines = result.rows.enumerated().map { k, row in
            Form06Report.Line(
                agencyCode: row.agencyCode, group: row.group, values: Array(result.values[(k * width)..<((k + 1) * width)]))
        }
        let agencies = state.ledger.agencies
        let codes = Array(Set(lines.map(\.agencyCode))).sorted()
        return Form06Report(
            period: nil, startsOn: start, endsOn: end, pipeline: pipeline,
            agencies: codes.map { code in (code, agencies.index(of: code).map { agencies.labels[Int($0)] } ?? "") },
            lines: lines)
    }
}
