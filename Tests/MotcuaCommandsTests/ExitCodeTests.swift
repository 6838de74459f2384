import Foundation
import Testing

/// The exit codes of CONTRACT.md section 3.3, and that a failed run publishes nothing.
@Suite(.serialized) struct ExitCodeTests {
    @Test func configErrorIsTwoAndNamesTheKey() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let bad = fx.path("bad.yaml")
        try "name: x\nas_of: never\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", bad])
        #expect(r.status == 2)
        #expect(r.stderr.contains("as_of"))
        #expect(try CLI.run(["run", fx.path("pipeline.yaml"), "--as-of", "31/31/2025"]).status == 2)
    }

    @Test func unreadableExportIsSixtyFiveAndPublishesNothing() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        try Data([0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x01]).write(to: URL(fileURLWithPath: fx.path("exports/b2.csv")))
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("b2.csv"))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/store/dossiers.store")))
    }

    /// A dvcqg export that is not JSON: 65, the file and what is wrong named, nothing published;
    /// a good one is ingested and counted, its not-received dossier in runs.not_received.
    @Test func dvcqgExportThatIsNotJSONIsSixtyFive() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      profile: igate-vi\n", with: "      profile: igate-vi\n    - path: exports/sync*.json\n      profile: dvcqg\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let good = #"[{"MaHoSo":"AG1-250101-0001","MaTTHC":"1.001","KenhThucHien":2,"TrangThaiHoSo":4,"NgayTiepNhan":"20250101083000"},"#
            + #"{"MaHoSo":"AG1-250101-0002","MaTTHC":"1.001","TrangThaiHoSo":1}]"#
        try good.write(toFile: fx.path("exports/sync1.json"), atomically: true, encoding: .utf8)
        let ok = try CLI.run(["run", fx.path("pipeline.yaml"), "--json"])
        #expect(ok.status == 0, "\(ok.stderr)")
        #expect(ok.stdout.contains("\"not_received\":1"))
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(db.value("SELECT not_received FROM runs ORDER BY started_at DESC LIMIT 1") == "1")
        try #"[{"MaHoSo":"AG1-250101-0003"}"#.write(toFile: fx.path("exports/sync2.json"), atomically: true, encoding: .utf8)
        let before = try Data(contentsOf: URL(fileURLWithPath: fx.path("out/summary.sqlite")))
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("sync2.json") && r.stderr.contains("never closed"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.path("out/summary.sqlite"))) == before)
    }

    /// A failed identity of form 06 is a bug: exit 70, the period, agency and field named, and
    /// nothing published (the hook breaks one count after the figures are computed).
    @Test func brokenForm06IdentityIsSeventyAndPublishesNothing() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")], environment: ["MOTCUA_BREAK_FORM06": "received"])
        #expect(r.status == 70)
        #expect(r.stderr.contains("form 06 for period calendar "))
        #expect(r.stderr.contains(", agency "))
        #expect(r.stderr.contains(", field "))
        #expect(r.stderr.contains("3 = 4 + 5 + 6 fails"))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/store/dossiers.store")))
        // The same run without the hook publishes form 06, and its identities hold in SQL.
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(Int(db.value("SELECT COUNT(*) FROM form06")) ?? 0 > 0)
        #expect(
            db.value(
                "SELECT COUNT(*) FROM form06 WHERE received_total != received_online + received_other + carried_over"
                    + " OR settled_total != settled_early + settled_on_time + settled_late"
                    + " OR pending_total != pending_in_time + pending_overdue OR received_total != settled_total + pending_total"
            ) == "0")
        // form06 is form06_by_level summed over the levels.
        #expect(
            db.value(
                "SELECT COUNT(*) FROM form06 f JOIN (SELECT period_kind, period, agency_code, field,"
                    + " SUM(received_total) r, SUM(pending_overdue) o FROM form06_by_level GROUP BY 1, 2, 3, 4) l"
                    + " USING (period_kind, period, agency_code, field) WHERE f.received_total != l.r OR f.pending_overdue != l.o"
            ) == "0")
        #expect(
            db.value("SELECT COUNT(*) FROM form06")
                == db.value("SELECT COUNT(*) FROM (SELECT DISTINCT period_kind, period, agency_code, field FROM form06_by_level)"))
    }

    @Test func missingCatalogIsSixtyFive() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        try FileManager.default.removeItem(atPath: fx.path("catalog.csv"))
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("catalog.csv"))
    }

    @Test func rejectRateOverTheLimitIsSixtyFiveAndKeepsThePreviousDatabase() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let before = try Data(contentsOf: URL(fileURLWithPath: fx.path("out/summary.sqlite")))
        var garbage = "dossier_id,procedure_code,agency_code,channel,received_at,status\n"
        for k in 0..<10 { garbage += "G\(k),1.001,AG1,fax,2025-01-01,pending\n" }
        try garbage.write(toFile: fx.path("exports/b3.csv"), atomically: true, encoding: .utf8)
        // b3.csv is read with the igate-vi profile by the pipeline's glob; give it its own file.
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "    - path: exports/b*.csv\n      profile: igate-vi\n",
                with: "    - path: exports/b.csv\n      profile: igate-vi\n    - path: exports/b3.csv\n      profile: canonical\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("max_reject_rate"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.path("out/summary.sqlite"))) == before)
    }

    @Test func heldLockIsSeventyFive() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("out/store"), withIntermediateDirectories: true)
        let holder = try LockHolder(lockFile: fx.path("out/store/motcua.lock"))
        defer { withExtendedLifetime(holder) {} }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 75)
        #expect(r.stderr.contains("lock"))
    }

    @Test func staleLockIsTakenOverWithAWarning() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("out/store"), withIntermediateDirectories: true)
        try "pid 999999, started 2025-01-01T00:00:00Z".write(toFile: fx.path("out/store/motcua.lock"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 0)
        #expect(r.stderr.contains("took over a lock"))
    }

    @Test func unwritableOutputIsSeventyThree() throws {
        guard getuid() != 0 else {
            // root writes through permissions; use a path under a regular file instead.
            let fx = try FixtureCopy("e2e")
            defer { fx.remove() }
            let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
                .replacingOccurrences(
                    of: "database: out/summary.sqlite", with: "database: catalog.csv/summary.sqlite\n  snapshots: out/snapshots")
            try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
            let r = try CLI.run(["run", fx.path("pipeline.yaml")])
            #expect(r.status == 73, "\(r.stderr)")
            // The snapshot's parts are written while the database is built: none may be left.
            let left = (try? FileManager.default.contentsOfDirectory(atPath: fx.path("out/snapshots"))) ?? []
            #expect(left.isEmpty, "a failed run left \(left) in the snapshots folder")
            return
        }
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        try FileManager.default.createDirectory(atPath: fx.path("out"), withIntermediateDirectories: true)
        try FileManager.default.setAttributes([.posixPermissions: 0o555], ofItemAtPath: fx.path("out"))
        defer { try? FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: fx.path("out")) }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 73)
    }

    /// A custom profile that names a header the file lacks: the message names the canonical
    /// column (the key to fix under profile.columns) and the headers the file has.
    @Test func aMissingHeaderNamesTheCanonicalColumnAndTheHeadersFound() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "    - path: exports/a.csv\n      profile: canonical\n",
                with: "    - path: exports/a.csv\n      profile:\n        columns: { channel: \"Hình thức\" }\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65)
        #expect(r.stderr.contains("required column(s) channel (as 'Hình thức') not found"), "\(r.stderr)")
        #expect(r.stderr.contains("'dossier_id', 'procedure_code'"), "\(r.stderr)")
    }
}
