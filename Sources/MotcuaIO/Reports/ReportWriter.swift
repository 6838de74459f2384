import Foundation
public import MotcuaCore

/// Reads the summary database and writes reports: the one entry point of `motcua report` and of
/// the `report` stage of `motcua run` (issue 5). Every file is written whole or not at all
/// (`AtomicFileWriter`), so a reader never opens half a report.
public enum ReportWriter {
    /// The `report` stage of `motcua run`: every report, in HTML, JSON, one CSV per table and
    /// one workbook, into `folder` (the pipeline's `outputs.reports`).
    ///
    /// - Parameters:
    ///   - database: the summary database (`outputs.database`).
    ///   - folder: where the files go, created when missing (`outputs.reports`).
    ///   - year: the year of the figures; `nil`: the latest year with data not after the as-of date.
    ///   - language: the labels' and numbers' language; the run stage uses `.vi`.
    /// - Returns: the paths written, in order.
    /// - Throws: `ReportError` when the database is missing or unreadable (exit 65);
    ///   `FileAccessError` or `WorkbookWriteError` when a file cannot be written (exit 73).
    public static func writeAll(database: String, folder: String, year: Int?, language: ReportLanguage) throws
        -> [String]
    {
        try write(files(ReportReader.read(database: database, year: year), language: language), folder: folder)
    }

    /// The `report` stage of `motcua run` renders `ReportReader.read(_:year:kinds:)` (from the
    /// figures, beside the database build) completed by `ReportReader.completing(_:database:)`.
    public static func files(_ data: ReportData, language: ReportLanguage) throws -> [(name: String, bytes: [UInt8])] {
        let document = ReportDocument(data: data, language: language)
        var files: [(name: String, bytes: [UInt8])] = []
        for format in [ReportFormat.html, .json, .csv, .xlsx] { files += try self.files(document, format: format) }
        return files
    }

    /// The `report` stage's form 06: the latest finished official quarter and year as of
    /// `asOf`, each as a workbook, an HTML page and JSON (CSV, one file per agency, on request
    /// with `motcua report --form 06`). A period that ended before the first dossier is skipped.
    /// - Returns: the paths written.
    public static func writeForm06(database: String, folder: String, asOf: LocalDate, language: ReportLanguage) throws
        -> [String]
    {
        try write(form06Files(database: database, asOf: asOf, language: language), folder: folder)
    }

    /// The files `writeForm06` writes, rendered but not written.
    public static func form06Files(database: String, asOf: LocalDate, language: ReportLanguage) throws
        -> [(name: String, bytes: [UInt8])]
    {
        try form06Files(asOf: asOf, language: language) { period in
            do {
                return try Form06Reader.read(database: database, period: period)
            } catch let error as ReportError where error.kind == .periodNotComputed {
                return nil  // it ended before the first dossier: nothing to file
            }
        }
    }

    /// The same files from the run's figures in memory (`Form06Reader.read(_:period:...)`), so
    /// the run renders them beside the database build instead of reading them back after it.
    public static func form06Files(
        _ table: Form06Table, pipeline: String, agencyNames: [String: String], asOf: LocalDate, language: ReportLanguage
    ) throws -> [(name: String, bytes: [UInt8])] {
        try form06Files(asOf: asOf, language: language) {
            Form06Reader.read(table, period: $0, pipeline: pipeline, agencyNames: agencyNames)
        }
    }

    /// The latest finished official quarter and year, each as a workbook, an HTML page and JSON;
    /// a period `read` does not hold (it ended before the first dossier) is skipped.
    private static func form06Files(asOf: LocalDate, language: ReportLanguage, read: (Period) throws -> Form06Report?) throws
        -> [(name: String, bytes: [UInt8])]
    {
        var files: [(name: String, bytes: [UInt8])] = []
        for span in [PeriodSpan.quarter, .year] {
            guard let period = Period.latest(kind: .official, span: span, endingBy: asOf), let report = try read(period) else {
                continue
            }
            let document = Form06Document(report: report, language: language)
            for format in [ReportFormat.xlsx, .html, .json] { files += try Form06Files.files(document, format: format) }
        }
        return files
    }

    /// Reads the reports of `kinds` for `year` from the database, in `language`.
    public static func document(
        database: String, year: Int?, kinds: [ReportKind] = ReportKind.allCases, language: ReportLanguage
    ) throws(ReportError) -> ReportDocument {
        ReportDocument(data: try ReportReader.read(database: database, year: year, kinds: kinds), language: language)
    }

    /// The start of every file name of a report: `report-2025` in Vietnamese, the nightly
    /// run's language, and `report-2025-en` in English, so that `motcua report --lang en` into
    /// the pipeline's `outputs.reports` sits beside the nightly files instead of replacing them.
    public static func stem(year: Int, language: ReportLanguage) -> String {
        switch language {
        case .vi: "report-\(year)"
        case .en: "report-\(year)-en"
        }
    }

    /// The files of one format: their names in the folder and their bytes.
    /// - Throws: `WorkbookWriteError` when libxlsxwriter fails.
    public static func files(_ document: ReportDocument, format: ReportFormat) throws -> [(name: String, bytes: [UInt8])] {
        let stem = stem(year: document.data.year, language: document.language)
        switch format {
        case .table: return [(stem + ".txt", Array(TerminalReport.render(document).utf8))]
        case .json: return [(JSONReport.fileName(stem: stem), Array(JSONReport.render(document).utf8))]
        case .html: return [(HTMLReport.fileName(stem: stem), Array(HTMLReport.render(document).utf8))]
        case .csv: return CSVReport.files(document)
        case .xlsx: return [(stem + ".xlsx", try ReportWorkbook.bytes(document))]
        }
    }

    /// Writes one format's files into `folder`, creating it when missing.
    /// - Returns: the paths written.
    public static func write(_ document: ReportDocument, format: ReportFormat, folder: String) throws -> [String] {
        try write(files(document, format: format), folder: folder)
    }

    /// Writes named files into `folder`, creating it when missing, each atomically.
    /// - Returns: the paths written.
    public static func write(_ files: [(name: String, bytes: [UInt8])], folder: String) throws(FileAccessError) -> [String] {
        try stage(files, folder: folder).place()
    }

    /// Writes named files into `folder` under temporary names, fsynced, for `place()` to rename
    /// into place later: the run writes its reports while the snapshot is compressed and only
    /// renames them once the snapshot is placed (written after it, one fsync each, they were
    /// most of the last 50 ms of a night).
    public static func stage(_ files: [(name: String, bytes: [UInt8])], folder: String) throws(FileAccessError)
        -> StagedFiles
    {
        try AtomicFileWriter.makeFolder(folder)
        var writers: [AtomicFileWriter] = []
        for file in files {
            let writer = try AtomicFileWriter(path: (folder as NSString).appendingPathComponent(file.name))
            try writer.write(file.bytes)
            try writer.flushAndSync()
            writers.append(writer)
        }
        return StagedFiles(writers: writers)
    }

    /// Files written and fsynced under temporary names; dropped without `place()`, they are
    /// removed (`AtomicFileWriter`). Handed once from the thread that wrote them to the one that
    /// places them, never used by two at once.
    public final class StagedFiles: @unchecked Sendable {
        private let writers: [AtomicFileWriter]

        fileprivate init(writers: [AtomicFileWriter]) { self.writers = writers }

        /// Removes the files not placed yet (a run that failed first), on the caller's thread.
        public func discard() {
            for writer in writers { writer.discard() }
        }

        /// Renames every file into place, then fsyncs the folders once.
        /// - Returns: the paths placed.
        public func place() throws(FileAccessError) -> [String] {
            for writer in writers { try writer.commit(syncingFolder: false) }
            var folders = Set<String>()
            for writer in writers where folders.insert((writer.path as NSString).deletingLastPathComponent).inserted {
                AtomicFileWriter.syncFolder(of: writer.path)
            }
            return writers.map(\.path)
        }
    }
}
