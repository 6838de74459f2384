import Foundation
import MotcuaIO
import Testing

/// Hostile content in exports and pipeline files, end to end through the built binary (issue 7,
/// security): values stay data (never SQL, a path, a command or markup), file names with shell
/// characters are only names, and bytes the contract calls "not text" stop the run before
/// anything is published. Plus two reviews of the sources that a test can keep honest: SQL is
/// only ever literal text with bound parameters, and nothing shells out.
@Suite(.serialized) struct HostileInputTests {
    static let canonicalHeader =
        "dossier_id,procedure_code,agency_code,channel,received_at,status,closed_at,due_at,service_level,paid_online,updated_at,procedure_name,agency_name,applicant_name"

    /// The e2e fixture with exports/a.csv replaced by `text`, and snapshots on.
    func fixture(exportA text: [UInt8]? = nil, snapshots: Bool = false) throws -> FixtureCopy {
        let fx = try FixtureCopy("e2e")
        if let text { try Data(text).write(to: URL(fileURLWithPath: fx.path("exports/a.csv"))) }
        var pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "max_reject_rate: 0.2", with: "max_reject_rate: 0.9")
        if snapshots {
            pipeline = pipeline.replacingOccurrences(
                of: "  database: out/summary.sqlite\n", with: "  database: out/summary.sqlite\n  snapshots: out/snapshots\n")
        }
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        return fx
    }

    static func files(under root: String) -> Set<String> {
        Set((FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? [])
    }

    // MARK: - Values stay data

    @Test func hostileValuesStayDataInTheDatabaseReportsAndFiles() throws {
        let marker = NSTemporaryDirectory() + "motcua-pwned-" + UUID().uuidString
        let rows = [
            "../../../../tmp/motcua-escape,1.001,x'); DROP TABLE monthly_counts;--,online,2025-01-10,pending,,,,,,<img src=x onerror=alert(1)>,<script>alert(1)</script>,A",
            "$(touch \(marker)),1.001,`touch \(marker)`,online,2025-01-11,pending,,,,,,p,n,B",
            "D3,'; DELETE FROM procedures;--,AG1,online,2025-01-12,pending,,,,,,\"=HYPERLINK(\"\"http://example.invalid\"\",\"\"x\"\")\",+SUM(1),C",
            "D4,1.002,/etc/passwd,online,2025-01-13,pending,,,,,,%s%n%x,{{7*7}},D",
        ]
        let fx = try fixture(exportA: Array((Self.canonicalHeader + "\n" + rows.joined(separator: "\n") + "\n").utf8))
        defer { fx.remove() }
        let before = Self.files(under: fx.root)
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker), "a value ran as a shell command")
        #expect(!FileManager.default.fileExists(atPath: "/tmp/motcua-escape"))
        // Every new file is under out/.
        let added = Self.files(under: fx.root).subtracting(before)
        #expect(added.allSatisfy { $0.hasPrefix("out") }, "\(added.sorted())")

        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(Int(db.value("SELECT COUNT(*) FROM monthly_counts")) ?? 0 > 0)
        #expect(db.value("SELECT COUNT(*) FROM procedures") == "7")
        let agencies = Set(db.rows("SELECT agency_code FROM agencies").map { $0[0] })
        #expect(agencies.contains("x'); DROP TABLE monthly_counts;--"))
        #expect(agencies.contains("`touch \(marker)`"))
        #expect(agencies.contains("/etc/passwd"))
        #expect(db.rows("SELECT procedure_code FROM unknown_procedures").map { $0[0] }.contains("'; DELETE FROM procedures;--"))

        // The HTML report shows the markup as text.
        let reports = fx.path("reports")
        let html = try CLI.run(["report", "--database", fx.path("out/summary.sqlite"), "--format", "html", "--out", reports, "--year", "2025"])
        #expect(html.status == 0, "\(html.stderr)")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? [] where name.hasSuffix(".html") {
            let page = try String(contentsOfFile: (reports as NSString).appendingPathComponent(name), encoding: .utf8)
            #expect(!page.contains("<script>alert(1)</script>"), "\(name) holds the export's markup unescaped")
            #expect(!page.contains("<img src=x"), "\(name) holds the export's markup unescaped")
        }
    }

    /// A report writer opens the CSV reports in a spreadsheet: a cell that starts with `=`, `+`,
    /// `-` or `@` and came from an export would run there as a formula (OWASP "CSV injection").
    @Test func csvReportCellsFromExportsNeverStartAFormula() throws {
        let rows = [
            "D1,1.001,=HYPERLINK(\"\"http://example.invalid\"\"),online,2025-01-10,pending,,,,,,p,=1+2,A",
            "D2,1.001,@SUM(1),online,2025-01-11,pending,,,,,,p,+SUM(1),B",
        ]
        let fx = try fixture(exportA: Array((Self.canonicalHeader + "\n" + rows.joined(separator: "\n") + "\n").utf8))
        defer { fx.remove() }
        #expect(try CLI.run(["run", fx.path("pipeline.yaml")]).status == 0)
        let reports = fx.path("reports")
        let r = try CLI.run(["report", "--database", fx.path("out/summary.sqlite"), "--format", "csv", "--out", reports, "--year", "2025"])
        #expect(r.status == 0, "\(r.stderr)")
        for name in (try? FileManager.default.contentsOfDirectory(atPath: reports)) ?? [] where name.hasSuffix(".csv") {
            let reader = try CSVReader(path: (reports as NSString).appendingPathComponent(name))
            while try reader.next() {
                for k in 0..<reader.fieldCount {
                    let cell = String(decoding: reader.field(k), as: UTF8.self)
                    #expect(!(cell.hasPrefix("=") || cell.hasPrefix("@") || cell.hasPrefix("+SUM")), "\(name): formula cell \(cell)")
                }
            }
        }
    }

    @Test func exportFileNamesWithShellCharactersAreOnlyNames() throws {
        let marker = NSTemporaryDirectory() + "motcua-pwned-" + UUID().uuidString
        let fx = try fixture()
        defer { fx.remove() }
        let b = try Data(contentsOf: URL(fileURLWithPath: fx.path("exports/b.csv")))
        for name in ["b; touch \(marker).csv", "b$(touch \(marker)).csv", "b`touch \(marker)`.csv", "b'\".csv"] {
            // Names with "/" cannot be made; the marker path keeps its slashes out by escaping.
            let safe = name.replacingOccurrences(of: "/", with: "∕")
            try b.write(to: URL(fileURLWithPath: fx.path("exports/" + safe)))
        }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(!FileManager.default.fileExists(atPath: marker))
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(db.rows("SELECT path FROM run_inputs").contains { $0[0].contains("touch") })
    }

    // MARK: - Bytes that are not text

    /// CONTRACT.md 1.4: a file that is not text stops the run before anything is published. The
    /// reader looks for NUL bytes in the first 64 KiB only; one further in must not slip through
    /// into the store and snapshots.
    @Test func nulBytesDeepInAnExportStopTheRun() throws {
        var text = Self.canonicalHeader + "\n"
        for k in 0..<900 {
            text += "D\(k),1.001,AG1,online,2025-01-10 08:00,pending,,,,,,Cấp phép,Sở Xây dựng,Nguyễn Văn \(k)\n"
        }
        var bytes = Array(text.utf8)
        bytes += Array("D9\u{0}99,1.001,AG1,online,2025-01-10 08:00,pending,,,,,,p,n,x\n".utf8)
        let fx = try fixture(exportA: bytes, snapshots: true)
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65, "a file with a NUL byte at byte \(text.utf8.count) was published: \(r.stdout)")
        #expect(r.stderr.contains("a.csv"))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
    }

    /// What control bytes lead to when they slip through: the snapshot holds them, and a run that
    /// has to restore from that snapshot (store lost) must still succeed. Two ways in: a NUL byte
    /// after the reader's 64 KiB sample, and control bytes (U+0013) in every dossier id, which stay
    /// under the reader's 1 % "binary" threshold in the export (diluted by personal columns) but
    /// not in the snapshot, which drops those columns.
    @Test(arguments: ["nul-deep", "dc3-diluted"])
    func aSnapshotHoldingControlBytesStaysRestorable(_ variant: String) throws {
        var bytes = Array((Self.canonicalHeader + "\n").utf8)
        let address = String(repeating: "Số 12 đường Lê Lợi - phường Bến Nghé - quận 1 - TP Hồ Chí Minh; ", count: 4)
        for k in 0..<900 {
            let id = variant == "dc3-diluted" ? "D\(k)\u{13}\u{13}" : "D\(k)"
            bytes += Array("\(id),1.001,AG1,online,2025-01-10 08:00,pending,,,,,,Cấp phép,Sở Xây dựng,\(address)\n".utf8)
        }
        if variant == "nul-deep" {
            bytes += Array("D\u{0}X,1.001,AG1,online,2024-01-10 08:00,pending,,,,,,p,n,x\n".utf8)
        }
        let fx = try fixture(exportA: bytes, snapshots: true)
        defer { fx.remove() }
        let first = try CLI.run(["run", fx.path("pipeline.yaml")])
        guard first.status == 0 else { return }  // refused at ingest: nothing to restore
        try FileManager.default.removeItem(atPath: fx.path("out/store/dossiers.store"))
        let rerun = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(rerun.status == 0, "\(variant): the store could not be rebuilt from the snapshot: \(rerun.stderr)")
    }

    /// Legacy-encoded names after the first 64 KiB must not be published as mojibake (U+FFFD).
    @Test func legacyBytesDeepInAnExportAreNeverPublishedAsMojibake() throws {
        var bytes = Array((Self.canonicalHeader + "\n").utf8)
        for k in 0..<900 {
            bytes += Array("D\(k),1.001,AG1,online,2025-01-10 08:00,pending,,,,,,Cap phep,So Xay dung,Nguyen Van \(k)\n".utf8)
        }
        // "Sở Xây dựng" in Windows-1258: S + o-horn (0xF5) + hook (0xD2), X + a-circumflex (0xE2) + y ...
        bytes += Array("D999,1.001,AG9,online,2025-01-10 08:00,pending,,,,,,p,S".utf8) + [0xF5, 0xD2]
            + Array(" X".utf8) + [0xE2] + Array("y d".utf8) + [0xFD, 0xF2] + Array("ng,x\n".utf8)
        let fx = try fixture(exportA: bytes)
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65, "legacy bytes at line 902 were read as text: \(r.stdout)")
        if FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")) {
            let db = try SQLiteReader(fx.path("out/summary.sqlite"))
            let names = db.rows("SELECT agency_name FROM agencies").map { $0[0] }
            #expect(!names.contains { $0.contains("\u{FFFD}") }, "mojibake published: \(names)")
        }
    }

    // MARK: - Pipeline files

    @Test func pipelineFileNotUTF8IsAUsageError() throws {
        let fx = try fixture()
        defer { fx.remove() }
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: fx.path("pipeline.yaml"))))
        bytes.insert(contentsOf: [0x23, 0x20, 0xC3, 0x28, 0x0A], at: 0)  // "# " + an invalid pair
        try Data(bytes).write(to: URL(fileURLWithPath: fx.path("pipeline.yaml")))
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 2, "\(r.stderr)")
        #expect(r.stderr.contains("pipeline.yaml"))
    }

    /// Aliases that expand exponentially ("billion laughs") must not hang or exhaust memory.
    @Test func aliasBombInAPipelineFileIsRefusedQuickly() throws {
        let fx = try fixture()
        defer { fx.remove() }
        var yaml = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n"
        for k in 1...12 { yaml += "a\(k): &a\(k) [" + Array(repeating: "*a\(k - 1)", count: 10).joined(separator: ", ") + "]\n" }
        yaml += "name: *a12\n"
        try yaml.write(toFile: fx.path("bomb.yaml"), atomically: true, encoding: .utf8)
        let clock = ContinuousClock()
        let start = clock.now
        let r = try CLI.run(["run", fx.path("bomb.yaml")])
        #expect(clock.now - start < .seconds(20))
        #expect(r.status == 2, "\(r.stderr)")
    }

    // MARK: - Reviews of the sources

    static let sources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")

    static func swiftFiles() -> [(String, String)] {
        let root = sources.path
        return ((FileManager.default.enumerator(atPath: root)?.allObjects as? [String]) ?? [])
            .filter { $0.hasSuffix(".swift") }.sorted()
            .compactMap { rel in
                (try? String(contentsOfFile: (root as NSString).appendingPathComponent(rel), encoding: .utf8)).map { (rel, $0) }
            }
    }

    /// The text of the call's argument list, from `(` to its matching `)`, string literals
    /// (with their interpolations) skipped over.
    static func argument(in text: String, from open: String.Index) -> String {
        var depth = 0
        var i = open
        var inString = false
        var multiline = false
        while i < text.endIndex {
            let rest = text[i...]
            if !inString {
                if rest.hasPrefix("\"\"\"") {
                    inString = true
                    multiline = true
                    i = text.index(i, offsetBy: 3)
                    continue
                }
                if text[i] == "\"" {
                    inString = true
                    multiline = false
                } else if text[i] == "(" {
                    depth += 1
                } else if text[i] == ")" {
                    depth -= 1
                    if depth == 0 { return String(text[open...i]) }
                }
            } else {
                if text[i] == "\\" {
                    i = text.index(after: i)
                } else if multiline && rest.hasPrefix("\"\"\"") {
                    inString = false
                    i = text.index(i, offsetBy: 3)
                    continue
                } else if !multiline && text[i] == "\"" {
                    inString = false
                }
            }
            i = text.index(after: i)
        }
        return String(text[open...])
    }

    /// What SQL text may interpolate, each reviewed: a fixed list of placeholders or columns,
    /// a table name the code passes as a literal, a schema constant, or the wrapper's own
    /// parameter. A new name here is a new review.
    static let reviewedSQLNames: Set<String> = [
        "columns", "counts",  // ReportReader: fixed column lists
        "rateColumns",  // ReportReader: AdoptionReport.metrics (Ratio names), the views' column names
        "AdoptionReport.metrics.map { \"r.\" + $0.name }.joined(separator: \", \")",  // the same names, prefixed
        "Ratio.proceduresLevel34Share.name",  // SummaryDatabase+Schema: a Ratio name
        "table",  // SummaryDatabase.rowCount(table:): callers pass literals (checked below)
        "tablesSQL", "viewsSQL", "dropViewsSQL",  // SummaryDatabase+Schema: the schema, literal text
        "sql",  // SQLiteConnection's own parameter; ReportReader.groups(sql:) callers pass literals
        "names.joined(separator: \", \")",  // SummaryDatabase+Reading: the ratio views' column names
        "nationalPortalRowsSQL",  // SummaryDatabase+MergedPortalScores: literal SQL, no interpolation
        // SummaryDatabase+Merge: generated from the schema's own table and column names
        // (tablesSQL read back through pragma_table_info) and MergedTable's fixed expressions.
        "mergedSchemaSQL", "derivedColumnsSQL", "upsert", "usedProceduresSQL", "unusedListsSQL",
        // SummaryDatabase+PortalScores: PortalCriterion/PortalGroup names and the payment cap, a
        // number the pipeline file checked.
        "portalScoreTotalsSQL",
        // SQLiteRowInserter: "INSERT INTO <table> VALUES (?, ...), ...", the table a literal its
        // callers pass (checked below).
        "Self.sql",
    ]

    /// An interpolation is reviewed when it names a reviewed constant, or is derived from one of
    /// the code's own enums (`Type.allCases...`): column names, never input.
    static func isReviewed(_ expression: String) -> Bool {
        let e = expression.trimmingCharacters(in: .whitespaces)
        return reviewedSQLNames.contains(e) || e.firstMatch(of: /^[A-Z][A-Za-z]*(\.[A-Z][A-Za-z]*)*\.allCases(\.|$)/) != nil
    }

    /// The expressions interpolated (`\(...)`) in a piece of source, nested parentheses allowed.
    static func interpolations(in text: String) -> [String] {
        var result: [String] = []
        var i = text.startIndex
        while let start = text[i...].range(of: "\\(") {
            var depth = 1
            var j = start.upperBound
            while j < text.endIndex && depth > 0 {
                if text[j] == "(" { depth += 1 }
                if text[j] == ")" { depth -= 1 }
                if depth > 0 { j = text.index(after: j) }
            }
            result.append(String(text[start.upperBound..<min(j, text.endIndex)]))
            i = j < text.endIndex ? text.index(after: j) : text.endIndex
        }
        return result
    }

    /// The string literal that `text` starts with (single-line or multi-line).
    static func literal(at text: Substring) -> String {
        if text.hasPrefix("\"\"\""), let end = text.dropFirst(3).range(of: "\"\"\"") {
            return String(text[..<end.upperBound])
        }
        var i = text.index(after: text.startIndex)
        while i < text.endIndex && text[i] != "\"" && text[i] != "\n" {
            if text[i] == "\\" { i = text.index(after: i) }
            if i < text.endIndex { i = text.index(after: i) }
        }
        return String(text[..<i])
    }

    @Test func sqlIsLiteralTextWithBoundParameters() throws {
        let call = try Regex(#"(\.prepare|\.execute|sqlite3_exec|sqlite3_prepare(_v2|_v3)?)\("#)
        var calls = 0
        for (file, text) in Self.swiftFiles() {
            for match in text.matches(of: call) {
                let open = text.index(before: match.range.upperBound)
                let argument = Self.argument(in: text, from: open)
                calls += 1
                // Every interpolation inside the SQL text is reviewed.
                for expression in Self.interpolations(in: argument) {
                    #expect(Self.isReviewed(expression), "\(file): SQL built from '\(expression)': \(argument.prefix(120))")
                }
                // A bare name (not a literal) is a reviewed constant or the wrapper's parameter.
                let inner = argument.dropFirst().dropLast().trimmingCharacters(in: .whitespacesAndNewlines)
                let first = inner.split(separator: ",").first.map(String.init)?.trimmingCharacters(in: .whitespaces) ?? ""
                if !first.hasPrefix("\""), let name = first.split(separator: " ").first {
                    // A generator called with a fixed argument (`viewsSQL(.national)`) is its name.
                    let bare = String(name.prefix { $0 != "(" })
                    #expect(Self.isReviewed(bare) || bare == "handle", "\(file): SQL from '\(bare)': \(argument.prefix(120))")
                }
            }
            // Callers of the parameters reviewed above pass literal text, itself reviewed.
            for match in text.matches(of: try Regex(#"(rowCount\(table|groups\([^)]*sql|SQLiteRowInserter\([^,)]*, table):\s*"#)) {
                let after = text[match.range.upperBound...]
                if after.hasPrefix("String") { continue }  // the declaration
                #expect(after.hasPrefix("\""), "\(file): a non-literal SQL argument: \(after.prefix(80))")
                for expression in Self.interpolations(in: Self.literal(at: after)) {
                    #expect(Self.isReviewed(expression), "\(file): SQL built from '\(expression)'")
                }
            }
        }
        #expect(calls >= 10, "found only \(calls) SQL calls; the review pattern is stale")
    }

    @Test func sourcesNeverShellOut() throws {
        let forbidden = try Regex(#"\b(Process\s*\(|NSTask|popen\s*\(|system\s*\(|posix_spawn|execv|execl|execve|fork\s*\(|dlopen\s*\()"#)
        var scanned = 0
        for (file, text) in Self.swiftFiles() {
            scanned += 1
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.split(separator: "//", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
                #expect(code.firstMatch(of: forbidden) == nil, "\(file):\(number + 1): \(line)")
            }
        }
        #expect(scanned > 50)
    }
}
