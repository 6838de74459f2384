import Foundation
public import MotcuaCore

/// Writes each table of a report as its own CSV file, the form Excel opens directly: UTF-8 with
/// a byte order mark (without one Excel reads the Vietnamese as Windows-1258 mojibake), RFC 4180
/// quoting through the one `CSVWriter`, a header row of the column labels, and text neutralised
/// against formula injection (`SpreadsheetCell`).
public enum CSVReport {
    /// The UTF-8 byte order mark.
    public static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// `report-2025-dormant-procedures.csv` for table `dormant_procedures` of the stem
    /// `report-2025` (`ReportWriter.stem`).
    public static func fileName(stem: String, table: ReportTable) -> String {
        stem + "-" + table.id.replacingOccurrences(of: "_", with: "-") + ".csv"
    }

    /// The bytes of one table's file. An empty table has its header row only.
    public static func bytes(_ table: ReportTable, language: ReportLanguage) -> [UInt8] {
        let format = ReportNumberFormat(language: language)
        var writer = CSVWriter()
        writer.writeRow(table.columns.map { SpreadsheetCell.neutralised($0.label) })
        for row in table.rows { writer.writeRow(row.map { $0.csv(format) }) }
        if let total = table.total { writer.writeRow(total.map { $0.csv(format) }) }
        return byteOrderMark + writer.take()
    }

    /// Every table's file name and bytes, in report order.
    public static func files(_ document: ReportDocument) -> [(name: String, bytes: [UInt8])] {
        let stem = ReportWriter.stem(year: document.data.year, language: document.language)
        return document.tables.map { (fileName(stem: stem, table: $0), bytes($0, language: document.language)) }
    }
}
