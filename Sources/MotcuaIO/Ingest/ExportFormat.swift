/// What an export file holds: a text table (CSV, plain or compressed) or an Excel workbook.
///
/// A workbook is told by its name (`.xlsx`, any case) or by the zip magic `PK\u{3}\u{4}`
/// (exports get renamed by hand); anything else is read as text, whose own checks name what is
/// wrong. A file named `.xlsx` that is no zip is therefore refused as a workbook, with a message
/// that says so, rather than read as text (CONTRACT.md section 1.7).
enum ExportFormat: Equatable {
    case text, workbook

    init(path: String) {
        if path.lowercased().hasSuffix(".xlsx") {
            self = .workbook
            return
        }
        let magic = (try? ReadableFile(path: path).peek(count: 4)) ?? []
        self = magic == [0x50, 0x4B, 0x03, 0x04] ? .workbook : .text
    }
}
