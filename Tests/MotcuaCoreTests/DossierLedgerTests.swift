import Testing

@testable import MotcuaCore

/// CONTRACT.md section 1.5: the duplicate rule, and what the ledger keeps.
@Suite struct DossierLedgerTests {
    static func row(
        _ id: String = "D1", updated: LocalDateTime?, status: DossierStatus = .pending, procedureName: String? = nil
    ) -> Dossier {
        dossier(
            id, status: status, received: at(2024, 3, 1, 9, 0),
            closed: status == .pending ? nil : at(2024, 3, 2, 9, 0), updated: updated,
            procedureName: procedureName)
    }

    @Test func newDossierIsAdded() {
        var l = DossierLedger()
        #expect(l.merge(Self.row("D1", updated: nil)) == .added)
        #expect(l.merge(Self.row("D2", updated: nil)) == .added)
        #expect(l.count == 2)
        #expect(l.ids == ["D1", "D2"])
        #expect(l.position(of: "D2") == 1)
        #expect(l.position(of: "D3") == nil)
    }

    @Test func greaterUpdatedAtWinsWhenItComesLater() {
        var l = DossierLedger()
        l.merge(Self.row(updated: at(2024, 3, 1, 10, 0), status: .pending))
        #expect(l.merge(Self.row(updated: at(2024, 3, 2, 10, 0), status: .resolved)) == .replaced)
        #expect(l.count == 1)
        #expect(l.dossier(at: 0).status == .resolved)
        #expect(l.dossier(at: 0).updatedAt == at(2024, 3, 2, 10, 0))
    }

    @Test func greaterUpdatedAtWinsWhenItComesFirst() {
        var l = DossierLedger()
        l.merge(Self.row(updated: at(2024, 3, 2, 10, 0), status: .resolved))
        #expect(l.merge(Self.row(updated: at(2024, 3, 1, 10, 0), status: .pending)) == .superseded)
        #expect(l.count == 1)
        #expect(l.dossier(at: 0).status == .resolved)
    }

    @Test func oneMillisecondDecides() {
        var l = DossierLedger()
        l.merge(Self.row(updated: at(2024, 3, 2, 10, 0, 0, ms: 1), status: .resolved))
        #expect(l.merge(Self.row(updated: at(2024, 3, 2, 10, 0, 0, ms: 0), status: .pending)) == .superseded)
        #expect(l.dossier(at: 0).status == .resolved)
    }

    @Test func rowWithoutUpdatedAtIsOlderThanOneWith() {
        var l = DossierLedger()
        l.merge(Self.row(updated: at(1990, 1, 1), status: .resolved))
        #expect(l.merge(Self.row(updated: nil, status: .pending)) == .superseded)
        #expect(l.dossier(at: 0).status == .resolved)

        var m = DossierLedger()
        m.merge(Self.row(updated: nil, status: .pending))
        #expect(m.merge(Self.row(updated: at(1990, 1, 1), status: .resolved)) == .replaced)
        #expect(m.dossier(at: 0).status == .resolved)
    }

    @Test func equalUpdatedAtLaterWins() {
        var l = DossierLedger()
        l.merge(Self.row(updated: at(2024, 3, 2, 10, 0), status: .pending))
        #expect(l.merge(Self.row(updated: at(2024, 3, 2, 10, 0), status: .rejected)) == .replaced)
        #expect(l.dossier(at: 0).status == .rejected)
    }

    @Test func bothWithoutUpdatedAtLaterWins() {
        var l = DossierLedger()
        l.merge(Self.row(updated: nil, status: .resolved))
        #expect(l.merge(Self.row(updated: nil, status: .withdrawn)) == .replaced)
        #expect(l.dossier(at: 0).status == .withdrawn)
    }

    @Test func aSequenceOfRows() {
        var l = DossierLedger()
        let outcomes = [
            l.merge(Self.row("D1", updated: at(2024, 3, 5), status: .pending)),  // added
            l.merge(Self.row("D2", updated: nil, status: .pending)),  // added
            l.merge(Self.row("D1", updated: at(2024, 3, 4), status: .rejected)),  // older: superseded
            l.merge(Self.row("D2", updated: nil, status: .resolved)),  // equal (none): replaced
            l.merge(Self.row("D1", updated: nil, status: .withdrawn)),  // none < some: superseded
            l.merge(Self.row("D1", updated: at(2024, 3, 6), status: .resolved)),  // newer: replaced
        ]
        #expect(outcomes == [.added, .added, .superseded, .replaced, .superseded, .replaced])
        #expect(l.count == 2)
        #expect(l.dossier(at: 0).status == .resolved)
        #expect(l.dossier(at: 0).updatedAt == at(2024, 3, 6))
        #expect(l.dossier(at: 1).status == .resolved)
    }

    @Test func keptRowDecodesToTheDossier() {
        let d = dossier(
            "D9", procedure: "1.004227", agency: "000.00.17.H12", channel: .postal, status: .resolved,
            received: at(2024, 3, 1, 9, 0), closed: at(2024, 3, 4, 15, 30, 5), due: at(2024, 3, 8), level: 3,
            paid: false, updated: at(2024, 3, 4, 15, 31))
        let l = ledger([d])
        #expect(l.dossier(at: 0) == d)
        let unknownPaid = dossier("D8", received: at(2024, 1, 1), paid: nil)
        #expect(ledger([unknownPaid]).dossier(at: 0).paidOnline == nil)
        #expect(ledger([dossier("D7", received: at(2024, 1, 1), paid: true)]).dossier(at: 0).paidOnline == true)
    }

    @Test func codesAreDictionaryCoded() {
        let l = ledger([
            dossier("D1", procedure: "P1", agency: "A1", received: at(2024, 1, 1)),
            dossier("D2", procedure: "P2", agency: "A1", received: at(2024, 1, 1)),
            dossier("D3", procedure: "P1", agency: "A2", received: at(2024, 1, 1)),
        ])
        #expect(l.procedures.codes == ["P1", "P2"])
        #expect(l.agencies.codes == ["A1", "A2"])
        #expect(l.records.map(\.procedure) == [0, 1, 0])
        #expect(l.records.map(\.agency) == [0, 0, 1])
    }

    @Test func labelsAreTheLatestSeen() {
        let l = ledger([
            dossier("D1", procedure: "P1", received: at(2024, 1, 1), procedureName: "Tên cũ", agencyName: "Sở A"),
            dossier("D2", procedure: "P1", received: at(2024, 1, 2), procedureName: "Tên mới"),
            dossier("D3", procedure: "P1", received: at(2024, 1, 3), procedureName: nil),
            dossier("D4", procedure: "P1", received: at(2024, 1, 4), procedureName: ""),
        ])
        #expect(l.procedures.labels == ["Tên mới"])
        #expect(l.agencies.labels == ["Sở A"])
    }

    @Test func rebuiltLedgerKeepsTheDuplicateRule() {
        let original = ledger([
            Self.row("D1", updated: at(2024, 3, 5), status: .pending),
            Self.row("D2", updated: nil, status: .pending),
        ])
        var rebuilt = DossierLedger(
            ids: original.ids, records: original.records, procedures: original.procedures,
            agencies: original.agencies)
        #expect(rebuilt.merge(Self.row("D1", updated: at(2024, 3, 4), status: .resolved)) == .superseded)
        #expect(rebuilt.merge(Self.row("D2", updated: nil, status: .resolved)) == .replaced)
        #expect(rebuilt.merge(Self.row("D3", updated: nil)) == .added)
        #expect(rebuilt.count == 3)
        #expect(rebuilt.dossier(at: 0).status == .pending)
        #expect(rebuilt.dossier(at: 1).status == .resolved)
    }
}
