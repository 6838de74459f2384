import Foundation
import MotcuaCore
import Testing

import MotcuaIO
@testable import MotcuaSampleGenerator

/// `motcua generate`'s engine: determinism, exact row counts, both file dialects, national ids,
/// and that every row stages as intended (the bad ones with exactly their reject reason).
@Suite struct SampleGeneratorTests {
    // MARK: - Determinism

    @Test func sameSeedGivesIdenticalBytes() throws {
        let a = try GeneratedSample(rows: 3000, seed: 42, layout: .mixed, files: 4)
        let b = try GeneratedSample(rows: 3000, seed: 42, layout: .mixed, files: 4)
        defer { a.remove(); b.remove() }
        #expect(a.relativeFiles == b.relativeFiles)
        #expect(a.relativeFiles.count == 5)
        for name in a.relativeFiles {
            #expect(try a.bytes(name) == b.bytes(name), "\(name) differs between two runs")
        }
    }

    @Test func differentSeedGivesDifferentData() throws {
        let a = try GeneratedSample(rows: 2000, seed: 1, layout: .canonical, files: 1)
        let b = try GeneratedSample(rows: 2000, seed: 2, layout: .canonical, files: 1)
        defer { a.remove(); b.remove() }
        #expect(try a.bytes("catalog.csv") != b.bytes("catalog.csv"))
        let name = "exports/canonical/export-0001.csv"
        #expect(try a.bytes(name) != b.bytes(name))
    }

    // MARK: - Counts and layout

    @Test(arguments: [
        (SampleLayout.canonical, 1, 0), (.canonical, 3, 1), (.igateVi, 1, 7), (.igateVi, 5, 2500),
        (.mixed, 2, 13), (.mixed, 12, 4321), (.dvcqg, 3, 777),
    ])
    func writesExactlyTheRequestedRows(layout: SampleLayout, files: Int, rows: Int) throws {
        let sample = try GeneratedSample(rows: rows, seed: 7, layout: layout, files: files, syncEvery: 12)
        defer { sample.remove() }
        let exports = sample.relativeFiles.filter { $0.hasPrefix("exports/") }
        #expect(exports.count == files)
        var total = 0
        for name in exports {
            if name.hasSuffix(".xlsx") {
                total += try WorkbookExportTests.ingest(sample.root + "/" + name).counts.read
                continue
            }
            if name.hasPrefix("exports/dvcqg/") {
                total += try SyncRecordExportTests.ingest([(sample.root + "/" + name, .dvcqg)]).counts.read
                continue
            }
            let table = try SimpleCSV(bytes: sample.bytes(name))
            total += table.records.count
        }
        #expect(total == rows)
        #expect(sample.report.rows == rows)
        #expect(sample.report.exportPaths.count == files)
    }

    @Test func aNewRunReplacesTheExportsOfAnEarlierOne() throws {
        let first = try GeneratedSample(rows: 500, seed: 1, layout: .mixed, files: 4)
        defer { first.remove() }
        let options = SampleGeneratorOptions(
            rows: 300, seed: 2, outputDirectory: first.root, layout: .canonical, files: 1)
        _ = try SampleGenerator(options: options).run()
        #expect(first.relativeFiles == ["catalog.csv", "exports/canonical/export-0001.csv"])
        #expect(SampleGenerator.isExportName("export-0012.csv"))
        #expect(!SampleGenerator.isExportName("export-notes.csv"))
    }

    @Test func catalogHasUniqueCodesAndTheContractHeader() throws {
        let sample = try GeneratedSample(
            rows: 100, seed: 3, layout: .canonical, files: 1, procedures: 500)
        defer { sample.remove() }
        let catalog = try SimpleCSV(bytes: sample.bytes("catalog.csv"))
        #expect(catalog.delimiter == UInt8(ascii: ","))
        #expect(!catalog.hasBOM && !catalog.hasCR)
        #expect(
            catalog.header == [
                "procedure_code", "procedure_name", "field", "admin_level", "online_level",
                "published_on", "abolished_on",
            ])
        let codes = catalog.records.map { $0[0] }
        #expect(codes.count == 500)
        #expect(Set(codes).count == 500)
        #expect(codes.allSatisfy { $0.wholeMatch(of: /[12]\.\d{6}/) != nil })
        // Names with commas are quoted, and some procedures are abolished after publication.
        #expect(catalog.records.contains { $0[1].contains(",") })
        let abolished = catalog.records.filter { !$0[6].isEmpty }
        #expect(!abolished.isEmpty)
        for row in abolished {
            let published = try #require(Self.day(row[5]))
            let gone = try #require(Self.day(row[6]))
            #expect(gone > published)
        }
    }

    @Test func bothShapesHaveTheirDialect() throws {
        let sample = try GeneratedSample(rows: 1500, seed: 5, layout: .mixed, files: 2)
        defer { sample.remove() }
        let canonical = try SimpleCSV(bytes: sample.bytes("exports/canonical/export-0001.csv"))
        #expect(!canonical.hasBOM)
        #expect(!canonical.hasCR)
        #expect(canonical.delimiter == UInt8(ascii: ","))
        for column in DossierColumn.allCases {
            #expect(canonical.header.contains(column.canonicalName))
        }
        // Personal data is there, as real exports carry it (and the product must drop it).
        let citizen = try #require(canonical.header.firstIndex(of: "citizen_id"))
        let address = try #require(canonical.header.firstIndex(of: "address"))
        #expect(canonical.records.allSatisfy { $0[citizen].wholeMatch(of: /\d{12}/) != nil })
        #expect(canonical.records.allSatisfy { $0[address].contains(", ") })

        let igate = try SimpleCSV(bytes: sample.bytes("exports/igate/export-0002.csv"))
        #expect(igate.hasBOM)
        #expect(igate.allLinesEndCRLF)
        #expect(igate.delimiter == UInt8(ascii: ";"))
        for column in DossierColumn.allCases {
            let first = try #require(ColumnProfile.igateVi.headerCandidates(for: column).first)
            #expect(igate.header.contains(first))
        }
        #expect(igate.header.contains("Số CCCD"))
        // Vietnamese dates and statuses, national channel codes.
        let received = try #require(igate.header.firstIndex(of: "Ngày tiếp nhận"))
        #expect(igate.records.allSatisfy { $0[received].contains("/") })
        let channel = try #require(igate.header.firstIndex(of: "Kênh nộp"))
        #expect(igate.records.contains { $0[channel] == "2" })
    }

    @Test func dossierIDsFollowTheNationalForm() throws {
        let sample = try GeneratedSample(rows: 3000, seed: 11, layout: .mixed, files: 4, badRate: 0)
        defer { sample.remove() }
        var ids = Set<String>()
        for table in try sample.exportTables() {
            let id = try #require(table.csv.header.firstIndex(of: table.shape.header[0]))
            let received = try #require(table.csv.header.firstIndex(of: table.shape.header[1]))
            for record in table.csv.records {
                let pattern = /(\d{2,3}\.\d{2}\.\d{2}\.H12)-(\d{2})(\d{2})(\d{2})-(\d{4,})/
                let match = try #require(record[id].wholeMatch(of: pattern), "\(record[id])")
                // The agency and the date in the id are the row's.
                #expect(record.contains(String(match.1)))
                let stamp = try #require(DateParser.parse(record[received]).localValue)
                let c = stamp.date.civil
                #expect(Int(match.2) == c.year % 100)
                #expect(Int(match.3) == c.month && Int(match.4) == c.day)
                ids.insert(record[id])
            }
        }
        #expect(ids.count > 2000)
    }

    // MARK: - Staging

    @Test func everyRowStagesAsIntended() throws {
        let sample = try GeneratedSample(
            rows: 6000, seed: 9, layout: .mixed, files: 6, badRate: 0.02)
        defer { sample.remove() }
        var rejected: [RejectReason: Int] = [:]
        var accepted = 0
        for table in try sample.exportTables() {
            try table.stage { result in
                switch result {
                case .success: accepted += 1
                case .failure(let rejection): rejected[rejection.reason, default: 0] += 1
                }
            }
        }
        #expect(rejected == sample.report.badRows)
        #expect(RejectReason.allCases.allSatisfy { (rejected[$0] ?? 0) >= 10 })
        #expect(accepted + rejected.values.reduce(0, +) == 6000)
    }

    @Test func theFinalStateWinsTheDuplicateRule() throws {
        let sample = try GeneratedSample(rows: 5000, seed: 21, layout: .mixed, files: 8, badRate: 0)
        defer { sample.remove() }
        // Input order of a pipeline: the canonical glob, then the iGate glob, each sorted.
        var winners: [String: (updated: LocalDateTime?, dossier: Dossier)] = [:]
        var closedAnywhere = Set<String>()
        var rowsSeen = 0
        for table in try sample.exportTables() {
            try table.stage { result in
                guard case .success(let d) = result else { return }
                rowsSeen += 1
                if d.status != .pending { closedAnywhere.insert(d.id) }
                if let held = winners[d.id], let heldStamp = held.updated {
                    guard let stamp = d.updatedAt, stamp >= heldStamp else { return }
                }
                winners[d.id] = (d.updatedAt, d)
            }
        }
        #expect(rowsSeen == 5000)
        #expect(winners.count < rowsSeen)  // overlapping exports repeat dossiers
        for id in closedAnywhere { #expect(winners[id]?.dossier.status != .pending, "\(id)") }
    }

    // MARK: - Realism

    @Test func dataExercisesTheFigures() throws {
        let sample = try GeneratedSample(rows: 20000, seed: 4, layout: .canonical, files: 1)
        defer { sample.remove() }
        let catalog = try SimpleCSV(bytes: sample.bytes("catalog.csv"))
        let known = Set(catalog.records.map { $0[0] })
        var dossiers: [String: Dossier] = [:]
        for table in try sample.exportTables() {
            try table.stage { result in
                guard case .success(let d) = result else { return }
                if let held = dossiers[d.id], let heldStamp = held.updatedAt {
                    guard let stamp = d.updatedAt, stamp >= heldStamp else { return }
                }
                dossiers[d.id] = d
            }
        }
        let all = Array(dossiers.values)
        func onlineShare(_ year: Int) -> Double {
            let ofYear = all.filter { $0.receivedAt?.date.year == year }
            let online = ofYear.filter { $0.channel == .online }.count
            return Double(online) / Double(max(1, ofYear.count))
        }
        #expect(onlineShare(2019) < 0.3)
        #expect(onlineShare(2025) > 0.45)
        #expect(all.contains { $0.channel == .postal })
        #expect(all.contains { !known.contains($0.procedureCode) })  // unknown procedures
        #expect(all.contains { $0.status == .pending })  // backlog
        #expect(all.contains { $0.status == .rejected } && all.contains { $0.status == .withdrawn })
        #expect(all.contains { $0.paidOnline == nil } && all.contains { $0.paidOnline == true })
        #expect(all.contains { $0.serviceLevel == nil } && all.contains { $0.serviceLevel != nil })
        let late = all.filter { d in
            guard d.status == .resolved, let closed = d.closedAt, let due = d.dueAt else {
                return false
            }
            // A due date at midnight (or bare) means the end of that day (CONTRACT.md section 2).
            let dayEnd = LocalDateTime(millis: due.millis + LocalDateTime.millisPerDay - 1)
            let end = due.isMidnight ? dayEnd : due
            return closed > end
        }
        let resolved = all.filter { $0.status == .resolved }.count
        #expect(Double(late.count) / Double(resolved) > 0.03)
        #expect(Double(late.count) / Double(resolved) < 0.15)

        // Dormant and too new, as of the end of the range.
        let cutoff = try #require(LocalDate(year: 2022, month: 12, day: 31))
        let recent = Set(all.filter { ($0.receivedAt?.date).map { $0 > cutoff } ?? false }.map(\.procedureCode))
        let ever = Set(all.map(\.procedureCode))
        let active = catalog.records.filter { $0[6].isEmpty }
        let dormant = active.filter { row in
            guard let published = Self.day(row[5]) else { return false }
            return published <= cutoff && !recent.contains(row[0])
        }
        let tooNew = active.filter { row in
            guard let published = Self.day(row[5]) else { return false }
            return published > cutoff && !recent.contains(row[0])
        }
        #expect(dormant.count >= 10)
        #expect(dormant.contains { ever.contains($0[0]) })  // dormant after early dossiers
        #expect(!tooNew.isEmpty)
    }

    @Test func optionsOutOfRangeAreRefused() {
        let bad: [SampleGeneratorOptions] = [
            .init(rows: -1, seed: 1, outputDirectory: "/tmp/x"),
            .init(rows: 1, seed: 1, outputDirectory: "/tmp/x", layout: .mixed, files: 1),
            .init(rows: 1, seed: 1, outputDirectory: "/tmp/x", fromYear: 2020, toYear: 2019),
            .init(rows: 1, seed: 1, outputDirectory: "/tmp/x", procedures: 0),
            .init(rows: 1, seed: 1, outputDirectory: "/tmp/x", agencies: 0),
            .init(rows: 1, seed: 1, outputDirectory: "/tmp/x", badRate: 1.5),
            .init(rows: 1, seed: 1, outputDirectory: "/tmp/x", layout: .canonical, files: 10_000),
        ]
        for options in bad {
            #expect(throws: SampleGeneratorError.self) { try options.validate() }
        }
        #expect(SampleGeneratorOptions(rows: 1, seed: 1, outputDirectory: "x").files == 12)
        let igate = SampleGeneratorOptions(rows: 1, seed: 1, outputDirectory: "x", layout: .igateVi)
        #expect(igate.files == 1)
    }

    static func day(_ text: String) -> LocalDate? {
        DateParser.parse(text).localValue?.date
    }
}

// MARK: - Helpers

/// One generator run in a fresh temporary folder.
struct GeneratedSample {
    let root: String
    let report: SampleGeneratorReport
    let layout: SampleLayout

    /// `syncEvery` is 0 unless given: the tests that stage CSV rows themselves read no JSON (the
    /// sync files have their own tests, SyncRecordExportTests).
    init(
        rows: Int, seed: UInt64, layout: SampleLayout, files: Int, procedures: Int = 300,
        badRate: Double = 0.002, syncEvery: Int = 0
    ) throws {
        root = NSTemporaryDirectory() + "motcua-generate-test-" + UUID().uuidString
        self.layout = layout
        let options = SampleGeneratorOptions(
            rows: rows, seed: seed, outputDirectory: root, layout: layout, files: files,
            procedures: procedures, agencies: 40, badRate: badRate, syncEvery: syncEvery)
        report = try SampleGenerator(options: options).run()
    }

    /// Files under the root, relative and sorted.
    var relativeFiles: [String] {
        let names = FileManager.default.enumerator(atPath: root)?.allObjects as? [String] ?? []
        return names.filter { name in
            let file = (name as NSString).lastPathComponent
            return name.hasSuffix(".csv") || name.hasSuffix(".xlsx") || SampleGenerator.isExportName(file)
        }.sorted()
    }

    func bytes(_ relative: String) throws -> [UInt8] {
        [UInt8](try Data(contentsOf: URL(fileURLWithPath: root + "/" + relative)))
    }

    /// The export files in a pipeline's input order: canonical ones, then iGate ones.
    fileprivate func exportTables() throws -> [GeneratedTable] {
        try ExportShape.allCases.flatMap { shape in
            try relativeFiles.filter { $0.hasPrefix("exports/\(shape.directoryName)/") }.map {
                GeneratedTable(shape: shape, csv: try SimpleCSV(bytes: bytes($0)))
            }
        }
    }

    func remove() { try? FileManager.default.removeItem(atPath: root) }
}

/// A deliberately small RFC 4180 reader, independent of the product's `CSVReader`, so that the
/// generator is checked against a second reading of the format.
private struct SimpleCSV {
    var header: [String] = []
    var records: [[String]] = []
    var delimiter: UInt8
    var hasBOM: Bool
    /// A CR anywhere outside quoted fields.
    var hasCR = false
    /// Every line break outside quoted fields is CRLF.
    var allLinesEndCRLF = true

    init(bytes input: [UInt8]) throws {
        hasBOM = input.starts(with: [0xEF, 0xBB, 0xBF])
        let bytes = hasBOM ? Array(input.dropFirst(3)) : input
        let firstLine = bytes.prefix { $0 != 0x0A }
        delimiter = firstLine.contains(UInt8(ascii: ";")) ? UInt8(ascii: ";") : UInt8(ascii: ",")
        var rows: [[String]] = []
        var fields: [String] = []
        var field: [UInt8] = []
        var quoted = false
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if quoted {
                if b == 0x22 {
                    if i + 1 < bytes.count, bytes[i + 1] == 0x22 {
                        field.append(0x22)
                        i += 1
                    } else {
                        quoted = false
                    }
                } else {
                    field.append(b)
                }
            } else if b == 0x22 && field.isEmpty {
                quoted = true
            } else if b == delimiter {
                fields.append(String(decoding: field, as: UTF8.self))
                field = []
            } else if b == 0x0D {
                hasCR = true
            } else if b == 0x0A {
                if i == 0 || bytes[i - 1] != 0x0D { allLinesEndCRLF = false }
                fields.append(String(decoding: field, as: UTF8.self))
                rows.append(fields)
                fields = []
                field = []
            } else {
                field.append(b)
            }
            i += 1
        }
        if !field.isEmpty || !fields.isEmpty {
            fields.append(String(decoding: field, as: UTF8.self))
            rows.append(fields)
        }
        guard let first = rows.first else { throw SimpleCSVError.noHeader }
        header = first
        records = Array(rows.dropFirst())
    }
}

private enum SimpleCSVError: Error { case noHeader }

extension DateParser.Outcome {
    fileprivate var localValue: LocalDateTime? {
        if case .value(let v) = self { return v }
        return nil
    }
}

/// One generated export file, read back.
private struct GeneratedTable {
    let shape: ExportShape
    let csv: SimpleCSV

    /// Stages every record with the product's `DossierStager` and the shape's profile.
    func stage(_ body: (Result<Dossier, Rejection>) -> Void) throws {
        var stager = DossierStager(profile: shape.profile)
        let positions = DossierColumn.allCases.map { column in
            csv.header.firstIndex(of: shape.profile.headerCandidates(for: column).first ?? "")
        }
        for record in csv.records {
            var storage: [UInt8] = []
            var ranges: [Range<Int>] = []
            for position in positions {
                let start = storage.count
                if let p = position, p < record.count { storage.append(contentsOf: record[p].utf8) }
                ranges.append(start..<storage.count)
            }
            storage.withUnsafeBytes { raw in
                let fields = ranges.map { UnsafeRawBufferPointer(rebasing: raw[$0]) }
                fields.withUnsafeBufferPointer { buffer in
                    body(
                        stager.stage(
                            fields: buffer, fieldCount: record.count,
                            expectedFieldCount: csv.header.count))
                }
            }
        }
    }
}
