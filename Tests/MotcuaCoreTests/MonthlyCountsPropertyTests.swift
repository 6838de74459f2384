import Testing

@testable import MotcuaCore

/// Any roll-up of `monthly_counts` is a sum (CONTRACT.md section 2): for random ledgers, summing
/// the rows over a grouping equals counting the dossiers directly with a second, plain
/// implementation written here from the contract's words (civil dates as tuples, no `LocalDate`
/// arithmetic, no `Timeliness`, its own duplicate rule).
@Suite struct MonthlyCountsPropertyTests {
    typealias Column = MonthlyCounts.Column

    /// SplitMix64: a small seeded generator, so every failure can be replayed.
    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int {
            range.lowerBound + Int(next() % UInt64(range.count))
        }
        mutating func chance(_ percent: Int) -> Bool { int(0...99) < percent }
        mutating func pick<T>(_ items: [T]) -> T { items[int(0...(items.count - 1))] }
    }

    /// A local wall-clock time written as its civil parts.
    struct Civil: Comparable {
        var y, m, d, h, mi, s: Int
        var dateParts: [Int] { [y, m, d] }
        var isMidnight: Bool { h == 0 && mi == 0 && s == 0 }
        var monthLabel: String { "\(y)-\(m)" }
        static func < (a: Civil, b: Civil) -> Bool {
            [a.y, a.m, a.d, a.h, a.mi, a.s].lexicographicallyPrecedes([b.y, b.m, b.d, b.h, b.mi, b.s])
        }
        var local: LocalDateTime { at(y, m, d, h, mi, s) }
    }

    struct Row {
        var order: Int
        var id: String
        var agency: String
        var procedure: String
        var channel: Channel
        var status: DossierStatus
        var received: Civil
        var closed: Civil?
        var due: Civil?
        var level: Int?
        var paid: Bool?
        /// Seconds; `nil`: no updated_at.
        var updated: Int?

        var dossier: Dossier {
            Dossier(
                id: id, procedureCode: procedure, agencyCode: agency, channel: channel, status: status,
                receivedAt: received.local, closedAt: closed?.local, dueAt: due?.local,
                serviceLevel: MotcuaCoreTests.level(level), paidOnline: paid,
                updatedAt: updated.map { LocalDateTime(millis: Int64($0) * 1000) })
        }
    }

    static let agencies = ["A1", "A2", "A3"]
    static let procedures = ["P1", "P2", "P3", "P4", "PX"]
    /// The catalog's levels, written out: P4 has none, PX is not in the catalog.
    static let catalogLevels: [String: Int] = ["P1": 2, "P2": 3, "P3": 4]

    static func catalogFixture() throws -> Catalog {
        try catalog([
            procedure("P1", level: 2, published: day(2015, 1, 1)),
            procedure("P2", level: 3, published: day(2015, 1, 1)),
            procedure("P3", level: 4, published: day(2015, 1, 1)),
            procedure("P4", level: nil, published: day(2015, 1, 1)),
        ])
    }

    static func randomCivil(_ g: inout Generator, dateOnly: Bool) -> Civil {
        let y = g.int(2023...2024)
        let m = g.int(1...12)
        let d = g.int(1...28)
        if dateOnly { return Civil(y: y, m: m, d: d, h: 0, mi: 0, s: 0) }
        return Civil(y: y, m: m, d: d, h: g.int(0...23), mi: g.int(0...59), s: g.int(0...59))
    }

    static func randomRows(seed: UInt64, count: Int) -> [Row] {
        var g = Generator(state: seed)
        var rows: [Row] = []
        for k in 0..<count {
            let status = g.pick(DossierStatus.allCases)
            // A few pending rows carry a closed_at, which must not be counted.
            let hasClosed = status != .pending || g.chance(20)
            rows.append(
                Row(
                    order: k, id: "D\(g.int(0...159))", agency: g.pick(agencies), procedure: g.pick(procedures),
                    channel: g.pick(Channel.allCases), status: status,
                    received: randomCivil(&g, dateOnly: g.chance(20)),
                    closed: hasClosed ? randomCivil(&g, dateOnly: g.chance(20)) : nil,
                    due: g.chance(30) ? nil : randomCivil(&g, dateOnly: g.chance(50)),
                    level: g.chance(50) ? nil : g.int(1...4),
                    paid: g.chance(40) ? nil : g.chance(50),
                    updated: g.chance(30) ? nil : g.int(0...20)))
        }
        return rows
    }

    // MARK: - The reference implementation

    /// CONTRACT.md 1.5, written plainly: the greatest updated_at, none counting as oldest; ties to
    /// the later row.
    static func winners(_ rows: [Row]) -> [Row] {
        var best: [String: Row] = [:]
        for r in rows {
            guard let held = best[r.id] else {
                best[r.id] = r
                continue
            }
            let heldKey = (held.updated ?? Int.min, held.order)
            let rowKey = (r.updated ?? Int.min, r.order)
            if rowKey > heldKey { best[r.id] = r }
        }
        return Array(best.values)
    }

    struct Cell: Hashable {
        var month: String
        var agency: String
        var procedure: String
    }

    static func reference(_ rows: [Row]) -> [Cell: [Column: Int]] {
        var table: [Cell: [Column: Int]] = [:]
        func add(_ cell: Cell, _ column: Column) { table[cell, default: [:]][column, default: 0] += 1 }
        // A dossier not received is counted in no figure (CONTRACT.md section 1.1).
        for r in winners(rows) where r.status != .notReceived {
            let rc = Cell(month: r.received.monthLabel, agency: r.agency, procedure: r.procedure)
            add(rc, .received)
            switch r.channel {
            case .online: add(rc, .receivedOnline)
            case .postal: add(rc, .receivedPostal)
            case .inPerson: add(rc, .receivedInPerson)
            }
            let lvl = r.level ?? catalogLevels[r.procedure] ?? 0
            if lvl == 3 || lvl == 4 {
                add(rc, .receivedEligible)
                if r.channel == .online { add(rc, .receivedOnlineEligible) }
            }
            if lvl == 4 {
                add(rc, .receivedLevel4)
                if r.channel == .online { add(rc, .receivedOnlineLevel4) }
            }
            if let paid = r.paid {
                add(rc, .receivedPaidKnown)
                if paid { add(rc, .receivedPaidOnline) }
            }
            guard r.status != .pending, let closed = r.closed else { continue }
            let cc = Cell(month: closed.monthLabel, agency: r.agency, procedure: r.procedure)
            switch r.status {
            case .resolved:
                guard let due = r.due else {
                    add(cc, .resolvedNoDue)
                    break
                }
                let late: Bool
                if due.isMidnight {
                    // End of the due day: late only on a later date.
                    late = due.dateParts.lexicographicallyPrecedes(closed.dateParts)
                } else {
                    late = due < closed
                }
                if late {
                    add(cc, .resolvedLate)
                } else if closed.dateParts.lexicographicallyPrecedes(due.dateParts) {
                    add(cc, .resolvedEarly)
                } else {
                    add(cc, .resolvedOnTime)
                }
            case .rejected: add(cc, .rejected)
            case .withdrawn: add(cc, .withdrawn)
            case .pending, .notReceived: break
            }
        }
        return table
    }

    // MARK: - Grouping both sides

    static func grouped(_ counts: MonthlyCounts, by group: (Cell) -> String) -> [String: [Column: Int]] {
        var result: [String: [Column: Int]] = [:]
        for (row, key) in counts.keys.enumerated() {
            let cell = Cell(
                month: "\(key.month.year)-\(key.month.monthOfYear)", agency: key.agencyCode,
                procedure: key.procedureCode)
            for column in Column.allCases where counts[row, column] != 0 {
                result[group(cell), default: [:]][column, default: 0] += counts[row, column]
            }
        }
        return result
    }

    static func grouped(_ table: [Cell: [Column: Int]], by group: (Cell) -> String) -> [String: [Column: Int]] {
        var result: [String: [Column: Int]] = [:]
        for (cell, columns) in table {
            for (column, n) in columns where n != 0 {
                result[group(cell), default: [:]][column, default: 0] += n
            }
        }
        return result
    }

    @Test(arguments: 1...50)
    func rollUpsEqualDirectCounts(seed: Int) throws {
        let rows = Self.randomRows(seed: UInt64(seed), count: 200)
        let l = ledger(rows.map(\.dossier))
        let counts = MonthlyCounts.compute(ledger: l, catalog: try Self.catalogFixture())
        let table = Self.reference(rows)

        #expect(l.count == Set(rows.map(\.id)).count)
        let groupings: [(String, (Cell) -> String)] = [
            ("total", { _ in "all" }),
            ("agency", { $0.agency }),
            ("month", { $0.month }),
            ("procedure", { $0.procedure }),
            ("month-agency-procedure", { "\($0.month) \($0.agency) \($0.procedure)" }),
        ]
        for (name, group) in groupings {
            #expect(Self.grouped(counts, by: group) == Self.grouped(table, by: group), "seed \(seed), by \(name)")
        }
        // Received counts once per kept dossier.
        #expect(counts.total(.received) == l.count - l.notReceivedCount)
    }

    @Test func generatorIsDeterministic() {
        let a = Self.randomRows(seed: 7, count: 20).map(\.id)
        let b = Self.randomRows(seed: 7, count: 20).map(\.id)
        #expect(a == b)
    }
}
