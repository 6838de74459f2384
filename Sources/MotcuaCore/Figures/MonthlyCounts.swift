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

    /// Sums a column over all rows.
    public func total(_ column: Column) -> Int {
        var sum = 0
        for r in 0..<rowCount { sum += self[r, column] }
        return sum
    }

    // MARK: - Computing

    /// Aggregates the kept dossiers.
    /// - Complexity: O(n) over dossiers with integer-keyed hashing, plus O(r log r) to sort the
    ///   r output rows.
    public static func compute(ledger: DossierLedger, catalog: Catalog) -> MonthlyCounts {
        let catalogLevel: [UInt8] = ledger.procedures.codes.map { catalog[$0]?.onlineLevel?.rawValue ?? 0 }
        var slots: [UInt64: Int] = [:]
        var flat: [Int] = []
        let width = Self.width

        @inline(__always) func slot(_ month: Month, _ r: DossierRecord) -> Int {
            let key = UInt64(UInt32(bitPattern: month.index)) << 40 | UInt64(r.agency) << 20 | UInt64(r.procedure)
            if let s = slots[key] { return s }
            let s = flat.count
            slots[key] = s
            flat.append(contentsOf: repeatElement(0, count: width))
            return s
        }

        precondition(ledger.agencies.count < 1 << 20 && ledger.procedures.count < 1 << 20)
        for r in ledger.records {
            let received = LocalDateTime(millis: r.receivedAt)
            var s = slot(received.date.month, r)
            flat[s + Column.received.rawValue] += 1
            let online = r.channel == Channel.online.rawValue
            switch Channel(rawValue: r.channel) {
            case .online: flat[s + Column.receivedOnline.rawValue] += 1
            case .postal: flat[s + Column.receivedPostal.rawValue] += 1
            default: flat[s + Column.receivedInPerson.rawValue] += 1
            }
            let level = r.serviceLevel != 0 ? r.serviceLevel : catalogLevel[Int(r.procedure)]
            if level >= 3 {
                flat[s + Column.receivedEligible.rawValue] += 1
                if online { flat[s + Column.receivedOnlineEligible.rawValue] += 1 }
            }
            if level == 4 {
                flat[s + Column.receivedLevel4.rawValue] += 1
                if online { flat[s + Column.receivedOnlineLevel4.rawValue] += 1 }
            }
            if r.paidOnline != 0 {
                flat[s + Column.receivedPaidKnown.rawValue] += 1
                if r.paidOnline == 2 { flat[s + Column.receivedPaidOnline.rawValue] += 1 }
            }
            guard r.closedAt != DossierRecord.none, r.status != DossierStatus.pending.rawValue else { continue }
            let closed = LocalDateTime(millis: r.closedAt)
            s = slot(closed.date.month, r)
            switch DossierStatus(rawValue: r.status) {
            case .resolved:
                if r.dueAt == DossierRecord.none {
                    flat[s + Column.resolvedNoDue.rawValue] += 1
                } else {
                    switch Timeliness.classify(closed: closed, due: LocalDateTime(millis: r.dueAt)) {
                    case .early: flat[s + Column.resolvedEarly.rawValue] += 1
                    case .onTime: flat[s + Column.resolvedOnTime.rawValue] += 1
                    case .late: flat[s + Column.resolvedLate.rawValue] += 1
                    }
                }
            case .rejected: flat[s + Column.rejected.rawValue] += 1
            case .withdrawn: flat[s + Column.withdrawn.rawValue] += 1
            default: break
            }
        }

        var rows: [(Key, Int)] = slots.map { key, s in
            let month = Month(index: Int32(truncatingIfNeeded: key >> 40))
            let agency = ledger.agencies.codes[Int(key >> 20 & 0xFFFFF)]
            let procedure = ledger.procedures.codes[Int(key & 0xFFFFF)]
            return (Key(month: month, agencyCode: agency, procedureCode: procedure), s)
        }
        rows.sort { $0.0 < $1.0 }
        var result = MonthlyCounts()
        result.keys.reserveCapacity(rows.count)
        result.values.reserveCapacity(rows.count * width)
        for (key, s) in rows {
            result.keys.append(key)
            result.values.append(contentsOf: flat[s..<(s + width)])
        }
        return result
    }
}
