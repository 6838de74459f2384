/// The share of catalog procedures offered at level 3 or 4 (CONTRACT.md section 2,
/// procedures_level34_share): among procedures active on a date, those whose online_level is 3/4.
public struct ProcedureLevelShare: Sendable, Equatable {
    public var on: LocalDate
    public var activeProcedures: Int
    public var level34Procedures: Int

    /// `nil` when no procedure is active (an empty denominator).
    public var share: Double? {
        activeProcedures == 0 ? nil : Double(level34Procedures) / Double(activeProcedures)
    }

    public static func compute(catalog: Catalog, on date: LocalDate) -> ProcedureLevelShare {
        var active = 0
        var online = 0
        for p in catalog.procedures where p.isActive(on: date) {
            active += 1
            if p.onlineLevel?.isOnline == true { online += 1 }
        }
        return ProcedureLevelShare(on: date, activeProcedures: active, level34Procedures: online)
    }

    /// The share for a target year: as of 31 December of that year, or the as-of date when the
    /// year is not over yet. The catalog holds today's online levels only, so earlier years are
    /// judged with today's levels (documented in docs/summary-database.md).
    public static func forYear(_ year: Int, catalog: Catalog, asOf: LocalDate) -> ProcedureLevelShare {
        // swift-format-ignore: NeverForceUnwrap
        let yearEnd = LocalDate(year: year, month: 12, day: 31)!
        return compute(catalog: catalog, on: min(yearEnd, asOf))
    }
}
