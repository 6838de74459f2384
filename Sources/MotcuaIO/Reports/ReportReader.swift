import Foundation
public import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads the summary database into `ReportData` (CONTRACT.md section 3.1), with the same views
/// report writers query by hand, so a report and their SQL agree.
///
/// Opens the file only for reading: a missing path is an error, never an empty new database.
public enum ReportReader {
    /// Reads the reports of `kinds` for one year.
    ///
    /// - Parameters:
    ///   - path: the summary database.
    ///   - year: the year of the yearly figures; `nil`: the latest year with data not after the
    ///     as-of date (`ReportData.defaultYear`).
    ///   - kinds: the reports to read; the others stay `nil`.
    /// - Returns: the figures, before any language or format.
    /// - Throws: `ReportError` when the file is missing or is not a readable summary database.
    public static func read(database path: String, year: Int?, kinds: [ReportKind] = ReportKind.allCases)
        throws(ReportError) -> ReportData
    {
        var info = stat()
        guard stat(path, &info) == 0 else {
            throw ReportError(kind: .missingDatabase, path: path, detail: String(cString: strerror(errno)))
        }
        guard (info.st_mode & S_IFMT) == S_IFREG, access(path, R_OK) == 0 else {
            throw ReportError(kind: .unreadableDatabase, path: path, detail: "not a readable file")
        }
        do {
            let db = try SQLiteConnection(path: path)
            try db.execute("PRAGMA query_only = ON;")
            return try read(db, year: year, kinds: kinds)
        } catch {
            throw ReportError(
                kind: .unreadableDatabase, path: path, detail: "\(error.message) (SQLite code \(error.code))")
        }
    }

    static func read(_ db: SQLiteConnection, year: Int?, kinds: [ReportKind]) throws(SummaryDatabaseError) -> ReportData
    {
        var metadata: [String: String] = [:]
        for row in try db.prepare("SELECT key, value FROM metadata").query() {
            if let key = row[0].text { metadata[key] = row[1].text ?? "" }
        }
        let asOf = metadata["as_of"] ?? ""
        let years = try db.prepare(
            "SELECT DISTINCT CAST(substr(month, 1, 4) AS INTEGER) FROM monthly_counts ORDER BY 1"
        ).query().compactMap { $0[0].integer }
        let chosen = year ?? ReportData.defaultYear(yearsWithData: years, asOf: asOf)
        var data = ReportData(pipeline: metadata["pipeline"] ?? "", asOf: asOf, year: chosen, yearsWithData: years)
        if let run = try db.prepare("SELECT id, finished_at FROM runs ORDER BY finished_at DESC, id DESC LIMIT 1")
            .query().first
        {
            data.lastRunID = run[0].text
            data.lastRunFinishedAt = run[1].text
        }
        if kinds.contains(.targets) { data.targets = try targets(db, year: chosen) }
        if kinds.contains(.retire) {
            data.retire = try retire(db, asOf: asOf)
            data.retire?.onlineServicesWithoutOnlineDossiers = try onlineServicesWithoutOnlineDossiers(db)
        }
        if kinds.contains(.onTime) { data.onTime = try onTime(db, year: chosen, asOf: asOf) }
        if kinds.contains(.adoption) {
            data.adoption = try adoption(db, year: chosen)
            data.adoption?.upgradeCandidates = try upgradeCandidates(db)
        }
        if kinds.contains(.portalScore) { data.portalScore = try portalScore(db, year: chosen, metadata: metadata) }
        return data
    }

    // MARK: - Targets

    static func targets(_ db: SQLiteConnection, year: Int) throws(SummaryDatabaseError) -> TargetsReport {
        let rows = try db.prepare(
            """
            SELECT year, scope, metric, target, actual, met, shortfall, numerator, denominator
            FROM target_progress WHERE year = ?
            """
        ).query([.integer(year)])
        return TargetsReport(
            year: year,
            rows: rows.map { r in
                TargetsReport.Row(
                    year: r[0].integer ?? year, scope: r[1].text ?? "", metric: r[2].text ?? "", target: r[3].real ?? 0,
                    actual: r[4].real, met: r[5].integer.map { $0 != 0 }, shortfall: r[6].integer,
                    numerator: r[7].integer, denominator: r[8].integer)
            })
    }

    // MARK: - Retire list

    static func retire(_ db: SQLiteConnection, asOf: String) throws(SummaryDatabaseError) -> RetireReport {
        let columns = "procedure_code, procedure_name, field, admin_level, online_level, published_on"
        let dormant = try db.prepare("SELECT \(columns), last_received_on, dossiers_ever FROM dormant_procedures")
            .query()
            .map { r in procedure(r, last: r[6].text, judgeable: nil, ever: r[7].integer) }
        let tooNew = try db.prepare("SELECT \(columns), judgeable_on, dossiers_ever FROM too_new_procedures").query()
            .map { r in procedure(r, last: nil, judgeable: r[6].text, ever: r[7].integer) }
        let unknown = try db.prepare(
            "SELECT procedure_code, procedure_name, dossiers, first_received_on, last_received_on FROM unknown_procedures"
        ).query().map { r in
            RetireReport.UnknownRow(
                code: r[0].text ?? "", name: r[1].text ?? "", dossiers: r[2].integer ?? 0,
                firstReceivedOn: r[3].text ?? "", lastReceivedOn: r[4].text ?? "")
        }
        return RetireReport(asOf: asOf, dormant: dormant, tooNew: tooNew, unknown: unknown)
    }

    private static func procedure(
        _ r: [SQLiteStatement.Value], last: String?, judgeable: String?, ever: Int?
    ) -> RetireReport.ProcedureRow {
        RetireReport.ProcedureRow(
            code: r[0].text ?? "", name: r[1].text ?? "", field: r[2].text ?? "", adminLevel: r[3].text,
            onlineLevel: r[4].integer, publishedOn: r[5].text ?? "", lastReceivedOn: last, judgeableOn: judgeable,
            dossiersEver: ever ?? 0)
    }

    // MARK: - On time

    static func onTime(_ db: SQLiteConnection, year: Int, asOf: String) throws(SummaryDatabaseError) -> OnTimeReport {
        func timeliness(_ r: [SQLiteStatement.Value], from k: Int) -> OnTimeReport.Timeliness {
            .init(
                early: r[k].integer ?? 0, onTime: r[k + 1].integer ?? 0, late: r[k + 2].integer ?? 0,
                noDue: r[k + 3].integer ?? 0)
        }
        let counts = "resolved_early, resolved_on_time, resolved_late, resolved_no_due"
        let province = try db.prepare("SELECT \(counts) FROM province_ratios_by_year WHERE year = ?")
            .query([.integer(year)]).first.map { timeliness($0, from: 0) }
        let agencies = try db.prepare(
            """
            SELECT r.agency_code, COALESCE(a.agency_name, ''),
                r.resolved_early, r.resolved_on_time, r.resolved_late, r.resolved_no_due
            FROM agency_ratios_by_year r LEFT JOIN agencies a ON a.agency_code = r.agency_code
            WHERE r.year = ? AND r.resolved_early + r.resolved_on_time + r.resolved_late + r.resolved_no_due > 0
            """
        ).query([.integer(year)]).map { r in
            OnTimeReport.AgencyRow(code: r[0].text ?? "", name: r[1].text ?? "", counts: timeliness(r, from: 2))
        }
        let backlog = try db.prepare(
            """
            SELECT b.agency_code, COALESCE(a.agency_name, ''), SUM(b.pending), SUM(b.pending_overdue)
            FROM backlog b LEFT JOIN agencies a ON a.agency_code = b.agency_code
            GROUP BY b.agency_code HAVING SUM(b.pending) > 0
            """
        ).query().map { r in
            OnTimeReport.BacklogRow(
                code: r[0].text ?? "", name: r[1].text ?? "", pending: r[2].integer ?? 0, overdue: r[3].integer ?? 0)
        }
        return OnTimeReport(
            year: year, asOf: asOf, province: province ?? .init(early: 0, onTime: 0, late: 0, noDue: 0),
            agencies: agencies,
            backlog: backlog)
    }

    // MARK: - Adoption

    static let rateColumns = AdoptionReport.metrics.map(\.name).joined(separator: ", ")

    private static func rates(_ r: [SQLiteStatement.Value], from k: Int) -> AdoptionReport.Rates {
        var rates: [Ratio: Double] = [:]
        for (offset, metric) in AdoptionReport.metrics.enumerated() {
            if let v = r[k + 2 + offset].real { rates[metric] = v }
        }
        return .init(received: r[k].integer ?? 0, receivedOnline: r[k + 1].integer ?? 0, rates: rates)
    }

    static func adoption(_ db: SQLiteConnection, year: Int) throws(SummaryDatabaseError) -> AdoptionReport {
        let years: [SQLiteStatement.Value] = [.integer(year), .integer(year - 1)]
        var province: [Int: AdoptionReport.Rates] = [:]
        for r in try db.prepare(
            "SELECT year, received, received_online, \(rateColumns) FROM province_ratios_by_year WHERE year IN (?, ?)"
        ).query(years) {
            if let y = r[0].integer { province[y] = rates(r, from: 1) }
        }
        let months = try db.prepare(
            """
            SELECT month, received, received_online, \(rateColumns) FROM province_ratios_by_month
            WHERE month >= ? AND month <= ? AND received > 0
            """
        ).query([.text("\(year)-01"), .text("\(year)-12")]).map { r in
            AdoptionReport.MonthRow(month: r[0].text ?? "", rates: rates(r, from: 1))
        }
        let agencies = try groups(
            db,
            sql: """
                SELECT r.year, r.agency_code, COALESCE(a.agency_name, ''), r.received, r.received_online,
                    \(AdoptionReport.metrics.map { "r." + $0.name }.joined(separator: ", "))
                FROM agency_ratios_by_year r LEFT JOIN agencies a ON a.agency_code = r.agency_code
                WHERE r.year IN (?, ?)
                """, years: years, year: year, hasCode: true)
        let fields = try groups(
            db,
            sql:
                "SELECT year, NULL, field, received, received_online, \(rateColumns) FROM field_ratios_by_year WHERE year IN (?, ?)",
            years: years, year: year, hasCode: false)
        var targets: [Ratio: Double] = [:]
        for r in try db.prepare("SELECT metric, target FROM targets WHERE year = ? AND scope = 'province'").query([
            .integer(year)
        ]) {
            if let metric = r[0].text.flatMap(Ratio.init(rawValue:)).flatMap({ $0.isAdoption ? $0 : nil }), let v = r[1].real {
                targets[metric] = v
            }
        }
        let current = province[year].flatMap { $0.received > 0 ? $0 : nil }
        return AdoptionReport(
            year: year, province: current, provincePrevious: province[year - 1], months: months, agencies: agencies,
            fields: fields, targets: targets)
    }

    /// Rows of an agency or field view for the year and the year before, paired by key; only
    /// groups with dossiers received in the year.
    private static func groups(
        _ db: SQLiteConnection, sql: String, years: [SQLiteStatement.Value], year: Int, hasCode: Bool
    ) throws(SummaryDatabaseError) -> [AdoptionReport.GroupRow] {
        struct Key: Hashable {
            var code: String?
            var name: String?
        }
        var current: [Key: (name: String?, rates: AdoptionReport.Rates)] = [:]
        var previous: [Key: AdoptionReport.Rates] = [:]
        for r in try db.prepare(sql).query(years) {
            let code = hasCode ? r[1].text : nil
            let name = r[2].text
            // An agency is one code whatever its name; a field is its name (NULL: not in the catalog).
            let key = hasCode ? Key(code: code, name: nil) : Key(code: nil, name: name)
            if r[0].integer == year {
                current[key] = (name, rates(r, from: 3))
            } else {
                previous[key] = rates(r, from: 3)
            }
        }
        return current.compactMap { key, value in
            guard value.rates.received > 0 else { return nil }
            return AdoptionReport.GroupRow(
                code: key.code, name: value.name, current: value.rates, previous: previous[key])
        }
    }
}
