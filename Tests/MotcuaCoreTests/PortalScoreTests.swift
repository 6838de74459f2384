import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2.3, the portal's service index estimated, on a small fixture as of
/// 2025-03-31: calendar periods 2025-02, 2025-03 and 2025-Q1. Every expected figure is counted
/// by hand from the comments of the fixture.
@Suite struct PortalScoreTests {
    static let asOf = day(2025, 3, 31)
    static let march = Period(kind: .calendar, span: .month, year: 2025, number: 3)!
    static let q1 = Period(kind: .calendar, span: .quarter, year: 2025, number: 1)!

    static func fixtureCatalog() throws -> Catalog {
        var p1 = procedure("P1", level: 4, published: day(2020, 1, 1))
        p1.hasFee = true
        let p2 = procedure("P2", level: 2, published: day(2020, 1, 1))
        // P3: a fee-bearing procedure with no dossier: in the province's procedure shares only.
        var p3 = procedure("P3", level: 4, published: day(2020, 1, 1))
        p3.hasFee = true
        return try catalog([p1, p2, p3])
    }

    static func fixtureLedger() -> DossierLedger {
        var d1 = dossier(
            "D1", procedure: "P1", status: .resolved, received: at(2025, 3, 2), closed: at(2025, 3, 3), due: at(2025, 3, 5),
            paid: true)
        // D1: A1, P1 (level 4), online, settled early: progress yes; fee unknown on a fee procedure:
        // an obligation, paid online.
        d1.feeAmount = nil
        var d2 = dossier(
            "D2", procedure: "P1", channel: .inPerson, status: .resolved, received: at(2025, 3, 2), closed: at(2025, 3, 4),
            due: at(2025, 3, 5))
        // D2: A1, P1, in person, settled early by its dates but with two supplement requests:
        // late. fee_amount 0 on a fee procedure: no obligation.
        d2.supplementRequests = 2
        d2.feeAmount = 0
        // D3: A1, P1, online, pending, due after E: in time; fee unknown: an obligation, not paid.
        let d3 = dossier("D3", procedure: "P1", received: at(2025, 3, 10), due: at(2025, 4, 10))
        // D4: A1, P2 (level 2), in person, pending, due before E: overdue; fee 50,000 on a
        // procedure without has_fee: an obligation, paid_online false.
        var d4 = dossier("D4", procedure: "P2", channel: .inPerson, received: at(2025, 3, 10), due: at(2025, 3, 20), paid: false)
        d4.feeAmount = 50_000
        // D5: A1, P1, online, received in February, settled late on 1 March: carried over into
        // March, late; February: pending and overdue at its end. An obligation (unknown fee), in Q1.
        let d5 = dossier(
            "D5", procedure: "P1", status: .resolved, received: at(2025, 2, 20), closed: at(2025, 3, 1), due: at(2025, 2, 25))
        // D6: A2, P2, online, pending without due date (in time by its dates) but three
        // supplement requests: overdue. No fee on P2, fee unknown: no obligation.
        var d6 = dossier("D6", procedure: "P2", agency: "A2", received: at(2025, 3, 15))
        d6.supplementRequests = 3
        return ledger([d1, d2, d3, d4, d5, d6])
    }

    static func scores(_ settings: PortalScoreSettings = .defaults) throws -> PortalScores {
        let ledger = fixtureLedger()
        let catalog = try fixtureCatalog()
        return PortalScores.compute(
            ledger: ledger, catalog: catalog, asOf: asOf,
            monthly: MonthlyTotals.count(ledger: ledger, catalog: catalog), form06: Form06Totals.count(ledger: ledger),
            portal: PortalTotals.count(ledger: ledger, catalog: catalog), settings: settings)
    }

    static func row(_ s: PortalScores, _ period: Period, _ agency: String?, _ c: PortalCriterion) throws -> PortalScores.Row {
        try #require(s.rows(of: period, agencyCode: agency).first { $0.criterion == c })
    }

    static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) < 1e-9 }

    @Test func periodsAreTheCalendarOnesEndedByAsOf() throws {
        let s = try Self.scores()
        #expect(s.periods.map(\.name) == ["2025-02", "2025-03", "2025-Q1"])
        // February: only A1 (D5) is in scope; March and Q1: both agencies.
        let feb = s.periods[0]
        #expect(Set(s.rows.filter { $0.period == feb }.map(\.agencyCode)) == [nil, "A1"])
        #expect(Set(s.rows.filter { $0.period == Self.march }.map(\.agencyCode)) == [nil, "A1", "A2"])
    }

    @Test func provinceInMarch() throws {
        let s = try Self.scores()
        // progress: in scope D1-D6 (6); early or in time: D1, D3 (D2 late by supplements, D4
        // overdue, D5 late, D6 overdue by supplements).
        let progress = try Self.row(s, Self.march, nil, .progress)
        #expect((progress.numerator, progress.denominator) == (2, 6))
        #expect(Self.close(progress.points, 20.0 / 3))
        #expect(Self.close(progress.pointsLost, 40.0 / 3))
        #expect(progress.dossiersNeeded == 4)
        // online: level-4 dossiers received in March D1, D2, D3; online D1, D3: 2/3 >= 0.5: full.
        let online = try Self.row(s, Self.march, nil, .online)
        #expect((online.numerator, online.denominator, online.points, online.dossiersNeeded) == (2, 3, 12, 0))
        // payment_dossiers: obligations D1, D3, D4 (D2 fee 0, D6 none); paid D1.
        let dossiers = try Self.row(s, Self.march, nil, .paymentDossiers)
        #expect((dossiers.numerator, dossiers.denominator, dossiers.dossiersNeeded) == (1, 3, 2))
        #expect(Self.close(dossiers.points, 2))
        // Procedure shares: fee-bearing P1, P3; P1 has a dossier and one paid online.
        let procedures = try Self.row(s, Self.march, nil, .paymentProcedures)
        #expect((procedures.numerator, procedures.denominator, procedures.points) == (1, 2, 1.25))
        #expect(procedures.dossiersNeeded == nil)
        let coverage = try Self.row(s, Self.march, nil, .paymentCoverage)
        #expect((coverage.numerator, coverage.denominator, coverage.points) == (1, 2, 1.25))
        // Totals: 20/3 + 12 + (2 + 1.25 + 1.25); maximum 20 + 12 + min(10, 10.5) = 42.
        let total = try #require(s.total(of: Self.march, agencyCode: nil))
        #expect(Self.close(total.points, 20.0 / 3 + 16.5))
        #expect(total.max == 42)
    }

    @Test func agenciesAndZeroDenominators() throws {
        let s = try Self.scores()
        // A1: in scope D1-D5; D1 and D3.
        let progress = try Self.row(s, Self.march, "A1", .progress)
        #expect((progress.numerator, progress.denominator, progress.dossiersNeeded) == (2, 5, 3))
        // A1's procedures: P1 only (its first dossier on or before E): 1/1, points min(2, 2.5).
        let procedures = try Self.row(s, Self.march, "A1", .paymentProcedures)
        #expect((procedures.numerator, procedures.denominator, procedures.points) == (1, 1, 2))
        let coverage = try Self.row(s, Self.march, "A1", .paymentCoverage)
        #expect((coverage.numerator, coverage.denominator, coverage.points) == (1, 1, 2.5))
        // A2: D6 only, overdue by supplements: 0/1, needs 1.
        let a2 = try Self.row(s, Self.march, "A2", .progress)
        #expect((a2.numerator, a2.denominator, a2.points, a2.dossiersNeeded) == (0, 1, 0, 1))
        // A2 has no level-4 dossier, no obligation, no fee-bearing procedure: NULL, 0 points.
        for c in [PortalCriterion.online, .paymentDossiers, .paymentProcedures, .paymentCoverage] {
            let r = try Self.row(s, Self.march, "A2", c)
            #expect(r.denominator == 0 && r.ratio == nil && r.points == 0, "\(c)")
            #expect(r.pointsLost == r.maxPoints)
        }
        #expect(try Self.row(s, Self.march, "A2", .online).dossiersNeeded == 0)
        #expect(try Self.row(s, Self.march, "A2", .paymentProcedures).dossiersNeeded == nil)
    }

    @Test func quarterAddsFebruary() throws {
        let s = try Self.scores()
        // Q1: D5 received in February joins: level 4 D1, D2, D3, D5; online D1, D3, D5.
        let online = try Self.row(s, Self.q1, nil, .online)
        #expect((online.numerator, online.denominator) == (3, 4))
        // Obligations D1, D3, D4, D5; paid D1.
        let dossiers = try Self.row(s, Self.q1, nil, .paymentDossiers)
        #expect((dossiers.numerator, dossiers.denominator) == (1, 4))
        // February: D5 pending at 28 Feb, due 25 Feb: overdue: 0/1.
        let feb = try Self.row(s, s.periods[0], nil, .progress)
        #expect((feb.numerator, feb.denominator) == (0, 1))
    }

    @Test func thePaymentCapAndChangedSettings() throws {
        var settings = PortalScoreSettings.defaults
        settings.paymentCap = 5
        settings.set(.online, .fullAt, 0.8)
        let s = try Self.scores(settings)
        // A1 payment: 6 x 1/3 + 2 + 2.5 = 6.5, capped at 5; maximum min(5, 10.5) = 5. Online
        // 2/3 with full_at 0.8: 12 x (2/3) / 0.8 = 10.
        let a1 = try #require(s.total(of: Self.march, agencyCode: "A1"))
        #expect(Self.close(a1.points, 20.0 * 2 / 5 + 10 + 5))
        #expect(a1.max == 37)
        // full_at 0.8 of 3 level-4 dossiers: ceil(2.4) = 3, one more than the 2 online.
        let online = try Self.row(s, Self.march, nil, .online)
        #expect(Self.close(online.points, 10))
        #expect(online.dossiersNeeded == 1)
    }

    @Test func theSettingsRules() {
        let d = PortalScoreSettings.defaults
        #expect(PortalCriterion.allCases.map { d.max($0) } == [20, 12, 6, 2, 2.5])
        #expect(d.points(.paymentProcedures, ratio: 1) == 2)  // min(2, 2.5)
        #expect(d.points(.online, ratio: nil) == 0)
        // 0.6 x 10 is 6, not 7, despite floating point.
        var s = d
        s.set(.online, .fullAt, 0.6)
        #expect(s.dossiersNeeded(.online, numerator: 0, denominator: 10) == 6)
        let accepted = s.set(.progress, .fullAt, 0.5)
        #expect(!accepted)  // progress has no full_at
        #expect(PortalParameter.fullAt.problem(with: 0) != nil)
        #expect(PortalParameter.fullAt.problem(with: 1) == nil)
        #expect(PortalParameter.max.problem(with: -1) != nil)
        let full = d.total(PortalCriterion.allCases.map { ($0, d.max($0)) })
        #expect(full.points == 42 && full.max == 42)
    }
}
