import Testing

@testable import MotcuaCore

/// Issue 13, part 1: status `not_received`, `fee_amount`, `supplement_requests`, `bad_number`,
/// 14-digit dates and the dvcqg value maps (CONTRACT.md sections 1.1, 1.4, 1.5, 1.6).
@Suite struct NotReceivedAndFeeTests {
    static let received = DossierStagerTests.base

    // MARK: - not_received

    @Test(arguments: ["not_received", "chưa tiếp nhận", "Mới đăng ký", "KHÔNG ĐƯỢC TIẾP NHẬN", "khong tiep nhan"])
    func notReceivedSpellingsNeedNoReceivedAt(status: String) {
        let d = stage(DossierStagerTests.record([.status: status, .receivedAt: "", .closedAt: "", .dueAt: ""])).dossier
        #expect(d?.status == .notReceived)
        #expect(d?.receivedAt == nil)
    }

    @Test func otherStatusesStillNeedReceivedAt() {
        let r = stage(DossierStagerTests.record([.status: "pending", .receivedAt: "", .closedAt: ""]))
        #expect(r.reason == .emptyRequired)
    }

    @Test func notReceivedKeepsAReceivedDateWhenGiven() {
        let d = stage(DossierStagerTests.record([.status: "not_received", .closedAt: ""])).dossier
        #expect(d?.receivedAt == at(2024, 3, 1, 9, 0))
    }

    /// Counted in no figure: monthly counts, backlog, dormancy; counted in notReceivedCount.
    @Test func notReceivedIsInNoFigure() throws {
        let l = ledger([
            dossier("N1", status: .notReceived, received: at(2024, 3, 1, 9, 0)),
            dossier("R1", status: .pending, received: at(2024, 3, 2, 9, 0)),
            Dossier(id: "N2", procedureCode: "P2", agencyCode: "A1", channel: .online, status: .notReceived, receivedAt: nil),
        ])
        let c = try catalog([procedure("P1", published: day(2015, 1, 1)), procedure("P2", published: day(2015, 1, 1))])
        let counts = MonthlyCounts.compute(ledger: l, catalog: c)
        #expect(counts.total(.received) == 1)
        #expect(Backlog.compute(ledger: l, asOf: day(2024, 12, 31)).pending == 1)
        let dormancy = Dormancy.compute(ledger: l, catalog: c, asOf: day(2024, 12, 31))
        // P2 had only a dossier not received: dormant, never received.
        #expect(dormancy.dormant.map(\.procedure.code) == ["P2"])
        #expect(dormancy.dormant.first?.lastReceivedOn == nil)
        #expect(l.notReceivedCount == 2)
    }

    /// A later export receives the dossier; or a later row says it was refused at intake.
    @Test func notReceivedThenReceivedAndTheReverse() {
        var l = ledger([
            dossier("X", status: .notReceived, received: at(2024, 3, 1, 9, 0)),
            dossier("X", status: .pending, received: at(2024, 3, 2, 9, 0)),
            dossier("Y", status: .pending, received: at(2024, 3, 2, 9, 0)),
            dossier("Y", status: .notReceived, received: at(2024, 3, 2, 9, 0)),
        ])
        #expect(l.dossier(at: l.position(of: "X") ?? -1).status == .pending)
        #expect(l.dossier(at: l.position(of: "Y") ?? -1).status == .notReceived)
        #expect(l.notReceivedCount == 1)
        l.merge(Dossier(id: "Y", procedureCode: "P1", agencyCode: "A1", channel: .online, status: .resolved,
            receivedAt: at(2024, 3, 3, 9, 0), closedAt: at(2024, 3, 4, 9, 0)))
        #expect(l.notReceivedCount == 0)
    }

    @Test func unreceivedDossiersGoToYearZero() {
        let l = ledger([
            Dossier(id: "N", procedureCode: "P1", agencyCode: "A1", channel: .online, status: .notReceived, receivedAt: nil),
            dossier("R", received: at(2024, 3, 2, 9, 0)),
        ])
        let parts = SnapshotPartitioning(ledger: l, rowsPerPart: 10)
        #expect(parts.years == [0, 2024])
    }

    // MARK: - fee_amount, supplement_requests, bad_number

    @Test(arguments: [("", nil), ("0", 0), ("150000", 150_000), (" 2500000 ", 2_500_000), ("50000.00", 50_000)] as [(String, Int64?)])
    func feeAmounts(text: String, expected: Int64?) {
        let d = stage(DossierStagerTests.record([.feeAmount: text])).dossier
        #expect(d != nil)
        #expect(d?.feeAmount == expected)
    }

    @Test(arguments: ["-1", "50.000 đ", "1e3", "12.5", "miễn phí"])
    func badFeeIsBadNumber(text: String) {
        #expect(stage(DossierStagerTests.record([.feeAmount: text])).reason == .badNumber)
    }

    @Test func supplementRequests() {
        #expect(stage(DossierStagerTests.record([.supplementRequests: ""])).dossier?.supplementRequests == 0)
        #expect(stage(DossierStagerTests.record([.supplementRequests: "3"])).dossier?.supplementRequests == 3)
        #expect(stage(DossierStagerTests.record([.supplementRequests: "-2"])).reason == .badNumber)
        #expect(stage(DossierStagerTests.record([.supplementRequests: "99999999999"])).reason == .badNumber)
    }

    @Test func badNumberComesAfterUnknownLevelAndBeforeClosedBeforeReceived() {
        #expect(stage(DossierStagerTests.record([.serviceLevel: "9", .feeAmount: "x"])).reason == .unknownLevel)
        #expect(
            stage(DossierStagerTests.record([.feeAmount: "x", .closedAt: "2024-02-01"])).reason == .badNumber)
    }

    @Test func feeAndSupplementsSurviveTheLedger() {
        var stager = DossierStager(profile: .canonical)
        let d = stage(DossierStagerTests.record([.feeAmount: "75000", .supplementRequests: "2"]), with: &stager).dossier
        let l = ledger([d].compactMap { $0 })
        let back = l.dossier(at: 0)
        #expect(back.feeAmount == 75_000)
        #expect(back.supplementRequests == 2)
        #expect(MemoryLayout<DossierRecord>.stride == 56)
    }

    // MARK: - Dates and the catalog

    @Test func fourteenDigitDates() {
        #expect(DateParser.parse("20240301083015") == .value(at(2024, 3, 1, 8, 30, 15)))
        #expect(DateParser.parse("20240230083015") == .invalid)
        #expect(DateParser.parse("20240301246015") == .invalid)
        #expect(DateParser.parse("2024030108301") == .invalid)
    }

    @Test func catalogHasFee() {
        func staged(_ hasFee: String) -> Result<Procedure, CatalogRowError> {
            withFieldBuffers(["1.001", "", "", "", "", "2020-01-01", "", hasFee]) { CatalogStager.stage(fields: $0) }
        }
        #expect((try? staged("").get())?.hasFee == false)
        #expect((try? staged("có").get())?.hasFee == true)
        #expect((try? staged("1").get())?.hasFee == true)
        #expect((try? staged("không").get())?.hasFee == false)
        #expect((try? staged("maybe").get()) == nil)
    }

    // MARK: - The dvcqg profile on flattened fields

    /// Every TrangThaiHoSo code 1-10 (CONTRACT.md section 1.6).
    @Test(arguments: [
        ("1", DossierStatus.notReceived), ("2", .pending), ("3", .notReceived), ("4", .pending), ("5", .pending),
        ("6", .pending), ("7", .withdrawn), ("8", .rejected), ("9", .resolved), ("10", .resolved),
    ])
    func dvcqgStatusCodes(code: String, expected: DossierStatus) {
        let closed = expected == .pending || expected == .notReceived ? "" : "2024-03-05 16:00"
        let d = stage(DossierStagerTests.record([.status: code, .closedAt: closed, .channel: "2"]), profile: .dvcqg).dossier
        #expect(d?.status == expected)
    }

    /// KenhThucHien: 1 or empty in person, 2 online, 3 postal.
    @Test(arguments: [("1", Channel.inPerson), ("", .inPerson), ("2", .online), ("3", .postal)])
    func dvcqgChannelCodes(code: String, expected: Channel) {
        let d = stage(DossierStagerTests.record([.status: "9", .channel: code]), profile: .dvcqg).dossier
        #expect(d?.channel == expected)
    }

    @Test func dvcqgPaidAndAgencyFromTheDossierCode() {
        let d = stage(
            DossierStagerTests.record([.status: "10", .channel: "2", .agencyCode: "", .paidOnline: "2"]),
            profile: .dvcqg
        ).dossier
        #expect(d?.agencyCode == "000.00.17.H12")
        #expect(d?.paidOnline == true)
        #expect(stage(DossierStagerTests.record([.status: "9", .paidOnline: "0"]), profile: .dvcqg).dossier?.paidOnline == false)
        #expect(stage(DossierStagerTests.record([.status: "9", .agencyCode: "", .dossierID: "NODASH"]), profile: .dvcqg).reason == .emptyRequired)
    }
}
