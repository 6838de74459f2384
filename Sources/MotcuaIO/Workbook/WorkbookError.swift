/// An `.xlsx` export that cannot be read as a table: the run stops before anything is published
/// (CONTRACT.md sections 1.4 and 1.7). A bad row, by contrast, is a reject and the run goes on.
///
/// Each case names the file and says what to do, in words an office clerk can act on; tests and
/// the exit-code mapping match on the case, never on the text.
public enum WorkbookError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Not a zip archive at all (a CSV or an old `.xls` renamed `.xlsx`, or a damaged file).
    case notZip(path: String, detail: String)
    /// A zip archive that holds no Excel workbook (a Word document, a folder of CSVs zipped).
    case notWorkbook(path: String, detail: String)
    /// A part of the workbook that is missing, not well-formed XML or damaged in the archive.
    case damagedPart(path: String, part: String, detail: String)
    /// The pipeline's `sheet:` names no worksheet of the workbook.
    case unknownSheet(path: String, sheet: String, found: [String])
    /// The workbook holds no worksheet (only charts), or the sheet asked for is a chart.
    case noWorksheet(path: String, sheet: String?)
    /// None of the first rows holds every required column of the profile.
    case noHeader(path: String, sheet: String, rowsSearched: Int, profile: String, closest: NearestHeader?)

    public var path: String {
        switch self {
        case .notZip(let p, _), .notWorkbook(let p, _), .damagedPart(let p, _, _), .unknownSheet(let p, _, _),
            .noWorksheet(let p, _), .noHeader(let p, _, _, _, _):
            p
        }
    }

    public var description: String {
        switch self {
        case .notZip(let path, let detail):
            return "\(path): not an Excel workbook (\(detail)); save it from Excel as .xlsx, or export it as CSV"
        case .notWorkbook(let path, let detail):
            return "\(path): a zip archive but not an Excel workbook (\(detail)); save it from Excel as .xlsx"
        case .damagedPart(let path, let part, let detail):
            return "\(path): the workbook is damaged: \(part): \(detail); open it in Excel and save it again"
        case .unknownSheet(let path, let sheet, let found):
            let names = found.map { "'\($0)'" }.joined(separator: ", ")
            return "\(path): no worksheet named '\(sheet)' (sheet: in the pipeline file); the workbook has \(names)"
        case .noWorksheet(let path, let sheet):
            if let sheet { return "\(path): sheet '\(sheet)' is a chart, not a worksheet of rows" }
            return "\(path): the workbook has no worksheet of rows (only charts)"
        case .noHeader(let path, let sheet, let rows, let profile, let closest):
            var text =
                "\(path): sheet '\(sheet)': no header row; none of the first \(rows) rows holds every required "
                + "column of profile \(profile)"
            if let closest {
                text += " (row \(closest.row) lacks \(closest.missing.joined(separator: ", ")))"
            }
            return text + "; map the headers under profile.columns in the pipeline file"
        }
    }

    /// The row among those searched that lacks the fewest required columns, for the message.
    public struct NearestHeader: Sendable, Equatable {
        public var row: Int
        public var missing: [String]
    }
}
