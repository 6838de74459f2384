/// Dossiers still pending as of the as-of date, per agency and procedure (CONTRACT.md section 2).
///
/// Pending: status pending and received on or before A. Overdue: also a due date before A.
public struct Backlog: Sendable, Equatable {
    public struct Row: Sendable, Equatable {
        public var agencyCode: String
        public var procedureCode: String
        public var pending: Int
        public var pendingOverdue: Int
    }

    public private(set) var rows: [Row] = []

    public var pending: Int { rows.reduce(0) { $0 + $1.pending } }
    public var pendingOverdue: Int { rows.reduce(0) { $0 + $1.pendingOverdue } }

    /// - Complexity: O(n) over dossiers.
    public static func compute(ledger: DossierLedger, asOf: LocalDate) -> Backlog {
        var tally: [UInt64: (Int, Int)] = [:]
        for r in ledger.records where r.status == DossierStatus.pending.rawValue {
            guard LocalDateTime(millis: r.receivedAt).date <= asOf else { continue }
            let key = UInt64(r.agency) << 32 | UInt64(r.procedure)
            var t = tally[key, default: (0, 0)]
            t.0 += 1
            if r.dueAt != DossierRecord.none, LocalDateTime(millis: r.dueAt).date < asOf { t.1 += 1 }
            tally[key] = t
        }
        var result = Backlog()
        result.rows = tally.map { key, t in
            Row(
                agencyCode: ledger.agencies.codes[Int(key >> 32)],
                procedureCode: ledger.procedures.codes[Int(key & 0xFFFF_FFFF)], pending: t.0, pendingOverdue: t.1)
        }
        result.rows.sort { ($0.agencyCode, $0.procedureCode) < ($1.agencyCode, $1.procedureCode) }
        return result
    }
}
