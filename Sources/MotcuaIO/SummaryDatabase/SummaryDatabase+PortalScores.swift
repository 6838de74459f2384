import MotcuaCore

/// `portal_scores`, its view `portal_score_totals`, and the two planner lists (CONTRACT.md
/// sections 2.3, 2.4 and 3.1), generated from `PortalCriterion` and `PortalGroup`.
extension SummaryDatabase {
    static let portalTables = ["portal_scores", "online_services_without_online_dossiers", "upgrade_candidates"]

    static let portalTablesSQL = """
        CREATE TABLE portal_scores (
            period TEXT NOT NULL, starts_on TEXT NOT NULL, ends_on TEXT NOT NULL, scope TEXT NOT NULL,
            agency_code TEXT NOT NULL, criterion TEXT NOT NULL, numerator INTEGER NOT NULL,
            denominator INTEGER NOT NULL, ratio REAL, points REAL NOT NULL, max_points REAL NOT NULL,
            points_lost REAL NOT NULL, dossiers_needed INTEGER,
            PRIMARY KEY (period, scope, agency_code, criterion)
        ) WITHOUT ROWID;
        CREATE TABLE online_services_without_online_dossiers (
            procedure_code TEXT PRIMARY KEY, procedure_name TEXT, field TEXT, admin_level TEXT,
            online_level INTEGER, published_on TEXT NOT NULL, last_online_received_on TEXT,
            dossiers_in_window INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE upgrade_candidates (
            procedure_code TEXT PRIMARY KEY, procedure_name TEXT, field TEXT, admin_level TEXT,
            online_level INTEGER, dossiers_last_year INTEGER NOT NULL, online_dossiers_last_year INTEGER NOT NULL
        ) WITHOUT ROWID;

        """

    /// `portal_score_totals` (period, scope, agency_code, points, max_points): each group's sum,
    /// the capped groups' points and maximum both capped at `paymentCap`. The cap is a setting of
    /// the pipeline file, so the view is written by each publish with the run's cap.
    /// - Parameter byProvince: the merged database's view, keyed by `province_code` first.
    static func portalScoreTotalsSQL(paymentCap: Double, byProvince: Bool = false) -> String {
        "CREATE VIEW portal_score_totals AS\n" + portalScoreTotalsSelect(paymentCap: paymentCap, byProvince: byProvince) + ";\n\n"
    }

    /// The view's query; with `onePeriod`, for the period bound to its one parameter only. (SQLite
    /// does not push a `WHERE period = ?` on the view into its groups: each report's look-up
    /// summed every period's scores, 17 ms each at 5M dossiers.)
    static func portalScoreTotalsSelect(paymentCap: Double, byProvince: Bool = false, onePeriod: Bool = false) -> String {
        let key = (byProvince ? "province_code, " : "") + "period, scope, agency_code"
        let groupOf = PortalCriterion.allCases.map { "WHEN '\($0.name)' THEN '\($0.group.rawValue)'" }.joined(separator: " ")
        let capped = PortalGroup.allCases.filter(\.isCapped).map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let cap = String(paymentCap)
        return """
            SELECT \(key), SUM(points) AS points, SUM(max_points) AS max_points
            FROM (
                SELECT \(key), score_group,
                    CASE WHEN score_group IN (\(capped)) THEN MIN(\(cap), SUM(points)) ELSE SUM(points) END AS points,
                    CASE WHEN score_group IN (\(capped)) THEN MIN(\(cap), SUM(max_points)) ELSE SUM(max_points) END AS max_points
                FROM (SELECT *, CASE criterion \(groupOf) END AS score_group FROM portal_scores\(onePeriod ? " WHERE period = ?" : ""))
                GROUP BY \(key), score_group
            )
            GROUP BY \(key)
            """
    }

    /// The run's weights as `metadata` rows (`portal_score.online.full_at`, `portal_score.payment_cap`),
    /// so a report states the formulas the scores were computed with.
    static func portalScoreMetadata(_ s: PortalScoreSettings) -> [(String, String)] {
        PortalCriterion.allCases.flatMap { c in
            c.parameters.map { ("portal_score.\(c.name).\($0.name)", String(s.value(c, $0))) }
        } + [("portal_score.payment_cap", String(s.paymentCap))]
    }

    /// The weights `portalScoreMetadata` wrote; the defaults for any not there.
    static func portalScoreSettings(metadata: [String: String]) -> PortalScoreSettings {
        var s = PortalScoreSettings.defaults
        for c in PortalCriterion.allCases {
            for p in c.parameters {
                if let v = metadata["portal_score.\(c.name).\(p.name)"].flatMap(Double.init) { s.set(c, p, v) }
            }
        }
        if let cap = metadata["portal_score.payment_cap"].flatMap(Double.init) { s.paymentCap = cap }
        return s
    }

    static func writePortalScores(_ f: FigureSet, into db: SQLiteConnection) throws(SummaryDatabaseError) {
        let rows = f.portalScores.rows
        try SQLiteRowInserter(db, table: "portal_scores", columns: 13).insert(count: rows.count) {
            k, statement throws(SummaryDatabaseError) in
            let r = rows[k]
            try statement.bind(r.period.name, at: 1)
            try statement.bind(r.period.startsOn.description, at: 2)
            try statement.bind(r.period.endsOn.description, at: 3)
            try statement.bind(r.scope, at: 4)
            try statement.bind(r.agencyCode ?? "", at: 5)
            try statement.bind(r.criterion.name, at: 6)
            try statement.bind(r.numerator, at: 7)
            try statement.bind(r.denominator, at: 8)
            try statement.bind(r.ratio, at: 9)
            try statement.bind(r.points, at: 10)
            try statement.bind(r.maxPoints, at: 11)
            try statement.bind(r.pointsLost, at: 12)
            try statement.bind(r.dossiersNeeded, at: 13)
        }
        let online = try db.prepare("INSERT INTO online_services_without_online_dossiers VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for o in f.planner.onlineServicesWithoutOnlineDossiers {
            try online.run(
                procedureColumns(o.procedure) + [
                    o.lastOnlineReceivedOn.map { .text($0.description) } ?? .null, .integer(o.dossiersInWindow),
                ])
        }
        let upgrades = try db.prepare("INSERT INTO upgrade_candidates VALUES (?, ?, ?, ?, ?, ?, ?)")
        for u in f.planner.upgradeCandidates {
            try upgrades.run(
                Array(procedureColumns(u.procedure).prefix(5)) + [
                    .integer(u.dossiersLastYear), .integer(u.onlineDossiersLastYear),
                ])
        }
    }
}
