import Foundation
import MotcuaIO
import Testing

/// Snapshots, incremental runs and crash recovery (issue 4), end to end on the e2e fixture with
/// `outputs.snapshots` turned on.
@Suite(.serialized) struct SnapshotRunTests {
    /// The fixture with snapshots on, and optionally without b.csv (to add it later).
    func fixture(withoutB: Bool = false) throws -> FixtureCopy {
        let fx = try FixtureCopy("e2e")
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  database: out/summary.sqlite\n",
                with: "  database: out/summary.sqlite\n  snapshots: out/snapshots\n  keep_snapshots: 2\n")
            .replacingOccurrences(of: "max_reject_rate: 0.2", with: "max_reject_rate: 0.5")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        if withoutB { try FileManager.default.moveItem(atPath: fx.path("exports/b.csv"), toPath: fx.path("later-b.csv")) }
        return fx
    }

    /// What must be equal between two runs: every figure table, and the snapshot's decompressed
    /// dossiers and catalog (run ids and timestamps differ by nature).
    func outputs(_ fx: FixtureCopy) throws -> [String: [[String]]] {
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        var result: [String: [[String]]] = [:]
        for table in ["monthly_counts", "backlog", "dormant_procedures", "too_new_procedures", "unknown_procedures", "procedures", "agencies", "target_progress"] {
            result[table] = db.rows("SELECT * FROM \(table) ORDER BY 1, 2, 3")
        }
        let folder = SnapshotFolder(root: fx.path("out/snapshots"))
        let latest = try #require(folder.latest)
        let manifest = try folder.verify(latest)
        for file in manifest.files where file.path.hasSuffix(".csv.zst") {
            let reader = try CSVReader(path: (folder.folder(of: latest) as NSString).appendingPathComponent(file.path))
            var rows: [[String]] = []
            while try reader.next() { rows.append((0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }) }
            result[file.path] = rows.sorted { $0.lexicographicallyPrecedes($1) }
        }
        return result
    }

    @Test func incrementalEqualsFull() throws {
        let full = try fixture()
        defer { full.remove() }
        #expect(try CLI.run(["run", full.path("pipeline.yaml")]).status == 0)

        let nightly = try fixture(withoutB: true)
        defer { nightly.remove() }
        #expect(try CLI.run(["run", nightly.path("pipeline.yaml")]).status == 0)
        try FileManager.default.moveItem(atPath: nightly.path("later-b.csv"), toPath: nightly.path("exports/b.csv"))
        let second = try CLI.run(["run", nightly.path("pipeline.yaml"), "--json"])
        #expect(second.status == 0)
        #expect(second.stdout.contains("\"records_read\":3"))  // only b.csv was read
        #expect(try outputs(nightly) == outputs(full))
        // The 2022 partition did not change: it is the previous snapshot's file, linked.
        let folder = SnapshotFolder(root: nightly.path("out/snapshots"))
        let ids = folder.ids()
        #expect(ids.count == 2)
        let old = try folder.manifest(of: ids[0]).files.first { $0.path.contains("year=2022") }
        let new = try folder.manifest(of: ids[1]).files.first { $0.path.contains("year=2022") }
        #expect(old == new)
        #expect(try folder.manifest(of: ids[1]).previous == ids[0])
    }

    @Test func rerunOnTheSameInputsChangesNothingButTheRunLog() throws {
        let fx = try fixture()
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let first = try outputs(fx)
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        #expect(try outputs(fx) == first)
        #expect(try SQLiteReader(fx.path("out/summary.sqlite")).value("SELECT COUNT(*) FROM runs") == "2")
    }

    @Test func retentionKeepsTheConfiguredNumber() throws {
        let fx = try fixture()
        defer { fx.remove() }
        for _ in 0..<3 { #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0) }
        #expect(SnapshotFolder(root: fx.path("out/snapshots")).ids().count == 2)
        let listed = try CLI.run(["snapshot", "list", fx.path("pipeline.yaml")])
        #expect(listed.stdout.split(separator: "\n").count == 2)
        #expect(try CLI.run(["snapshot", "verify", fx.path("pipeline.yaml")]).status == 0)
    }

    @Test(arguments: ["after-ingest", "after-database-build", "after-snapshot", "after-database-placed", "after-store"])
    func killedRunIsRepairedByTheNextRun(point: String) throws {
        let clean = try fixture(withoutB: true)
        defer { clean.remove() }
        #expect(try CLI.run(["run", clean.path("pipeline.yaml")]).status == 0)
        try FileManager.default.moveItem(atPath: clean.path("later-b.csv"), toPath: clean.path("exports/b.csv"))
        #expect(try CLI.run(["run", clean.path("pipeline.yaml")]).status == 0)

        let crashed = try fixture(withoutB: true)
        defer { crashed.remove() }
        #expect(try CLI.run(["run", crashed.path("pipeline.yaml")]).status == 0)
        try FileManager.default.moveItem(atPath: crashed.path("later-b.csv"), toPath: crashed.path("exports/b.csv"))
        let killed = try CLI.run(["run", crashed.path("pipeline.yaml")], environment: ["MOTCUA_FAULT_POINT": point])
        #expect(killed.status == 9, "the run was not killed at \(point)")
        let rerun = try CLI.run(["run", crashed.path("pipeline.yaml")])
        #expect(rerun.status == 0, "\(rerun.stderr)")
        #expect(try outputs(crashed) == outputs(clean), "\(point)")
        // No temporary file survives the repair.
        let leftovers = try FileManager.default.subpathsOfDirectory(atPath: crashed.path("out")).filter { $0.contains(".tmp-") }
        #expect(leftovers.isEmpty, "\(leftovers)")
    }

    @Test func damagedSnapshotIsRefusedByVerifyAndByTheNextRun() throws {
        let fx = try fixture()
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let folder = SnapshotFolder(root: fx.path("out/snapshots"))
        let id = try #require(folder.latest)
        let part = (folder.folder(of: id) as NSString).appendingPathComponent("dossiers/year=2025/part-0000.csv.zst")
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: part)))
        bytes[bytes.count / 2] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: part))
        let dbBefore = try Data(contentsOf: URL(fileURLWithPath: fx.path("out/summary.sqlite")))

        let verify = try CLI.run(["snapshot", "verify", fx.path("pipeline.yaml")])
        #expect(verify.status == 65)
        #expect(verify.stdout.contains("year=2025/part-0000.csv.zst"))
        let run = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(run.status == 65)
        #expect(run.stderr.contains("damaged"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.path("out/summary.sqlite"))) == dbBefore)

        // A truncated part is refused the same way.
        try Data(bytes.prefix(10)).write(to: URL(fileURLWithPath: part))
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 65)
    }

    @Test func lostStoreIsRebuiltFromTheLatestSnapshot() throws {
        let fx = try fixture()
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let before = try outputs(fx)
        try FileManager.default.removeItem(atPath: fx.path("out/store/dossiers.store"))
        let rerun = try CLI.run(["run", fx.path("pipeline.yaml"), "--json"])
        #expect(rerun.status == 0)
        #expect(rerun.stdout.contains("\"records_read\":0"))  // nothing parsed again
        #expect(try outputs(fx) == before)
    }
}
