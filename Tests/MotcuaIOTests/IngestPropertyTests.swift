import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

/// Properties of ingest on random exports (seeded, so a failure names the seed that reproduces
/// it), checked against a model written from CONTRACT.md sections 1.4 and 1.5, not from the code:
///
/// - accounting: records read = accepted + rejected, accepted = newly kept + superseded, and
///   every count by reason is what the generator broke on purpose, whatever the block size and
///   with the two parsing lanes on or off;
/// - duplicates: the kept row of each dossier is the one the contract's rule picks;
/// - incremental equals full: ingesting the files in one go, or a prefix, storing the state
///   (DossierStore write and read) and then the rest, keeps the same dossiers.
@Suite struct IngestPropertyTests {
    static let header = [
        "dossier_id", "procedure_code", "agency_code", "channel", "received_at", "status", "closed_at", "due_at",
        "service_level", "paid_online", "updated_at", "applicant_name",
    ]

    /// One generated row and what the contract says must happen to it.
    struct Row {
        var fields: [String]?  // nil: `raw` is written as is
        var raw = ""
        /// nil for a good row, else the reject reason the contract gives.
        var reason: RejectReason?
        var id = ""
        /// Milliseconds of updated_at, or nil.
        var updated: Int64?
        /// Marks the row, so the kept one can be told (agency_code is unique per good row).
        var marker = ""
    }

    /// The model of the ledger: for each id, the row that must be kept.
    struct Model {
        var kept: [String: Row] = [:]
        var order: [String] = []
        var superseded = 0

        mutating func merge(_ row: Row) {
            if let held = kept[row.id] {
                superseded += 1
                // The greater updated_at wins; none is older than any; among equals the later.
                if (row.updated ?? .min) >= (held.updated ?? .min) { kept[row.id] = row }
            } else {
                kept[row.id] = row
                order.append(row.id)
            }
        }
    }

    static let channels = ["online", "in_person", "postal", "Trực tuyến", "TRỰC TIẾP", "bưu điện", "qua mạng"]
    static let names = ["Nguyễn Văn A", "Lê \"Tí\"", "Trần, Thị B", "Phạm\nVăn C", "Hoàng; Văn|D", ""]

    static func date(_ rng: inout SeededGenerator, after day: Int = 0) -> (String, Int) {
        let d = day + Int.random(in: 0...40, using: &rng)
        let date = LocalDate(year: 2021, month: 1, day: 1)!.adding(days: d)
        return (date.description + String(format: " %02d:%02d", Int.random(in: 0..<24, using: &rng), Int.random(in: 0..<60, using: &rng)), d)
    }

    static func rows(_ rng: inout SeededGenerator, count: Int) -> [Row] {
        let pool = Int.random(in: 3...30, using: &rng)
        var out: [Row] = []
        for k in 0..<count {
            let id = "000.00.17.H12-\(Int.random(in: 0..<pool, using: &rng))"
            let (received, day) = date(&rng)
            let (closed, _) = date(&rng, after: day + 1)
            let status = ["pending", "resolved", "rejected", "withdrawn", "đang xử lý", "hoàn thành"][Int.random(in: 0..<6, using: &rng)]
            let pending = status == "pending" || status == "đang xử lý"
            var updated: Int64?
            var updatedText = ""
            if Bool.random(using: &rng) {
                let u = Int64(Int.random(in: 0..<5, using: &rng))  // few values: many ties
                updated = u
                updatedText = "2024-06-0\(u + 1)"
            }
            let marker = "AG-\(k)"
            var fields = [
                id, "1.00\(k % 5)", marker, channels[Int.random(in: 0..<channels.count, using: &rng)], received, status,
                pending ? "" : closed, "", "\(Int.random(in: 1...4, using: &rng))", "", updatedText,
                names[Int.random(in: 0..<names.count, using: &rng)],
            ]
            var row = Row(fields: fields, id: id, updated: updated, marker: marker)
            switch Int.random(in: 0..<10, using: &rng) {
            case 0:
                let junk = (0..<Int.random(in: 1...30, using: &rng)).map { _ in
                    "abcxyz0129 #*@!.-_/()".randomElement(using: &rng)!
                }
                row = Row(fields: nil, raw: "§" + String(junk), reason: .fieldCount)  // one field: too few, decided first
            case 1:
                fields.append("extra")
                row = Row(fields: fields, reason: .fieldCount)
            case 2:
                fields[4] = ["2024-02-30", "31/02/2024", "2024-13-01", "soon"][Int.random(in: 0..<4, using: &rng)]
                row = Row(fields: fields, reason: .badDate)
            case 3:
                fields[3] = "fax"
                row = Row(fields: fields, reason: .unknownChannel)
            case 4 where !pending:
                fields[6] = ""
                row = Row(fields: fields, reason: .missingClosedAt)
            case 5:
                fields[0] = "  "
                row = Row(fields: fields, reason: .emptyRequired)
            default:
                break
            }
            out.append(row)
        }
        return out
    }

    /// Writes `rows` as export files cut at the given boundaries; a random delimiter per file,
    /// some files gzipped (the reader tells by magic bytes).
    static func write(_ rows: [Row], cuts: [Int], in dir: TemporaryFolder, rng: inout SeededGenerator) throws -> [String] {
        var paths: [String] = []
        var bounds = [0] + cuts + [rows.count]
        bounds = Array(Set(bounds)).sorted()
        for (n, (lo, hi)) in zip(bounds, bounds.dropFirst()).enumerated() {
            let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09][Int.random(in: 0..<3, using: &rng)]
            var writer = CSVWriter(delimiter: delimiter)
            writer.writeRow(header)
            for row in rows[lo..<hi] {
                if let fields = row.fields {
                    writer.writeRow(fields)
                } else {
                    writer.appendBytes(Array(row.raw.utf8))
                    writer.endRow()
                }
            }
            let path = try dir.write(String(format: "export-%03d.csv", n), bytes: writer.take())
            if Bool.random(using: &rng) && Bool.random(using: &rng) {
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
                p.arguments = ["gzip", "-n", "-f", path]
                try p.run()
                p.waitUntilExit()
                try FileManager.default.moveItem(atPath: path + ".gz", toPath: path)
            }
            paths.append(path)
        }
        return paths
    }

    /// Ingests `paths` in order. `blockSize` small and `parallel` on make records cross block ends
    /// and the two lanes cut every block (the speculative split), even in small files.
    static func ingest(
        _ paths: [String], into ledger: DossierLedger, dir: TemporaryFolder, blockSize: Int = 8 << 20, parallel: Bool = false
    ) throws -> ExportIngester {
        let ingester = ExportIngester(ledger: ledger, rejects: try RejectsFile(path: dir.file("rejects-\(UUID().uuidString).csv")))
        ingester.blockSize = blockSize
        if parallel {
            ingester.parallel = true
            ingester.minimumParallelBytes = 0
        }
        for path in paths {
            try ingester.ingest(path: path, displayPath: (path as NSString).lastPathComponent, profile: .canonical)
        }
        return ingester
    }

    @Test(arguments: 0..<60)
    func accountingBalancesAndTheContractsRowIsKept(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 104_729 &+ 17)
        let rows = Self.rows(&rng, count: Int.random(in: 0...250, using: &rng))
        let cuts = (0..<Int.random(in: 0...4, using: &rng)).map { _ in Int.random(in: 0...rows.count, using: &rng) }
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let paths = try Self.write(rows, cuts: cuts, in: dir, rng: &rng)
        let blockSize = [64, 100, 333, 1024, 4096, 8 << 20][Int.random(in: 0..<6, using: &rng)]
        let ingester = try Self.ingest(paths, into: DossierLedger(), dir: dir, blockSize: blockSize, parallel: Bool.random(using: &rng))

        var model = Model()
        var reasons: [RejectReason: Int] = [:]
        for row in rows {
            if let reason = row.reason { reasons[reason, default: 0] += 1 } else { model.merge(row) }
        }
        let c = ingester.counts
        #expect(c.invariantViolation == nil, "seed \(seed): \(c.invariantViolation ?? "")")
        #expect(c.read == rows.count, "seed \(seed)")
        #expect(c.accepted == rows.count - reasons.values.reduce(0, +), "seed \(seed)")
        #expect(c.rejectedByReason == reasons, "seed \(seed)")
        #expect(c.keptAfter == model.kept.count, "seed \(seed)")
        #expect(c.superseded == model.superseded, "seed \(seed)")
        let ledger = ingester.ledger
        #expect(ledger.count == model.kept.count, "seed \(seed)")
        for (id, row) in model.kept {
            guard let position = ledger.position(of: id) else {
                Issue.record("seed \(seed): \(id) is not kept")
                continue
            }
            #expect(ledger.dossier(at: position).agencyCode == row.marker, "seed \(seed): \(id) kept the wrong row")
        }
    }

    @Test(arguments: 0..<40)
    func incrementalEqualsFull(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 15_485_863 &+ 3)
        let rows = Self.rows(&rng, count: Int.random(in: 1...250, using: &rng))
        let cuts = (0..<Int.random(in: 1...5, using: &rng)).map { _ in Int.random(in: 0...rows.count, using: &rng) }
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let paths = try Self.write(rows, cuts: cuts, in: dir, rng: &rng)
        let full = try Self.ingest(paths, into: DossierLedger(), dir: dir)

        let split = Int.random(in: 0...paths.count, using: &rng)
        let first = try Self.ingest(Array(paths[..<split]), into: DossierLedger(), dir: dir)
        let storePath = dir.file("dossiers.store")
        try DossierStore.write(
            StoreState(ledger: first.ledger, totalAccepted: first.counts.accepted, totalSuperseded: first.counts.superseded),
            to: storePath)
        let stored = try DossierStore.read(from: storePath)
        let second = try Self.ingest(
            Array(paths[split...]), into: stored.ledger, dir: dir, blockSize: Int.random(in: 64...2048, using: &rng), parallel: true)

        let a = full.ledger
        let b = second.ledger
        #expect(a.count == b.count, "seed \(seed), split \(split)/\(paths.count)")
        for k in 0..<a.count {
            let d = a.dossier(at: k)
            guard let position = b.position(of: d.id) else {
                Issue.record("seed \(seed): \(d.id) lost by the incremental run")
                continue
            }
            #expect(b.dossier(at: position) == d, "seed \(seed), split \(split): \(d.id)")
        }
        // The running totals add up the same way.
        #expect(first.counts.read + second.counts.read == full.counts.read, "seed \(seed)")
        #expect(stored.totalAccepted + second.counts.accepted == full.counts.accepted, "seed \(seed)")
        #expect(stored.totalSuperseded + second.counts.superseded == full.counts.superseded, "seed \(seed)")
    }
}
