import Foundation
import MotcuaCore
import Testing

@testable import MotcuaIO
@testable import MotcuaSampleGenerator

/// `motcua generate --format dvcqg` and the sync files of `mixed`: national sync records
/// (CONTRACT.md section 1.6) that the product reads back record for record, every bad one
/// rejected for its reason, holding the same dossiers as the CSV shapes of the same seed.
@Suite struct SyncRecordExportTests {
    /// Ingests `paths` in order into one ledger, each with its profile.
    static func ingest(_ paths: [(path: String, profile: ColumnProfile)]) throws -> ExportIngester {
        let rejects = try RejectsFile(path: NSTemporaryDirectory() + "motcua-sync-rejects-" + UUID().uuidString)
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        ingester.parallel = false
        for (path, profile) in paths {
            try ingester.ingest(path: path, displayPath: (path as NSString).lastPathComponent, profile: profile)
        }
        return ingester
    }

    static func syncFiles(_ sample: GeneratedSample) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: sample.root + "/exports/dvcqg").sorted()
    }

    @Test func syncFilesReadBackAsGenerated() throws {
        let sample = try GeneratedSample(rows: 1200, seed: 8, layout: .dvcqg, files: 3, badRate: 0.05)
        defer { sample.remove() }
        // One container a period, one compression a period: JSON Lines plain, an array in gzip,
        // the DongBoHoSoMC body in zstd.
        #expect(try Self.syncFiles(sample) == ["export-0001.jsonl", "export-0002.json.gz", "export-0003.json.zst"])
        let ingester = try Self.ingest(sample.report.exportPaths.map { ($0, ColumnProfile.dvcqg) })
        let counts = ingester.counts
        #expect(counts.read == 1200)
        // 5 % of 1200 rows are bad: 60, cycling through the ten reasons a sync record can have
        // (no service level is synced, so never unknown_level): 6 of each.
        let six: [RejectReason: Int] = [
            .fieldCount: 6, .emptyRequired: 6, .badDate: 6, .dateOutOfRange: 6, .unknownChannel: 6,
            .unknownStatus: 6, .badNumber: 6, .closedBeforeReceived: 6, .dueBeforeReceived: 6,
            .missingClosedAt: 6,
        ]
        #expect(sample.report.badRows == six)
        #expect(counts.rejectedByReason == six)
        #expect(counts.accepted == 1140)
        #expect(ingester.ledger.count == sample.report.dossiers)
        #expect(ingester.ledger.notReceivedCount == 0)  // codes 1 and 3 only on rows a later one beats
    }

    @Test func syncFilesHaveEveryContainerCodeAndList() throws {
        let sample = try GeneratedSample(rows: 3000, seed: 3, layout: .dvcqg, files: 3, badRate: 0)
        defer { sample.remove() }
        var text = ""
        var starts: [String] = []
        for path in sample.report.exportPaths {
            let file = try Self.decompressed(path)
            starts.append(String(file.prefix(20)))
            text += file
        }
        #expect(starts[0].hasPrefix("{\"MaHoSo\":"))
        #expect(starts[1].hasPrefix("[\n  {\"MaHoSo\":"))
        #expect(starts[2].hasPrefix("{\"service\":"))
        for code in 1...10 {
            #expect(text.contains("\"TrangThaiHoSo\":\(code),"), "TrangThaiHoSo \(code) as a number")
            #expect(text.contains("\"TrangThaiHoSo\":\"\(code)\""), "TrangThaiHoSo \(code) as a string")
        }
        for needle in [
            "\"KenhThucHien\":\"\"", "\"KenhThucHien\":3", "\"DuocThanhToanTrucTuyen\":null", "\"DuocThanhToanTrucTuyen\":\"2\"",
            "\"DanhSachLePhi\":[]", "\"DanhSachLePhi\":null", ".0}]", "\"NgayHenTraMoi\":", "\"NgayTuChoi\":", "\"NgayTra\":",
        ] {
            #expect(text.contains(needle), "\(needle)")
        }
        #expect(text.contains(/"NgayTiepNhan":"\d{14}"/))
        #expect(text.contains(/"NgayTiepNhan":"\d\d\/\d\d\/\d{4} \d\d:\d\d:\d\d"/))
        #expect(text.contains(/"MaHoSo":"[^"]+","MaTTHC":"[^"]+","TenTTHC":"[^"]+","DonViXuLy"/))  // no MaDonViXuLy
        #expect(text.contains("\u{0301}"))  // NFD text
    }

    @Test func aSyncFileAndACanonicalFileOfOneSeedHoldTheSameDossiers() throws {
        let sync = try GeneratedSample(rows: 2000, seed: 12, layout: .dvcqg, files: 2, badRate: 0)
        let csv = try GeneratedSample(rows: 2000, seed: 12, layout: .canonical, files: 2, badRate: 0)
        defer { sync.remove(); csv.remove() }
        let a = try Self.ingest(sync.report.exportPaths.map { ($0, ColumnProfile.dvcqg) }).ledger
        let b = try Self.ingest(csv.report.exportPaths.map { ($0, ColumnProfile.canonical) }).ledger
        #expect(a.count == b.count)
        #expect(a.count == sync.report.dossiers)
        var byID: [String: Dossier] = [:]
        for k in 0..<b.count { byID[b.dossier(at: k).id] = b.dossier(at: k) }
        for k in 0..<a.count {
            let d = a.dossier(at: k)
            let e = try #require(byID[d.id], "\(d.id) only in the sync file")
            // Everything but the service level (not synced) and updated_at (not in sync records).
            #expect(d.procedureCode == e.procedureCode && d.agencyCode == e.agencyCode, "\(d.id)")
            #expect(d.channel == e.channel && d.status == e.status, "\(d.id)")
            #expect(d.receivedAt == e.receivedAt && d.closedAt == e.closedAt && d.dueAt == e.dueAt, "\(d.id)")
            #expect(d.paidOnline == e.paidOnline && d.feeAmount == e.feeAmount, "\(d.id)")
            #expect(d.supplementRequests == e.supplementRequests, "\(d.id)")
        }
    }

    @Test func mixedFinalStatesWinWhenTheyAreSyncRecords() throws {
        // Periods 1 and 4 of six are sync files (--sync-every 3); a pipeline reads them last.
        let mixed = try GeneratedSample(rows: 3000, seed: 21, layout: .mixed, files: 6, badRate: 0, syncEvery: 3)
        let csv = try GeneratedSample(rows: 3000, seed: 21, layout: .canonical, files: 6, badRate: 0)
        defer { mixed.remove(); csv.remove() }
        #expect(try Self.syncFiles(mixed) == ["export-0002.json.gz", "export-0005.json.zst"])
        func profile(_ path: String) -> ColumnProfile {
            path.contains("/dvcqg/") ? .dvcqg : path.contains("/igate/") ? .igateVi : .canonical
        }
        let order = mixed.report.exportPaths.sorted { (rank(profile($0)), $0) < (rank(profile($1)), $1) }
        let a = try Self.ingest(order.map { ($0, profile($0)) }).ledger
        let b = try Self.ingest(csv.report.exportPaths.map { ($0, ColumnProfile.canonical) }).ledger
        #expect(a.count == b.count)
        var statuses: [String: DossierStatus] = [:]
        for k in 0..<b.count { statuses[b.dossier(at: k).id] = b.dossier(at: k).status }
        var differ = 0
        for k in 0..<a.count where statuses[a.dossier(at: k).id] != a.dossier(at: k).status { differ += 1 }
        #expect(differ == 0)
    }

    @Test func syncFilesAreTheSameBytesForTheSameSeed() throws {
        let a = try GeneratedSample(rows: 600, seed: 5, layout: .dvcqg, files: 3)
        let b = try GeneratedSample(rows: 600, seed: 5, layout: .dvcqg, files: 3)
        let c = try GeneratedSample(rows: 600, seed: 6, layout: .dvcqg, files: 3)
        defer { a.remove(); b.remove(); c.remove() }
        for name in try Self.syncFiles(a) {
            #expect(try a.bytes("exports/dvcqg/" + name) == b.bytes("exports/dvcqg/" + name), "\(name)")
            #expect(try a.bytes("exports/dvcqg/" + name) != c.bytes("exports/dvcqg/" + name), "\(name)")
        }
    }

    @Test func mixedMakesOneExportInSyncEveryASyncFile() {
        func periods(_ every: Int) -> [Int] {
            (0..<24).filter { SampleLayout.mixed.writesSyncRecords(period: $0, syncEvery: every) }
        }
        #expect(periods(12) == [5, 17])
        #expect(periods(4) == [1, 5, 9, 13, 17, 21])
        #expect(periods(0) == [])
        #expect(!SampleLayout.canonical.writesSyncRecords(period: 5, syncEvery: 12))
        #expect(SampleLayout.dvcqg.writesSyncRecords(period: 0, syncEvery: 0))
        #expect(SampleGenerator.isExportName("export-0003.json.zst"))
        #expect(SampleGenerator.isExportName("export-0001.jsonl"))
        #expect(!SampleGenerator.isExportName("export-0001.json.bak"))
    }

    // MARK: - Helpers

    private static func decompressed(_ path: String) throws -> String {
        let source = try openDecompressed(path: path)
        var out: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
            if n == 0 { return String(decoding: out, as: UTF8.self) }
            out += block[0..<n]
        }
    }
}

/// Input order of a pipeline: canonical, iGate, then the sync records.
private func rank(_ profile: ColumnProfile) -> Int {
    profile.name == "canonical" ? 0 : profile.name == "igate-vi" ? 1 : 2
}
