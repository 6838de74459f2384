
/// The monthly counters of every kept dossier, kept between runs so a nightly run updates them
/// by difference: it uncounts the records its exports replaced and counts their new state and
/// the new dossiers, instead of counting years of history again (issue 6).
///
/// Valid only with the catalog levels it was counted under: a dossier without its own service
/// level takes the catalog's, so a catalog that changed a level means counting from scratch.
public struct MonthlyTotals: Sendable {
    /// The catalog's online level (0 when absent) of each procedure in the ledger's dictionary,
    /// as counted.
    public private(set) var catalogLevels: [UInt8]
    var table: CountTable
    /// The keys whose counters `updated` changed (each once); `nil` for totals counted from
    /// scratch or read back, where every key may be new.
    public private(set) var changedKeys: [UInt64]?

    init(catalogLevels: [UInt8], table: CountTable, changedKeys: [UInt64]? = nil) {
        self.catalogLevels = catalogLevels
        self.table = table
        self.changedKeys = changedKeys
    }

    /// Rebuilds stored totals: `keys[k]` owns counters `counts[k * width ..< (k + 1) * width]`.
    public init?(catalogLevels: [UInt8], keys: [UInt64], counts: [Int32]) {
        guard let table = CountTable(width: MonthlyCounts.width, storedKeys: keys, storedCounts: counts) else { return nil }
        self.init(catalogLevels: catalogLevels, table: table)
    }

    /// A table key as the month, agency and procedure it stands for.
    public static func key(_ key: UInt64, ledger: DossierLedger) -> MonthlyCounts.Key {
        MonthlyCounts.Key(
            month: Month(index: Int32(truncatingIfNeeded: key >> 40)),
            agencyCode: ledger.agencies.codes[Int(key >> 20 & 0xFFFFF)],
            procedureCode: ledger.procedures.codes[Int(key & 0xFFFFF)])
    }

    /// The keys in counter order (for storing).
    public var keys: [UInt64] { table.keysInSlotOrder }
    /// The counters, `MonthlyCounts.width` per key, in key order (for storing).
    public var counts: [Int32] { table.counts }

    static func levels(ledger: DossierLedger, catalog: Catalog) -> [UInt8] {
        ledger.procedures.codes.map { catalog[$0]?.onlineLevel?.rawValue ?? 0 }
    }

    /// Counts every kept dossier.
    public static func count(ledger: DossierLedger, catalog: Catalog, threads: Int = 1, minimumPerThread: Int = 100_000)
        -> MonthlyTotals
    {
        let catalogLevel = levels(ledger: ledger, catalog: catalog)
        precondition(ledger.agencies.count < 1 << 20 && ledger.procedures.count < 1 << 20)
        if let dense = DensePeriodCounter(width: MonthlyCounts.width, ledger: ledger, periods: MonthlyCounts.months(of:)) {
            let counted = SharedRecords.count(ledger.records, into: dense, threads: threads, minimumPerThread: minimumPerThread) {
                r, counter in MonthlyCounts.count(r, sign: 1, catalogLevel: catalogLevel, into: &counter)
            }
            return MonthlyTotals(catalogLevels: catalogLevel, table: counted.table())
        }
        let tables = SharedRecords.slices(of: ledger.records, threads: threads, minimumPerThread: minimumPerThread) { slice in
            var table = CountTable()
            MonthlyCounts.count(slice, catalogLevel: catalogLevel, into: &table)
            return table
        }
        var total = tables[0]
        for table in tables.dropFirst() { total.add(table) }
        return MonthlyTotals(catalogLevels: catalogLevel, table: total)
    }

    /// These totals (counted over the ledger as loaded) brought up to date with the ledger's
    /// changes since; `nil` when the catalog now gives a counted procedure another level, and
    /// the caller must count from scratch.
    /// - Complexity: O(changed dossiers), not O(all dossiers).
    public func updated(ledger: DossierLedger, catalog: Catalog) -> MonthlyTotals? {
        let now = Self.levels(ledger: ledger, catalog: catalog)
        guard now.count >= catalogLevels.count, now[..<catalogLevels.count].elementsEqual(catalogLevels) else { return nil }
        var table = self.table
        // The keys touched are counted in a table of their own, so each is listed once.
        var touched = CountTable()
        ledger.forEachChange { record, sign in
            MonthlyCounts.count(record, sign: sign, catalogLevel: now, into: &table)
            MonthlyCounts.count(record, sign: sign, catalogLevel: now, into: &touched)
        }
        return MonthlyTotals(catalogLevels: now, table: table, changedKeys: touched.keysInSlotOrder)
    }
}
