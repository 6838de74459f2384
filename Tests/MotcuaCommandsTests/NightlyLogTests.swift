import Foundation
import Testing

/// What cron sees (issue 18): an export pattern that matches nothing fails the run unless the
/// entry is optional, `--quiet` keeps warnings, and every standard-error line carries a
/// timestamp and the run id that the `--json` object also gives.
@Suite(.serialized) struct NightlyLogTests {
    /// The e2e fixture with its igate export entry pointing at a mistyped folder.
    func mistypedFolder(optional: Bool) throws -> FixtureCopy {
        let fx = try FixtureCopy("e2e")
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "    - path: exports/b*.csv\n      profile: igate-vi\n",
                with: "    - path: export/b*.csv\n      profile: igate-vi\n" + (optional ? "      optional: true\n" : ""))
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        return fx
    }

    @Test func aPatternThatMatchesNothingIsSixtyFiveAndPublishesNothing() throws {
        let fx = try mistypedFolder(optional: false)
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("no export matches \(fx.path("export/b*.csv"))"))
        #expect(r.stderr.contains("optional: true"))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/store/dossiers.store")))
    }

    @Test func anOptionalPatternThatMatchesNothingIsAWarningThatQuietKeeps() throws {
        let fx = try mistypedFolder(optional: true)
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.isEmpty)
        let lines = r.stderr.split(separator: "\n")
        // --quiet drops the info lines (catalog, ingested …) and keeps the warning.
        #expect(lines.count == 1, "\(r.stderr)")
        #expect(lines.first?.contains(" warning ") == true)
        #expect(lines.first?.contains("no export matches") == true)
    }

    @Test func anOptionalPlainPathThatIsMissingIsAWarning() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(
                of: "    - path: exports/a.csv\n      profile: canonical\n",
                with: "    - path: exports/a.csv\n      profile: canonical\n    - path: exports/late.csv\n      optional: true\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stderr.contains("no export matches \(fx.path("exports/late.csv"))"))
    }

    @Test func optionalMustBeTrueOrFalse() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "      profile: canonical\n", with: "      profile: canonical\n      optional: maybe\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("inputs.exports[0].optional: expected true or false"))
    }

    /// `2026-11-25T08:21:35+0000 warning motcua 20261125T082135Z-0014670: …`
    /// The run id of a stamped line, nil for a line without the stamp.
    static func stampedRunID(_ line: String) -> String? {
        let stamp = #/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}[+-]\d{4} (?:info|warning|error) motcua (\d{8}T\d{6}Z-\d{7}): /#
        return line.firstMatch(of: stamp).map { String($0.output.1) }
    }

    @Test func everyStandardErrorLineHasATimestampAndTheRunIdOfTheJSON() throws {
        let fx = try mistypedFolder(optional: false)
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--json"])
        #expect(r.status == 65)
        let object = try #require(JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any])
        let runID = try #require(object["run_id"] as? String)
        let lines = r.stderr.split(separator: "\n").map(String.init)
        #expect(lines.count >= 2, "\(r.stderr)")  // the catalog line and the error
        for line in lines {
            #expect(Self.stampedRunID(line) == runID, "\(line)")
        }
        #expect(lines.last?.contains(" error motcua \(runID): error: no export matches") == true)
    }

    @Test func usageAndRuntimeErrorsAreSpelledAlike() throws {
        let usage = try CLI.run(["run", "--threads", "0", "x.yaml"])
        #expect(usage.status == 2)
        let runtime = try CLI.run(["run", "/nonexistent/pipeline.yaml"])
        #expect(runtime.status == 2)
        for r in [usage, runtime] {
            let first = try #require(r.stderr.split(separator: "\n").first.map(String.init))
            #expect(Self.stampedRunID(first) != nil, "\(first)")
            #expect(first.contains(": error: "), "\(first)")
            #expect(!r.stderr.contains("Error:"), "\(r.stderr)")
        }
    }
}
