import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

/// The malformed-input corpus of issue 7 (CONTRACT.md section 1.4): every file of
/// `MalformedCorpus/cases/` is ingested as a nightly run would, and must either stop with a
/// `CSVError` that names the file (and, for a legacy encoding, names it and says how to convert
/// it), or be read with every record accounted for: accepted, or rejected with the contract's
/// reason at the line where it starts. Never a crash, a hang or a silent loss.
///
/// The cases and their expected outcomes are written by `MalformedCorpus/make-corpus.py` into
/// `cases/` and `expected.json`, from the contract; the big cases (a 1 MB field, 10,000 columns,
/// a record over the 64 MiB limit, many tiny rows) are made here in a temporary folder.
@Suite struct MalformedCorpusTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("MalformedCorpus")

    /// One entry of expected.json.
    struct Expectation: Decodable, Sendable {
        var profile: String
        var records: Int?
        /// CSVError case name(s), `|`-separated, when the whole file must be refused.
        var error: String?
        var mentions: [String]?
        var accepted: Int?
        var rejected: [String: Int]?
        var superseded: Int?
        var lines: [Int]?
        /// A clear refusal is as good as reading every record (e.g. bare CR line ends, which the
        /// contract does not list).
        var or_error: Bool?
    }

    static let expected: [String: Expectation] = {
        let url = corpus.appendingPathComponent("expected.json")
        guard let data = try? Data(contentsOf: url),
            let table = try? JSONDecoder().decode([String: Expectation].self, from: data)
        else { return [:] }
        return table
    }()

    static var caseNames: [String] { expected.keys.sorted() }

    /// Seconds one corpus file may take (debug build, 2 shared cores): far above the real cost,
    /// far below a hang.
    static let timeLimit: Duration = .seconds(5)

    @Test func corpusHasOverTwoHundredCasesAndMatchesItsGenerator() throws {
        #expect(Self.expected.count >= 200)
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.corpus.appendingPathComponent("cases").path)
        #expect(Set(files) == Set(Self.expected.keys))
    }

    @Test(arguments: caseNames)
    func corpusCase(_ name: String) throws {
        let exp = try #require(Self.expected[name])
        let profile = try #require(ColumnProfile.builtIn(named: exp.profile))
        let path = Self.corpus.appendingPathComponent("cases").appendingPathComponent(name).path
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let rejects = try RejectsFile(path: dir.file("rejects.csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        let clock = ContinuousClock()
        let start = clock.now
        var thrown: (any Error)?
        do {
            try ingester.ingest(path: path, displayPath: name, profile: profile)
        } catch {
            thrown = error
        }
        #expect(clock.now - start < Self.timeLimit, "\(name) took \(clock.now - start)")

        if let wanted = exp.error {
            guard let error = thrown else {
                Issue.record("\(name): expected \(wanted), but the file was read: \(ingester.counts.corpusSummary)")
                return
            }
            // A zip by its magic is read as a workbook (CONTRACT.md section 1.7), whatever its name.
            if let workbook = error as? WorkbookError {
                #expect(wanted == "workbook.notZip", "\(name): \(workbook)")
                if case .notZip = workbook {} else { Issue.record("\(name): expected notZip, got \(workbook)") }
                #expect(workbook.description.contains(name), "\(name): the message does not name the file: \(workbook)")
                return
            }
            // Damaged gzip or zstd: the compression layer's own error (issue 12).
            if let compression = error as? CompressionError {
                #expect(wanted.split(separator: "|").contains("decompression"), "\(name): \(compression)")
                #expect(compression.description.contains(name), "\(name): the message does not name the file: \(compression)")
                for word in exp.mentions ?? [] {
                    #expect(compression.description.contains(word), "\(name): the message does not mention \(word)")
                }
                return
            }
            guard let csv = error as? CSVError else {
                Issue.record("\(name): expected a CSVError (\(wanted)), got \(type(of: error)): \(error)")
                return
            }
            #expect(wanted.split(separator: "|").contains(Substring(csv.corpusCaseName)), "\(name): \(csv.corpusCaseName) instead of \(wanted): \(csv)")
            #expect(csv.description.contains(name), "\(name): the message does not name the file: \(csv)")
            for word in exp.mentions ?? [] {
                #expect(csv.description.contains(word), "\(name): the message does not mention \(word): \(csv)")
            }
            return
        }
        if let error = thrown {
            if exp.or_error == true, let csv = error as? CSVError, csv.description.contains(name) { return }
            Issue.record("\(name): expected \(exp.records ?? 0) records read, got an error: \(error)")
            return
        }
        let c = ingester.counts
        #expect(c.invariantViolation == nil, "\(name): \(c.invariantViolation ?? "")")
        #expect(c.read == exp.records, "\(name): read \(c.read) records, the file has \(exp.records ?? -1)\(exp.or_error == true ? " (or a clear error)" : "")")
        if let accepted = exp.accepted { #expect(c.accepted == accepted, "\(name): \(c.corpusSummary)") }
        if let superseded = exp.superseded { #expect(c.superseded == superseded, "\(name): \(c.corpusSummary)") }
        let byReason = Dictionary(uniqueKeysWithValues: c.rejectedByReason.map { ($0.key.code, $0.value) })
        #expect(byReason == (exp.rejected ?? [:]), "\(name): \(c.corpusSummary)")
        try rejects.commit()
        let back = try CSVReader(path: rejects.path).allRecords()
        #expect(back.count == c.rejected, "\(name): the rejects file has \(back.count) rows for \(c.rejected) rejected")
        #expect(back.allSatisfy { $0.fields.count == 5 && $0.fields[0] == name && !$0.fields[3].isEmpty })
        if let lines = exp.lines {
            #expect(back.map { Int($0.fields[1]) ?? -1 } == lines, "\(name): reject lines")
        }
    }

    /// The advice in a legacy-encoding error must work: the `iconv -f NAME` it suggests is run on
    /// the file and must turn it into the Vietnamese it holds (every legacy case has
    /// "Nguyễn" in it), not fail or make mojibake.
    @Test(arguments: caseNames.filter { $0.hasPrefix("legacy-") || $0.hasPrefix("utf16") || $0.hasPrefix("utf32") || $0 == "gzip-of-cp1258.csv.gz" })
    func suggestedConversionWorks(_ name: String) throws {
        let path = Self.corpus.appendingPathComponent("cases").appendingPathComponent(name).path
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: try RejectsFile(path: dir.file("r.csv")))
        var message = ""
        do {
            try ingester.ingest(path: path, displayPath: name, profile: .canonical)
        } catch {
            message = "\(error)"
        }
        guard let range = message.range(of: #"iconv -f (\S+)"#, options: .regularExpression) else { return }
        let source = String(message[range].split(separator: " ")[2])
        let input = name.hasSuffix(".gz") ? try dir.write("plain.csv", bytes: [UInt8](try Self.gunzip(path))) : path
        let (status, output) = try Self.run(["iconv", "-f", source, "-t", "UTF-8", input])
        #expect(status == 0, "\(name): the suggested `iconv -f \(source)` fails")
        let text = String(decoding: output, as: UTF8.self).precomposedStringWithCanonicalMapping.lowercased()
        #expect(text.contains("nguyễn"), "\(name): `iconv -f \(source)` does not give the Vietnamese back")
    }

    static func run(_ arguments: [String]) throws -> (Int32, Data) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = arguments
        let out = Pipe()
        p.standardOutput = out
        p.standardError = FileHandle.nullDevice
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return (p.terminationStatus, data)
    }

    static func gunzip(_ path: String) throws -> Data { try run(["gzip", "-dc", path]).1 }

    // MARK: - Big cases, made at test time

    /// A canonical export with `rows` rows, each built by `row(k)`.
    func export(_ dir: TemporaryFolder, _ name: String, header: String, rows: Int, row: (Int) -> String) throws -> String {
        let path = dir.file(name)
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        defer { try? handle.close() }
        var chunk = header + "\n"
        for k in 0..<rows {
            chunk += row(k)
            chunk += "\n"
            if chunk.utf8.count > 1 << 20 {
                handle.write(Data(chunk.utf8))
                chunk = ""
            }
        }
        handle.write(Data(chunk.utf8))
        return path
    }

    func ingest(_ path: String, _ name: String) throws -> (ExportIngester, Duration) {
        let rejects = try RejectsFile(path: path + ".rejects")
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        let clock = ContinuousClock()
        let start = clock.now
        try ingester.ingest(path: path, displayPath: name, profile: .canonical)
        return (ingester, clock.now - start)
    }

    static let header = "dossier_id,procedure_code,agency_code,channel,received_at,status,applicant_name"

    @Test func oneMegabyteFieldsAreReadWhole() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let big = String(repeating: "Nguyễn ", count: 150_000)  // 1.2 MB
        let quoted = String(repeating: "x\"\"y,", count: 210_000)  // 1 MB of escapes
        let path = try export(dir, "big-field.csv", header: Self.header, rows: 4) { k in
            switch k {
            case 0: "D0,1.001,H12,online,2024-01-01,pending,\(big)"
            case 1: "D1,1.001,H12,online,2024-01-01,pending,\"\(quoted)\""
            case 2: "\(String(repeating: "I", count: 1 << 20)),1.001,H12,online,2024-01-01,pending,x"
            default: "D3,1.001,H12,\(String(repeating: "z", count: 1 << 20)),2024-01-01,pending,x"
            }
        }
        let (ingester, time) = try ingest(path, "big-field.csv")
        let c = ingester.counts
        #expect(c.read == 4)
        #expect(c.accepted == 3)
        #expect(c.rejectedByReason[.unknownChannel] == 1)
        #expect(ingester.ledger.position(of: String(repeating: "I", count: 1 << 20)) != nil)
        #expect(time < .seconds(10), "\(time)")
    }

    @Test func tenThousandColumns() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let extra = (0..<9_994).map { "c\($0)" }.joined(separator: ",")
        let values = (0..<9_994).map { "v\($0)" }.joined(separator: ",")
        let path = try export(dir, "wide.csv", header: Self.header.replacingOccurrences(of: ",applicant_name", with: "") + "," + extra, rows: 50) { k in
            k == 49 ? "D\(k),1.001,H12,online,2024-01-01,pending,\(values),one-too-many" : "D\(k),1.001,H12,online,2024-01-01,pending,\(values)"
        }
        let (ingester, time) = try ingest(path, "wide.csv")
        #expect(ingester.counts.read == 50)
        #expect(ingester.counts.accepted == 49)
        #expect(ingester.counts.rejectedByReason[.fieldCount] == 1)
        #expect(time < .seconds(10), "\(time)")
    }

    /// Reads 64 MiB through a debug build (tens of seconds on two cores), so it runs only when
    /// asked: `MOTCUA_SLOW_TESTS=1 swift test --filter MalformedCorpus`.
    @Test(.enabled(if: ProcessInfo.processInfo.environment["MOTCUA_SLOW_TESTS"] != nil))
    func aQuoteNeverClosedStopsAtTheRecordLimitNamingTheLine() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("runaway.csv")
        _ = FileManager.default.createFile(atPath: path, contents: nil)
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: path))
        handle.write(Data((Self.header + "\nD0,1.001,H12,online,2024-01-01,pending,x\nD1,\"1.001,H12,online\n").utf8))
        let block = Data(repeating: UInt8(ascii: "a"), count: 1 << 20)
        for _ in 0..<(CSVReader.maxRecordBytes >> 20) + 2 { handle.write(block) }
        try handle.close()
        do {
            _ = try ingest(path, "runaway.csv")
            Issue.record("a 66 MiB record was accepted")
        } catch let error as CSVError {
            #expect(error.corpusCaseName == "recordTooLarge", "\(error)")
            #expect(error.description.contains("line 3"), "\(error)")
        }
    }

    @Test func twoHundredThousandTinyRowsInBoundedTime() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        // Tiny rows: half good, half a single stray character (rejected, never dropped).
        let path = try export(dir, "tiny.csv", header: "dossier_id,procedure_code,agency_code,channel,received_at,status", rows: 200_000) { k in
            k % 2 == 0 ? "\(k),1,A,online,2024-01-01,pending" : "x"
        }
        let (ingester, time) = try ingest(path, "tiny.csv")
        let c = ingester.counts
        #expect(c.read == 200_000)
        #expect(c.accepted == 100_000)
        #expect(c.rejectedByReason[.fieldCount] == 100_000)
        #expect(c.invariantViolation == nil)
        #expect(time < .seconds(30), "\(time)")
    }

    // MARK: - Fuzz crashers

    /// Every input kept in Tests/Fuzz/crashers/TARGET/ (minimised by libFuzzer) goes through the
    /// same entry point as its fuzz target and must end in a value or a clear error.
    @Test func fuzzCrashersAreHandled() throws {
        let root = Self.corpus.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fuzz/crashers")
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        for target in (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? [] {
            let folder = root.appendingPathComponent(target)
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [] where !name.hasPrefix(".") {
                let bytes = [UInt8](try Data(contentsOf: folder.appendingPathComponent(name)))
                try FuzzReplay.replay(target: target, bytes: bytes, in: dir)
            }
        }
    }
}

/// Replays a fuzz input outside libFuzzer, through the entry point of its target.
enum FuzzReplay {
    static func replay(target: String, bytes: [UInt8], in dir: TemporaryFolder) throws {
        switch target {
        case "date-parser":
            _ = bytes.withUnsafeBytes { DateParser.parse($0) }
        case "value-normaliser":
            _ = TextFolding.folded(String(decoding: bytes.dropFirst(), as: UTF8.self))
            if case .success(let d)? = stage(bytes) {
                // The fuzz target's property: stored text is trimmed NFC (TextFolding.normalized).
                for value in [d.id, d.procedureCode, d.agencyCode] {
                    #expect(!value.isEmpty && value == TextFolding.normalized(value), "stored '\(value.unicodeScalars.map { "U+\(String($0.value, radix: 16))" })'")
                }
            }
        case "pipeline-file":
            _ = try? PipelineFile.parse(yaml: String(decoding: bytes, as: UTF8.self), path: "/fuzz/p.yaml")
        case "csv-reader", "ingest":
            guard bytes.count >= 1 else { return }
            let path = try dir.write("\(target).csv", bytes: Array(bytes.dropFirst()))
            let profile: ColumnProfile = target == "ingest" && bytes[0] & 1 == 1 ? .igateVi : .canonical
            let ingester = ExportIngester(ledger: DossierLedger(), rejects: try RejectsFile(path: dir.file("r.csv")))
            if target == "ingest" {
                // As the fuzz target's second reading: small blocks, lanes forced parallel.
                ingester.blockSize = [64, 97, 128, 256, 1000, 4096, 65536, 8 << 20][Int((bytes[0] >> 1) & 7)]
                if bytes[0] & 0x10 != 0 {
                    ingester.parallel = true
                    ingester.minimumParallelBytes = 0
                }
            }
            do {
                try ingester.ingest(path: path, displayPath: "crasher.csv", profile: profile)
                #expect(ingester.counts.invariantViolation == nil)
            } catch let error as CSVError {
                #expect(error.description.contains("crasher.csv"))
            }
        default:
            Issue.record("unknown fuzz target folder \(target)")
        }
    }

    /// Stages a value-normaliser input as the fuzz target does: a mode byte (bit 0 profile, bit 1
    /// a claimed field count in the upper bits), then 13 fields cut at 0xFF.
    static func stage(_ bytes: [UInt8]) -> Result<Dossier, Rejection>? {
        guard let mode = bytes.first else { return nil }
        var parts = Array(bytes.dropFirst()).split(separator: 0xFF, omittingEmptySubsequences: false).map(Array.init)
        while parts.count < DossierColumn.allCases.count { parts.append([]) }
        var stager = DossierStager(profile: mode & 1 == 0 ? .canonical : .igateVi)
        let buffers = parts.prefix(DossierColumn.allCases.count).map { part -> UnsafeRawBufferPointer in
            let p = UnsafeMutableRawBufferPointer.allocate(byteCount: max(part.count, 1), alignment: 1)
            p.copyBytes(from: part)
            return UnsafeRawBufferPointer(rebasing: UnsafeRawBufferPointer(p)[0..<part.count])
        }
        defer { for b in buffers { UnsafeMutableRawPointer(mutating: b.baseAddress)?.deallocate() } }
        let claimed = mode & 2 == 0 ? DossierColumn.allCases.count : Int(mode >> 2)
        return buffers.withUnsafeBufferPointer {
            stager.stage(fields: $0, fieldCount: claimed, expectedFieldCount: DossierColumn.allCases.count)
        }
    }
}

extension CSVError {
    /// The case's name, as expected.json spells it (by reflection, so a case added later needs no
    /// change here).
    var corpusCaseName: String {
        Mirror(reflecting: self).children.first?.label ?? "\(self)"
    }
}

extension IngestCounts {
    var corpusSummary: String {
        "read \(read), accepted \(accepted), rejected \(rejected) "
            + "\(rejectedByReason.map { "\($0.key.code)=\($0.value)" }.sorted()), superseded \(superseded)"
    }
}
