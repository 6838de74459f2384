import Foundation
public import MotcuaCore
internal import CXlsxWriter

/// Writes an `.xlsx` workbook with libxlsxwriter (Debian `libxlsxwriter-dev`); owns the
/// `lxw_workbook`. For the generator's workbook exports and the tests' fixture workbooks; the
/// product itself only reads workbooks.
///
/// Two modes, libxlsxwriter's: by default every cell is held in memory until `close()` and text
/// goes to the shared-strings table, as Excel writes it; `constantMemory` writes each row to a
/// temporary file once the next row starts (rows must come in order) and keeps text inline
/// (`inlineStr`), which is how a million-row workbook is written in a few megabytes.
/// The creation time is fixed, so the same cells give the same bytes.
/// See https://libxlsxwriter.github.io/working_with_memory.html
public final class WorkbookWriter {
    /// A cell's value. A date is written as Excel's serial number with a date format, as Excel
    /// stores a date typed into a cell.
    public enum Value: Sendable, Equatable {
        case text(String)
        case number(Double)
        case date(LocalDateTime)
        case boolean(Bool)
    }

    public let path: String
    private let workbook: UnsafeMutablePointer<lxw_workbook>
    private var sheets: [UnsafeMutablePointer<lxw_worksheet>] = []
    private let dateFormat: UnsafeMutablePointer<lxw_format>
    private var closed = false

    public init(path: String, constantMemory: Bool = false) throws(SampleGeneratorError) {
        self.path = path
        var options = lxw_workbook_options(constant_memory: constantMemory ? 1 : 0, tmpdir: nil, use_zip64: 1)
        guard let workbook = workbook_new_opt(path, &options) else {
            throw .cannotWriteWorkbook(path: path, detail: "libxlsxwriter could not create it")
        }
        self.workbook = workbook
        var properties = lxw_doc_properties()
        properties.created = 1_735_689_600  // 2025-01-01 00:00 UTC: fixed, for the same bytes every run
        workbook_set_properties(workbook, &properties)
        // swift-format-ignore: NeverForceUnwrap
        dateFormat = workbook_add_format(workbook)!
        format_set_num_format(dateFormat, "dd/mm/yyyy hh:mm:ss")
    }

    deinit {
        if !closed { workbook_close(workbook) }
    }

    /// Adds a worksheet, shown with tab name `name`; returns its index for `write`.
    @discardableResult
    public func addSheet(_ name: String) throws(SampleGeneratorError) -> Int {
        guard let sheet = workbook_add_worksheet(workbook, name) else {
            throw .cannotWriteWorkbook(path: path, detail: "cannot add sheet '\(name)'")
        }
        sheets.append(sheet)
        return sheets.count - 1
    }

    /// Writes one cell (0-based row and column).
    public func write(_ value: Value, sheet: Int, row: Int, column: Int) {
        let ws = sheets[sheet]
        let r = lxw_row_t(row)
        let c = lxw_col_t(column)
        switch value {
        case .text(let text): _ = worksheet_write_string(ws, r, c, text, nil)
        case .number(let number): _ = worksheet_write_number(ws, r, c, number, nil)
        case .boolean(let flag): _ = worksheet_write_boolean(ws, r, c, flag ? 1 : 0, nil)
        case .date(let instant):
            let (y, m, d) = instant.date.civil
            let s = Int(instant.millisOfDay / 1000)
            var when = lxw_datetime(
                year: Int32(y), month: Int32(m), day: Int32(d), hour: Int32(s / 3600), min: Int32(s / 60 % 60),
                sec: Double(s % 60))
            _ = worksheet_write_datetime(ws, r, c, &when, dateFormat)
        }
    }

    /// Writes the file; the writer is spent afterwards.
    public func close() throws(SampleGeneratorError) {
        guard !closed else { return }
        closed = true
        let status = workbook_close(workbook)
        guard status == LXW_NO_ERROR else {
            throw .cannotWriteWorkbook(path: path, detail: String(cString: lxw_strerror(status)))
        }
    }
}
