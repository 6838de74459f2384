
/// Every figure of one run, computed from the kept dossiers and the catalog as of a date: the
/// marts the summary database and reports publish (STYLE.md habit 1).
public struct FigureSet: Sendable {
    public var asOf: LocalDate
    public var monthly: MonthlyCounts
    /// The counters behind `monthly`, kept with the store for the next run.
    public var totals: MonthlyTotals
    /// The `monthly` keys whose rows changed since the ledger was loaded (added, changed or
    /// gone), when the counts were updated by difference; `nil` when counted from scratch.
    public var changedMonthlyKeys: [MonthlyCounts.Key]?
    public var backlog: Backlog
    public var dormancy: Dormancy
    /// Form 06's half-month counters, kept with the store for the next run.
    public var form06Totals: Form06Totals
    /// The portal score's per-dossier counters, kept with the store for the next run.
    public var portalTotals: PortalTotals
    /// Form 06 for every period of section 2.1 that ends by A (CONTRACT.md 2.2).
    public var form06: Form06Table
    /// procedures_level34_share as of A.
    public var levelShare: ProcedureLevelShare
    /// procedures_level34_share for each year with dossiers or a target.
    public var levelShareByYear: [Int: ProcedureLevelShare]
    /// The portal's service index, estimated, for every calendar period (CONTRACT.md 2.3).
    public var portalScores: PortalScores
    /// Online services without online dossiers and upgrade candidates (CONTRACT.md 2.4).
    public var planner: PlannerLists

    /// - Parameters:
    ///   - previousTotals: the monthly totals of the ledger as it was loaded (kept with the
    ///     store); when given and still valid, the monthly counts are updated by difference.
    ///   - previousForm06: form 06's totals of the ledger as loaded, likewise (they hold no
    ///     catalog value, so they stay valid whatever the catalog says).
    ///   - previousPortal: the portal score's totals of the ledger as loaded, likewise (counted
    ///     again when the catalog changed a `has_fee` they used).
    public static func compute(
        ledger: DossierLedger, catalog: Catalog, asOf: LocalDate, targetYears: [Int] = [], threads: Int = 1,
        previousTotals: MonthlyTotals? = nil, previousForm06: Form06Totals? = nil, previousPortal: PortalTotals? = nil,
        portalScore: PortalScoreSettings = .defaults, upgradeMinDossiers: Int = PlannerLists.defaultUpgradeMinDossiers
    ) -> FigureSet {
        // Backlog and dormancy each read every dossier (the as-of date moves every night); with
        // two cores they read at once, beside the monthly counts.
        // swift-format-ignore: NeverUseForceTry
        let (backlog, dormancy) = try! WorkScope.both(
            together: threads > 1, { Backlog.compute(ledger: ledger, asOf: asOf) },
            { Dormancy.compute(ledger: ledger, catalog: catalog, asOf: asOf) })
        // The three sets of totals are counted side by side, each on its share of the cores,
        // rather than one after the other on every core: counted on two threads, each set's
        // two tables were then added up on one, 20 ms each with a core idle (perf timeline of
        // a 1M long-row run, issue 16); form 06's table costs as much as the other two.
        let share = max(1, threads / 2)
        // swift-format-ignore: NeverUseForceTry
        let ((totals, portalTotals), form06Totals) = try! WorkScope.both(
            together: threads > 1,
            {
                (
                    previousTotals?.updated(ledger: ledger, catalog: catalog)
                        ?? MonthlyTotals.count(ledger: ledger, catalog: catalog, threads: share),
                    previousPortal?.updated(ledger: ledger, catalog: catalog)
                        ?? PortalTotals.count(ledger: ledger, catalog: catalog, threads: share)
                )
            },
            { previousForm06?.updated(ledger: ledger) ?? Form06Totals.count(ledger: ledger, threads: max(1, threads - share)) })
        // The monthly table (every key looked up and sorted, on one core) and form 06's periods
        // are built beside the portal score and the planner lists, which read only the totals:
        // as a step of its own the monthly table left a core idle (perf timeline of a 2M
        // long-row run, issue 16). Form 06's periods go with the monthly table: beside the
        // portal score they made that side twice as long (1M long rows, perf: monthly table 25
        // ms; portal score 30 ms, planner lists 4 ms, form 06 21 ms).
        // swift-format-ignore: NeverUseForceTry
        let ((monthly, form06), (portalScores, planner)) = try! WorkScope.both(
            together: threads > 1,
            {
                (
                    MonthlyCounts(totals: totals, ledger: ledger),
                    Form06Table.compute(totals: form06Totals, ledger: ledger, catalog: catalog, asOf: asOf)
                )
            },
            {
                (
                    PortalScores.compute(
                        ledger: ledger, catalog: catalog, asOf: asOf, monthly: totals, form06: form06Totals,
                        portal: portalTotals, settings: portalScore),
                    PlannerLists.compute(ledger: ledger, catalog: catalog, asOf: asOf, upgradeMinDossiers: upgradeMinDossiers)
                )
            })
        var years = Set(targetYears)
        for key in monthly.keys { years.insert(key.month.year) }
        var byYear: [Int: ProcedureLevelShare] = [:]
        // A year after the as-of date's has no actual yet: its target stays unjudged (NULL).
        for year in years where year >= 1990 && year <= asOf.year {
            byYear[year] = ProcedureLevelShare.forYear(year, catalog: catalog, asOf: asOf)
        }
        return FigureSet(
            asOf: asOf, monthly: monthly, totals: totals,
            changedMonthlyKeys: totals.changedKeys.map { $0.map { MonthlyTotals.key($0, ledger: ledger) } },
            backlog: backlog, dormancy: dormancy, form06Totals: form06Totals, portalTotals: portalTotals,
            form06: form06,
            levelShare: ProcedureLevelShare.compute(catalog: catalog, on: asOf), levelShareByYear: byYear,
            portalScores: portalScores, planner: planner)
    }
}
