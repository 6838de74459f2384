/// Every figure of one run, computed from the kept dossiers and the catalog as of a date: the
/// marts the summary database and reports publish (STYLE.md habit 1).
public struct FigureSet: Sendable {
    public var asOf: LocalDate
    public var monthly: MonthlyCounts
    public var backlog: Backlog
    public var dormancy: Dormancy
    /// procedures_level34_share as of A.
    public var levelShare: ProcedureLevelShare
    /// procedures_level34_share for each year with dossiers or a target.
    public var levelShareByYear: [Int: ProcedureLevelShare]

    public static func compute(
        ledger: DossierLedger, catalog: Catalog, asOf: LocalDate, targetYears: [Int] = [], threads: Int = 1
    ) -> FigureSet {
        let monthly = MonthlyCounts.compute(ledger: ledger, catalog: catalog, threads: threads)
        var years = Set(targetYears)
        for key in monthly.keys { years.insert(key.month.year) }
        var byYear: [Int: ProcedureLevelShare] = [:]
        // A year after the as-of date's has no actual yet: its target stays unjudged (NULL).
        for year in years where year >= 1990 && year <= asOf.year {
            byYear[year] = ProcedureLevelShare.forYear(year, catalog: catalog, asOf: asOf)
        }
        return FigureSet(
            asOf: asOf, monthly: monthly, backlog: Backlog.compute(ledger: ledger, asOf: asOf),
            dormancy: Dormancy.compute(ledger: ledger, catalog: catalog, asOf: asOf),
            levelShare: ProcedureLevelShare.compute(catalog: catalog, on: asOf), levelShareByYear: byYear)
    }
}
