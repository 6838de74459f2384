import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

@Suite struct ExportIngesterTests {
    let header = "dossier_id,procedure_code,agency_code,channel,received_at,status,closed_at,due_at,updated_at,citizen_id\n"

    func ingest(_ files: [(String, String, ColumnProfile)], in dir: TemporaryFolder) throws -> (ExportIngester, RejectsFile) {
        let rejects = try RejectsFile(path: dir.file("rejects.csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        for (name, text, profile) in files {
            let path = try dir.write(name, text)
            try ingester.ingest(path: path, displayPath: name, profile: profile)
        }
        try rejects.commit()
        return (ingester, rejects)
    }

    @Test func everyRejectKindGoesToTheRejectsFileWithLineAndRawRecord() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let rows = [
            "D1,1.1,A,online,2024-01-02,resolved,2024-01-03,,,001",  // line 2: good
            ",1.1,A,online,2024-01-02,pending,,,,002",  // empty_required
            "D3,1.1,A,online,2024-01-02,pending,,,,003,extra",  // field_count
            "D4,1.1,A,online,2024-02-30,pending,,,,004",  // bad_date
            "D5,1.1,A,online,1989-12-31,pending,,,,005",  // date_out_of_range
            "D6,1.1,A,fax,2024-01-02,pending,,,,006",  // unknown_channel
            "D7,1.1,A,online,2024-01-02,lost,,,,007",  // unknown_status
            "D8,1.1,A,online,2024-01-02 10:00,resolved,2024-01-02 09:00,,,008",  // closed_before_received
            "D9,1.1,A,online,2024-01-02,pending,,2024-01-01,,009",  // due_before_received
            "D10,1.1,A,online,2024-01-02,rejected,,,,010",  // missing_closed_at
            "\"D11\",1.1,A,\"fax\nmáy\",2024-01-02,pending,,,,011",  // unknown_channel, spans 2 lines
            "D12,1.1,A,online,2024-01-02,pending,,,,012",  // line 14: good
        ]
        let (ingester, rejects) = try ingest([("e.csv", header + rows.joined(separator: "\n") + "\n", .canonical)], in: dir)
        let c = ingester.counts
        #expect(c.read == 12)
        #expect(c.accepted == 2)
        #expect(c.rejected == 10)
        #expect(c.invariantViolation == nil)
        #expect(c.rejectedByReason[.unknownChannel] == 2)
        for reason in RejectReason.allCases where reason != .unknownLevel && reason != .badNumber {
            #expect(c.rejectedByReason[reason] != nil, "\(reason)")
        }
        let back = try CSVReader(path: rejects.path).allRecords()
        #expect(back.map { $0.fields[2] } == [
            "empty_required", "field_count", "bad_date", "date_out_of_range", "unknown_channel", "unknown_status",
            "closed_before_received", "due_before_received", "missing_closed_at", "unknown_channel",
        ])
        #expect(back.map { $0.fields[1] } == ["3", "4", "5", "6", "7", "8", "9", "10", "11", "12"])
        #expect(back[0].fields[0] == "e.csv")
        #expect(back[9].fields[4] == "\"D11\",1.1,A,\"fax\nmáy\",2024-01-02,pending,,,,011")
        // The rejects file holds raw records: owner-only.
        let mode = try FileManager.default.attributesOfItem(atPath: rejects.path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
    }

    @Test func duplicatesFollowUpdatedAtThenInputOrder() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let first = header + """
            D1,1.1,A,online,2024-01-02,pending,,,2024-01-02 09:00,1
            D2,1.1,A,online,2024-01-02,pending,,,,1
            D3,1.1,A,online,2024-01-02,resolved,2024-01-05,,2024-01-05,1
            D4,1.1,A,online,2024-01-02,pending,,,2024-01-02,1
            D4,1.1,A,online,2024-01-02,resolved,2024-01-03,,2024-01-02,1

            """
        let second = header + """
            D1,1.1,A,online,2024-01-02,resolved,2024-01-04,,2024-01-04 10:00,1
            D2,1.1,A,online,2024-01-02,withdrawn,2024-01-03,,,1
            D3,1.1,A,online,2024-01-02,pending,,,2024-01-02,1
            D3,1.1,A,online,2024-01-02,rejected,2024-01-06,,,1

            """
        let (ingester, _) = try ingest([("a.csv", first, .canonical), ("b.csv", second, .canonical)], in: dir)
        let ledger = ingester.ledger
        func status(_ id: String) -> DossierStatus? { ledger.position(of: id).map { ledger.dossier(at: $0).status } }
        #expect(status("D1") == .resolved)  // newer updated_at in a later file
        #expect(status("D2") == .withdrawn)  // both without updated_at: later file wins
        #expect(status("D3") == .resolved)  // older updated_at and no updated_at both lose
        #expect(status("D4") == .resolved)  // equal updated_at: later line wins
        let c = ingester.counts
        #expect(c.read == 9)
        #expect(c.keptAfter == 4)
        #expect(c.superseded == 5)
        #expect(c.invariantViolation == nil)
    }

    @Test func customProfileWithUnseenHeadersAndCodes() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let profile = ColumnProfile(
            name: "custom",
            columns: [
                .dossierID: ["Số biên nhận"], .procedureCode: ["TTHC"], .agencyCode: ["Đơn vị XLý"],
                .channel: ["Nguồn"], .receivedAt: ["Nhận lúc"], .status: ["TT"], .closedAt: ["Xong lúc"],
            ],
            values: [.channel: ["W": "online", "Q": "in_person", "B": "bưu chính"], .status: ["9": "resolved", "0": "pending"]],
            delimiter: UInt8(ascii: "|"))
        let text = "Số biên nhận|TTHC|Đơn vị XLý|Nguồn|Nhận lúc|TT|Xong lúc|Họ tên\nX1|2.2|U|w|1/2/2024 08:00|9|3/2/2024|Lê Văn C\nX2|2.2|U|B|1/2/2024|0||Lê Văn D\nX3|2.2|U|Z|1/2/2024|0||Lê Văn E\n"
        let (ingester, _) = try ingest([("v.csv", text, profile)], in: dir)
        let ledger = ingester.ledger
        #expect(ingester.counts.accepted == 2)
        #expect(ingester.counts.rejectedByReason[.unknownChannel] == 1)
        let x1 = ledger.dossier(at: try #require(ledger.position(of: "X1")))
        #expect(x1.channel == .online)
        #expect(x1.status == .resolved)
        #expect(x1.receivedAt?.description == "2024-02-01 08:00:00")
        #expect(ledger.dossier(at: try #require(ledger.position(of: "X2"))).channel == .postal)
    }

    @Test func missingRequiredHeaderStopsWithTheFileAndColumn() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("bad.csv", "dossier_id,agency_code\nD1,A\n")
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: try RejectsFile(path: dir.file("r.csv")))
        do {
            try ingester.ingest(path: path, displayPath: "bad.csv", profile: .canonical)
            Issue.record("accepted a file without required columns")
        } catch let error as CSVError {
            #expect(error.description.contains("bad.csv"))
            #expect(error.description.contains("procedure_code"))
        }
    }

    @Test func nfdTextIsStoredAsNFCAndHeadersMatchWithoutDiacritics() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let nfdAgency = "S\u{1EDF}".decomposedStringWithCanonicalMapping + " TP"
        let text = "ma ho so;ma thu tuc;ma co quan;kenh nop;ngay tiep nhan;trang thai\nH1;1.1;\(nfdAgency);2;05/06/2024 09:00:00;\("đã giải quyết".decomposedStringWithCanonicalMapping)\n"
        let (ingester, _) = try ingest([("i.csv", text, .igateVi)], in: dir)
        #expect(ingester.counts.rejected == 1)  // resolved without closed_at
        #expect(ingester.counts.rejectedByReason[.missingClosedAt] == 1)
        let text2 = "ma ho so;ma thu tuc;ma co quan;kenh nop;ngay tiep nhan;trang thai\nH1;1.1;\(nfdAgency);2;05/06/2024 09:00:00;\("đang xử lý".decomposedStringWithCanonicalMapping)\n"
        let (ingester2, _) = try ingest([("j.csv", text2, .igateVi)], in: dir)
        let d = ingester2.ledger.dossier(at: 0)
        #expect(d.agencyCode == "Sở TP".precomposedStringWithCanonicalMapping)
        #expect(Array(d.agencyCode.utf8) == Array("S\u{1EDF} TP".utf8))
        #expect(d.channel == .online)
        #expect(d.status == .pending)
    }
}
