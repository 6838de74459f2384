import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

/// Parallel ingest (two lanes per block, speculative cut at a line end) must give exactly what
/// one lane gives: same kept dossiers, same counts, same rejects with the same line numbers,
/// including when a quoted line break sits at the cut and records span blocks.
@Suite struct ParallelIngestTests {
    /// A seeded export with quoted line breaks, quotes, CRLF, duplicates and bad rows.
    func export(seed: UInt64, rows: Int) -> String {
        var state = seed
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var text = "dossier_id,procedure_code,agency_code,channel,received_at,status,closed_at,updated_at,procedure_name,note\r\n"
        let channels = ["online", "in_person", "postal", "fax"]
        let statuses = ["pending", "resolved", "rejected"]
        for k in 0..<rows {
            let id = "D\(next() % UInt64(rows / 2 + 1))"
            let day = 1 + Int(next() % 27)
            let status = statuses[Int(next() % 3)]
            let closed = status == "pending" ? "" : "2024-03-\(String(format: "%02d", day + 1)) 10:00"
            let name: String
            switch next() % 5 {
            case 0: name = "\"Cấp phép,\nxây dựng \"\"mới\"\"\""
            case 1: name = "\"line\r\nbreak\""
            default: name = "Thủ tục \(k % 7)"
            }
            let note = next() % 9 == 0 ? "\"\n\n\"" : "n\(k)"
            text += "\(id),1.\(k % 5),A\(k % 3),\(channels[Int(next() % 4)]),2024-03-\(String(format: "%02d", day)) 08:00,\(status),\(closed),2024-04-01 \(String(format: "%02d", Int(next() % 24))):00,\(name),\(note)\r\n"
        }
        return text
    }

    func run(_ text: String, parallel: Bool, blockSize: Int, firstShare: Double? = nil) throws -> (IngestCounts, [Dossier], [String: [[String]]], [String]) {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("e.csv", text)
        let rejects = try RejectsFile(path: dir.file("rejects.csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        ingester.parallel = parallel
        ingester.blockSize = blockSize
        ingester.minimumParallelBytes = 0
        ingester.fixedFirstShare = firstShare
        try ingester.ingest(path: path, displayPath: "e.csv", profile: .canonical)
        try rejects.commit()
        let ledger = ingester.ledger
        let dossiers = (0..<ledger.count).map { ledger.dossier(at: $0) }
        let rejected = try CSVReader(path: rejects.path).allRecords().map(\.fields)
        return (ingester.counts, dossiers, ["rejects": rejected], ledger.procedures.labels)
    }

    @Test(arguments: [(UInt64(1), 600), (2, 1500), (3, 3000)])
    func parallelEqualsSequential(seed: UInt64, rows: Int) throws {
        let text = export(seed: seed, rows: rows)
        let reference = try run(text, parallel: false, blockSize: 1 << 24)
        #expect(reference.0.invariantViolation == nil)
        #expect(reference.0.rejected > 0)
        // nil: the measured cut (LaneBalance); the others fixed, as a busy machine might measure.
        for blockSize in [97, 1000, 4096, 30_000] {
            for share in [nil, 0.5, 0.62, 0.85] as [Double?] {
                let result = try run(text, parallel: true, blockSize: blockSize, firstShare: share)
                let label = "block \(blockSize), first lane's share \(share.map { "\($0)" } ?? "measured")"
                #expect(result.0 == reference.0, "\(label)")
                #expect(result.1 == reference.1, "\(label)")
                #expect(result.2 == reference.2, "\(label)")
                #expect(result.3 == reference.3, "\(label)")
            }
        }
    }

    @Test func cutInsideAQuotedLineBreakIsDetected() throws {
        // One record whose quoted field holds many line breaks around the block's middle.
        let header = "dossier_id,procedure_code,agency_code,channel,received_at,status,note\n"
        let long = "\"" + String(repeating: "x\n", count: 400) + "\""
        let text = header + "D1,1.1,A,online,2024-01-02,pending,\(long)\nD2,1.1,A,online,2024-01-02,pending,y\nD3,1.1,A,fax,2024-01-02,pending,z\n"
        let reference = try run(text, parallel: false, blockSize: 1 << 24)
        let result = try run(text, parallel: true, blockSize: 700)
        #expect(result.0 == reference.0)
        #expect(result.1 == reference.1)
        #expect(result.2 == reference.2)
        // D3 starts on line 2 + 400 + 1 = 403... counted by hand: D1 spans lines 2-402, D2 is 403.
        #expect(reference.2["rejects"]?.first?[1] == "404")
    }
}
