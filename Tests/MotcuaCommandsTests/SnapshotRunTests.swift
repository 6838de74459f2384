import CSQLite
import Foundation
import MotcuaIO
import Testing

/// Snapshots, incremental runs and crash recovery (issue 4), end to end on the e2e fixture with
/// `outputs.snapshots` turned on.
@Suite(.serialized) struct SnapshotRunTests {
    /// The fixture with snapshots on, and optionally without b.csv (to add it later; its glob
    /// is then `optional: true`, as for a vendor who sends nothing some nights).
    func fixture(withoutB: Bool = false) throws -> FixtureCopy {
        let fx = try FixtureCopy("e2e")
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      profile: igate-vi\n", with: "      profile: igate-vi\n      optional: true\n")
            .replacingOccurrences(of: "  database: out/summary.sqlite\n",
                with: "  database: out/summary.sqlite\n  snapshots: out/snapshots\n  keep_snapshots: 2\n")
            .replacingOccurrences(of: "max_reject_rate: 0.2", with: "max_reject_rate: 0.5")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        if withoutB { try FileManager.default.moveItem(atPath: fx.path("exports/b.csv"), toPath: fx.path("later-b.csv")) }
        return fx
    }

    /// What must be equal between two runs: every figure table, and the snapshot's decompressed
    /// dossiers and catalog (run ids and timestamps differ by nature).
    func outputs(_ fx: FixtureCopy) throws -> [String: [[String]]] { try outputs(root: fx.root) }

    func outputs(root: String) throws -> [String: [[String]]] {
        let fx = (path: { (relative: String) in (root as NSString).appendingPathComponent(relative) }, root: root)
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

    /// The fixture run once over every export, and a copy run once without b.csv (still beside
    /// it as later-b.csv, for the next night).
    func fullAndFirstNight() throws -> (full: FixtureCopy, nightly: FixtureCopy) {
        let full = try fixture()
        #expect(try CLI.run(["run", full.path("pipeline.yaml")]).status == 0)
        let nightly = try fixture(withoutB: true)
        #expect(try CLI.run(["run", nightly.path("pipeline.yaml")]).status == 0)
        return (full, nightly)
    }

    @Test func incrementalEqualsFull() throws {
        let (full, nightly) = try fullAndFirstNight()
        defer {
            full.remove()
            nightly.remove()
        }
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

    /// Night after night, one export each (the store written as a delta, the database patched,
    /// unchanged snapshot parts linked), the outputs equal one run over every export.
    @Test func nightsOfOneExportEachEqualOneRunOverAll() throws {
        let root = NSTemporaryDirectory() + "motcua-nights-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = (root as NSString).appendingPathComponent("data")
        #expect(
            try CLI.run([
                "generate", "--rows", "6000", "--seed", "11", "--out", data, "--format", "canonical", "--files", "8",
                "--from-year", "2023", "--to-year", "2025", "--bad-rate", "0",
            ]).status == 0)
        let exports = try FileManager.default.contentsOfDirectory(atPath: data + "/exports/canonical").sorted()
        #expect(exports.count == 8)
        func pipeline(_ folder: String) throws {
            try FileManager.default.createDirectory(atPath: folder + "/in", withIntermediateDirectories: true)
            let yaml = """
                name: nights
                as_of: 2025-12-31
                inputs:
                  catalog: \(data)/catalog.csv
                  exports:
                    - path: in/*.csv
                      profile: canonical
                outputs:
                  store: out/store
                  database: out/summary.sqlite
                  snapshots: out/snapshots
                  keep_snapshots: 2
                targets:
                  2025: { online_rate: 0.6, on_time_rate: 0.9 }
                """
            try yaml.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
        }
        func add(_ name: String, to folder: String) throws {
            try FileManager.default.copyItem(atPath: data + "/exports/canonical/" + name, toPath: folder + "/in/" + name)
        }
        let full = root + "/full"
        try pipeline(full)
        for name in exports { try add(name, to: full) }
        #expect(try CLI.run(["run", full + "/p.yaml", "--quiet"]).status == 0)

        let nights = root + "/nights"
        try pipeline(nights)
        for name in exports.prefix(5) { try add(name, to: nights) }
        #expect(try CLI.run(["run", nights + "/p.yaml", "--quiet"]).status == 0)
        for name in exports.suffix(3) {
            try add(name, to: nights)
            let lines = try String(contentsOfFile: nights + "/in/" + name, encoding: .utf8).split(separator: "\n").count
            let night = try CLI.run(["run", nights + "/p.yaml", "--json"])
            #expect(night.status == 0, "\(night.stderr)")
            // Only tonight's export is read: earlier ones are known from the store (and its delta).
            #expect(night.stdout.contains("\"records_read\":\(lines - 1),"), "\(night.stdout.prefix(300))")
        }
        #expect(FileManager.default.fileExists(atPath: nights + "/out/store/dossiers.store.delta"))
        #expect(try outputs(root: nights) == outputs(root: full))
        // Parts the last night did not touch are the previous snapshot's files, linked (three
        // years of one 8,192-row part each here: 2025 changed, an earlier year did not).
        let folder = SnapshotFolder(root: nights + "/out/snapshots")
        let ids = folder.ids()
        let before = Set(try folder.manifest(of: ids[ids.count - 2]).files.filter { $0.path.hasPrefix("dossiers/") }.map(\.sha256))
        let after = try folder.manifest(of: ids[ids.count - 1]).files.filter { $0.path.hasPrefix("dossiers/") }
        #expect(after.count == 3 && after.filter { before.contains($0.sha256) }.count >= 1)
    }

    /// A published database that changed after its run (edited by hand, a flipped bit) is never
    /// patched: the next run rebuilds it, so the edit does not survive.
    @Test func anEditedDatabaseIsRebuiltNotPatched() throws {
        let (full, nightly) = try fullAndFirstNight()
        defer {
            full.remove()
            nightly.remove()
        }
        var db: OpaquePointer?
        #expect(sqlite3_open(nightly.path("out/summary.sqlite"), &db) == SQLITE_OK)
        #expect(sqlite3_exec(db, "UPDATE monthly_counts SET received = received + 1000", nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
        try FileManager.default.moveItem(atPath: nightly.path("later-b.csv"), toPath: nightly.path("exports/b.csv"))
        #expect(try CLI.run(["run", nightly.path("pipeline.yaml")]).status == 0)
        #expect(try outputs(nightly) == outputs(full))
    }

    /// A night run without snapshots, then snapshots on again: the latest snapshot no longer
    /// holds the store's state, so none of its parts may be linked into the next one. The night
    /// only updates a dossier (same names, same row counts), which no other check would catch.
    @Test func aNightWithoutSnapshotsIsNotLinkedOver() throws {
        let update = """
            dossier_id,procedure_code,agency_code,channel,received_at,status,closed_at,due_at,service_level,paid_online,updated_at,applicant_name,agency_name
            D1,1.001,AG1,online,2025-01-10 09:00,rejected,2025-01-16 10:00,2025-01-15 17:00,,true,2025-01-16 10:00,Nguyễn Văn Bí Mật,Sở Xây dựng

            """
        func withUpdates(_ fx: FixtureCopy) throws -> String {
            let yaml = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
                .replacingOccurrences(
                    of: "    - path: exports/a.csv\n      profile: canonical\n",
                    with: "    - path: exports/a.csv\n      profile: canonical\n    - path: updates/*.csv\n      profile: canonical\n"
                        + "      optional: true\n")  // empty on the first night
            try yaml.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
            try FileManager.default.createDirectory(atPath: fx.path("updates"), withIntermediateDirectories: true)
            return yaml
        }
        let full = try fixture()
        defer { full.remove() }
        _ = try withUpdates(full)
        try update.write(toFile: full.path("updates/c.csv"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", full.path("pipeline.yaml")]).status == 0)

        let nightly = try fixture()
        defer { nightly.remove() }
        let withSnapshots = try withUpdates(nightly)
        #expect(try CLI.run(["run", nightly.path("pipeline.yaml")]).status == 0)
        let without = withSnapshots.replacingOccurrences(of: "  snapshots: out/snapshots\n", with: "")
        #expect(without != withSnapshots)
        try without.write(toFile: nightly.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        try update.write(toFile: nightly.path("updates/c.csv"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", nightly.path("pipeline.yaml")]).status == 0)
        try withSnapshots.write(toFile: nightly.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", nightly.path("pipeline.yaml")]).status == 0)
        #expect(try outputs(nightly) == outputs(full))
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
