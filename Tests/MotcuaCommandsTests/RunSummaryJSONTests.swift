import Foundation
import Testing

/// `--json` against its schema, docs/run-summary.schema.json, checked by a real validator
/// (Python's jsonschema from Debian, scripts/validate-json.py) on every way a run can end.
@Suite(.serialized) struct RunSummaryJSONTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    /// Writes each output to a file and runs the validator on them all; its lines are the errors.
    func validate(_ outputs: [String], in fx: FixtureCopy) throws -> CLIResult {
        var files: [String] = []
        for (k, output) in outputs.enumerated() {
            let path = fx.path("json-\(k).json")
            try output.write(toFile: path, atomically: true, encoding: .utf8)
            files.append(path)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        process.arguments = [Self.repository + "/scripts/validate-json.py", Self.repository + "/docs/run-summary.schema.json"] + files
        let out = Pipe()
        process.standardOutput = out
        process.standardError = out
        try process.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return CLIResult(status: process.terminationStatus, stdout: text, stderr: "")
    }

    func object(_ output: String) throws -> [String: Any] {
        try #require(JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: Any], "\(output)")
    }

    @Test func everyOutputValidatesAndUnknownCountsAreNull() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = fx.path("pipeline.yaml")
        var outputs: [String] = []
        func run(_ arguments: [String], expect status: Int32) throws -> [String: Any] {
            let r = try CLI.run(arguments + ["--json"])
            #expect(r.status == status, "\(arguments): \(r.stderr)")
            outputs.append(r.stdout)
            return try object(r.stdout)
        }
        // The pipeline file cannot be loaded: still an object, every count unknown.
        let unloadable = try run(["run", fx.path("missing.yaml")], expect: 2)
        #expect(unloadable["status"] as? String == "failed")
        #expect(unloadable["records_read"] is NSNull && unloadable["pipeline"] is NSNull)

        // An export cannot be read: the run stopped while reading, so its counts are unknown.
        try FileManager.default.moveItem(atPath: fx.path("exports/a.csv"), toPath: fx.path("a.csv"))
        let unreadable = try run(["run", pipeline], expect: 65)
        #expect(unreadable["records_read"] is NSNull && unreadable["dossiers_kept"] is NSNull)
        #expect(unreadable["backlog_pending"] is NSNull && unreadable["compute_seconds"] is NSNull)
        try FileManager.default.moveItem(atPath: fx.path("a.csv"), toPath: fx.path("exports/a.csv"))

        // Every export read, then over the reject limit: counts known, figures not.
        let strict = try String(contentsOfFile: pipeline, encoding: .utf8)
            .replacingOccurrences(of: "max_reject_rate: 0.2", with: "max_reject_rate: 0.0")
        try strict.write(toFile: fx.path("strict.yaml"), atomically: true, encoding: .utf8)
        let overLimit = try run(["run", fx.path("strict.yaml")], expect: 65)
        #expect((overLimit["records_read"] as? Int ?? 0) > 0)
        #expect((overLimit["records_rejected"] as? Int ?? 0) > 0)
        #expect(overLimit["backlog_pending"] is NSNull)
        try FileManager.default.removeItem(atPath: fx.path("out/store"))

        // ingest alone, a full run, a second run with nothing new.
        let ingested = try run(["ingest", pipeline], expect: 0)
        #expect(ingested["compute_seconds"] is NSNull)
        let first = try run(["run", pipeline], expect: 0)
        #expect(first["dossiers_kept"] as? Int == 12)
        let second = try run(["run", pipeline], expect: 0)
        #expect(second["records_read"] as? Int == 0)

        let check = try validate(outputs, in: fx)
        #expect(check.status == 0, "\(check.stdout)")
    }

    /// The validator itself rejects what the schema forbids, so the test above can fail.
    @Test func theValidatorRejectsAZeroForAnUnknownKeyAndAMissingKey() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--json"])
        var wrong = try object(r.stdout)
        wrong["records_read"] = -1
        wrong.removeValue(forKey: "load_seconds")
        wrong["surprise"] = 1
        let text = String(decoding: try JSONSerialization.data(withJSONObject: wrong), as: UTF8.self)
        let check = try validate([text], in: fx)
        #expect(check.status == 1)
        #expect(check.stdout.contains("records_read"))
        #expect(check.stdout.contains("load_seconds"))
        #expect(check.stdout.contains("surprise"))
    }
}
