import Foundation
import Testing

/// Upgrades never break a deployment (issue 12): a store written by an earlier release is read
/// or rebuilt, with one line in the log, and the figures equal a run from scratch; a change to
/// the summary database's columns comes with a schema-version bump.
@Suite struct UpgradeTests {
    /// Every monthly count of a published database, as text rows.
    static func monthlyCounts(_ database: String) throws -> [[String]] {
        try SQLiteReader(database).rows("SELECT * FROM monthly_counts ORDER BY month, agency_code, procedure_code")
    }

    /// The figures of the e2e fixture's exports read from scratch.
    static func freshCounts() throws -> [[String]] {
        let fresh = try FixtureCopy("e2e")
        defer { fresh.remove() }
        let result = try CLI.run(["run", fresh.path("pipeline.yaml"), "--quiet"])
        #expect(result.status == 0, "\(result.stderr)")
        return try monthlyCounts(fresh.path("out/summary.sqlite"))
    }

    @Test func aStoreOfTheEarlierFormatIsRebuiltFromEveryExport() throws {
        let fixture = try FixtureCopy("upgrade-v5")
        defer { fixture.remove() }
        // No snapshots in this pipeline: nothing to restore from. The v5 store's dossiers have
        // the 48-byte layout of before fee_amount and supplement_requests (issue 13): they cannot
        // be read as today's, so the run reads every export again, says so once, and exits 0.
        let result = try CLI.run(["run", fixture.path("pipeline.yaml")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("rebuilding it from every export") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(try Self.monthlyCounts(fixture.path("out/summary.sqlite")) == Self.freshCounts())
        // The next run reads the store the upgrade wrote without any such line.
        let again = try CLI.run(["run", fixture.path("pipeline.yaml")])
        #expect(again.status == 0)
        #expect(!again.stderr.contains("counting them again"), "\(again.stderr)")
        #expect(!again.stderr.contains("cannot be read"), "\(again.stderr)")
    }

    /// Every portal score of a published database, as text rows.
    static func portalScores(_ database: String) throws -> [[String]] {
        try SQLiteReader(database).rows("SELECT * FROM portal_scores ORDER BY period, scope, agency_code, criterion")
    }

    @Test func aStoreOfTheLastFormatIsReadAndItsPortalTotalsCounted() throws {
        let fixture = try FixtureCopy("upgrade-v6")
        defer { fixture.remove() }
        // A v6 store (before the portal score's totals were kept): read as it is, not rebuilt;
        // the portal totals are counted once from its dossiers.
        let result = try CLI.run(["run", fixture.path("pipeline.yaml")])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(!result.stderr.contains("rebuilding"), "\(result.stderr)")
        let fresh = try FixtureCopy("e2e")
        defer { fresh.remove() }
        #expect(try CLI.run(["run", fresh.path("pipeline.yaml"), "--quiet"]).status == 0)
        #expect(try Self.monthlyCounts(fixture.path("out/summary.sqlite")) == Self.monthlyCounts(fresh.path("out/summary.sqlite")))
        let portal = try Self.portalScores(fixture.path("out/summary.sqlite"))
        #expect(!portal.isEmpty)
        #expect(portal == (try Self.portalScores(fresh.path("out/summary.sqlite"))))
        // The run wrote today's delta beside the old base (the delta carries the totals); the
        // next run reads the two as they are.
        let head = try #require(FileHandle(forReadingAtPath: fixture.path("store/dossiers.store.delta"))?.readData(ofLength: 16))
        #expect(Array(head) == Array("MOTCUA-DELTA\u{0}v7\n".utf8))
        let again = try CLI.run(["run", fixture.path("pipeline.yaml")])
        #expect(again.status == 0)
        #expect(try Self.portalScores(fixture.path("out/summary.sqlite")) == portal)
    }

    @Test func aStoreOfAnUnknownLayoutIsRebuiltFromEveryExport() throws {
        let fixture = try FixtureCopy("upgrade-v5")
        defer { fixture.remove() }
        // What a later release (or a downgrade) leaves: a store this binary cannot read.
        var bytes = Array("MOTCUA-STORE\u{0}v99\n".utf8)
        bytes += [UInt8](repeating: 7, count: 64)
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.path("store/dossiers.store")))
        let result = try CLI.run(["run", fixture.path("pipeline.yaml")])
        #expect(result.status == 0, "\(result.stderr)")
        let lines = result.stderr.split(separator: "\n").filter { $0.contains("rebuilding it from every export") }
        #expect(lines.count == 1, "\(result.stderr)")
        #expect(try Self.monthlyCounts(fixture.path("out/summary.sqlite")) == Self.freshCounts())
    }

    @Test func aDamagedStoreIsStillAnError() throws {
        let fixture = try FixtureCopy("upgrade-v5")
        defer { fixture.remove() }
        // Today's magic, then garbage: damage, not another version.
        var bytes = Array("MOTCUA-STORE\u{0}v7\n".utf8)
        bytes += [UInt8](repeating: 0xFF, count: 64)
        try Data(bytes).write(to: URL(fileURLWithPath: fixture.path("store/dossiers.store")))
        let result = try CLI.run(["run", fixture.path("pipeline.yaml"), "--quiet"])
        #expect(result.status == 65)
        #expect(result.stderr.contains("damaged"), "\(result.stderr)")
    }

    /// The columns of every table and view, per schema version. A change to the database's
    /// columns fails this test until `SummaryDatabase.schemaVersion` is bumped and the new
    /// version's fingerprint added here (old versions stay: report writers' SQL depends on them).
    static let columnsFingerprint: [String: String] = [
        "1": "297cb068cdb087df",
        "2": "e1383479d9d17254",
        "3": "f082a457e7f98360",
    ]

    @Test func databaseColumnsChangeOnlyWithASchemaVersionBump() throws {
        let fixture = try FixtureCopy("e2e")
        defer { fixture.remove() }
        let result = try CLI.run(["run", fixture.path("pipeline.yaml"), "--quiet"])
        #expect(result.status == 0)
        let db = try SQLiteReader(fixture.path("out/summary.sqlite"))
        let version = db.value("SELECT value FROM metadata WHERE key = 'schema_version'")
        let names = db.rows("SELECT name FROM sqlite_master WHERE type IN ('table', 'view') ORDER BY name").map { $0[0] }
        var columns: [String] = []
        for name in names {
            for column in db.rows("SELECT name, type FROM pragma_table_info('\(name)') ORDER BY cid") {
                columns.append("\(name).\(column[0]):\(column[1])")
            }
        }
        let fingerprint = Self.fnv1a(columns.joined(separator: "\n"))
        #expect(
            Self.columnsFingerprint[version] == fingerprint,
            "schema version \(version) has columns fingerprint \(fingerprint): bump SummaryDatabase.schemaVersion when columns change")
    }

    /// A 64-bit FNV-1a hash, written out: independent of the code under test.
    static func fnv1a(_ text: String) -> String {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x100_0000_01b3
        }
        return String(hash, radix: 16)
    }
}
