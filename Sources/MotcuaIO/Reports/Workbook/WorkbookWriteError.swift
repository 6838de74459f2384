/// libxlsxwriter could not write a workbook: its error code (`lxw_error`, matched on, never the
/// message) and message. An output problem: the command exits 73.
public struct WorkbookWriteError: Error, CustomStringConvertible, Sendable {
    public var code: Int32
    public var message: String
    public var path: String

    public var description: String { "cannot write workbook \(path): \(message) (libxlsxwriter error \(code))" }
}
