import Foundation
import MotcuaCore
import MotcuaIO
import MotcuaSampleGenerator

/// The data every benchmark works on: one generated canonical export (no bad rows) with its
/// catalog, the ledger ingested from it, a snapshot written from that ledger, and the raw bytes of
/// a few columns pulled out for the per-value benchmarks.
///
/// The export is generated once into the temporary folder and reused by later processes (the
/// benchmark tool starts one process per benchmark); `motcua generate` is deterministic, so the
/// same rows and seed give the same bytes. Rows: `MOTCUA_BENCH_ROWS` (default 200 000, ~76 MB).
struct Fixture: Sendable {
    static let shared: Fixture = {
        do {
            return try Fixture()
        } catch {
            fatalError("benchmark fixture: \(error)")
        }
    }()

    static let rows = ProcessInfo.processInfo.environment["MOTCUA_BENCH_ROWS"].flatMap(Int.init) ?? 200_000
    static let seed: UInt64 = 20_251_231

    let folder: String
    let exportPath: String
    let exportBytes: Int
    let catalogPath: String
    let catalog: Catalog
    /// Kept dossiers after ingest (latest state of each).
    let ledger: DossierLedger
    /// Data rows read from the export.
    let recordCount: Int

    /// The date fields (received_at, closed_at, due_at, updated_at) of every row, empty ones
    /// included, as one byte buffer with `dateEnds[k]` the end of value k.
    let dateBytes: [UInt8]
    let dateEnds: [Int]
    /// procedure_code, agency_code, procedure_name, agency_name of every row, the same way.
    let labelBytes: [UInt8]
    let labelEnds: [Int]
    /// procedure_name and agency_name of the first 20 000 rows as strings (for `folded`).
    let labelStrings: [String]

    /// A snapshot of `ledger` (written once here; the write benchmark writes its own).
    let snapshotParts: [String]
    /// Decompressed bytes and rows of `snapshotParts`.
    let snapshotCSVBytes: Int
    let snapshotRows: Int

    private init() throws {
        let base = FileManager.default.temporaryDirectory.path
        folder = "\(base)/motcua-bench-\(Self.rows)-\(Self.seed)"
        exportPath = "\(folder)/exports/canonical/export-0001.csv"
        catalogPath = "\(folder)/catalog.csv"
        let stamp = "\(folder)/.complete"
        if !FileManager.default.fileExists(atPath: stamp) {
            try? FileManager.default.removeItem(atPath: folder)
            let options = SampleGeneratorOptions(
                rows: Self.rows, seed: Self.seed, outputDirectory: folder, layout: .canonical, files: 1, badRate: 0)
            _ = try SampleGenerator(options: options).run()
            _ = FileManager.default.createFile(atPath: stamp, contents: Data())
        }
        exportBytes = try (FileManager.default.attributesOfItem(atPath: exportPath)[.size] as? NSNumber)?.intValue ?? 0
        catalog = try CatalogFile.read(path: catalogPath)

        // Ingest as `motcua run` does.
        let rejects = try RejectsFile(path: "\(folder)/scratch-rejects.csv")
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        try ingester.ingest(path: exportPath, displayPath: exportPath, profile: .canonical)
        ledger = ingester.ledger
        precondition(rejects.count == 0, "the fixture export must have no bad rows")

        // Pull out the columns for the per-value benchmarks.
        let reader = try CSVReader(path: exportPath)
        func column(_ name: String) -> Int {
            guard let k = reader.header.firstIndex(of: name) else { fatalError("no column \(name)") }
            return k
        }
        let dateColumns = ["received_at", "closed_at", "due_at", "updated_at"].map(column)
        let labelColumns = ["procedure_code", "agency_code", "procedure_name", "agency_name"].map(column)
        let nameColumns = ["procedure_name", "agency_name"].map(column)
        var dateBytes: [UInt8] = []
        var dateEnds: [Int] = []
        var labelBytes: [UInt8] = []
        var labelEnds: [Int] = []
        var labelStrings: [String] = []
        var records = 0
        while try reader.next() {
            records += 1
            for k in dateColumns {
                dateBytes.append(contentsOf: reader.field(k))
                dateEnds.append(dateBytes.count)
            }
            for k in labelColumns {
                labelBytes.append(contentsOf: reader.field(k))
                labelEnds.append(labelBytes.count)
            }
            if records <= 20_000 {
                for k in nameColumns { labelStrings.append(String(decoding: reader.field(k), as: UTF8.self)) }
            }
        }
        recordCount = records
        self.dateBytes = dateBytes
        self.dateEnds = dateEnds
        self.labelBytes = labelBytes
        self.labelEnds = labelEnds
        self.labelStrings = labelStrings

        // One snapshot for the read benchmark.
        let snapshots = "\(folder)/snapshots"
        try? FileManager.default.removeItem(atPath: snapshots)
        let manifest = try Self.writeSnapshot(ledger: ledger, catalog: catalog, catalogPath: catalogPath, root: snapshots, id: "fixture")
        snapshotParts = manifest.files.map(\.path).filter { $0.hasPrefix("dossiers/") }.map { "\(snapshots)/fixture/\($0)" }
        var csvBytes = 0
        var rows = 0
        for part in snapshotParts {
            let r = try CSVReader(path: part)
            while try r.next() { rows += 1 }
            csvBytes += r.bytesConsumed
        }
        snapshotCSVBytes = csvBytes
        snapshotRows = rows
    }

    /// Writes a snapshot of `ledger` under `root/id`. The summary database inside a snapshot is a
    /// compressed copy of a file; the catalog stands in for it here (the database is not what is
    /// measured).
    @discardableResult
    static func writeSnapshot(
        ledger: DossierLedger, catalog: Catalog, catalogPath: String, root: String, id: String
    ) throws -> SnapshotManifest {
        let state = StoreState(ledger: ledger, inputs: [], totalAccepted: ledger.count, totalSuperseded: 0)
        let input = SnapshotWriter.Input(
            id: id, pipeline: "bench", asOf: LocalDate(year: 2025, month: 12, day: 31)!, state: state,
            catalog: catalog, databasePath: catalogPath, previous: nil)
        return try SnapshotWriter().write(input, root: root)
    }

    /// Calls `body` with each value of a flattened column.
    @inline(__always)
    static func forEachValue(
        _ bytes: [UInt8], _ ends: [Int], _ body: (UnsafeRawBufferPointer) -> Void
    ) {
        bytes.withUnsafeBytes { all in
            var start = 0
            for end in ends {
                body(UnsafeRawBufferPointer(rebasing: all[start..<end]))
                start = end
            }
        }
    }
}
