import CSQLite
import Foundation
import MotcuaIO
import Testing

/// `motcua merge` end to end (issue 17): three generated provinces, each run by `motcua run`,
/// merged by the built binary, and checked against sums the test makes itself from the inputs.
@Suite(.serialized) struct MergeCommandTests {
    /// Three provinces made once for the suite: generated with different seeds and run.
    static let provinces: [String: String] = {
        let root = NSTemporaryDirectory() + "motcua-merge-" + UUID().uuidString
        var databases: [String: String] = [:]
        for (code, seed) in [("01", 101), ("04", 104), ("11", 111)] {
            let folder = root + "/p" + code
            _ = try? CLI.run([
                "generate", "--rows", "2500", "--seed", String(seed), "--out", folder + "/data", "--format",
                "canonical",
                "--files", "2", "--bad-rate", "0",
            ])
            let yaml = """
                name: province-\(code)
                as_of: 2025-12-31
                inputs: { catalog: data/catalog.csv, exports: [{ path: "data/exports/canonical/*.csv", profile: canonical }] }
                outputs: { store: out/store, database: out/summary.sqlite }
                targets: { 2025: { online_rate: 0.6, on_time_rate: 0.9 } }
                """
            try? yaml.write(toFile: folder + "/p.yaml", atomically: true, encoding: .utf8)
            _ = try? CLI.run(["run", folder + "/p.yaml", "--quiet"])
            databases[code] = folder + "/out/summary.sqlite"
        }
        return databases
    }()

    /// A merge pipeline in a fresh folder over `inputs` (province code, database path).
    func mergePipeline(_ inputs: [(String, String)], crosswalk: String = "none", extra: String = "") throws -> (
        folder: String, file: String
    ) {
        let folder = NSTemporaryDirectory() + "motcua-merge-run-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let list = inputs.map { "    - { province: \"\($0.0)\", database: \($0.1) }" }.joined(separator: "\n")
        let yaml = """
            name: national
            merge:
              inputs:
            \(list)
              crosswalk: \(crosswalk)
            outputs:
              database: out/national.sqlite
            targets:
              2025: { online_rate: 0.65, on_time_rate: 0.9 }
            \(extra)
            """
        try yaml.write(toFile: folder + "/n.yaml", atomically: true, encoding: .utf8)
        return (folder, folder + "/n.yaml")
    }

    /// The rows of `monthly_counts` of one database, keyed by month, agency and procedure.
    func monthlyCounts(_ path: String) throws -> [[String]: [Int]] {
        let rows = try SQLiteReader(path).rows("SELECT * FROM monthly_counts")
        var result: [[String]: [Int]] = [:]
        for row in rows { result[Array(row[0..<3])] = row[3...].map { Int($0) ?? -1 } }
        return result
    }

    // MARK: - Sums

    @Test func mergeEqualsTheSumOfItsInputsCellByCell() throws {
        let inputs = Self.provinces.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let (folder, file) = try mergePipeline(inputs)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["merge", file])
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try SQLiteReader(folder + "/out/national.sqlite")

        // An independent sum: every input's rows under its province code, added up here.
        var expected: [[String]: [Int]] = [:]
        for (code, path) in inputs {
            for (key, counts) in try monthlyCounts(path) {
                let k = [code] + key
                expected[k] = zip(expected[k] ?? Array(repeating: 0, count: counts.count), counts).map { $0 + $1 }
            }
        }
        var actual: [[String]: [Int]] = [:]
        for row in merged.rows("SELECT * FROM monthly_counts") {
            actual[Array(row[0..<4])] = row[4...].map { Int($0) ?? -1 }
        }
        #expect(actual.count == expected.count)
        #expect(actual == expected)
        #expect(merged.value("SELECT count(DISTINCT province_code) FROM monthly_counts") == "3")

        // Lists joined with their province: as many rows as the inputs together.
        for table in [
            "procedures", "agencies", "backlog", "dormant_procedures", "unknown_procedures", "runs", "targets",
        ] {
            let inputRows = try inputs.reduce(0) {
                $0 + (Int(try SQLiteReader($1.1).value("SELECT count(*) FROM \(table)")) ?? 0)
            }
            let national = table == "targets" ? 2 : 0
            #expect(merged.value("SELECT count(*) FROM \(table)") == String(inputRows + national), "\(table)")
        }
        #expect(
            merged.value("SELECT group_concat(province_code || '=' || reported_province_code, ' ') FROM merge_inputs")
                == "01=01 04=04 11=11")
        #expect(merged.value("SELECT value FROM metadata WHERE key = 'layout'") == "national")
    }

    @Test func nationalRatiosAreOfSummedCountsNotAnAverage() throws {
        let inputs = Self.provinces.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let (folder, file) = try mergePipeline(inputs)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CLI.run(["merge", file]).status == 0)
        let merged = try SQLiteReader(folder + "/out/national.sqlite")
        var online = 0
        var received = 0
        var rates: [Double] = []
        for (_, path) in inputs {
            let row = try SQLiteReader(path).rows(
                "SELECT sum(received_online), sum(received) FROM monthly_counts WHERE month LIKE '2025-%'")[0]
            online += Int(row[0]) ?? 0
            received += Int(row[1]) ?? 0
            rates.append(Double(Int(row[0]) ?? 0) / Double(Int(row[1]) ?? 1))
        }
        let national = Double(merged.value("SELECT online_rate FROM national_ratios_by_year WHERE year = 2025")) ?? -1
        #expect(abs(national - Double(online) / Double(received)) < 1e-12)
        #expect(abs(national - rates.reduce(0, +) / Double(rates.count)) > 1e-9)
        #expect(
            merged.rows(
                "SELECT numerator, denominator FROM target_progress WHERE province_code = '' AND metric = 'online_rate'"
            )
                == [[String(online), String(received)]])
        // Each province's own ratio and target, from its own counts.
        for (code, path) in inputs {
            let own = try SQLiteReader(path).value("SELECT online_rate FROM province_ratios_by_year WHERE year = 2025")
            #expect(
                merged.value(
                    "SELECT online_rate FROM province_ratios_by_year WHERE year = 2025 AND province_code = '\(code)'")
                    == own)
            let target = try SQLiteReader(path).rows(
                "SELECT metric, actual, met, shortfall FROM target_progress ORDER BY metric")
            #expect(
                merged.rows(
                    "SELECT metric, actual, met, shortfall FROM target_progress WHERE province_code = '\(code)' ORDER BY metric"
                ) == target)
        }
    }

    /// Portal scores at national scope (CONTRACT.md 3.5): numerators and denominators summed
    /// over the provinces, points computed again from the summed ratio (20 x ratio for progress,
    /// 12 x min(1, ratio / 0.5) for online), never a sum or an average of provincial points; each
    /// province's own rows as its database has them.
    @Test func portalScoresAreComputedAgainFromSummedCounts() throws {
        let inputs = Self.provinces.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }
        let (folder, file) = try mergePipeline(inputs)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect(try CLI.run(["merge", file]).status == 0)
        let merged = try SQLiteReader(folder + "/out/national.sqlite")
        for criterion in ["progress", "online"] {
            var numerator = 0
            var denominator = 0
            for (_, path) in inputs {
                let row = try SQLiteReader(path).rows(
                    "SELECT numerator, denominator FROM portal_scores WHERE period = '2025' AND scope = 'province' AND criterion = '\(criterion)'"
                )
                #expect(row.count == 1)
                numerator += Int(row.first?[0] ?? "") ?? 0
                denominator += Int(row.first?[1] ?? "") ?? 0
            }
            #expect(denominator > 0)
            let national = merged.rows(
                "SELECT numerator, denominator, points, max_points, points_lost FROM portal_scores "
                    + "WHERE province_code = '' AND scope = 'national' AND period = '2025' AND criterion = '\(criterion)'")
            #expect(national.count == 1)
            guard let row = national.first, row.count == 5 else { continue }
            #expect(row[0] == String(numerator) && row[1] == String(denominator))
            let ratio = Double(numerator) / Double(denominator)
            let expected = criterion == "progress" ? 20 * ratio : 12 * min(1, ratio / 0.5)
            #expect(abs((Double(row[2]) ?? -1) - expected) < 1e-9, "\(criterion): \(row)")
            #expect(abs((Double(row[4]) ?? -1) - ((Double(row[3]) ?? 0) - expected)) < 1e-9)
        }
        // A province's own scores are its database's.
        for (code, path) in inputs {
            let own = try SQLiteReader(path).rows(
                "SELECT period, scope, agency_code, criterion, numerator, denominator, round(points, 9) FROM portal_scores ORDER BY 1, 2, 3, 4")
            let mergedOwn = merged.rows(
                "SELECT period, scope, agency_code, criterion, numerator, denominator, round(points, 9) FROM portal_scores "
                    + "WHERE province_code = '\(code)' ORDER BY 1, 2, 3, 4")
            #expect(mergedOwn == own)
        }
        #expect(Int(merged.value("SELECT count(*) FROM portal_score_totals WHERE scope = 'national'")) ?? 0 > 0)
    }

    @Test func crosswalkReportsTwoOldProvincesUnderTheNewOne() throws {
        // Hà Giang (02) and Tuyên Quang (08) are Tuyên Quang (08) from 1 July 2025. The second
        // database is a copy of the first, so every key meets its twin and every count doubles.
        let source = try #require(Self.provinces["01"])
        let (folder, file) = try mergePipeline(
            [("02", source), ("08", "copy.sqlite"), ("04", try #require(Self.provinces["04"]))], crosswalk: "2025")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try FileManager.default.copyItem(atPath: source, toPath: folder + "/copy.sqlite")
        let result = try CLI.run(["merge", file])
        #expect(result.status == 0, "\(result.stderr)")
        let merged = try SQLiteReader(folder + "/out/national.sqlite")
        #expect(merged.rows("SELECT DISTINCT province_code FROM monthly_counts ORDER BY 1") == [["04"], ["08"]])
        var actual: [[String]: [Int]] = [:]
        for row in merged.rows("SELECT * FROM monthly_counts WHERE province_code = '08'") {
            actual[Array(row[1..<4])] = row[4...].map { Int($0) ?? -1 }
        }
        #expect(actual == (try monthlyCounts(source)).mapValues { $0.map { 2 * $0 } })
        #expect(
            merged.value("SELECT sum(pending) FROM backlog WHERE province_code = '08'")
                == String(2 * (Int(try SQLiteReader(source).value("SELECT sum(pending) FROM backlog")) ?? 0)))
        // The ratio of doubled counts is the ratio of the counts.
        #expect(
            merged.value(
                "SELECT round(on_time_rate, 12) FROM province_ratios_by_year WHERE year = 2025 AND province_code = '08'"
            )
                == (try SQLiteReader(source).value(
                    "SELECT round(on_time_rate, 12) FROM province_ratios_by_year WHERE year = 2025")))
        #expect(merged.value("SELECT group_concat(reported_province_code, ' ') FROM merge_inputs") == "08 08 04")

        // A user's own crosswalk replaces the built-in one.
        try "old_code,new_code,effective_on\n02,X,2030-01-01\n08,X,2030-01-01\n04,Y,2030-01-01\n".write(
            toFile: folder + "/mine.csv", atomically: true, encoding: .utf8)
        let yaml = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
            of: "crosswalk: 2025", with: "crosswalk: mine.csv")
        try yaml.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["merge", file]).status == 0)
        #expect(
            try SQLiteReader(folder + "/out/national.sqlite").rows(
                "SELECT DISTINCT province_code FROM monthly_counts ORDER BY 1") == [["X"], ["Y"]])
    }

    @Test func aProcedureOneOldProvinceUsedIsNotDormantInTheNewOne() throws {
        // The copy plays Hà Giang, where the first dormant procedure of Tuyên Quang had dossiers
        // in the window: active in its catalog and on neither list. Tuyên Quang's other dormant
        // procedures stay dormant in the merged province; the used one does not.
        let source = try #require(Self.provinces["01"])
        let (folder, file) = try mergePipeline([("02", "used.sqlite"), ("08", source)], crosswalk: "2025")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let dormant = try SQLiteReader(source).rows("SELECT procedure_code FROM dormant_procedures ORDER BY 1").map {
            $0[0]
        }
        try #require(dormant.count >= 2)
        try FileManager.default.copyItem(atPath: source, toPath: folder + "/used.sqlite")
        try execute(
            "DELETE FROM dormant_procedures WHERE procedure_code = '\(dormant[0])'", in: folder + "/used.sqlite")
        #expect(try CLI.run(["merge", file]).status == 0)
        let merged = try SQLiteReader(folder + "/out/national.sqlite")
        #expect(
            merged.rows("SELECT procedure_code FROM dormant_procedures ORDER BY 1").map { $0[0] }
                == Array(dormant.dropFirst()))
        // Without a crosswalk the two are separate provinces, each with its own list.
        let separate = try String(contentsOfFile: file, encoding: .utf8).replacingOccurrences(
            of: "crosswalk: 2025", with: "crosswalk: none")
        try separate.write(toFile: file, atomically: true, encoding: .utf8)
        #expect(try CLI.run(["merge", file]).status == 0)
        #expect(
            try SQLiteReader(folder + "/out/national.sqlite").value("SELECT count(*) FROM dormant_procedures")
                == String(2 * dormant.count - 1))
    }

    // MARK: - Errors

    func execute(_ sql: String, in path: String) throws {
        var db: OpaquePointer?
        #expect(sqlite3_open(path, &db) == SQLITE_OK)
        #expect(sqlite3_exec(db, sql, nil, nil, nil) == SQLITE_OK)
        sqlite3_close(db)
    }

    /// Sets an input's schema version, as an older or newer motcua would have written it.
    func copy(_ source: String, to path: String, schemaVersion: String) throws {
        try FileManager.default.copyItem(atPath: source, toPath: path)
        try execute("UPDATE metadata SET value = '\(schemaVersion)' WHERE key = 'schema_version'", in: path)
    }

    @Test(arguments: [SummaryDatabase.schemaVersion - 1, SummaryDatabase.schemaVersion + 1])
    func anotherSchemaVersionNamesTheFileAndBothVersions(_ number: Int) throws {
        let version = String(number)
        let (folder, file) = try mergePipeline([("01", try #require(Self.provinces["01"])), ("04", "other.sqlite")])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try copy(try #require(Self.provinces["04"]), to: folder + "/other.sqlite", schemaVersion: version)
        let result = try CLI.run(["merge", file])
        #expect(result.status == 65)
        #expect(result.stderr.contains(folder + "/other.sqlite"))
        #expect(result.stderr.contains("schema version \(version), this motcua merges version \(SummaryDatabase.schemaVersion)"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/national.sqlite"))
    }

    @Test func theSameProvinceTwiceIsAUsageError() throws {
        let db = try #require(Self.provinces["01"])
        let (folder, file) = try mergePipeline([("01", db), ("01", try #require(Self.provinces["04"]))])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["merge", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("province 01 is listed twice"))
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/national.sqlite"))
    }

    @Test func aProvinceTheCrosswalkDoesNotKnowIsAUsageError() throws {
        let (folder, file) = try mergePipeline([("99", try #require(Self.provinces["01"]))], crosswalk: "2025")
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let result = try CLI.run(["merge", file])
        #expect(result.status == 2)
        #expect(result.stderr.contains("province 99 is not in the crosswalk 2025"))
    }

    @Test func aMissingOrMergedInputIsADataError() throws {
        let (folder, file) = try mergePipeline([("01", try #require(Self.provinces["01"])), ("04", "missing.sqlite")])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let missing = try CLI.run(["merge", file])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains(folder + "/missing.sqlite"))

        let (folder2, file2) = try mergePipeline([("01", try #require(Self.provinces["01"]))])
        defer { try? FileManager.default.removeItem(atPath: folder2) }
        #expect(try CLI.run(["merge", file2]).status == 0)
        let (folder3, file3) = try mergePipeline([("01", folder2 + "/out/national.sqlite")])
        defer { try? FileManager.default.removeItem(atPath: folder3) }
        let nested = try CLI.run(["merge", file3])
        #expect(nested.status == 65)
        #expect(nested.stderr.contains("is a merged (national) database"))
    }

    @Test func anotherMergeHoldingTheLockExits75AndPublishesNothing() throws {
        let (folder, file) = try mergePipeline([("01", try #require(Self.provinces["01"]))])
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let lock = try RunLock(folder: folder + "/out", startedAt: "test")
        defer { lock.release() }
        let result = try CLI.run(["merge", file])
        #expect(result.status == 75)
        #expect(!FileManager.default.fileExists(atPath: folder + "/out/national.sqlite"))
    }
}
