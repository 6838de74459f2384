/// The counters behind every period of form 06, by half-month, agency and procedure: kept with
/// the store so a nightly run updates them by difference, like `MonthlyTotals`, and never
/// rescans the history (issue 14).
///
/// Every period of section 2.1 starts on the 1st or the 15th and ends on the day before one, so
/// each column of the form is a difference of running sums over half-months of seven events
/// counted once per dossier:
/// - received online / in person or by post, in the half-month of received_at;
/// - settled early / on time / late, in the half-month of closed_at;
/// - "overdue from": the day after the due date (or the received date, if later), so that the
///   dossiers with a due date before E number the running sum at E;
/// - "overdue and settled from": the later of that day and the closed date.
///
/// Then for P = [S, E] (half-months s..e, `R` = received, `C` = settled, sums up to a
/// half-month): received in P = R(e) - R(s-1); carried over = R(s-1) - C(s-1); settled in P =
/// C(e) - C(s-1); pending = R(e) - C(e); overdue = due-mark(e) - due-settled-mark(e); in time =
/// pending - overdue. `Form06.placement(of:in:)` says the same per dossier; a property test
/// holds the two to each other.
///
/// Cost at 5M dossiers (docs/performance.md): four table look-ups per dossier on a full run; a
/// few hundred thousand keys of seven 32-bit counters (about 8 MB) in the store.
public struct Form06Totals: Sendable {
    /// The seven events, the counters of each key.
    enum Event: Int, CaseIterable {
        case receivedOnline, receivedOther, settledEarly, settledOnTime, settledLate, overdueFrom, overdueSettledFrom
    }

    public static let width = Event.allCases.count

    var table: CountTable

    init(table: CountTable) { self.table = table }

    /// Rebuilds stored totals: `keys[k]` owns counters `counts[k * width ..< (k + 1) * width]`.
    public init?(keys: [UInt64], counts: [Int32]) {
        guard let table = CountTable(width: Self.width, storedKeys: keys, storedCounts: counts) else { return nil }
        self.table = table
    }

    /// The keys in counter order (for storing).
    public var keys: [UInt64] { table.keysInSlotOrder }
    /// The counters, `width` per key, in key order (for storing).
    public var counts: [Int32] { table.counts }

    // MARK: - Counting

    /// Counts every kept dossier on `threads` threads.
    /// - Complexity: O(n) over dossiers, four integer-keyed look-ups each.
    public static func count(ledger: DossierLedger, threads: Int = 1, minimumPerThread: Int = 100_000) -> Form06Totals {
        if let dense = DensePeriodCounter(width: width, ledger: ledger, periods: halfMonths(of:)) {
            let counted = SharedRecords.count(ledger.records, into: dense, threads: threads, minimumPerThread: minimumPerThread) {
                r, counter in count(r, sign: 1, into: &counter)
            }
            return Form06Totals(table: counted.table())
        }
        let tables = SharedRecords.slices(of: ledger.records, threads: threads, minimumPerThread: minimumPerThread) { slice in
            var table = CountTable(width: width)
            for r in slice { count(r, sign: 1, into: &table) }
            return table
        }
        var total = tables[0]
        for table in tables.dropFirst() { total.add(table) }
        return Form06Totals(table: total)
    }

    /// The first and last half-month a dossier's events fall in (`count`), `nil` when it is
    /// counted nowhere: from its received day to the latest of its received, closed and
    /// overdue-from days.
    static func halfMonths(of r: DossierRecord) -> (Int32, Int32)? {
        guard Form06.isReceived(status: r.status) else { return nil }
        let receivedDay = LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay)
        var last = receivedDay
        if Form06.isClosed(r) { last = max(last, LocalDateTime.floorDiv(r.closedAt, LocalDateTime.millisPerDay)) }
        if r.dueAt != DossierRecord.none { last = max(last, LocalDateTime.floorDiv(r.dueAt, LocalDateTime.millisPerDay) + 1) }
        return (HalfMonthTable.halfMonth(ofDay: receivedDay), HalfMonthTable.halfMonth(ofDay: last))
    }

    /// These totals (counted over the ledger as loaded) brought up to date with the ledger's
    /// changes since.
    /// - Complexity: O(changed dossiers).
    public func updated(ledger: DossierLedger) -> Form06Totals {
        var table = self.table
        ledger.forEachChange { record, sign in Self.count(record, sign: sign, into: &table) }
        return Form06Totals(table: table)
    }

    /// Counts (`sign` 1) or uncounts (`sign` -1) one dossier; by (half-month, agency) alone when
    /// `byProcedure` is false (the portal score's supplement rule sums by agency: a table that
    /// small stays in cache, where the by-procedure one cost 0.1 s of a 5M-dossier night).
    @inline(__always)
    static func count<Counter: PeriodCounter>(
        _ r: DossierRecord, sign: Int32, into table: inout Counter, byProcedure: Bool = true
    ) {
        guard Form06.isReceived(status: r.status) else { return }
        let receivedDay = LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay)
        var s = table.slot(key: key(day: receivedDay, r, byProcedure))
        table.counts[s + (r.channel == Channel.online.rawValue ? Event.receivedOnline : .receivedOther).rawValue] += sign
        var closedDay: Int64?
        if Form06.isClosed(r) {
            let day = LocalDateTime.floorDiv(r.closedAt, LocalDateTime.millisPerDay)
            closedDay = day
            let event: Event =
                switch Form06.settlement(r) {
                case .settledEarly: .settledEarly
                case .settledLate: .settledLate
                default: .settledOnTime
                }
            s = table.slot(key: key(day: day, r, byProcedure))
            table.counts[s + event.rawValue] += sign
        }
        guard r.dueAt != DossierRecord.none else { return }
        let overdueFrom = max(receivedDay, LocalDateTime.floorDiv(r.dueAt, LocalDateTime.millisPerDay) + 1)
        s = table.slot(key: key(day: overdueFrom, r, byProcedure))
        table.counts[s + Event.overdueFrom.rawValue] += sign
        if let closedDay {
            s = table.slot(key: key(day: max(overdueFrom, closedDay), r, byProcedure))
            table.counts[s + Event.overdueSettledFrom.rawValue] += sign
        }
    }

    @inline(__always)
    static func key(day: Int64, _ r: DossierRecord, _ byProcedure: Bool = true) -> UInt64 {
        UInt64(UInt32(bitPattern: HalfMonthTable.halfMonth(ofDay: day))) << 40 | UInt64(r.agency) << 20
            | (byProcedure ? UInt64(r.procedure) : 0)
    }
}

/// Half-month of a day since 1970, from a table for 1990-2100 like `MonthTable`.
enum HalfMonthTable {
    static let firstDay = LocalDate.days(fromCivilYear: 1990, month: 1, day: 1)
    static let table: [Int32] = {
        let last = LocalDate.days(fromCivilYear: 2101, month: 2, day: 1)
        return (firstDay..<last).map { Period.halfMonth(of: LocalDate(daysSinceEpoch: Int32($0))) }
    }()

    @inline(__always)
    static func halfMonth(ofDay day: Int64) -> Int32 {
        let k = Int(day) - firstDay
        if k >= 0 && k < table.count { return table[k] }
        return Period.halfMonth(of: LocalDate(daysSinceEpoch: Int32(truncatingIfNeeded: day)))
    }
}
