import Foundation
import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// One worksheet of an `.xlsx` export read as CSV text, so that a workbook goes through the same
/// reader, staging, duplicates and rejects as a CSV export (CONTRACT.md section 1.7).
///
/// The chain pulls: the CSV reader asks for bytes; this inflates the next 64 KiB of the sheet's
/// XML (libzip), parses it (libxml2 SAX2), renders the rows it finished, and hands them over.
/// Memory holds the shared strings, one chunk of XML and its rows, never the sheet.
///
/// Rendering:
/// - rows above the header, and empty rows, are blank lines; each row starts on the CSV line of
///   its worksheet row number where it can (`WorksheetRowMap` holds the exceptions);
/// - the header is the first of the first 20 rows that holds every required column of the
///   profile; every row is cut or padded to the header's width, so cells right of the last
///   header (notes, totals) are unknown columns, ignored, never a `field_count` reject;
/// - shared and inline strings as text; booleans `true`/`false`; errors as written (`#N/A`);
/// - a number styled as a date, or any number in a date column of the profile, as
///   `YYYY-MM-DD HH:MM:SS` (`ExcelSerialDate`); other numbers in their shortest exact form
///   (`2`, `1.004227`). Text dates stay text, for the date parser.
/// - Complexity: O(sheet XML); per cell a few byte copies, no `String` (numbers that are not
///   integers excepted).
final class WorksheetCSVSource: ByteSource {
    /// The header is searched for among rows 1...headerSearchRows.
    static let headerSearchRows = 20

    let rowMap = WorksheetRowMap()
    let sheetName: String
    private let path: String
    private let profile: ColumnProfile
    private let directory: WorkbookDirectory
    private let strings: SharedStrings
    private let entry: WorkbookArchive.Entry
    private let parser: XMLPushParser
    private let scanner = WorksheetScanner()
    private let chunk: UnsafeMutableRawBufferPointer
    private var inputEnded = false

    private var output: [UInt8] = []
    private var outputRead = 0
    /// The CSV line the next record will start on.
    private var nextLine = 1
    /// Header found: its width, and which of its columns hold dates.
    private var width: Int?
    private var dateColumn: [Bool] = []
    private var nearest: WorkbookError.NearestHeader?
    private var field: [UInt8] = []

    /// Opens `sheet` (or the first worksheet) of the workbook at `path`, reading its directory
    /// and shared strings; no row is read yet.
    init(path: String, displayPath: String, sheet: String?, profile: ColumnProfile) throws(WorkbookError) {
        self.path = displayPath
        self.profile = profile
        let archive: WorkbookArchive
        do throws(WorkbookError) {
            archive = try WorkbookArchive(path: path)
        } catch {
            throw Self.renamed(error, displayPath)
        }
        do throws(WorkbookError) {
            directory = try WorkbookDirectory.read(archive, sheet: sheet)
            strings = try SharedStrings.read(part: directory.sharedStringsPart, of: archive)
            guard let entry = try archive.open(directory.worksheetPart) else {
                throw WorkbookError.damagedPart(path: path, part: directory.worksheetPart, detail: "missing")
            }
            self.entry = entry
            parser = try XMLPushParser(handler: scanner, path: path, part: directory.worksheetPart)
        } catch {
            throw Self.renamed(error, displayPath)
        }
        sheetName = directory.sheetName
        chunk = .allocate(byteCount: 1 << 16, alignment: 16)
    }

    deinit { chunk.deallocate() }

    /// The same error naming the file as the user knows it.
    private static func renamed(_ error: WorkbookError, _ displayPath: String) -> WorkbookError {
        switch error {
        case .notZip(_, let d): .notZip(path: displayPath, detail: d)
        case .notWorkbook(_, let d): .notWorkbook(path: displayPath, detail: d)
        case .damagedPart(_, let p, let d): .damagedPart(path: displayPath, part: p, detail: d)
        case .unknownSheet(_, let s, let f): .unknownSheet(path: displayPath, sheet: s, found: f)
        case .noWorksheet(_, let s): .noWorksheet(path: displayPath, sheet: s)
        case .noHeader(_, let s, let r, let p, let c): .noHeader(path: displayPath, sheet: s, rowsSearched: r, profile: p, closest: c)
        }
    }

    // MARK: - ByteSource

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while output.count - outputRead < buffer.count && !inputEnded {
            try pump()
        }
        let n = min(buffer.count, output.count - outputRead)
        guard n > 0 else { return 0 }
        output.withUnsafeBytes { src in
            buffer.baseAddress?.copyMemory(from: src.baseAddress! + outputRead, byteCount: n)
        }
        outputRead += n
        if outputRead == output.count {
            output.removeAll(keepingCapacity: true)
            outputRead = 0
        }
        return n
    }

    /// Parses the next chunk of the sheet and renders the rows it completed.
    private func pump() throws {
        let n: Int
        do throws(WorkbookError) {
            n = try entry.read(into: chunk)
            try parser.parse(UnsafeRawBufferPointer(rebasing: chunk[0..<n]), final: n == 0)
        } catch {
            throw Self.renamed(error, path)
        }
        if outputRead > 0 {
            output.removeSubrange(0..<outputRead)
            outputRead = 0
        }
        for row in scanner.rows { try render(row) }
        scanner.discardDrainedRows()
        if n == 0 || scanner.finished {
            inputEnded = true
            if width == nil { throw noHeader() }
        }
    }

    private func noHeader() -> WorkbookError {
        .noHeader(
            path: path, sheet: sheetName, rowsSearched: Self.headerSearchRows, profile: profile.name, closest: nearest)
    }

    // MARK: - Rows

    private func render(_ row: WorksheetScanner.Row) throws {
        guard let width else {
            try consider(row)
            return
        }
        let cells = scanner.cells
        var k = row.firstCell
        while k < row.endCell && cells[k].column < 0 { k += 1 }
        guard k < row.endCell && cells[k].column < width else { return }  // nothing in the table's columns
        if row.number > nextLine {
            output.append(contentsOf: repeatElement(0x0A, count: row.number - nextLine))
            nextLine = row.number
        }
        rowMap.record(line: nextLine, row: row.number)
        var column = 0
        var breaks = 0
        while k < row.endCell {
            let cell = cells[k]
            k += 1
            if cell.column >= width { break }
            if cell.column < column { continue }  // out of order: the first value of a column wins
            while column < cell.column {
                output.append(0x2C)
                column += 1
            }
            breaks += appendField(cell, dateColumn: dateColumn[column])
        }
        if column < width - 1 { output.append(contentsOf: repeatElement(0x2C, count: width - 1 - column)) }
        output.append(0x0A)
        nextLine += 1 + breaks
    }

    /// Tests a row above the header: the header holds every required column of the profile.
    private func consider(_ row: WorksheetScanner.Row) throws {
        if row.number > Self.headerSearchRows { throw noHeader() }
        let cells = scanner.cells[row.firstCell..<row.endCell]
        guard let last = cells.last?.column, last >= 0, last < 16_384 else { return }
        var names = [String](repeating: "", count: last + 1)
        for cell in cells where cell.column >= 0 && names[cell.column].isEmpty {
            field.removeAll(keepingCapacity: true)
            render(cell, dateColumn: false, into: &field)
            names[cell.column] = String(decoding: field, as: UTF8.self)
        }
        do throws(CSVError) {
            _ = try HeaderBinding.bind(
                header: names, candidates: { (c: DossierColumn) in profile.headerCandidates(for: c) },
                canonicalName: \.canonicalName, path: path, profileName: profile.name, isRequired: { $0.isRequired })
        } catch .missingColumns(_, let missing, _, _) {
            if missing.count < (nearest?.missing.count ?? Int.max) {
                nearest = .init(row: row.number, missing: missing.flatMap(\.headerNames))
            }
            return
        } catch {
            // Every required column is there, one twice: the header, refused by the ingester.
        }
        // The header: its width runs to its last named column.
        let lastNamed = names.lastIndex { !$0.trimmingCharacters(in: .whitespaces).isEmpty } ?? 0
        width = lastNamed + 1
        var dates = [Bool](repeating: false, count: lastNamed + 1)
        if let binding = try? HeaderBinding.bind(
            header: Array(names[0...lastNamed]), candidates: { (c: DossierColumn) in profile.headerCandidates(for: c) },
            canonicalName: \.canonicalName, path: path, profileName: profile.name, isRequired: { $0.isRequired })
        {
            for column in DossierStager.dateColumns { if let k = binding[column.rawValue] { dates[k] = true } }
        }
        dateColumn = dates
        if row.number > nextLine {
            output.append(contentsOf: repeatElement(0x0A, count: row.number - nextLine))
            nextLine = row.number
        }
        rowMap.record(line: nextLine, row: row.number)
        var breaks = 0
        for k in 0...lastNamed {
            if k > 0 { output.append(0x2C) }
            breaks += appendQuoted(Array(names[k].utf8))
        }
        output.append(0x0A)
        nextLine += 1 + breaks
    }

    // MARK: - Cells

    /// Appends a cell as a CSV field; returns the line feeds it holds.
    private func appendField(_ cell: WorksheetScanner.Cell, dateColumn: Bool) -> Int {
        field.removeAll(keepingCapacity: true)
        render(cell, dateColumn: dateColumn, into: &field)
        return appendQuoted(field)
    }

    /// Appends `bytes`, quoted (RFC 4180) when they hold a comma, a quote or a line break.
    @inline(__always)
    private func appendQuoted(_ bytes: [UInt8]) -> Int {
        var needsQuotes = false
        var breaks = 0
        for b in bytes where b == 0x2C || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            if b == 0x0A { breaks += 1 }
        }
        guard needsQuotes else {
            output.append(contentsOf: bytes)
            return 0
        }
        output.append(0x22)
        for b in bytes {
            if b == 0x22 { output.append(0x22) }
            output.append(b)
        }
        output.append(0x22)
        return breaks
    }

    /// The text of a cell as a clerk would type it back.
    private func render(_ cell: WorksheetScanner.Cell, dateColumn: Bool, into out: inout [UInt8]) {
        scanner.values.withUnsafeBytes { all in
            let value = UnsafeRawBufferPointer(rebasing: all[cell.start..<cell.end])
            switch cell.kind {
            case .shared:
                guard let index = WorksheetScanner.integer(value),
                    strings.withString(index, { out.append(contentsOf: $0) }) != nil
                else {
                    out.append(contentsOf: value)  // a broken index: kept, so the row is rejected, not guessed
                    return
                }
            case .inline, .formulaText, .error, .isoDate:
                out.append(contentsOf: value)
            case .boolean:
                out.append(contentsOf: value.first == 0x31 ? Array("true".utf8) : Array("false".utf8))
            case .number:
                let isDate = dateColumn || (cell.style < directory.dateStyles.count && directory.dateStyles[cell.style])
                Self.appendNumber(value, asDate: isDate, date1904: directory.date1904, to: &out)
            }
        }
    }

    /// A number cell's text: a date when asked and it is one, else the number in its shortest
    /// exact form (Excel writes up to 17 significant digits: `1.0042269999999999` is `1.004227`).
    static func appendNumber(_ value: UnsafeRawBufferPointer, asDate: Bool, date1904: Bool, to out: inout [UInt8]) {
        var integral = !value.isEmpty && value.count <= 15
        for (k, b) in value.enumerated() where !(b >= 0x30 && b <= 0x39) && !(k == 0 && b == 0x2D) { integral = false }
        if integral && !asDate {
            out.append(contentsOf: value)
            return
        }
        var text = [CChar](repeating: 0, count: value.count + 1)
        for (k, b) in value.enumerated() { text[k] = CChar(bitPattern: b) }
        var end: UnsafeMutablePointer<CChar>?
        let number = text.withUnsafeMutableBufferPointer { p -> Double? in
            let v = strtod(p.baseAddress!, &end)
            return end == p.baseAddress! + value.count && value.count > 0 ? v : nil
        }
        guard let number else {
            out.append(contentsOf: value)
            return
        }
        if asDate && ExcelSerialDate.appendText(serial: number, date1904: date1904, to: &out) { return }
        if number == number.rounded() && abs(number) < 1e15 {
            out.append(contentsOf: String(Int64(number)).utf8)
        } else {
            out.append(contentsOf: "\(number)".utf8)
        }
    }
}
