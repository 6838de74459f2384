
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
    /// procedures_level34_share as of A.
    public var levelShare: ProcedureLevelShare
    /// procedures_level34_share for each year with dossiers or a target.
    public var levelShareByYear: [Int: ProcedureLevelShare]

    /// - Parameter previousTotals: the monthly totals of the ledger as it was loaded (kept with
    ///   the store); when given and still valid, the monthly counts are updated by difference.
    public static func compute(
        ledger: DossierLedger, catalog: Catalog, asOf: LocalDate, targetYears: [Int] = [], threads: Int = 1,
        previousTotals: MonthlyTotals? = nil
    ) -> FigureSet {
        // Backlog and dormancy each read every dossier (the as-of date moves every night); with
        // two cores they read at once, beside the monthly counts.
        // swift-format-ignore: NeverUseForceTry
        let (backlog, dormancy) = try! WorkScope.both(
            together: threads > 1, { Backlog.compute(ledger: ledger, asOf: asOf) },
            { Dormancy.compute(ledger: ledger, catalog: catalog, asOf: asOf) })
        let totals =
            previousTotals?.updated(ledger: ledger, catalog: catalog)
            ?? MonthlyTotals.count(ledger: ledger, catalog: catalog, threads: threads)
        let monthly = MonthlyCounts(totals: totals, ledger: ledger)
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
            backlog: backlog, dormancy: dormancy,
            levelShare: ProcedureLevelShare.compute(catalog: catalog, on: asOf), levelShareByYear: byYear)
    }
}
