public import MotcuaCore
import MotcuaIO

/// Writes an `.xlsx` export for the generator and the tests' fixture workbooks, through IO's
/// `XLSXWorkbook` (the one owner of libxlsxwriter's handle); the product itself only reads
/// export workbooks.
///
/// `constantMemory` is libxlsxwriter's mode for large sheets (rows in order, text inline), how a
/// million-row workbook is written in a few megabytes. The creation time is fixed, so the same
/// cells give the same bytes.
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
    private let workbook: XLSXWorkbook
    private var sheets: [XLSXSheet] = []

    public init(path: String, constantMemory: Bool = false) throws(SampleGeneratorError) {
        self.path = path
        do {
            // 2025-01-01 00:00 UTC: fixed, for the same bytes every run.
            workbook = try XLSXWorkbook(path: path, constantMemory: constantMemory, fixedCreationTime: 1_735_689_600)
        } catch {
            throw .cannotWriteWorkbook(path: path, detail: error.message)
        }
    }

    /// Adds a worksheet, shown with tab name `name`; returns its index for `write`.
    @discardableResult
    public func addSheet(_ name: String) throws(SampleGeneratorError) -> Int {
        do {
            sheets.append(try workbook.addSheet(name))
        } catch {
            throw .cannotWriteWorkbook(path: path, detail: error.message)
        }
        return sheets.count - 1
    }

    /// Writes one cell (0-based row and column). A cell libxlsxwriter refuses (out of Excel's
    /// range) is left empty; `close()` reports a workbook that cannot be written.
    public func write(_ value: Value, sheet: Int, row: Int, column: Int) {
        let ws = sheets[sheet]
        switch value {
        case .text(let text): _ = try? ws.text(row, column, text)
        case .number(let number): _ = try? ws.number(row, column, number)
        case .boolean(let flag): _ = try? ws.boolean(row, column, flag)
        case .date(let instant): _ = try? ws.dateTime(row, column, instant)
        }
    }

    /// Writes the file; the writer is spent afterwards.
    public func close() throws(SampleGeneratorError) {
        do {
            try workbook.close()
        } catch {
            throw .cannotWriteWorkbook(path: path, detail: error.message)
        }
    }
}
