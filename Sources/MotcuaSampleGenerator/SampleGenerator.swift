import Foundation
public import MotcuaCore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// What one `motcua generate` run wrote.
public struct SampleGeneratorReport: Sendable, Equatable {
    /// Data rows across all export files (the requested `rows`).
    public var rows: Int
    /// Distinct valid dossiers (bad rows excluded).
    public var dossiers: Int
    /// Deliberately broken rows, by reject reason in the contract's order.
    public var badRows: [RejectReason: Int]
    public var catalogPath: String
    /// Export files in time order.
    public var exportPaths: [String]
}

/// Writes a deterministic synthetic province: a procedure catalog and overlapping case-log
/// exports, for tests, demos and benchmarks (`motcua generate`).
///
/// Layout under the output folder:
/// ```
/// catalog.csv                         canonical catalog columns, `,`, LF
/// exports/canonical/export-NNNN.csv   canonical shape (see ExportShape)
/// exports/igate/export-NNNN.csv       igate-vi shape
/// exports/xlsx/export-NNNN.xlsx       a workbook (igate-vi columns; see WorkbookExport)
/// exports/dvcqg/export-NNNN.jsonl[.gz|.zst], .json[.gz|.zst]
///                                     national sync records (see SyncRecordEncoder, SyncArchive)
/// ```
/// `NNNN` is the 1-based number of the export period: the range from 1 January of `fromYear` to
/// 31 December of `toYear` is cut into `files` periods of equal length, and export `NNNN` holds
/// the dossiers that changed in period `NNNN`. A dossier appears as `pending` in the file of the
/// period it was received in and again, with its final state and a later `updated_at`, in the
/// file of the period it was closed in (once only, final state, when both are the same period,
/// sometimes after a pending row); 1 % of rows are repeated identically; a dossier still open at
/// the end of the range stays pending (the backlog). With `mixed`, odd periods are canonical and
/// even ones iGate, every twelfth a workbook and, by default, the sixth of every twelve national
/// sync records (`syncEvery`). A sync record has no `updated_at`: when a dossier's final row is
/// one, its earlier row (in a CSV file) is written without `updated_at` too, so that the final
/// row wins by input order; a pipeline reads the sync files after the others. `export-NNNN.csv` and `.xlsx` files of an earlier run in `exports/canonical/`,
/// `exports/igate/` and `exports/xlsx/` are removed first; nothing else in the folder is touched.
///
/// Same options, same bytes. Memory does not grow with `rows`: dossiers are made in order of
/// reception, every row is written at once into its period's buffer, and only one buffer per
/// period is held (1 MiB; less when there are more than 64 periods, so that all of them take
/// about 64 MiB, with 8 KiB at least).
public struct SampleGenerator: Sendable {
    public let options: SampleGeneratorOptions

    public init(options: SampleGeneratorOptions) throws(SampleGeneratorError) {
        try options.validate()
        self.options = options
    }

    // MARK: - Random streams (fixed, so each concern's draws never shift another's)

    private enum Stream: UInt64 {
        case catalog = 1, agencies, office, rows, catalogSpelling
    }

    private func random(_ stream: Stream) -> SeededRandom {
        SeededRandom(seed: options.seed, stream: stream.rawValue)
    }

    // MARK: - Run

    /// Writes every file and returns what was written.
    /// - Complexity: O(rows) time; O(files + procedures + agencies) memory.
    public func run() throws(SampleGeneratorError) -> SampleGeneratorReport {
        let o = options
        let calendar = SyntheticCalendar(fromYear: o.fromYear, toYear: o.toYear)
        var r = random(.catalog)
        let catalog = SyntheticCatalog(count: o.procedures, calendar: calendar, random: &r)
        r = random(.agencies)
        let agencies = SyntheticAgencies(count: o.agencies, random: &r)

        let root =
            o.outputDirectory.hasSuffix("/")
            ? String(o.outputDirectory.dropLast()) : o.outputDirectory
        try Self.makeDirectory(root)
        try Self.makeDirectory(root + "/exports")
        for shape in ExportShape.allCases {
            Self.removeOldExports(in: root + "/exports/" + shape.directoryName)
        }
        Self.removeOldExports(in: root + "/exports/" + Self.workbookDirectory)
        Self.removeOldExports(in: root + "/exports/" + Self.syncDirectory)
        var folders: [String] = []
        for p in 0..<o.files where !folders.contains(folderName(ofPeriod: p)) { folders.append(folderName(ofPeriod: p)) }
        for folder in folders { try Self.makeDirectory(root + "/exports/" + folder) }

        // The catalog.
        let catalogPath = root + "/catalog.csv"
        var spelling = random(.catalogSpelling)
        let catalogFile = ExportFileWriter(path: catalogPath, bufferBytes: 1 << 20)
        catalogFile.append(catalog.csvBytes(calendar: calendar, random: &spelling))
        try catalogFile.flush()

        // One buffered writer and one encoder per export period.
        let bufferBytes = min(1 << 20, max(8 << 10, (64 << 20) / o.files))
        var encoders: [ExportShape: ExportRowEncoder] = [:]
        var syncEncoders: [SyncArchive.Container: SyncRecordEncoder] = [:]
        var periods: [ExportPeriod] = []
        for p in 0..<o.files {
            let shape = o.layout.shape(ofPeriod: p)
            let folder = root + "/exports/" + folderName(ofPeriod: p)
            if o.writesSyncRecords(period: p) {
                // Written plain under a hidden name, then packed (SyncArchive.finish).
                let archive = SyncArchive(period: p)
                let writer = ExportFileWriter(path: folder + "/.export-" + Self.fourDigits(p + 1), bufferBytes: bufferBytes)
                writer.append(archive.opening)
                let encoder =
                    syncEncoders[archive.container]
                    ?? SyncRecordEncoder(archive: archive, calendar: calendar, catalog: catalog, agencies: agencies)
                syncEncoders[archive.container] = encoder
                periods.append(
                    ExportPeriod(
                        firstDay: calendar.firstDay + p * calendar.dayCount / o.files, writer: writer,
                        encoder: encoder, archive: archive))
                continue
            }
            // A workbook's rows are written as CSV first, then converted (WorkbookExport).
            let path = folder + (o.layout.writesWorkbook(period: p) ? "/.export-" : "/export-") + Self.fourDigits(p + 1) + ".csv"
            let writer = ExportFileWriter(path: path, bufferBytes: bufferBytes)
            writer.append(shape.headerBytes(width: o.width))
            let encoder =
                encoders[shape]
                ?? ExportRowEncoder(
                    shape: shape, width: o.width, calendar: calendar, catalog: catalog, agencies: agencies)
            encoders[shape] = encoder
            periods.append(
                ExportPeriod(
                    firstDay: calendar.firstDay + p * calendar.dayCount / o.files, writer: writer,
                    encoder: encoder))
        }

        var run = GenerationRun(
            options: o, calendar: calendar, periods: periods,
            office: SyntheticOffice(
                calendar: calendar, catalog: catalog, agencies: agencies, random: random(.office),
                firstSequence: o.firstSequence),
            random: random(.rows))
        try run.generate()
        var paths = periods.map(\.writer.path)
        for (p, period) in periods.enumerated() {
            guard let archive = period.archive else {
                try period.writer.flush()
                continue
            }
            period.writer.append(archive.closing)
            try period.writer.flush()
            paths[p] = root + "/exports/" + Self.syncDirectory + "/export-" + Self.fourDigits(p + 1) + archive.suffix
            try archive.finish(plain: period.writer.path, to: paths[p])
        }

        var badRows = run.badRows
        var dossiers = run.dossiers
        for p in 0..<o.files where o.layout.writesWorkbook(period: p) {
            let csv = periods[p].writer.path
            let xlsx = root + "/exports/" + Self.workbookDirectory + "/export-" + Self.fourDigits(p + 1) + ".xlsx"
            let uneven = try WorkbookExport.convert(
                csv: csv, to: xlsx, shape: o.layout.shape(ofPeriod: p), rows: periods[p].writer.rows,
                subtitle: "Kỳ xuất số \(p + 1) / \(o.files)")
            try? FileManager.default.removeItem(atPath: csv)
            paths[p] = xlsx
            // A field_count row has the header's columns in a workbook: it is a good dossier there.
            if uneven > 0 {
                badRows[.fieldCount, default: 0] -= uneven
                if badRows[.fieldCount] == 0 { badRows[.fieldCount] = nil }
                dossiers += uneven
            }
        }

        return SampleGeneratorReport(
            rows: run.emitted, dossiers: dossiers, badRows: badRows,
            catalogPath: catalogPath, exportPaths: paths)
    }

    /// The folder under `exports/` of workbook exports.
    static let workbookDirectory = "xlsx"
    /// The folder under `exports/` of national sync records (profile `dvcqg`).
    static let syncDirectory = "dvcqg"

    private func folderName(ofPeriod p: Int) -> String {
        if options.writesSyncRecords(period: p) { return Self.syncDirectory }
        return options.layout.writesWorkbook(period: p) ? Self.workbookDirectory : options.layout.shape(ofPeriod: p).directoryName
    }

    // MARK: - Files

    static func fourDigits(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 4 ? s : String(repeating: "0", count: 4 - s.count) + s
    }

    /// Creates a folder and its parents, like `mkdir -p`.
    private static func makeDirectory(_ path: String) throws(SampleGeneratorError) {
        var prefix = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, 0o755) != 0 {
                let code = errno
                if code != EEXIST { throw .cannotCreateDirectory(path: prefix, errno: code) }
            }
        }
    }

    /// Removes the `export-NNNN.csv` files of an earlier run from one shape's folder, so that
    /// the output never mixes two runs (a pipeline's glob would read them all).
    private static func removeOldExports(in folder: String) {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        for name in names where isExportName(name) {
            try? FileManager.default.removeItem(atPath: folder + "/" + name)
        }
    }

    /// `export-` then four or more digits then `.csv`, `.xlsx`, `.json` or `.jsonl` (the last
    /// two plain, `.gz` or `.zst`): the names this generator writes.
    static func isExportName(_ name: String) -> Bool {
        let suffixes = [".csv", ".xlsx"] + SyncArchive.allSuffixes
        guard name.hasPrefix("export-"), let suffix = suffixes.first(where: { name.hasSuffix($0) }) else { return false }
        let digits = name.dropFirst(7).dropLast(suffix.count)
        return digits.count >= 4 && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }
}

/// One export period: its first day, its file and how its rows are spelled.
struct ExportPeriod {
    var firstDay: Int
    var writer: ExportFileWriter
    var encoder: any ExportRecordEncoder
    /// How a file of national sync records is packed; `nil` for a table.
    var archive: SyncArchive? = nil

    var isSync: Bool { archive != nil }
}
