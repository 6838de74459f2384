import Foundation
public import MotcuaCore

/// Reads the summary database and writes reports: the one entry point of `motcua report` and of
/// the `report` stage of `motcua run` (issue 5). Every file is written whole or not at all
/// (`AtomicFileWriter`), so a reader never opens half a report.
public enum ReportWriter {
    /// The `report` stage of `motcua run`: every report, in HTML, JSON and one CSV per table,
    /// into `folder` (the pipeline's `outputs.reports`).
    ///
    /// - Parameters:
    ///   - database: the summary database (`outputs.database`).
    ///   - folder: where the files go, created when missing (`outputs.reports`).
    ///   - year: the year of the figures; `nil`: the latest year with data not after the as-of date.
    ///   - language: the labels' and numbers' language; the run stage uses `.vi`.
    /// - Returns: the paths written, in order.
    /// - Throws: `ReportError` when the database is missing or unreadable (exit 65);
    ///   `FileAccessError` when a file cannot be written (exit 73).
    public static func writeAll(database: String, folder: String, year: Int?, language: ReportLanguage) throws
        -> [String]
    {
        let data = try ReportReader.read(database: database, year: year)
        let document = ReportDocument(data: data, language: language)
        var written: [String] = []
        for format in [ReportFormat.html, .json, .csv] {
            written += try write(document, format: format, folder: folder)
        }
        return written
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
    public static func files(_ document: ReportDocument, format: ReportFormat) -> [(name: String, bytes: [UInt8])] {
        let stem = stem(year: document.data.year, language: document.language)
        switch format {
        case .table: return [(stem + ".txt", Array(TerminalReport.render(document).utf8))]
        case .json: return [(JSONReport.fileName(stem: stem), Array(JSONReport.render(document).utf8))]
        case .html: return [(HTMLReport.fileName(stem: stem), Array(HTMLReport.render(document).utf8))]
        case .csv: return CSVReport.files(document)
        }
    }

    /// Writes one format's files into `folder`, creating it when missing.
    /// - Returns: the paths written.
    public static func write(_ document: ReportDocument, format: ReportFormat, folder: String) throws(FileAccessError)
        -> [String]
    {
        try AtomicFileWriter.makeFolder(folder)
        var written: [String] = []
        for file in files(document, format: format) {
            let path = (folder as NSString).appendingPathComponent(file.name)
            try AtomicFileWriter.write(file.bytes, to: path)
            written.append(path)
        }
        return written
    }
}
