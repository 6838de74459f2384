/// Form 06 for every period a run computes, per agency, admin level and field: the rows behind
/// the `form06` table (which sums the levels) and the workbook (which groups by them).
public struct Form06Table: Sendable, Equatable {
    /// The form's row heading: the catalog's admin level and field of the procedures counted
    /// (both empty for procedures not in the catalog).
    public struct Group: Hashable, Sendable, Comparable {
        public var adminLevel: AdminLevel?
        public var field: String

        public init(adminLevel: AdminLevel?, field: String) {
            self.adminLevel = adminLevel
            self.field = field
        }

        /// Provincial departments, districts, communes, ministries, then procedures without a
        /// level; fields in code-point order within a level.
        public static func < (a: Group, b: Group) -> Bool {
            (Self.rank(a.adminLevel), a.field) < (Self.rank(b.adminLevel), b.field)
        }

        static func rank(_ level: AdminLevel?) -> Int {
            guard let level else { return AdminLevel.allCases.count }
            return AdminLevel.allCases.firstIndex(of: level) ?? AdminLevel.allCases.count
        }
    }

    public struct Row: Sendable, Equatable {
        /// Index in `periods`.
        public var period: Int
        public var agencyCode: String
        public var group: Group
        /// The index of `group.field` in the table's `fields`: the `form06` table sums a row's
        /// levels by field, and an integer spares a string hash per row (issue 16: the sum's
        /// dictionary was a fifth of the database build).
        public var fieldRank: Int32
    }

    public private(set) var periods: [Period] = []
    /// The distinct fields of the rows' groups, in code-point order.
    public private(set) var fields: [String] = []
    /// Sorted by period, agency code, group; only rows with a count above zero.
    public private(set) var rows: [Row] = []
    /// `Form06.Column.allCases.count` counts per row, flattened.
    public private(set) var values: [Int] = []

    public static let width = Form06.Column.allCases.count

    public init() {}

    public subscript(row: Int, column: Form06.Column) -> Int { values[row * Self.width + column.rawValue] }

    public func values(ofRow row: Int) -> ArraySlice<Int> { values[(row * Self.width)..<((row + 1) * Self.width)] }

    // MARK: - From the totals

    /// Every period of `kinds` ending on or before `asOf` and on or after the earliest received
    /// date, from the half-month totals.
    /// - Complexity: O(keys + agency-and-group pairs x (half-months + periods)).
    public static func compute(
        totals: Form06Totals, ledger: DossierLedger, catalog: Catalog, asOf: LocalDate,
        kinds: [PeriodKind] = PeriodKind.allCases
    ) -> Form06Table {
        let (groups, procedureGroup) = Self.groups(ledger: ledger, catalog: catalog)
        let width = Form06Totals.width
        let received = [Form06Totals.Event.receivedOnline.rawValue, Form06Totals.Event.receivedOther.rawValue]
        var first = Int32.max
        totals.table.forEach { key, s in
            if totals.table.counts[s + received[0]] != 0 || totals.table.counts[s + received[1]] != 0 {
                first = min(first, Int32(truncatingIfNeeded: key >> 40))
            }
        }
        let last = Period.halfMonth(of: asOf)
        guard first <= last else { return Form06Table() }
        let earliest = LocalDate(
            daysSinceEpoch: Int32(
                LocalDate.days(fromCivilYear: Int(first / 24), month: Int(first % 24 / 2) + 1, day: first % 2 == 0 ? 1 : 15)))
        let periods = Period.all(kinds: kinds, endingBy: asOf, notBefore: earliest)
        let span = Int(last - first) + 1

        // Dense running sums per (agency, group) pair over the half-months first...last. The
        // pairs are found through a dense table of agencies x groups, not a dictionary: the
        // totals hold a key per (half-month, agency, procedure), 1.8M at 5M dossiers, and a
        // hashed look-up for each was most of a night's 65 ms here (perf).
        let agencyCount = ledger.agencies.count
        var pairIndex = [Int32](repeating: -1, count: max(agencyCount, 1) * max(groups.count, 1))
        var pairs: [(agency: UInt32, group: Int)] = []
        var sums: [Int32] = []
        totals.table.forEach { key, s in
            let agency = UInt32(key >> 20 & 0xFFFFF)
            let group = procedureGroup[Int(key & 0xFFFFF)]
            let slot = Int(agency) * groups.count + group
            let p: Int
            if pairIndex[slot] >= 0 {
                p = Int(pairIndex[slot])
            } else {
                p = pairs.count
                pairIndex[slot] = Int32(p)
                pairs.append((agency, group))
                sums.append(contentsOf: repeatElement(0, count: span * width))
            }
            let h = min(max(Int32(truncatingIfNeeded: key >> 40), first), last + 1)
            guard h <= last else { return }
            let base = (p * span + Int(h - first)) * width
            for c in 0..<width { sums[base + c] += totals.table.counts[s + c] }
        }
        for p in 0..<pairs.count {
            for h in 1..<span {
                let base = (p * span + h) * width
                for c in 0..<width { sums[base + c] += sums[base - width + c] }
            }
        }
        let codes = ledger.agencies.codes
        let order = pairs.indices.sorted { a, b in
            let (x, y) = (pairs[a], pairs[b])
            return codes[Int(x.agency)] != codes[Int(y.agency)]
                ? codes[Int(x.agency)] < codes[Int(y.agency)] : groups[x.group] < groups[y.group]
        }

        var result = Form06Table()
        result.periods = periods
        result.fields = Set(groups.map(\.field)).sorted()
        let rankOfField = Dictionary(uniqueKeysWithValues: result.fields.enumerated().map { ($1, Int32($0)) })
        let fieldRank = groups.map { rankOfField[$0.field] ?? 0 }
        var row = [Int](repeating: 0, count: width)
        var before = [Int](repeating: 0, count: width)
        for (k, period) in periods.enumerated() {
            let halves = period.halfMonths
            let s = Int(halves.lowerBound - first)
            let e = Int(halves.upperBound - first)
            for p in order {
                for c in 0..<width {
                    row[c] = Int(sums[(p * span + e) * width + c])
                    before[c] = s > 0 ? Int(sums[(p * span + s - 1) * width + c]) : 0
                }
                let v = columns(atEnd: row, beforeStart: before)
                guard v.contains(where: { $0 != 0 }) else { continue }
                result.rows.append(
                    Row(
                        period: k, agencyCode: codes[Int(pairs[p].agency)], group: groups[pairs[p].group],
                        fieldRank: fieldRank[pairs[p].group]))
                result.values += v
            }
        }
        return result
    }

    /// The distinct groups (level, field) of the ledger's procedures by the catalog, and each
    /// procedure's index among them.
    static func groups(ledger: DossierLedger, catalog: Catalog) -> (groups: [Group], ofProcedure: [Int]) {
        var groups: [Group] = []
        var groupIndex: [Group: Int] = [:]
        let ofProcedure: [Int] = ledger.procedures.codes.map { code in
            let p = catalog[code]
            let g = Group(adminLevel: p?.adminLevel, field: p?.field ?? "")
            if let k = groupIndex[g] { return k }
            groupIndex[g] = groups.count
            groups.append(g)
            return groups.count - 1
        }
        return (groups, ofProcedure)
    }

    /// The eleven columns from the running sums of the seven events at the period's last
    /// half-month and before its first.
    static func columns(atEnd e: [Int], beforeStart b: [Int]) -> [Int] {
        typealias E = Form06Totals.Event
        func settled(_ x: [Int]) -> Int { x[E.settledEarly.rawValue] + x[E.settledOnTime.rawValue] + x[E.settledLate.rawValue] }
        func received(_ x: [Int]) -> Int { x[E.receivedOnline.rawValue] + x[E.receivedOther.rawValue] }
        var v = [Int](repeating: 0, count: width)
        v[Form06.Column.receivedOnline.rawValue] = e[E.receivedOnline.rawValue] - b[E.receivedOnline.rawValue]
        v[Form06.Column.receivedOther.rawValue] = e[E.receivedOther.rawValue] - b[E.receivedOther.rawValue]
        v[Form06.Column.carriedOver.rawValue] = received(b) - settled(b)
        v[Form06.Column.receivedTotal.rawValue] = received(e) - settled(b)
        v[Form06.Column.settledEarly.rawValue] = e[E.settledEarly.rawValue] - b[E.settledEarly.rawValue]
        v[Form06.Column.settledOnTime.rawValue] = e[E.settledOnTime.rawValue] - b[E.settledOnTime.rawValue]
        v[Form06.Column.settledLate.rawValue] = e[E.settledLate.rawValue] - b[E.settledLate.rawValue]
        v[Form06.Column.settledTotal.rawValue] = settled(e) - settled(b)
        let pending = received(e) - settled(e)
        let overdue = e[E.overdueFrom.rawValue] - e[E.overdueSettledFrom.rawValue]
        v[Form06.Column.pendingTotal.rawValue] = pending
        v[Form06.Column.pendingOverdue.rawValue] = overdue
        v[Form06.Column.pendingInTime.rawValue] = pending - overdue
        return v
    }

    // MARK: - Per dossier, for any dates

    /// The form for one range of dates, by placing every dossier (`motcua report --from D --to
    /// D`, which the totals cannot answer: its bounds need not fall on half-months).
    /// - Complexity: O(n) over dossiers.
    public static func compute(ledger: DossierLedger, catalog: Catalog, from start: LocalDate, to end: LocalDate)
        -> (rows: [(agencyCode: String, group: Group)], values: [Int])
    {
        var tally: [UInt64: [Int]] = [:]
        let (groups, procedureGroup) = Self.groups(ledger: ledger, catalog: catalog)
        for r in ledger.records {
            guard let placement = Form06.placement(of: r, from: start, to: end) else { continue }
            let key = UInt64(r.agency) << 32 | UInt64(procedureGroup[Int(r.procedure)])
            var v = tally[key] ?? [Int](repeating: 0, count: width)
            for c in placement.columns { v[c.rawValue] += 1 }
            tally[key] = v
        }
        let codes = ledger.agencies.codes
        let keys = tally.keys.sorted { a, b in
            let (x, y) = (codes[Int(a >> 32)], codes[Int(b >> 32)])
            return x != y ? x < y : groups[Int(a & 0xFFFF_FFFF)] < groups[Int(b & 0xFFFF_FFFF)]
        }
        return (
            keys.map { (codes[Int($0 >> 32)], groups[Int($0 & 0xFFFF_FFFF)]) },
            keys.flatMap { tally[$0] ?? [] }
        )
    }

    // MARK: - Fingerprints

    /// Per period: its row count and a 64-bit FNV-1a digest of its rows (agency, level, field,
    /// counts), so a nightly run rewrites only the periods whose rows changed.
    /// - Complexity: O(rows).
    public func periodDigests() -> [(rows: Int, digest: UInt64)] {
        var result = [(rows: Int, digest: UInt64)](repeating: (0, 0xcbf2_9ce4_8422_2325), count: periods.count)
        func mix(_ h: inout UInt64, _ byte: UInt8) {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        for (k, row) in rows.enumerated() {
            var h = result[row.period].digest
            for b in row.agencyCode.utf8 { mix(&h, b) }
            mix(&h, 0xFF)
            mix(&h, UInt8(Group.rank(row.group.adminLevel)))
            for b in row.group.field.utf8 { mix(&h, b) }
            mix(&h, 0xFF)
            for v in values(ofRow: k) {
                var x = UInt64(bitPattern: Int64(v))
                for _ in 0..<8 {
                    mix(&h, UInt8(truncatingIfNeeded: x))
                    x >>= 8
                }
            }
            result[row.period] = (result[row.period].rows + 1, h)
        }
        return result
    }

    /// The rows of period `k`, as a range of row indices (rows are sorted by period).
    public func rows(ofPeriod k: Int) -> Range<Int> {
        var lo = 0
        var hi = rows.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if rows[mid].period < k { lo = mid + 1 } else { hi = mid }
        }
        var end = lo
        while end < rows.count && rows[end].period == k { end += 1 }
        return lo..<end
    }

    // MARK: - Checking

    /// The first row that breaks an identity of the form or holds a negative count: a bug in
    /// the figures, which stops the run with exit 70 and publishes nothing.
    public func check() throws(Form06Violation) {
        for k in rows.indices {
            if let detail = Form06.violation(values(ofRow: k)) {
                let row = rows[k]
                throw Form06Violation(period: periods[row.period], agencyCode: row.agencyCode, field: row.group.field, detail: detail)
            }
        }
    }

    /// For tests of the check: the same table with one count changed.
    public func altered(row: Int, column: Form06.Column, by delta: Int) -> Form06Table {
        var copy = self
        copy.values[row * Self.width + column.rawValue] += delta
        return copy
    }
}

/// A row of form 06 breaks one of its identities (CONTRACT.md 2.2): a bug, never bad input.
public struct Form06Violation: Error, CustomStringConvertible, Sendable, Equatable {
    public var period: Period
    public var agencyCode: String
    public var field: String
    public var detail: String

    public var description: String {
        "internal error: form 06 for period \(period.kind.rawValue) \(period.name), agency \(agencyCode), field "
            + "\"\(field)\": \(detail); nothing was published"
    }
}
