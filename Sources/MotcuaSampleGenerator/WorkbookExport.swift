import Foundation
import MotcuaCore
import MotcuaIO

/// Turns a generated export into the workbook a clerk saves from a one-stop-shop screen
/// (CONTRACT.md section 1.7): a title, a subtitle and an empty row above the header, then the
/// rows, with typed cells where Excel would type them.
///
/// The rows are generated as CSV first, exactly as for a text export (so the same options give
/// the same rows whatever the format), and converted here once the period's file is complete:
/// - dates become date cells (Excel's serial number, `dd/mm/yyyy hh:mm:ss` format), except every
///   fourth row, whose dates stay text as many systems export them; dates that do not parse (the
///   bad rows) or lie outside 1990..2100 stay text, so they are still rejected for their reason;
/// - numeric channel and level codes become number cells; yes/no become booleans on even rows;
/// - all other text goes to the shared-strings table (Vietnamese with diacritics), or inline
///   for a workbook over `inlineAbove` rows, which libxlsxwriter writes in constant memory.
/// A `field_count` bad row cannot exist in a workbook (a row has the header's columns, and
/// cells right of it are ignored): such rows are written with the header's columns and counted,
/// so the run's report can say they are good rows.
enum WorkbookExport {
    /// Above this many rows, text is written inline in constant memory (libxlsxwriter keeps every
    /// cell of a shared-strings workbook in memory, about 100 bytes a cell).
    static let inlineAbove = 100_000
    static let title = "DANH SÁCH HỒ SƠ TIẾP NHẬN VÀ GIẢI QUYẾT"
    static let sheetName = "Danh sách hồ sơ"

    /// Converts the CSV export at `csv` (of `shape`) to a workbook at `xlsx`; returns how many
    /// rows had a field count other than the header's.
    static func convert(csv: String, to xlsx: String, shape: ExportShape, rows: Int, subtitle: String)
        throws(SampleGeneratorError) -> Int
    {
        let writer = try WorkbookWriter(path: xlsx, constantMemory: rows > inlineAbove)
        let sheet = try writer.addSheet(sheetName)
        writer.write(.text(title), sheet: sheet, row: 0, column: 0)
        writer.write(.text(subtitle), sheet: sheet, row: 1, column: 0)
        let fields = ExportField.allCases
        var uneven = 0
        do {
            let reader = try CSVReader(path: csv, delimiter: shape.delimiter)
            for (k, name) in reader.header.enumerated() { writer.write(.text(name), sheet: sheet, row: 3, column: k) }
            var row = 4
            while try reader.next() {
                if reader.fieldCount != fields.count { uneven += 1 }
                for k in 0..<min(reader.fieldCount, fields.count) {
                    let raw = reader.field(k)
                    guard !raw.isEmpty else { continue }
                    writer.write(cell(raw, fields[k].column, row: row), sheet: sheet, row: row, column: k)
                }
                row += 1
            }
        } catch {
            throw .cannotWriteWorkbook(path: xlsx, detail: "reading the rows back: \(error)")
        }
        try writer.close()
        return uneven
    }

    static func cell(_ raw: UnsafeRawBufferPointer, _ column: DossierColumn?, row: Int) -> WorkbookWriter.Value {
        let text = String(decoding: raw, as: UTF8.self)
        guard let column else { return .text(text) }
        if DossierStager.dateColumns.contains(column) {
            // Out of the contract's range stays text: Excel has no date before 1900, and the row
            // must still be rejected as date_out_of_range.
            if row % 4 != 3, case .value(let when) = DateParser.parse(raw), when >= DossierStager.earliest,
                when < DossierStager.latestExclusive
            {
                return .date(when)
            }
            return .text(text)
        }
        switch column {
        case .channel, .serviceLevel:
            if raw.count <= 2, raw.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }), let n = Double(text) { return .number(n) }
        case .paidOnline where row % 2 == 0:
            switch text.lowercased() {
            case "có", "true", "yes": return .boolean(true)
            case "không", "false", "no": return .boolean(false)
            default: break
            }
        default: break
        }
        return .text(text)
    }
}
