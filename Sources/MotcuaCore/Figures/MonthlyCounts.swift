import Foundation

/// The counts of CONTRACT.md section 2 per month, agency and procedure: the `monthly_counts`
/// mart. Every roll-up (year, agency, field, province) is a sum of these rows.
///
/// Received-based columns are counted in the month of received_at, closed-based ones in the
/// month of closed_at, so one row can hold both kinds for different dossiers.
public struct MonthlyCounts: Sendable, Equatable {
    public enum Column: Int, CaseIterable, Sendable {
        case received, receivedOnline, receivedPostal, receivedInPerson
        case receivedEligible, receivedOnlineEligible, receivedLevel4, receivedOnlineLevel4
        case receivedPaidKnown, receivedPaidOnline
        case resolvedEarly, resolvedOnTime, resolvedLate, resolvedNoDue, rejected, withdrawn

        /// The column name in the summary database.
        public var name: String {
            switch self {
            case .received: "received"
            case .receivedOnline: "received_online"
            case .receivedPostal: "received_postal"
            case .receivedInPerson: "received_in_person"
            case .receivedEligible: "received_eligible"
            case .receivedOnlineEligible: "received_online_eligible"
            case .receivedLevel4: "received_level4"
            case .receivedOnlineLevel4: "received_online_level4"
            case .receivedPaidKnown: "received_paid_known"
            case .receivedPaidOnline: "received_paid_online"
            case .resolvedEarly: "resolved_early"
            case .resolvedOnTime: "resolved_on_time"
            case .resolvedLate: "resolved_late"
            case .resolvedNoDue: "resolved_no_due"
            case .rejected: "rejected"
            case .withdrawn: "withdrawn"
            }
        }
    }

    public struct Key: Hashable, Comparable, Sendable {
        public var month: Month
        public var agencyCode: String
        public var procedureCode: String

        public static func < (a: Key, b: Key) -> Bool {
            (a.month, a.agencyCode, a.procedureCode) < (b.month, b.agencyCode, b.procedureCode)
        }
    }

    /// Row keys, sorted by month, agency code, procedure code.
    public private(set) var keys: [Key] = []
    /// `Column.allCases.count` counts per row, flattened.
    public private(set) var values: [Int] = []

    public static let width = Column.allCases.count

    public subscript(row: Int, column: Column) -> Int { values[row * Self.width + column.rawValue] }

    public var rowCount: Int { keys.count }

    /// The counts of one key, all zero when absent (for tests and reports).
    public func counts(for key: Key) -> [Column: Int] {
        guard let row = keys.firstIndex(of: key) else {
            return Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0, 0) })
        }
        return Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0, self[row, $0]) })
    }

    /// The row of `key`, if any (binary search: rows are sorted).
    public func row(of key: Key) -> Int? {
        var lo = 0
        var hi = keys.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if keys[mid] < key { lo = mid + 1 } else { hi = mid }
        }
        return lo < keys.count && keys[lo] == key ? lo : nil
    }

    /// Sums a column over all rows.
    public func total(_ column: Column) -> Int {
        var sum = 0
        for r in 0..<rowCount { sum += self[r, column] }
        return sum
    }

    // MARK: - Computing

    /// Aggregates the kept dossiers, on `threads` threads (each counts a share of the records into
    /// its own table; the tables are then added up).
    /// - Complexity: O(n) over dossiers with integer-keyed hashing, plus O(r log r) to sort the
    ///   r output rows.
    public static func compute(
        ledger: DossierLedger, catalog: Catalog, threads: Int = 1, minimumPerThread: Int = 100_000
    ) -> MonthlyCounts {
        MonthlyCounts(totals: MonthlyTotals.count(ledger: ledger, catalog: catalog, threads: threads, minimumPerThread: minimumPerThread), ledger: ledger)
    }

    /// The rows of `totals`, sorted, with codes decoded. A key whose counters are all zero (every
    /// dossier it counted was replaced since) is left out, as a count from scratch would.
    public init(totals: MonthlyTotals, ledger: DossierLedger) {
        let table = totals.table
        let width = Self.width
        // Rows sort by month, agency code, procedure code: the codes are ranked once, so the
        // sort compares integers, not strings (it was most of this function at 100k rows).
        let agencyRank = ledger.agencies.ranks
        let procedureRank = ledger.procedures.ranks
        var rows: [(order: UInt64, key: UInt64, slot: Int)] = []
        rows.reserveCapacity(table.count)
        table.forEach { key, s in
            var any: Int32 = 0
            for c in 0..<width { any |= table.counts[s + c] }
            guard any != 0 else { return }
            let order =
                (key >> 40) << 40 | UInt64(agencyRank[Int(key >> 20 & 0xFFFFF)]) << 20
                | UInt64(procedureRank[Int(key & 0xFFFFF)])
            rows.append((order, key, s))
        }
        rows.sort { $0.order < $1.order }
        keys.reserveCapacity(rows.count)
        values.reserveCapacity(rows.count * width)
        for row in rows {
            keys.append(MonthlyTotals.key(row.key, ledger: ledger))
            for c in 0..<width { values.append(Int(table.counts[row.slot + c])) }
        }
    }

    private init() {}

    /// Counts (`sign` 1) or uncounts (`sign` -1) one record into `table`.
    @inline(__always)
    static func count<Counter: PeriodCounter>(
        _ r: DossierRecord, sign: Int32, catalogLevel: [UInt8], into table: inout Counter
    ) {
        // A dossier not received is counted in no figure (CONTRACT.md section 1.1).
        guard r.isReceived else { return }
        let receivedDay = LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay)
        var s = table.slot(key: CountTable.key(month: MonthTable.month(ofDay: receivedDay), agency: r.agency, procedure: r.procedure))
        table.counts[s + Column.received.rawValue] += sign
        let online = r.channel == Channel.online.rawValue
        if online {
            table.counts[s + Column.receivedOnline.rawValue] += sign
        } else if r.channel == Channel.postal.rawValue {
            table.counts[s + Column.receivedPostal.rawValue] += sign
        } else {
            table.counts[s + Column.receivedInPerson.rawValue] += sign
        }
        let level = r.serviceLevel != 0 ? r.serviceLevel : catalogLevel[Int(r.procedure)]
        if level >= 3 {
            table.counts[s + Column.receivedEligible.rawValue] += sign
            if online { table.counts[s + Column.receivedOnlineEligible.rawValue] += sign }
        }
        if level == 4 {
            table.counts[s + Column.receivedLevel4.rawValue] += sign
            if online { table.counts[s + Column.receivedOnlineLevel4.rawValue] += sign }
        }
        if r.paidOnline != 0 {
            table.counts[s + Column.receivedPaidKnown.rawValue] += sign
            if r.paidOnline == 2 { table.counts[s + Column.receivedPaidOnline.rawValue] += sign }
        }
        guard r.closedAt != DossierRecord.none, r.status != DossierStatus.pending.rawValue else { return }
        let closedDay = LocalDateTime.floorDiv(r.closedAt, LocalDateTime.millisPerDay)
        s = table.slot(key: CountTable.key(month: MonthTable.month(ofDay: closedDay), agency: r.agency, procedure: r.procedure))
        switch DossierStatus(rawValue: r.status) {
        case .resolved:
            if r.dueAt == DossierRecord.none {
                table.counts[s + Column.resolvedNoDue.rawValue] += sign
            } else {
                switch Timeliness.classify(closed: LocalDateTime(millis: r.closedAt), due: LocalDateTime(millis: r.dueAt)) {
                case .early: table.counts[s + Column.resolvedEarly.rawValue] += sign
                case .onTime: table.counts[s + Column.resolvedOnTime.rawValue] += sign
                case .late: table.counts[s + Column.resolvedLate.rawValue] += sign
                }
            }
        case .rejected: table.counts[s + Column.rejected.rawValue] += sign
        case .withdrawn: table.counts[s + Column.withdrawn.rawValue] += sign
        default: break
        }
    }

    /// Counts a share of the records into `table`.
    static func count(_ records: UnsafeBufferPointer<DossierRecord>, catalogLevel: [UInt8], into table: inout CountTable) {
        for r in records { count(r, sign: 1, catalogLevel: catalogLevel, into: &table) }
    }

    /// The first and last month a dossier is counted in (`count`), `nil` when it is counted
    /// nowhere: the month received, and the month closed when that counts.
    static func months(of r: DossierRecord) -> (Int32, Int32)? {
        guard r.isReceived else { return nil }
        let received = MonthTable.month(ofDay: LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay))
        guard r.closedAt != DossierRecord.none, r.status != DossierStatus.pending.rawValue else { return (received, received) }
        let closed = MonthTable.month(ofDay: LocalDateTime.floorDiv(r.closedAt, LocalDateTime.millisPerDay))
        return (min(received, closed), max(received, closed))
    }
}

/// Month index of a day since 1970, from a table for 1990-2100 (the contract's date range), so
/// bucketing a record costs an array read instead of a civil-calendar division chain.
enum MonthTable {
    static let firstDay = LocalDate.days(fromCivilYear: 1990, month: 1, day: 1)
    static let table: [Int32] = {
        let last = LocalDate.days(fromCivilYear: 2101, month: 1, day: 1)
        return (firstDay..<last).map { LocalDate(daysSinceEpoch: Int32($0)).month.index }
    }()

    @inline(__always)
    static func month(ofDay day: Int64) -> Int32 {
        let k = Int(day) - firstDay
        if k >= 0 && k < table.count { return table[k] }
        return LocalDate(daysSinceEpoch: Int32(truncatingIfNeeded: day)).month.index
    }
}
