import MotcuaCore

/// How each table of a province's summary database becomes a table of a merged one (CONTRACT.md
/// section 3.5): the one place a table is declared for `motcua merge`. The merged table has the
/// province's columns with `province_code` first, in the columns and in the key; the rows of
/// inputs reported under the same province (the crosswalk joins old provinces) meet on the key
/// and combine column by column. A table added to the schema needs one entry here; a test fails
/// while one is missing.
extension SummaryDatabase {
    struct MergedTable {
        /// How two rows with the same key combine, per column; a column not named takes the
        /// later input's value (the order of `merge.inputs`, as later exports win in section 1.5).
        enum Rule {
            /// Counts: summed, exactly (integers).
            case sum
            /// Dates where the earliest tells: `min`, a NULL losing to a date.
            case earliest
            /// Dates where the latest tells: `max`, a NULL losing to a date.
            case latest
        }

        var name: String
        var rules: [String: Rule] = [:]
        /// Columns computed again from the merged columns once every input is in (a share of
        /// summed counts, never an average of shares).
        var derived: [String: String] = [:]
        /// A list of procedures with no dossier in the dormancy window (section 2): a procedure
        /// that another input of the same province used in its window (active in its catalog
        /// and on neither of its two lists) is dropped, since the merged province used it.
        var listsUnusedProcedures = false
    }

    static let mergedTables: [MergedTable] = [
        MergedTable(name: "monthly_counts", rules: rules(.sum, MonthlyCounts.Column.allCases.map(\.name))),
        MergedTable(name: "procedures"),
        MergedTable(name: "agencies"),
        MergedTable(name: "backlog", rules: rules(.sum, ["pending", "pending_overdue"])),
        MergedTable(
            name: "dormant_procedures", rules: ["dossiers_ever": .sum, "last_received_on": .latest],
            listsUnusedProcedures: true),
        MergedTable(
            name: "too_new_procedures", rules: ["dossiers_ever": .sum, "judgeable_on": .earliest],
            listsUnusedProcedures: true),
        MergedTable(
            name: "unknown_procedures",
            rules: ["dossiers": .sum, "first_received_on": .earliest, "last_received_on": .latest]),
        MergedTable(
            name: "procedure_level_share", rules: rules(.sum, ["active_procedures", "level34_procedures"]),
            derived: ["procedures_level34_share": "1.0 * level34_procedures / NULLIF(active_procedures, 0)"]),
        MergedTable(name: "targets"),
        MergedTable(name: "runs"),
        MergedTable(name: "run_inputs"),
        MergedTable(name: "rejects_summary"),
        // Form 06 is additive over agencies and fields (CONTRACT.md 2.2): a merged province's
        // form is the sum of its old provinces' rows for the same period, agency and field.
        MergedTable(name: "form06", rules: rules(.sum, Form06.Column.allCases.map(\.name))),
        MergedTable(name: "form06_by_level", rules: rules(.sum, Form06.Column.allCases.map(\.name))),
        // The planner lists of the old provinces of one new province are joined: counts summed,
        // the latest online dossier kept. A procedure one old province used online and another
        // did not stays listed (docs/summary-database.md says so).
        MergedTable(
            name: "online_services_without_online_dossiers",
            rules: ["dossiers_in_window": .sum, "last_online_received_on": .latest]),
        MergedTable(name: "upgrade_candidates", rules: rules(.sum, ["dossiers_last_year", "online_dossiers_last_year"])),
        // A score is not a sum: the numerators and denominators are summed (old provinces into
        // their new one), then ratio, points and dossiers needed are computed again from them
        // (`recomputePortalScores`), and national rows are added the same way.
        MergedTable(name: "portal_scores", rules: rules(.sum, ["numerator", "denominator"])),
    ]

    /// Tables a merge writes itself instead of copying: its own metadata (each input's is kept
    /// in `merge_inputs`), and `form06_periods`, a province database's own bookkeeping for
    /// patching form 06 at night (a merged database is built whole).
    static let tablesNotMerged: Set<String> = ["metadata", "form06_periods"]

    private static func rules(_ rule: MergedTable.Rule, _ columns: [String]) -> [String: MergedTable.Rule] {
        Dictionary(uniqueKeysWithValues: columns.map { ($0, rule) })
    }
}
