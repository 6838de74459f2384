internal import CXlsxWriter
import Foundation
public import MotcuaCore

/// An owned libxlsxwriter workbook (STYLE.md habit 4): the one owner of its `lxw_workbook*`,
/// which `close()` writes and frees, or `deinit` frees unwritten. Worksheets and formats belong
/// to the workbook and live as long as it.
///
/// libxlsxwriter 1.1.4 (Debian 12) writes to a path only, so callers write to a temporary file
/// and move it into place (`XLSXFile.bytes`).
///
/// The one wrapper of libxlsxwriter: reports write their workbooks with it, and so does the
/// sample generator's `WorkbookWriter` (which makes million-row exports with `constantMemory`).
public final class XLSXWorkbook {
    public let path: String
    private var handle: UnsafeMutablePointer<lxw_workbook>?
    /// For `XLSXSheet.dateTime`: Excel's date and time format, added on first use.
    private var dateTimeFormat: XLSXFormat?

    /// - Parameters:
    ///   - constantMemory: libxlsxwriter's mode for large sheets: each row goes to a temporary
    ///     file once the next starts (rows in order) and text stays inline; see
    ///     https://libxlsxwriter.github.io/working_with_memory.html
    ///   - fixedCreationTime: written as the document's creation time (seconds since 1970), so
    ///     the same cells give the same bytes; `nil`: now.
    public init(path: String, constantMemory: Bool = false, fixedCreationTime: Int? = nil) throws(WorkbookWriteError) {
        self.path = path
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 1)
        guard let handle = workbook_new_opt(path, &options) else {
            throw WorkbookWriteError(code: -1, message: "cannot create the workbook", path: path)
        }
        self.handle = handle
        if let fixedCreationTime {
            var properties = lxw_doc_properties()
            properties.created = time_t(fixedCreationTime)
            workbook_set_properties(handle, &properties)
        }
    }

    deinit { if let handle { lxw_workbook_free(handle) } }

    /// Adds a worksheet; `name` is made a valid, unique sheet name (31 characters, no `[]:*?/\`).
    public func addSheet(_ name: String) throws(WorkbookWriteError) -> XLSXSheet {
        var clean = String(name.map { "[]:*?/\\".contains($0) ? "_" : $0 }.prefix(31))
        if clean.isEmpty { clean = "Sheet" }
        var candidate = clean
        var k = 2
        while usedNames.contains(candidate.lowercased()) {
            candidate = String(clean.prefix(27)) + " (\(k))"
            k += 1
        }
        usedNames.insert(candidate.lowercased())
        guard let sheet = workbook_add_worksheet(handle, candidate) else {
            throw WorkbookWriteError(code: -1, message: "cannot add sheet \(candidate)", path: path)
        }
        return XLSXSheet(sheet: sheet, path: path, workbook: self)
    }

    /// The format of date-and-time cells (`dd/mm/yyyy hh:mm:ss`), one per workbook.
    fileprivate func dateTime() -> XLSXFormat {
        if let dateTimeFormat { return dateTimeFormat }
        let f = format(XLSXStyle(numberFormat: "dd/mm/yyyy hh:mm:ss"))
        dateTimeFormat = f
        return f
    }
    private var usedNames: Set<String> = []

    /// A cell format; formats are owned by the workbook.
    func format(_ style: XLSXStyle) -> XLSXFormat {
        let f = workbook_add_format(handle)
        if style.bold { format_set_bold(f) }
        if style.italic { format_set_italic(f) }
        if let size = style.size { format_set_font_size(f, size) }
        format_set_font_name(f, "Times New Roman")
        if style.wrap { format_set_text_wrap(f) }
        switch style.align {
        case .left: format_set_align(f, UInt8(LXW_ALIGN_LEFT.rawValue))
        case .center: format_set_align(f, UInt8(LXW_ALIGN_CENTER.rawValue))
        case .right: format_set_align(f, UInt8(LXW_ALIGN_RIGHT.rawValue))
        case nil: break
        }
        format_set_align(f, UInt8(LXW_ALIGN_VERTICAL_CENTER.rawValue))
        if style.border { format_set_border(f, UInt8(LXW_BORDER_THIN.rawValue)) }
        if let number = style.numberFormat { format_set_num_format(f, number) }
        if let fill = style.fill {
            format_set_bg_color(f, fill)
            format_set_pattern(f, UInt8(LXW_PATTERN_SOLID.rawValue))
        }
        return XLSXFormat(pointer: f)
    }

    /// Writes the file and frees the workbook.
    public func close() throws(WorkbookWriteError) {
        guard let handle else { return }
        self.handle = nil
        let code = workbook_close(handle)
        guard code == LXW_NO_ERROR else {
            throw WorkbookWriteError(code: Int32(code.rawValue), message: String(cString: lxw_strerror(code)), path: path)
        }
    }
}

/// What a cell looks like.
struct XLSXStyle {
    enum Align { case left, center, right }
    var bold = false
    var italic = false
    var size: Double?
    var wrap = false
    var align: Align?
    var border = false
    var numberFormat: String?
    var fill: UInt32?

    /// The locale prefix of a number format: `[$-42A]` (Vietnamese, LCID 0x042A) makes
    /// LibreOffice group `1.234` and write `63,5%` whatever the machine's locale; Excel keeps
    /// its user's separators either way. Numbers stay numbers.
    static func locale(_ language: ReportLanguage) -> String {
        switch language {
        case .vi: "[$-42A]"
        case .en: ""
        }
    }
}

/// A format of an `XLSXWorkbook`, valid while the workbook is.
public struct XLSXFormat {
    fileprivate let pointer: UnsafeMutablePointer<lxw_format>?
}

/// A worksheet of an `XLSXWorkbook`, valid while the workbook is open. Rows and columns from 0.
public struct XLSXSheet {
    fileprivate let sheet: UnsafeMutablePointer<lxw_worksheet>
    let path: String
    fileprivate unowned let workbook: XLSXWorkbook

    private func check(_ code: lxw_error) throws(WorkbookWriteError) {
        guard code == LXW_NO_ERROR else {
            throw WorkbookWriteError(code: Int32(code.rawValue), message: String(cString: lxw_strerror(code)), path: path)
        }
    }

    /// A boolean cell (TRUE/FALSE in Excel).
    public func boolean(_ row: Int, _ column: Int, _ value: Bool) throws(WorkbookWriteError) {
        try check(worksheet_write_boolean(sheet, lxw_row_t(row), lxw_col_t(column), value ? 1 : 0, nil))
    }

    /// A date-and-time cell: Excel's serial number with a date format, as Excel stores a date
    /// typed into a cell (local time, to the second).
    public func dateTime(_ row: Int, _ column: Int, _ value: LocalDateTime) throws(WorkbookWriteError) {
        let (y, m, d) = value.date.civil
        let s = Int(value.millisOfDay / 1000)
        var when = lxw_datetime(
            year: Int32(y), month: Int32(m), day: Int32(d), hour: Int32(s / 3600), min: Int32(s / 60 % 60),
            sec: Double(s % 60))
        try check(worksheet_write_datetime(sheet, lxw_row_t(row), lxw_col_t(column), &when, workbook.dateTime().pointer))
    }

    public func text(_ row: Int, _ column: Int, _ value: String, _ format: XLSXFormat? = nil) throws(WorkbookWriteError) {
        try check(worksheet_write_string(sheet, lxw_row_t(row), lxw_col_t(column), value, format?.pointer))
    }

    public func number(_ row: Int, _ column: Int, _ value: Double, _ format: XLSXFormat? = nil) throws(WorkbookWriteError) {
        try check(worksheet_write_number(sheet, lxw_row_t(row), lxw_col_t(column), value, format?.pointer))
    }

    func blank(_ row: Int, _ column: Int, _ format: XLSXFormat?) throws(WorkbookWriteError) {
        try check(worksheet_write_blank(sheet, lxw_row_t(row), lxw_col_t(column), format?.pointer))
    }

    func merge(_ firstRow: Int, _ firstColumn: Int, _ lastRow: Int, _ lastColumn: Int, _ value: String, _ format: XLSXFormat?)
        throws(WorkbookWriteError)
    {
        try check(
            worksheet_merge_range(
                sheet, lxw_row_t(firstRow), lxw_col_t(firstColumn), lxw_row_t(lastRow), lxw_col_t(lastColumn), value,
                format?.pointer))
    }

    func columnWidth(_ first: Int, _ last: Int, _ width: Double) throws(WorkbookWriteError) {
        try check(worksheet_set_column(sheet, lxw_col_t(first), lxw_col_t(last), width, nil))
    }

    func rowHeight(_ row: Int, _ height: Double) throws(WorkbookWriteError) {
        try check(worksheet_set_row(sheet, lxw_row_t(row), height, nil))
    }

    /// Landscape A4, one page wide, `rows` repeated at the top of every printed page.
    func printSetup(repeatRows rows: ClosedRange<Int>?, landscape: Bool = true) throws(WorkbookWriteError) {
        if landscape { worksheet_set_landscape(sheet) }
        worksheet_set_paper(sheet, 9)  // A4
        worksheet_set_margins(sheet, 0.4, 0.4, 0.5, 0.5)
        worksheet_fit_to_pages(sheet, 1, 0)
        worksheet_center_horizontally(sheet)
        if let rows { try check(worksheet_repeat_rows(sheet, lxw_row_t(rows.lowerBound), lxw_row_t(rows.upperBound))) }
    }

    func freeze(rows: Int, columns: Int) {
        worksheet_freeze_panes(sheet, lxw_row_t(rows), lxw_col_t(columns))
    }
}

/// A workbook written whole to a temporary file and read back, so `ReportWriter` writes its
/// bytes atomically like every other report file.
enum XLSXFile {
    static func bytes(_ body: (XLSXWorkbook) throws -> Void) throws -> [UInt8] {
        let path = NSTemporaryDirectory() + "motcua-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).xlsx"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let workbook = try XLSXWorkbook(path: path)
        try body(workbook)
        try workbook.close()
        guard let data = FileManager.default.contents(atPath: path) else {
            throw WorkbookWriteError(code: -1, message: "the written workbook cannot be read back", path: path)
        }
        return [UInt8](data)
    }
}
