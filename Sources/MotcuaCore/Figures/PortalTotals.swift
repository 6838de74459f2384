/// The counters behind the portal score's two rules that look at single dossiers (CONTRACT.md
/// 2.3), kept with the store so a nightly run updates them by difference, like `Form06Totals`,
/// instead of reading every dossier again (that pass was 70-85 ms of a 5M-dossier night, most
/// of the portal score's time):
/// - the supplement rule: form 06's seven events of the dossiers asked for documents more than
///   once, by (half-month, agency) (`Form06Totals.count(_:sign:into:byProcedure:)`);
/// - the financial obligations: dossiers with a fee (`fee_amount > 0`, or unknown and the
///   procedure `has_fee`) and those of them paid online, by (month received, agency).
///
/// The second depends on the catalog's `has_fee`, so the totals keep the flags they were counted
/// with (`feeProcedures`, by procedure index); when the catalog changes one, they are counted
/// again (`updated` returns nil), as `MonthlyTotals` does for service levels.
public struct PortalTotals: Sendable {
    /// Counters of an obligation key.
    enum Obligation: Int, CaseIterable {
        case all, paidOnline
    }

    var supplemented: CountTable
    var obligations: CountTable
    /// `has_fee` of each procedure (ledger index) as counted.
    public private(set) var feeProcedures: [Bool]

    init(supplemented: CountTable, obligations: CountTable, feeProcedures: [Bool]) {
        self.supplemented = supplemented
        self.obligations = obligations
        self.feeProcedures = feeProcedures
    }

    /// Rebuilds stored totals (`keys` and `counts` as `supplementedKeys` ... give them).
    public init?(
        feeProcedures: [Bool], supplementedKeys: [UInt64], supplementedCounts: [Int32], obligationKeys: [UInt64],
        obligationCounts: [Int32]
    ) {
        guard
            let supplemented = CountTable(
                width: Form06Totals.width, storedKeys: supplementedKeys, storedCounts: supplementedCounts),
            let obligations = CountTable(width: Obligation.allCases.count, storedKeys: obligationKeys, storedCounts: obligationCounts)
        else { return nil }
        self.init(supplemented: supplemented, obligations: obligations, feeProcedures: feeProcedures)
    }

    /// For storing: keys in counter order, and the counters.
    public var supplementedKeys: [UInt64] { supplemented.keysInSlotOrder }
    public var supplementedCounts: [Int32] { supplemented.counts }
    public var obligationKeys: [UInt64] { obligations.keysInSlotOrder }
    public var obligationCounts: [Int32] { obligations.counts }

    /// The catalog's `has_fee` for each of the ledger's procedures (false when not in it).
    static func feeFlags(ledger: DossierLedger, catalog: Catalog) -> [Bool] {
        ledger.procedures.codes.map { catalog[$0]?.hasFee ?? false }
    }

    // MARK: - Counting

    /// Counts every kept dossier on `threads` threads.
    /// - Complexity: O(n) over dossiers.
    public static func count(ledger: DossierLedger, catalog: Catalog, threads: Int = 1, minimumPerThread: Int = 100_000)
        -> PortalTotals
    {
        let fees = feeFlags(ledger: ledger, catalog: catalog)
        let counted = SharedRecords.slices(of: ledger.records, threads: threads, minimumPerThread: minimumPerThread) { slice in
            var totals = PortalTotals(
                supplemented: CountTable(width: Form06Totals.width), obligations: CountTable(width: Obligation.allCases.count),
                feeProcedures: fees)
            for r in slice { totals.count(r, sign: 1) }
            return totals
        }
        var total = counted[0]
        for part in counted.dropFirst() {
            total.supplemented.add(part.supplemented)
            total.obligations.add(part.obligations)
        }
        return total
    }

    /// These totals (counted over the ledger as loaded) brought up to date with the ledger's
    /// changes since; nil when the catalog changed a `has_fee` they were counted with (count
    /// them again).
    /// - Complexity: O(changed dossiers).
    public func updated(ledger: DossierLedger, catalog: Catalog) -> PortalTotals? {
        let fees = Self.feeFlags(ledger: ledger, catalog: catalog)
        guard fees.count >= feeProcedures.count, fees.prefix(feeProcedures.count).elementsEqual(feeProcedures) else {
            return nil
        }
        var totals = self
        totals.feeProcedures = fees
        ledger.forEachChange { record, sign in totals.count(record, sign: sign) }
        return totals
    }

    /// Counts (`sign` 1) or uncounts (`sign` -1) one dossier.
    @inline(__always)
    mutating func count(_ r: DossierRecord, sign: Int32) {
        guard r.isReceived else { return }
        if r.supplementRequests > 1 { Form06Totals.count(r, sign: sign, into: &supplemented, byProcedure: false) }
        guard r.feeAmount > 0 || (r.feeAmount == DossierRecord.unknownFee && feeProcedures[Int(r.procedure)]) else { return }
        let month = MonthTable.month(ofDay: LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay))
        let s = obligations.slot(key: Self.obligationKey(month: month, agency: r.agency))
        obligations.counts[s + Obligation.all.rawValue] += sign
        if r.paidOnline == 2 { obligations.counts[s + Obligation.paidOnline.rawValue] += sign }
    }

    @inline(__always)
    static func obligationKey(month: Int32, agency: UInt32) -> UInt64 {
        UInt64(UInt32(bitPattern: month)) << 40 | UInt64(agency) << 20
    }
}
