import Foundation
import MotcuaCore
import Testing

import MotcuaIO
@testable import MotcuaSampleGenerator

/// `motcua generate --shape short` (issue 16): the canonical columns only, no names or personal
/// data, and rows that stage exactly as the long ones do (the bad ones rejected, the rest kept).
@Suite struct ShortRowTests {
    func generate(_ width: RowWidth, into root: String) throws -> SampleGeneratorReport {
        try SampleGenerator(
            options: SampleGeneratorOptions(
                rows: 4000, seed: 7, outputDirectory: root, layout: .canonical, files: 2, badRate: 0.01, width: width)
        ).run()
    }

    func ingest(_ paths: [String], rejects: String) throws -> IngestCounts {
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: try RejectsFile(path: rejects))
        for path in paths { try ingester.ingest(path: path, displayPath: path, profile: .canonical, sheet: nil) }
        return ingester.counts
    }

    @Test func shortRowsHoldTheCanonicalColumnsOnlyAndStageLikeLongOnes() throws {
        let root = NSTemporaryDirectory() + "motcua-short-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let short = try generate(.short, into: root + "/short")
        let long = try generate(.long, into: root + "/long")
        let text = try String(contentsOfFile: short.exportPaths[0], encoding: .utf8)
        let header = text.prefix { $0 != "\n" }
        #expect(
            header
                == "dossier_id,received_at,agency_code,procedure_code,channel,status,service_level,paid_online,"
                + "due_at,closed_at,updated_at,fee_amount,supplement_requests")
        let longBytes = try long.exportPaths.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int }
        let shortBytes = try short.exportPaths.map { try FileManager.default.attributesOfItem(atPath: $0)[.size] as! Int }
        #expect(shortBytes.reduce(0, +) * 2 < longBytes.reduce(0, +))
        // Same seed, same dossiers: the same counts either way, bad rows included.
        let s = try ingest(short.exportPaths, rejects: root + "/short-rejects.csv")
        let l = try ingest(long.exportPaths, rejects: root + "/long-rejects.csv")
        #expect(s.read == 4000)
        #expect(s.rejected == short.badRows.values.reduce(0, +))
        #expect(s.accepted == l.accepted && s.rejected == l.rejected && s.superseded == l.superseded)
        #expect(s.rejectedByReason == l.rejectedByReason)
    }
}
