/// Maps the line numbers of the CSV text a worksheet is rendered as back to the worksheet's row
/// numbers, so rejects name the row a clerk sees in Excel (CONTRACT.md section 1.7).
///
/// The rendering keeps them equal where it can: rows above the header and empty rows become
/// blank lines, which the CSV reader counts and skips. Only a cell holding line breaks (a quoted
/// field over several lines) pushes later lines past their rows, and only when no empty rows
/// follow to take the slack; each such shift is one entry here, so the map stays empty for
/// nearly every workbook.
final class WorksheetRowMap: @unchecked Sendable {
    /// From `line` on, row = line + offset (until the next entry). Sorted by line.
    private var shifts: [(line: Int, offset: Int)] = []

    /// Records that the record starting at CSV `line` is worksheet row `row`.
    func record(line: Int, row: Int) {
        let offset = row - line
        if offset != (shifts.last?.offset ?? 0) { shifts.append((line, offset)) }
    }

    /// The worksheet row of the record that starts at CSV `line`.
    /// - Complexity: O(log shifts).
    func row(ofLine line: Int) -> Int {
        var low = 0
        var high = shifts.count
        while low < high {
            let mid = (low + high) / 2
            if shifts[mid].line <= line { low = mid + 1 } else { high = mid }
        }
        return low == 0 ? line : line + shifts[low - 1].offset
    }
}
