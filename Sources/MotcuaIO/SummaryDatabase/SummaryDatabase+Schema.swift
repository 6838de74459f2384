import Foundation
import MotcuaCore

/// The tables and views of the summary database (CONTRACT.md section 3.1; each is documented in
/// docs/summary-database.md). Names are plain English snake_case for report writers' SQL.
extension SummaryDatabase {
    /// 2: `runs.not_received`, `procedures.has_fee` (issue 13); `form06`, `form06_by_level`,
    /// `form06_periods` (issue 14). 3: `portal_scores`, `portal_score_totals`,
    /// `online_services_without_online_dossiers`, `upgrade_candidates` (issue 15).
    public static let schemaVersion = 3

    /// Every table `tablesSQL` creates.
    static let tableNames = [
        "metadata", "monthly_counts", "procedures", "agencies", "backlog", "dormant_procedures", "too_new_procedures",
        "unknown_procedures", "procedure_level_share", "targets", "runs", "run_inputs", "rejects_summary",
    ] + form06Tables + portalTables

    static var tablesSQL: String {
        let countColumns = MonthlyCounts.Column.allCases.map { "    \($0.name) INTEGER NOT NULL DEFAULT 0" }
            .joined(separator: ",\n")
        return """
            CREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
            CREATE TABLE monthly_counts (
                month TEXT NOT NULL,
                agency_code TEXT NOT NULL,
                procedure_code TEXT NOT NULL,
            \(countColumns),
                PRIMARY KEY (month, agency_code, procedure_code)
            ) WITHOUT ROWID;
            CREATE TABLE procedures (
                procedure_code TEXT PRIMARY KEY, procedure_name TEXT, field TEXT, admin_level TEXT,
                online_level INTEGER, published_on TEXT NOT NULL, abolished_on TEXT,
                active INTEGER NOT NULL, has_fee INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE agencies (agency_code TEXT PRIMARY KEY, agency_name TEXT) WITHOUT ROWID;
            CREATE TABLE backlog (
                agency_code TEXT NOT NULL, procedure_code TEXT NOT NULL,
                pending INTEGER NOT NULL, pending_overdue INTEGER NOT NULL,
                PRIMARY KEY (agency_code, procedure_code)
            ) WITHOUT ROWID;
            CREATE TABLE dormant_procedures (
                procedure_code TEXT PRIMARY KEY, procedure_name TEXT, field TEXT, admin_level TEXT,
                online_level INTEGER, published_on TEXT NOT NULL, last_received_on TEXT,
                dossiers_ever INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE too_new_procedures (
                procedure_code TEXT PRIMARY KEY, procedure_name TEXT, field TEXT, admin_level TEXT,
                online_level INTEGER, published_on TEXT NOT NULL, judgeable_on TEXT NOT NULL,
                dossiers_ever INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE unknown_procedures (
                procedure_code TEXT PRIMARY KEY, procedure_name TEXT, dossiers INTEGER NOT NULL,
                first_received_on TEXT NOT NULL, last_received_on TEXT NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE procedure_level_share (
                year INTEGER PRIMARY KEY, on_date TEXT NOT NULL, active_procedures INTEGER NOT NULL,
                level34_procedures INTEGER NOT NULL, procedures_level34_share REAL
            );
            CREATE TABLE targets (
                year INTEGER NOT NULL, scope TEXT NOT NULL, metric TEXT NOT NULL, target REAL NOT NULL,
                PRIMARY KEY (year, scope, metric)
            ) WITHOUT ROWID;
            CREATE TABLE runs (
                id TEXT PRIMARY KEY, pipeline TEXT, started_at TEXT NOT NULL, finished_at TEXT NOT NULL,
                as_of TEXT NOT NULL, inputs TEXT NOT NULL, records_read INTEGER NOT NULL,
                records_accepted INTEGER NOT NULL, records_rejected INTEGER NOT NULL,
                records_superseded INTEGER NOT NULL, dossiers_kept INTEGER NOT NULL, snapshot_id TEXT,
                status TEXT NOT NULL, not_received INTEGER NOT NULL
            ) WITHOUT ROWID;
            CREATE TABLE run_inputs (
                run_id TEXT NOT NULL, path TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
                action TEXT NOT NULL
            );
            CREATE TABLE rejects_summary (
                run_id TEXT NOT NULL, reason TEXT NOT NULL, count INTEGER NOT NULL,
                PRIMARY KEY (run_id, reason)
            ) WITHOUT ROWID;
            """ + form06TablesSQL + portalTablesSQL
    }

    // MARK: - Ratio views

    /// A period grain of the ratio views.
    enum Grain: String, CaseIterable {
        case month, quarter, year

        var expression: String {
            switch self {
            case .month: "m.month"
            case .quarter: "substr(m.month, 1, 4) || '-Q' || ((CAST(substr(m.month, 6, 2) AS INTEGER) + 2) / 3)"
            case .year: "CAST(substr(m.month, 1, 4) AS INTEGER)"
            }
        }
    }

    /// Whose rows a database holds: one province's run, or a merge of many (`motcua merge`),
    /// whose tables carry `province_code` first in every key (CONTRACT.md section 3.5). The
    /// views of both are generated here, from the same ratio list.
    public enum Layout: String, Sendable {
        case province, national

        /// The scopes with ratio views: a merged database adds the nation.
        var scopes: [Scope] {
            switch self {
            case .province: [.province, .agency, .field, .procedure]
            case .national: [.national, .province, .agency, .field, .procedure]
            }
        }

        /// Columns that come before the scope's own in a merged database's views.
        var partition: [(expression: String, name: String)] {
            switch self {
            case .province: []
            case .national: [("m.province_code", "province_code")]
            }
        }
    }

    /// Who the ratios are for.
    enum Scope: String, CaseIterable {
        case national, province, agency, field, procedure

        func columns(in layout: Layout) -> [(expression: String, name: String)] {
            switch self {
            case .national: []
            case .province: layout.partition
            case .agency: layout.partition + [("m.agency_code", "agency_code")]
            case .field: layout.partition + [("p.field", "field")]
            case .procedure: layout.partition + [("m.procedure_code", "procedure_code")]
            }
        }
    }

    /// `(numerator, denominator)` of each ratio of dossiers, as SQL sums of counters, from the
    /// one declaration of the ratios (`Ratio`).
    static let ratios: [(name: String, numerator: String, denominator: String)] = Ratio.ofDossiers.compactMap { ratio in
        ratio.fraction.map { fraction in
            (
                ratio.name, fraction.numerator.map(\.name).joined(separator: " + "),
                fraction.denominator.map(\.name).joined(separator: " + ")
            )
        }
    }

    static func ratioViewName(_ scope: Scope, _ grain: Grain) -> String {
        "\(scope.rawValue)_ratios_by_\(grain.rawValue)"
    }

    /// Drops every view `viewsSQL` creates (a patched database gets this version's views).
    static func dropViewsSQL(_ layout: Layout) -> String {
        var sql = "DROP VIEW IF EXISTS target_progress;\nDROP VIEW IF EXISTS portal_score_totals;\n"
        for scope in layout.scopes {
            for grain in Grain.allCases { sql += "DROP VIEW IF EXISTS \(ratioViewName(scope, grain));\n" }
        }
        return sql
    }

    /// `<scope>_ratios_by_<grain>`: the summed counts and every ratio, NULL on an empty
    /// denominator (NULLIF), for 4 scopes x 3 grains (5 scopes in a merged database, where
    /// every ratio is of counts summed over the provinces, never an average of their ratios).
    static func viewsSQL(_ layout: Layout) -> String {
        let names = MonthlyCounts.Column.allCases.map(\.name)
        var sql = ""
        for scope in layout.scopes {
            for grain in Grain.allCases {
                let groupColumns = [(grain.expression, grain.rawValue)] + scope.columns(in: layout)
                let select = groupColumns.map { "\($0.expression) AS \($0.name)" }.joined(separator: ", ")
                let sums = names.map { "SUM(m.\($0)) AS \($0)" }.joined(separator: ", ")
                let group = (1...groupColumns.count).map(String.init).joined(separator: ", ")
                let sameProvince = layout == .national ? " AND p.province_code = m.province_code" : ""
                let join = scope == .field ? " LEFT JOIN procedures p ON p.procedure_code = m.procedure_code\(sameProvince)" : ""
                let ratioColumns = ratios.map {
                    "1.0 * (\($0.numerator)) / NULLIF(\($0.denominator), 0) AS \($0.name)"
                }.joined(separator: ",\n    ")
                let outer = groupColumns.map(\.name).joined(separator: ", ")
                sql += """
                    CREATE VIEW \(ratioViewName(scope, grain)) AS
                    SELECT \(outer), \(names.joined(separator: ", ")),
                        \(ratioColumns)
                    FROM (SELECT \(select), \(sums) FROM monthly_counts m\(join) GROUP BY \(group));

                    """
            }
        }
        return sql + targetProgressSQL(layout)
    }

    /// `target_progress`: each target against the actual for its year. shortfall is
    /// max(0, ceil(target x denominator) - numerator), with a 1e-9 guard so that 0.6 x 10 counts
    /// as 6, not 7, despite binary floating point. In a merged database each province's targets
    /// meet its own actuals and the national targets (province_code '') the sums over all.
    static func targetProgressSQL(_ layout: Layout) -> String {
        // One pass over monthly_counts for the target years (MATERIALIZED: SQLite would otherwise
        // aggregate the table once per metric), then one row per metric.
        let sums = Set(ratios.flatMap { [$0.numerator, $0.denominator] }
            .flatMap { $0.components(separatedBy: " + ") })
            .sorted()
            .map { "SUM(\($0)) AS \($0)" }
            .joined(separator: ", ")
        let key = layout == .national ? "province_code, " : ""
        let actuals = ratios.map {
            "SELECT \(key)year, '\($0.name)' AS metric, \($0.numerator) AS numerator, \($0.denominator) AS denominator FROM years"
        } + [
            "SELECT \(key)year, '\(Ratio.proceduresLevel34Share.name)', level34_procedures, active_procedures FROM level_share"
        ]
        let year = "CAST(substr(month, 1, 4) AS INTEGER)"
        let targetYears = "WHERE \(year) IN (SELECT year FROM targets)"
        let years: String
        let levelShare: String
        switch layout {
        case .province:
            years = "SELECT \(year) AS year, \(sums) FROM monthly_counts \(targetYears) GROUP BY 1"
            levelShare = "SELECT year, level34_procedures, active_procedures FROM procedure_level_share"
        case .national:
            years = """
                SELECT province_code, \(year) AS year, \(sums) FROM monthly_counts \(targetYears) GROUP BY 1, 2
                    UNION ALL SELECT '', \(year), \(sums) FROM monthly_counts \(targetYears) GROUP BY 2
                """
            levelShare = """
                SELECT province_code, year, level34_procedures, active_procedures FROM procedure_level_share
                    UNION ALL SELECT '', year, SUM(level34_procedures), SUM(active_procedures)
                    FROM procedure_level_share GROUP BY year
                """
        }
        let sameProvince = layout == .national ? " AND a.province_code = t.province_code" : ""
        return """
            CREATE VIEW target_progress AS
            WITH years AS MATERIALIZED (
                \(years)
            ),
            level_share AS (
                \(levelShare)
            ),
            actuals AS (
                \(actuals.joined(separator: "\n    UNION ALL "))
            ),
            joined AS (
                SELECT \(key.isEmpty ? "" : "t.")\(key)t.year, t.scope, t.metric, t.target, a.numerator, a.denominator,
                    t.target * a.denominator AS needed_real
                FROM targets t LEFT JOIN actuals a ON a.year = t.year AND a.metric = t.metric\(sameProvince)
            )
            SELECT \(key)year, scope, metric, target,
                CASE WHEN denominator > 0 THEN 1.0 * numerator / denominator END AS actual,
                CASE WHEN denominator > 0 THEN (1.0 * numerator / denominator >= target) END AS met,
                CASE WHEN denominator > 0 THEN MAX(0,
                    CAST(needed_real AS INTEGER) + (needed_real - CAST(needed_real AS INTEGER) > 1e-9) - numerator)
                END AS shortfall,
                numerator, denominator
            FROM joined;

            """
    }
}
