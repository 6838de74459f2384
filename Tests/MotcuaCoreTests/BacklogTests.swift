import Testing

@testable import MotcuaCore

/// CONTRACT.md section 2, backlog as of A: pending and received on or before A; overdue when the
/// due date is before A.
@Suite struct BacklogTests {
    static let asOf = day(2024, 6, 30)

    static func fixture() -> DossierLedger {
        ledger([
            // A1 P1: received late on A itself: counted; due on A: not overdue.
            dossier("B1", procedure: "P1", agency: "A1", received: at(2024, 6, 30, 23, 59, 59), due: at(2024, 6, 30)),
            // A1 P1: received the day after A: not counted.
            dossier("B2", procedure: "P1", agency: "A1", received: at(2024, 7, 1, 0, 0, 0), due: at(2024, 6, 1)),
            // A1 P1: due the day before A (even at its last second): overdue.
            dossier("B3", procedure: "P1", agency: "A1", received: at(2024, 6, 1), due: at(2024, 6, 29, 23, 59, 59)),
            // A1 P1: no due date: pending, never overdue.
            dossier("B4", procedure: "P1", agency: "A1", received: at(2024, 6, 1)),
            // A1 P1: resolved after A, due long before: not pending, never counted.
            dossier(
                "B5", procedure: "P1", agency: "A1", status: .resolved, received: at(2024, 5, 1),
                closed: at(2024, 7, 10), due: at(2024, 5, 5)),
            // A2 P2: overdue.
            dossier("B6", procedure: "P2", agency: "A2", received: at(2024, 1, 1), due: at(2024, 6, 29)),
            // A2 P2: due later on A's date (timed): not overdue.
            dossier("B7", procedure: "P2", agency: "A2", received: at(2024, 1, 1), due: at(2024, 6, 30, 17, 0)),
            // A2 P1: rejected and withdrawn: never counted.
            dossier(
                "B8", procedure: "P1", agency: "A2", status: .rejected, received: at(2024, 1, 1),
                closed: at(2024, 1, 2), due: at(2024, 1, 3)),
            dossier(
                "B9", procedure: "P1", agency: "A2", status: .withdrawn, received: at(2024, 1, 1),
                closed: at(2024, 1, 2), due: at(2024, 1, 3)),
        ])
    }

    @Test func rowsCountedByHand() {
        let backlog = Backlog.compute(ledger: Self.fixture(), asOf: Self.asOf)
        #expect(
            backlog.rows == [
                Backlog.Row(agencyCode: "A1", procedureCode: "P1", pending: 3, pendingOverdue: 1),
                Backlog.Row(agencyCode: "A2", procedureCode: "P2", pending: 2, pendingOverdue: 1),
            ])
        #expect(backlog.pending == 5)
        #expect(backlog.pendingOverdue == 2)
    }

    @Test func dueOnAIsNotOverdueButTheDayBeforeIs() {
        let onA = ledger([dossier("X", received: at(2024, 6, 1), due: at(2024, 6, 30))])
        #expect(Backlog.compute(ledger: onA, asOf: Self.asOf).pendingOverdue == 0)
        let dayBefore = ledger([dossier("X", received: at(2024, 6, 1), due: at(2024, 6, 29))])
        #expect(Backlog.compute(ledger: dayBefore, asOf: Self.asOf).pendingOverdue == 1)
    }

    @Test func receivedOnAIsCountedTheDayAfterIsNot() {
        let onA = ledger([dossier("X", received: at(2024, 6, 30))])
        #expect(Backlog.compute(ledger: onA, asOf: Self.asOf).pending == 1)
        let after = ledger([dossier("X", received: at(2024, 7, 1))])
        #expect(Backlog.compute(ledger: after, asOf: Self.asOf).pending == 0)
        #expect(Backlog.compute(ledger: after, asOf: Self.asOf).rows.isEmpty)
    }

    @Test func nonPendingNeverCounts() {
        for status in [DossierStatus.resolved, .rejected, .withdrawn] {
            let l = ledger([
                dossier("X", status: status, received: at(2024, 1, 1), closed: at(2024, 8, 1), due: at(2024, 1, 5))
            ])
            let backlog = Backlog.compute(ledger: l, asOf: Self.asOf)
            #expect(backlog.pending == 0, "\(status)")
            #expect(backlog.rows.isEmpty, "\(status)")
        }
    }

    @Test func usesTheKeptRowOnly() {
        // The newer row says resolved: no longer in the backlog.
        let l = ledger([
            dossier("X", received: at(2024, 1, 1), due: at(2024, 1, 5), updated: at(2024, 1, 1)),
            dossier(
                "X", status: .resolved, received: at(2024, 1, 1), closed: at(2024, 2, 1), due: at(2024, 1, 5),
                updated: at(2024, 2, 1)),
        ])
        #expect(Backlog.compute(ledger: l, asOf: Self.asOf).pending == 0)
    }

    @Test func emptyLedger() {
        let backlog = Backlog.compute(ledger: DossierLedger(), asOf: Self.asOf)
        #expect(backlog.rows.isEmpty)
        #expect(backlog.pending == 0)
        #expect(backlog.pendingOverdue == 0)
    }
}
