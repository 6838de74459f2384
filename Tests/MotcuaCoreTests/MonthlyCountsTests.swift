import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2: the counts of `monthly_counts`, on a small fixture counted by hand.
@Suite struct MonthlyCountsTests {
    typealias Column = MonthlyCounts.Column

    /// P2 offered at level 2, P3 at level 3, P4 at level 4; PX is not in the catalog.
    static func fixtureCatalog() throws -> Catalog {
        try catalog([
            procedure("P2", level: 2, published: day(2020, 1, 1)),
            procedure("P3", level: 3, published: day(2020, 1, 1)),
            procedure("P4", level: 4, published: day(2020, 1, 1)),
        ])
    }

    /// Twelve dossiers; the comment on each says where it is counted.
    static func fixtureDossiers() throws -> [Dossier] {
        // D03 goes through the stager: 18:00 UTC on 31 January is 01:00 on 1 February local.
        let d03 = try #require(
            stage([
                .dossierID: "D03", .procedureCode: "P4", .agencyCode: "A1", .channel: "online",
                .receivedAt: "2024-01-31T18:00:00Z", .status: "pending",
            ]).dossier)
        return [
            // Jan A1 P3: online, eligible (catalog 3), paid true; resolved early in Jan.
            dossier(
                "D01", procedure: "P3", agency: "A1", channel: .online, status: .resolved,
                received: at(2024, 1, 5, 9, 0), closed: at(2024, 1, 10, 10, 0), due: at(2024, 1, 12), paid: true),
            // Jan A1 P3: in person, eligible, paid false; resolved on time in Feb (midnight due = end of day).
            dossier(
                "D02", procedure: "P3", agency: "A1", channel: .inPerson, status: .resolved,
                received: at(2024, 1, 20, 8, 0), closed: at(2024, 2, 2, 17, 0), due: at(2024, 2, 2), paid: false),
            // Feb A1 P4 (offset moved it from January): online, level 4 from the catalog; pending.
            d03,
            // Jan A1 P4: online, but its own level 2 overrides the catalog's 4: not eligible; rejected in Jan.
            dossier(
                "D04", procedure: "P4", agency: "A1", channel: .online, status: .rejected,
                received: at(2024, 1, 15, 10, 0), closed: at(2024, 1, 16, 9, 0), level: 2),
            // Feb A1 P3: postal, eligible, paid true; resolved late in Feb (one hour after a timed due).
            dossier(
                "D05", procedure: "P3", agency: "A1", channel: .postal, status: .resolved,
                received: at(2024, 2, 10, 8, 0), closed: at(2024, 2, 20, 12, 0), due: at(2024, 2, 20, 11, 0),
                paid: true),
            // Jan A2 P2: online, not eligible (catalog 2); withdrawn in Jan.
            dossier(
                "D06", procedure: "P2", agency: "A2", channel: .online, status: .withdrawn,
                received: at(2024, 1, 3, 8, 0), closed: at(2024, 1, 4, 8, 0)),
            // Jan A2 P3: in person, row level empty, catalog 3: eligible; resolved without due in March.
            dossier(
                "D07", procedure: "P3", agency: "A2", channel: .inPerson, status: .resolved,
                received: at(2024, 1, 8, 8, 0), closed: at(2024, 3, 1, 9, 0)),
            // Jan A2 PX: unknown procedure, no row level: not eligible, but received.
            dossier("D08", procedure: "PX", agency: "A2", channel: .online, status: .pending, received: at(2024, 1, 9)),
            // Feb A2 PX: unknown procedure with its own level 4: eligible and level 4; on time (closed at due).
            dossier(
                "D09", procedure: "PX", agency: "A2", channel: .online, status: .resolved,
                received: at(2024, 2, 14, 8, 0), closed: at(2024, 2, 14, 15, 0), due: at(2024, 2, 14, 15, 0),
                level: 4),
            // Jan A1 P2: online, own level 3 on a level-2 procedure: eligible; closed 1 Feb 03:00, due
            // 1 Feb (bare date): on time in Feb.
            dossier(
                "D10", procedure: "P2", agency: "A1", channel: .online, status: .resolved,
                received: at(2024, 1, 25, 10, 0), closed: at(2024, 2, 1, 3, 0), due: at(2024, 2, 1), level: 3),
            // Jan A1 P3: online, eligible, paid true; pending.
            dossier(
                "D11", procedure: "P3", agency: "A1", channel: .online, status: .pending,
                received: at(2024, 1, 10, 14, 0), paid: true),
            // Mar A2 P2: in person, pending with a closed_at: no closed count.
            dossier(
                "D12", procedure: "P2", agency: "A2", channel: .inPerson, status: .pending,
                received: at(2024, 3, 5), closed: at(2024, 3, 6)),
        ]
    }

    static func key(_ year: Int, _ month: Int, _ agency: String, _ procedure: String) -> MonthlyCounts.Key {
        MonthlyCounts.Key(month: Month(year: year, month: month), agencyCode: agency, procedureCode: procedure)
    }

    /// The counts of one key: the listed columns, every other column zero.
    static func row(_ nonZero: [Column: Int]) -> [Column: Int] {
        var all = Dictionary(uniqueKeysWithValues: Column.allCases.map { ($0, 0) })
        for (c, n) in nonZero { all[c] = n }
        return all
    }

    static let expected: [(MonthlyCounts.Key, [Column: Int])] = [
        (
            key(2024, 1, "A1", "P2"),
            row([.received: 1, .receivedOnline: 1, .receivedEligible: 1, .receivedOnlineEligible: 1])
        ),
        (
            key(2024, 1, "A1", "P3"),
            row([
                .received: 3, .receivedOnline: 2, .receivedInPerson: 1, .receivedEligible: 3,
                .receivedOnlineEligible: 2, .receivedPaidKnown: 3, .receivedPaidOnline: 2, .resolvedEarly: 1,
            ])
        ),
        (key(2024, 1, "A1", "P4"), row([.received: 1, .receivedOnline: 1, .rejected: 1])),
        (key(2024, 1, "A2", "P2"), row([.received: 1, .receivedOnline: 1, .withdrawn: 1])),
        (key(2024, 1, "A2", "P3"), row([.received: 1, .receivedInPerson: 1, .receivedEligible: 1])),
        (key(2024, 1, "A2", "PX"), row([.received: 1, .receivedOnline: 1])),
        (key(2024, 2, "A1", "P2"), row([.resolvedOnTime: 1])),
        (
            key(2024, 2, "A1", "P3"),
            row([
                .received: 1, .receivedPostal: 1, .receivedEligible: 1, .receivedPaidKnown: 1,
                .receivedPaidOnline: 1, .resolvedOnTime: 1, .resolvedLate: 1,
            ])
        ),
        (
            key(2024, 2, "A1", "P4"),
            row([
                .received: 1, .receivedOnline: 1, .receivedEligible: 1, .receivedOnlineEligible: 1,
                .receivedLevel4: 1, .receivedOnlineLevel4: 1,
            ])
        ),
        (
            key(2024, 2, "A2", "PX"),
            row([
                .received: 1, .receivedOnline: 1, .receivedEligible: 1, .receivedOnlineEligible: 1,
                .receivedLevel4: 1, .receivedOnlineLevel4: 1, .resolvedOnTime: 1,
            ])
        ),
        (key(2024, 3, "A2", "P2"), row([.received: 1, .receivedInPerson: 1])),
        (key(2024, 3, "A2", "P3"), row([.resolvedNoDue: 1])),
    ]

    static func compute() throws -> MonthlyCounts {
        MonthlyCounts.compute(ledger: ledger(try fixtureDossiers()), catalog: try fixtureCatalog())
    }

    @Test func keysAreTheExpectedOnesInOrder() throws {
        let counts = try Self.compute()
        #expect(counts.keys == Self.expected.map(\.0))
        #expect(counts.rowCount == 12)
        #expect(counts.values.count == 12 * MonthlyCounts.width)
    }

    @Test func everyRowCountedByHand() throws {
        let counts = try Self.compute()
        for (key, expectedRow) in Self.expected {
            #expect(counts.counts(for: key) == expectedRow, "\(key.month) \(key.agencyCode) \(key.procedureCode)")
        }
    }

    @Test func totals() throws {
        let counts = try Self.compute()
        let expectedTotals: [Column: Int] = [
            .received: 12, .receivedOnline: 8, .receivedPostal: 1, .receivedInPerson: 3,
            .receivedEligible: 8, .receivedOnlineEligible: 5, .receivedLevel4: 2, .receivedOnlineLevel4: 2,
            .receivedPaidKnown: 4, .receivedPaidOnline: 3, .resolvedEarly: 1, .resolvedOnTime: 3,
            .resolvedLate: 1, .resolvedNoDue: 1, .rejected: 1, .withdrawn: 1,
        ]
        for column in Column.allCases {
            #expect(counts.total(column) == expectedTotals[column], "\(column.name)")
        }
    }

    @Test func offsetMovesADossierIntoTheNextMonth() throws {
        let counts = try Self.compute()
        #expect(counts.counts(for: Self.key(2024, 1, "A1", "P4"))[.receivedLevel4] == 0)
        #expect(counts.counts(for: Self.key(2024, 2, "A1", "P4"))[.receivedLevel4] == 1)
    }

    @Test func absentKeyIsAllZero() throws {
        let counts = try Self.compute()
        #expect(counts.counts(for: Self.key(2023, 12, "A1", "P3")) == Self.row([:]))
    }

    @Test func emptyLedger() throws {
        let counts = MonthlyCounts.compute(ledger: DossierLedger(), catalog: try Self.fixtureCatalog())
        #expect(counts.rowCount == 0)
        #expect(counts.total(.received) == 0)
    }

    @Test func supersededRowsAreNotCounted() throws {
        let l = ledger([
            dossier("D1", procedure: "P3", channel: .inPerson, received: at(2024, 1, 5), updated: at(2024, 1, 5)),
            dossier(
                "D1", procedure: "P3", channel: .online, status: .resolved, received: at(2024, 1, 5),
                closed: at(2024, 2, 1), updated: at(2024, 2, 1)),
            dossier("D1", procedure: "P3", channel: .postal, received: at(2024, 1, 5), updated: nil),
        ])
        let counts = MonthlyCounts.compute(ledger: l, catalog: try Self.fixtureCatalog())
        #expect(counts.total(.received) == 1)
        #expect(counts.total(.receivedOnline) == 1)
        #expect(counts.total(.receivedInPerson) == 0)
        #expect(counts.total(.receivedPostal) == 0)
        #expect(counts.total(.resolvedNoDue) == 1)
    }

    @Test func columnNames() {
        #expect(
            Column.allCases.map(\.name) == [
                "received", "received_online", "received_postal", "received_in_person", "received_eligible",
                "received_online_eligible", "received_level4", "received_online_level4", "received_paid_known",
                "received_paid_online", "resolved_early", "resolved_on_time", "resolved_late", "resolved_no_due",
                "rejected", "withdrawn",
            ])
    }
}

@Suite struct MonthlyCountsParallelTests {
    /// Counting on several threads and adding the tables up gives the one-thread result.
    @Test func threadsAddUpToTheSingleThreadResult() {
        var ledger = DossierLedger()
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        let statuses: [DossierStatus] = [.pending, .resolved, .rejected, .withdrawn]
        for k in 0..<2_000 {
            let received = LocalDateTime(millis: Int64(19_700 + next(400)) * 86_400_000 + Int64(next(86_400_000)))
            let status = statuses[next(4)]
            let closed = status == .pending ? nil : LocalDateTime(millis: received.millis + Int64(next(30)) * 86_400_000)
            let due = next(3) == 0 ? nil : LocalDateTime(millis: received.millis + Int64(next(20)) * 86_400_000)
            ledger.merge(Dossier(
                id: "P\(k)", procedureCode: "1.\(next(7))", agencyCode: "A\(next(5))",
                channel: Channel(rawValue: UInt8(1 + next(3)))!, status: status, receivedAt: received,
                closedAt: closed, dueAt: due, serviceLevel: ServiceLevel(rawValue: UInt8(next(5))),
                paidOnline: next(3) == 0 ? nil : next(2) == 0))
        }
        let one = MonthlyCounts.compute(ledger: ledger, catalog: Catalog(), threads: 1)
        for threads in [2, 3, 8] {
            #expect(MonthlyCounts.compute(ledger: ledger, catalog: Catalog(), threads: threads, minimumPerThread: 10) == one)
        }
        #expect(one.total(.received) == 2_000)
    }
}
