import Foundation
import Testing

/// The malformed-input corpus through the built binary, as cron runs it (issue 12): a crash on
/// the way out of a process (a thread still hashing while OpenSSL's exit handlers run) is
/// invisible in-process, so every file of `MotcuaIOTests/MalformedCorpus/cases/` is run as an
/// export of a real `motcua run`, and every file that stops the run is run 20 times.
///
/// Each run must end with exactly the expected status (0, or 65 for a file the contract says
/// stops the run), never a signal; a stopped run prints one error line naming the file, publishes
/// nothing (no database, no snapshot, no report), and with `--json` prints a parseable object.
@Suite struct MalformedCorpusProcessTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("MotcuaIOTests/MalformedCorpus")

    struct Expectation: Decodable, Sendable {
        var profile: String
        var error: String?
        var or_error: Bool?
    }

    static let expected: [String: Expectation] = {
        guard let data = try? Data(contentsOf: corpus.appendingPathComponent("expected.json")),
            let table = try? JSONDecoder().decode([String: Expectation].self, from: data)
        else { return [:] }
        return table
    }()

    /// How many times a file that stops the run is run.
    static let repetitions = 20

    /// One case: a pipeline reading the corpus file as its only export, in a fresh folder.
    struct Case {
        let name: String
        let expectation: Expectation
        let folder: String

        init(name: String, expectation: Expectation) throws {
            self.name = name
            self.expectation = expectation
            folder = NSTemporaryDirectory() + "motcua-corpus-" + UUID().uuidString
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let catalog = """
                procedure_code,procedure_name,field,admin_level,online_level,published_on,abolished_on
                1.004227,Cấp phép,Xây dựng,province,4,2015-01-01,

                """
            try catalog.write(toFile: folder + "/catalog.csv", atomically: true, encoding: .utf8)
            let export = MalformedCorpusProcessTests.corpus.appendingPathComponent("cases").appendingPathComponent(name).path
            let pipeline = """
                name: corpus
                as_of: 2025-12-31
                inputs:
                  catalog: catalog.csv
                  exports:
                    - path: "\(export)"
                      profile: \(expectation.profile)
                outputs:
                  store: out/store
                  database: out/summary.sqlite
                  snapshots: out/snapshots
                  reports: out/reports
                limits:
                  max_reject_rate: 1.0

                """
            try pipeline.write(toFile: folder + "/pipeline.yaml", atomically: true, encoding: .utf8)
        }

        var pipeline: String { folder + "/pipeline.yaml" }
        var published: [String] {
            var found: [String] = []
            if FileManager.default.fileExists(atPath: folder + "/out/summary.sqlite") { found.append("summary.sqlite") }
            for sub in ["snapshots", "reports"] {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: folder + "/out/" + sub)) ?? []
                found += names.filter { !$0.hasPrefix(".") }.map { sub + "/" + $0 }
            }
            return found
        }

        func reset() { try? FileManager.default.removeItem(atPath: folder + "/out") }
        func remove() { try? FileManager.default.removeItem(atPath: folder) }
    }

    /// Runs one case `times` times (the first with `--json`) and returns what went wrong.
    static func check(_ c: Case, times: Int) throws -> [String] {
        var problems: [String] = []
        for k in 0..<times {
            c.reset()
            let json = k == 0
            let result = try CLI.run(["run", c.pipeline, "--quiet"] + (json ? ["--json"] : []))
            let stops = c.expectation.error != nil
            let allowed: Set<Int32> = c.expectation.or_error == true ? [0, 65] : [stops ? 65 : 0]
            guard allowed.contains(result.status) else {
                problems.append("\(c.name) run \(k): exit \(result.status), expected \(allowed.sorted()); stderr: \(result.stderr)")
                continue
            }
            if result.status == 65 {
                let errors = result.stderr.split(separator: "\n").filter { $0.contains("error") }
                if errors.count != 1 || !errors[0].contains(c.name) {
                    problems.append("\(c.name) run \(k): expected one error line naming the file, got: \(result.stderr)")
                }
                if !c.published.isEmpty { problems.append("\(c.name) run \(k): a failed run published \(c.published)") }
                if json {
                    let object = try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any]
                    if object?["status"] as? String != "failed" {
                        problems.append("\(c.name): --json printed no failed-run object: \(result.stdout)")
                    }
                }
            } else if !c.published.contains("summary.sqlite") {
                problems.append("\(c.name) run \(k): exit 0 but no database")
            }
        }
        return problems
    }

    @Test func everyCorpusFileEndsWithTheContractsExitCodeAndNeverASignal() async throws {
        let names = Self.expected.keys.sorted()
        #expect(names.count >= 200)
        let cases = try names.map { try Case(name: $0, expectation: #require(Self.expected[$0])) }
        defer { for c in cases { c.remove() } }
        // Three processes at a time: the runs are short, most of their time is process start.
        let problems = try await withThrowingTaskGroup(of: [String].self) { group in
            var next = 0
            var all: [String] = []
            func add() {
                guard next < cases.count else { return }
                let c = cases[next]
                next += 1
                let times = c.expectation.error != nil || c.expectation.or_error == true ? Self.repetitions : 1
                group.addTask { try Self.check(c, times: times) }
            }
            for _ in 0..<3 { add() }
            while let found = try await group.next() {
                all += found
                add()
            }
            return all
        }
        #expect(problems.isEmpty, "\(problems.prefix(20).joined(separator: "\n"))")
    }
}

extension MalformedCorpusProcessTests.Case: @unchecked Sendable {}
