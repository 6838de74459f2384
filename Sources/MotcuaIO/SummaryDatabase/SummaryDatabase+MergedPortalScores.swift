import MotcuaCore

/// The portal score of a merged database (CONTRACT.md 3.5: "portal scores are computed again at
/// province and national scope; a national score is not a sum of provincial ones").
///
/// Each criterion is a ratio: the merge sums its numerator and denominator (old provinces into
/// their new one by the crosswalk), adds national rows (`scope` 'national', `province_code` and
/// `agency_code` empty) summed over the provinces' own rows, and computes ratio, points, points
/// lost and dossiers needed again from the sums with the same Core formulas as a province run
/// (`PortalScoreSettings`). For the two procedure shares the sums count (province, procedure)
/// pairs: a procedure offered by two provinces counts once in each (docs/summary-database.md).
extension SummaryDatabase {
    static let nationalPortalRowsSQL = """
        INSERT INTO portal_scores (province_code, period, starts_on, ends_on, scope, agency_code, criterion,
            numerator, denominator, ratio, points, max_points, points_lost, dossiers_needed)
        SELECT '', period, starts_on, ends_on, 'national', '', criterion, SUM(numerator), SUM(denominator),
            NULL, 0, 0, 0, NULL
        FROM portal_scores WHERE scope = 'province'
        GROUP BY period, starts_on, ends_on, criterion;

        """

    /// Adds the national rows, then computes every row's ratio and points again from its counts.
    static func recomputePortalScores(_ db: SQLiteConnection, settings: PortalScoreSettings) throws {
        try db.execute(nationalPortalRowsSQL)
        let rows = try db.prepare(
            "SELECT province_code, period, scope, agency_code, criterion, numerator, denominator FROM portal_scores"
        ).query()
        let update = try db.prepare(
            "UPDATE portal_scores SET ratio = ?, points = ?, max_points = ?, points_lost = ?, dossiers_needed = ? "
                + "WHERE province_code = ? AND period = ? AND scope = ? AND agency_code = ? AND criterion = ?")
        for row in rows {
            guard row.count == 7, let name = row[4].text, let criterion = PortalCriterion(rawValue: name),
                let numerator = row[5].integer, let denominator = row[6].integer
            else { continue }
            let ratio = denominator > 0 ? Double(numerator) / Double(denominator) : nil
            let points = settings.points(criterion, ratio: ratio)
            let top = settings.max(criterion)
            let needed = settings.dossiersNeeded(criterion, numerator: numerator, denominator: denominator)
            try update.run([
                ratio.map { .real($0) } ?? .null, .real(points), .real(top), .real(top - points),
                needed.map { .integer($0) } ?? .null, row[0], row[1], row[2], row[3], row[4],
            ])
        }
    }
}
