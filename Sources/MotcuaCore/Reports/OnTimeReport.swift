/// Timeliness for a year and the backlog on the as-of date (CONTRACT.md section 2: resolved
/// early, on time or late, counted in the month of `closed_at`; backlog as of A).
public struct OnTimeReport: Sendable, Equatable {
    /// Resolved dossiers of one agency (or the province) in the year, by timeliness.
    public struct Timeliness: Sendable, Equatable {
        public var early: Int
        public var onTime: Int
        public var late: Int
        /// Resolved without a due date: neither on time nor late.
        public var noDue: Int

        public init(early: Int, onTime: Int, late: Int, noDue: Int) {
            self.early = early
            self.onTime = onTime
            self.late = late
            self.noDue = noDue
        }

        /// Resolved with a due date: the denominator of both shares.
        public var withDue: Int { early + onTime + late }
        /// late / (early + on time + late); `nil` with no dossier resolved against a due date.
        public var lateShare: Double? { withDue > 0 ? Double(late) / Double(withDue) : nil }
        /// (early + on time) / (early + on time + late): `on_time_rate` of the summary database.
        public var onTimeRate: Double? {
            let counters: [MonthlyCounts.Column: Int] = [.resolvedEarly: early, .resolvedOnTime: onTime, .resolvedLate: late]
            return Ratio.onTimeRate.value { counters[$0] ?? 0 }
        }
    }

    public struct AgencyRow: Sendable, Equatable {
        public var code: String
        public var name: String
        public var counts: Timeliness

        public init(code: String, name: String, counts: Timeliness) {
            self.code = code
            self.name = name
            self.counts = counts
        }
    }

    /// Pending dossiers of one agency on the as-of date.
    public struct BacklogRow: Sendable, Equatable {
        public var code: String
        public var name: String
        public var pending: Int
        /// Pending past their due date.
        public var overdue: Int

        public init(code: String, name: String, pending: Int, overdue: Int) {
            self.code = code
            self.name = name
            self.pending = pending
            self.overdue = overdue
        }
    }

    public var year: Int
    public var asOf: String
    public var province: Timeliness
    /// Ranked by late share, highest first; ties by more late dossiers, then code; agencies
    /// with nothing resolved against a due date last.
    public private(set) var agencies: [AgencyRow]
    /// Most overdue first, then most pending, then code.
    public private(set) var backlog: [BacklogRow]

    public init(year: Int, asOf: String, province: Timeliness, agencies: [AgencyRow], backlog: [BacklogRow]) {
        self.year = year
        self.asOf = asOf
        self.province = province
        self.agencies = agencies.sorted { a, b in
            switch (a.counts.lateShare, b.counts.lateShare) {
            case (let x?, let y?) where x != y: return x > y
            case (.some, nil): return true
            case (nil, .some): return false
            default: return (b.counts.late, a.code) < (a.counts.late, b.code)
            }
        }
        self.backlog = backlog.sorted { ($1.overdue, $1.pending, $0.code) < ($0.overdue, $0.pending, $1.code) }
    }

    public var backlogPending: Int { backlog.reduce(0) { $0 + $1.pending } }
    public var backlogOverdue: Int { backlog.reduce(0) { $0 + $1.overdue } }
}
