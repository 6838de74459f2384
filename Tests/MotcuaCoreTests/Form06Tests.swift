import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2.2, form 06, for the official 2025-Q2: S = 2025-03-15, E = 2025-06-14.
/// Every expected count is written by hand from the comments of the fixture.
@Suite struct Form06Tests {
    static let q2 = Period(kind: .official, span: .quarter, year: 2025, number: 2)!

    static func fixtureCatalog() throws -> Catalog {
        var p1 = procedure("P1", published: day(2020, 1, 1), field: "Đất đai")
        p1.adminLevel = .district
        var p2 = procedure("P2", published: day(2020, 1, 1), field: "Tư pháp")
        p2.adminLevel = .province
        return try catalog([p1, p2])
    }

    static func fixture() -> DossierLedger {
        ledger([
            // F1: received before S, still open at S, no due date: carried over (6), pending in time (12).
            dossier("F1", received: at(2025, 3, 1)),
            // F2: received before S, closed exactly on S, due later: carried over (6), settled early (8).
            dossier("F2", status: .resolved, received: at(2025, 3, 10), closed: at(2025, 3, 15, 10), due: at(2025, 3, 20)),
            // F3: closed the day before S: out of scope.
            dossier("F3", status: .resolved, received: at(2025, 3, 1), closed: at(2025, 3, 14, 23, 59), due: at(2025, 3, 20)),
            // F4: received on S in person, closed on its due date (a bare date: end of day): 5, on time (9).
            dossier("F4", channel: .inPerson, status: .resolved, received: at(2025, 3, 15, 8), closed: at(2025, 3, 20, 16), due: at(2025, 3, 20)),
            // F5: received online on E, open, due later: 4, pending in time (12).
            dossier("F5", received: at(2025, 6, 14, 23), due: at(2025, 6, 20)),
            // F6: received online, closed on E after its due date: 4, settled late (10).
            dossier("F6", status: .resolved, received: at(2025, 5, 1), closed: at(2025, 6, 14, 17), due: at(2025, 6, 10)),
            // F7: received by post, closed the day after E: 5, pending (closed after E), due after E: in time (12).
            dossier("F7", channel: .postal, status: .resolved, received: at(2025, 5, 1), closed: at(2025, 6, 15, 9), due: at(2025, 6, 30)),
            // F8: withdrawn after its due time: 4, on time (9) whatever its dates.
            dossier("F8", status: .withdrawn, received: at(2025, 4, 1), closed: at(2025, 4, 2), due: at(2025, 4, 1, 8)),
            // F9: refused in person after its due time the same day: 5, late (10).
            dossier("F9", channel: .inPerson, status: .rejected, received: at(2025, 4, 1), closed: at(2025, 4, 10, 12), due: at(2025, 4, 10, 8)),
            // F10: resolved without a due date: 4, on time (9).
            dossier("F10", status: .resolved, received: at(2025, 4, 5), closed: at(2025, 4, 6)),
            // F11: open, due on E: 5, in time (12).
            dossier("F11", channel: .inPerson, received: at(2025, 6, 1), due: at(2025, 6, 14)),
            // F12: open, due the day before E (at its last minute): 4, overdue (13).
            dossier("F12", received: at(2025, 6, 1), due: at(2025, 6, 13, 23, 59)),
            // F13: received the day after E: out of scope.
            dossier("F13", received: at(2025, 6, 15)),
            // F14: received before S, open, due before S: carried over (6), overdue (13).
            dossier("F14", received: at(2025, 2, 1), due: at(2025, 3, 1)),
            // F15: agency A2, a procedure not in the catalog (empty field, no level): 5, in time (12).
            dossier("F15", procedure: "P9", agency: "A2", channel: .inPerson, received: at(2025, 4, 1)),
            // F16: P2 (province level, Tư pháp), online, closed before its due date: 4, early (8).
            dossier("F16", procedure: "P2", status: .resolved, received: at(2025, 5, 5), closed: at(2025, 5, 6), due: at(2025, 5, 10)),
            // F17: not received (refused at intake), with a received date inside P: in no column.
            dossier("F17", status: .notReceived, received: at(2025, 4, 1)),
            // F18: not received, still waiting for intake, no received date: in no column.
            Dossier(id: "F18", procedureCode: "P1", agencyCode: "A1", channel: .online, status: .notReceived, receivedAt: nil),
        ])
    }

    typealias C = Form06.Column

    /// The counts of (agency, field) in a computed table for `period`.
    static func counts(_ table: Form06Table, _ period: Period, agency: String, field: String) -> [C: Int] {
        guard let p = table.periods.firstIndex(of: period),
            let row = table.rows.firstIndex(where: { $0.period == p && $0.agencyCode == agency && $0.group.field == field })
        else { return [:] }
        return Dictionary(uniqueKeysWithValues: C.allCases.map { ($0, table[row, $0]) })
    }

    static let expectedA1Land: [C: Int] = [
        // 4: F5 F6 F8 F10 F12; 5: F4 F7 F9 F11; 6: F1 F2 F14.
        .receivedTotal: 12, .receivedOnline: 5, .receivedOther: 4, .carriedOver: 3,
        // 8: F2; 9: F4 F8 F10; 10: F6 F9.
        .settledTotal: 6, .settledEarly: 1, .settledOnTime: 3, .settledLate: 2,
        // 12: F1 F5 F7 F11; 13: F12 F14.
        .pendingTotal: 6, .pendingInTime: 4, .pendingOverdue: 2,
    ]
    static func only(_ values: [C: Int]) -> [C: Int] {
        Dictionary(uniqueKeysWithValues: C.allCases.map { ($0, values[$0] ?? 0) })
    }

    @Test func countedByHandFromTheTotals() throws {
        let ledger = Self.fixture()
        let totals = Form06Totals.count(ledger: ledger)
        let table = Form06Table.compute(totals: totals, ledger: ledger, catalog: try Self.fixtureCatalog(), asOf: day(2025, 6, 30))
        #expect(Self.counts(table, Self.q2, agency: "A1", field: "Đất đai") == Self.expectedA1Land)
        #expect(Self.counts(table, Self.q2, agency: "A1", field: "Tư pháp") == Self.only([
            .receivedTotal: 1, .receivedOnline: 1, .settledTotal: 1, .settledEarly: 1,
        ]))
        #expect(Self.counts(table, Self.q2, agency: "A2", field: "") == Self.only([
            .receivedTotal: 1, .receivedOther: 1, .pendingTotal: 1, .pendingInTime: 1,
        ]))
        #expect(table.rows.filter { table.periods[$0.period] == Self.q2 }.count == 3)
        // The level comes from the catalog: P1 district, P2 province, P9 none.
        let levels = table.rows.filter { table.periods[$0.period] == Self.q2 }.map(\.group.adminLevel)
        #expect(levels == [.province, .district, nil])
        try table.check()
    }

    @Test func countedByHandPerDossier() throws {
        let result = Form06Table.compute(
            ledger: Self.fixture(), catalog: try Self.fixtureCatalog(), from: Self.q2.startsOn, to: Self.q2.endsOn)
        #expect(result.rows.map(\.agencyCode) == ["A1", "A1", "A2"])
        let land = Array(result.values[(Form06Table.width)..<(2 * Form06Table.width)])
        #expect(Dictionary(uniqueKeysWithValues: C.allCases.map { ($0, land[$0.rawValue]) }) == Self.expectedA1Land)
    }

    @Test func outOfScopeDossiersHaveNoPlacement() {
        let l = Self.fixture()
        func placement(_ id: String) -> Form06.Placement? {
            Form06.placement(of: l.records[l.position(of: id)!], in: Self.q2)
        }
        #expect(placement("F3") == nil)
        #expect(placement("F13") == nil)
        #expect(placement("F2") == Form06.Placement(intake: .carriedOver, outcome: .settledEarly))
        #expect(placement("F7") == Form06.Placement(intake: .receivedOther, outcome: .pendingInTime))
        #expect(placement("F12")?.columns == [.receivedTotal, .receivedOnline, .pendingTotal, .pendingOverdue])
    }

    /// Every period from the totals equals placing every dossier one by one, on the fixture and
    /// on dossiers spread over two year ends and 29 February 2024.
    @Test func totalsAgreeWithPlacementForEveryPeriod() throws {
        var dossiers = Self.fixture()
        var seed: UInt64 = 14
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let start = day(2023, 11, 1)
        for k in 0..<600 {
            let received = LocalDateTime(date: start.adding(days: next(800)), hour: next(24), minute: 0, second: 0)
            let closed = LocalDateTime(millis: received.millis + Int64(next(120 * 24)) * 3_600_000)
            let due = next(4) == 0 ? nil : LocalDateTime(date: received.date.adding(days: next(60)), hour: next(2) * 17, minute: 0, second: 0)
            let status: DossierStatus = [.pending, .resolved, .resolved, .rejected, .withdrawn][next(5)]
            dossiers.merge(
                dossier(
                    "R\(k)", procedure: ["P1", "P2", "P9"][next(3)], agency: ["A1", "A2"][next(2)],
                    channel: [.online, .inPerson, .postal][next(3)], status: status, received: received,
                    closed: status == .pending ? nil : closed, due: due))
        }
        let cat = try Self.fixtureCatalog()
        let asOf = day(2025, 12, 31)
        let table = Form06Table.compute(totals: Form06Totals.count(ledger: dossiers, threads: 2, minimumPerThread: 100), ledger: dossiers, catalog: cat, asOf: asOf)
        try table.check()
        #expect(table.periods.count == Period.all(endingBy: asOf, notBefore: day(2023, 11, 1)).count)
        for (k, period) in table.periods.enumerated() {
            let direct = Form06Table.compute(ledger: dossiers, catalog: cat, from: period.startsOn, to: period.endsOn)
            let rows = table.rows.indices.filter { table.rows[$0].period == k }
            #expect(rows.map { table.rows[$0].agencyCode } == direct.rows.map(\.agencyCode), "\(period)")
            #expect(rows.map { table.rows[$0].group } == direct.rows.map(\.group), "\(period)")
            #expect(rows.flatMap { Array(table.values(ofRow: $0)) } == direct.values, "\(period)")
        }
    }

    @Test func nightlyDifferenceEqualsACountFromScratch() throws {
        let before = Self.fixture().reloaded()
        var after = before
        // F1 is settled late at night; F5 withdrawn; a new dossier arrives.
        after.merge(dossier("F1", status: .resolved, received: at(2025, 3, 1), closed: at(2025, 6, 1), updated: at(2025, 7, 1)))
        after.merge(dossier("F5", status: .withdrawn, received: at(2025, 6, 14, 23), closed: at(2025, 6, 16), due: at(2025, 6, 20), updated: at(2025, 7, 1)))
        after.merge(dossier("F20", received: at(2025, 6, 2)))
        let cat = try Self.fixtureCatalog()
        let updated = Form06Totals.count(ledger: before).updated(ledger: after)
        let fresh = Form06Totals.count(ledger: after)
        let asOf = day(2025, 12, 31)
        #expect(
            Form06Table.compute(totals: updated, ledger: after, catalog: cat, asOf: asOf)
                == Form06Table.compute(totals: fresh, ledger: after, catalog: cat, asOf: asOf))
    }

    @Test func everyIdentityIsChecked() throws {
        let ledger = Self.fixture()
        let table = Form06Table.compute(totals: Form06Totals.count(ledger: ledger), ledger: ledger, catalog: try Self.fixtureCatalog(), asOf: day(2025, 6, 30))
        try table.check()
        let row = try #require(table.rows.firstIndex { table.periods[$0.period] == Self.q2 && $0.group.field == "Đất đai" })
        // Breaking one part of each identity names that identity, the period, agency and field.
        // The last moves column 7 with one of its parts, so only 3 = 7 + 11 breaks.
        for (columns, identity) in [([C.receivedOnline], "3 = 4 + 5 + 6"), ([.settledLate], "7 = 8 + 9 + 10"), ([.pendingOverdue], "11 = 12 + 13"), ([.settledTotal, .settledEarly], "3 = 7 + 11")] {
            let broken = columns.reduce(table) { $0.altered(row: row, column: $1, by: 1) }
            let error = #expect(throws: Form06Violation.self) { try broken.check() }
            #expect(error?.period == Self.q2)
            #expect(error?.agencyCode == "A1")
            #expect(error?.field == "Đất đai")
            #expect(error?.detail.hasPrefix(identity) == true, "\(error?.detail ?? "")")
            #expect(error?.description.contains("2025-Q2") == true)
        }
        // A negative count is a bug too.
        let negative = table.altered(row: row, column: .pendingInTime, by: -5).altered(row: row, column: .pendingOverdue, by: 5)
        #expect(throws: Form06Violation.self) { try negative.check() }
    }
}
