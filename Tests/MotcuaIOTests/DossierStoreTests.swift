import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

@Suite struct DossierStoreTests {
    func sampleState() -> StoreState {
        var ledger = DossierLedger()
        let received = LocalDateTime(date: LocalDate(year: 2024, month: 5, day: 1)!, hour: 8, minute: 30, second: 0)
        ledger.merge(Dossier(id: "A-240501-0001", procedureCode: "1.004227", agencyCode: "000.00.17.H12", channel: .online,
            status: .resolved, receivedAt: received, closedAt: LocalDateTime(millis: received.millis + 86_400_000),
            dueAt: LocalDateTime(date: LocalDate(year: 2024, month: 5, day: 3)!), serviceLevel: ServiceLevel(rawValue: 4),
            paidOnline: true, updatedAt: received, procedureName: "Cấp giấy phép, xây dựng", agencyName: "Sở Xây dựng"))
        ledger.merge(Dossier(id: "Hồ sơ-2", procedureCode: "2.1", agencyCode: "X", channel: .postal, status: .pending,
            receivedAt: received))
        return StoreState(ledger: ledger, inputs: [IngestedInput(path: "/x.csv", bytes: 10, sha256: String(repeating: "a", count: 64), runID: "r1")],
            totalAccepted: 3, totalSuperseded: 1)
    }

    @Test func roundTripsEverything() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let state = sampleState()
        let path = dir.file("s.store")
        try DossierStore.write(state, to: path)
        let back = try DossierStore.read(from: path)
        #expect(back.ledger.ids == state.ledger.ids)
        #expect(back.ledger.records == state.ledger.records)
        #expect(back.ledger.procedures == state.ledger.procedures)
        #expect(back.ledger.agencies == state.ledger.agencies)
        #expect(back.inputs == state.inputs)
        #expect(back.totalAccepted == 3 && back.totalSuperseded == 1)
        #expect(back.ledger.position(of: "Hồ sơ-2") == 1)
        #expect(back.ledger.dossier(at: 0) == state.ledger.dossier(at: 0).withoutLabels)
    }

    @Test func absentStoreIsEmptyAndDamagedStoreIsRefused() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        #expect(try DossierStore.read(from: dir.file("none")).ledger.count == 0)
        var bytes = try DossierStore.encode(sampleState())
        bytes[bytes.count / 2] ^= 0x01
        let flipped = try dir.write("flip.store", bytes: bytes)
        #expect(throws: StoreError.self) { try DossierStore.read(from: flipped) }
        let truncated = try dir.write("cut.store", bytes: Array(try DossierStore.encode(sampleState()).dropLast(100)))
        #expect(throws: StoreError.self) { try DossierStore.read(from: truncated) }
    }
}

extension Dossier {
    /// Labels live in the code dictionaries, not per dossier.
    var withoutLabels: Dossier {
        var d = self
        d.procedureName = nil
        d.agencyName = nil
        return d
    }
}
