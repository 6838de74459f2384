/// Collects the cells of a worksheet's rows from its XML events (`<sheetData><row><c>`), as raw
/// values with their type and style; `WorksheetCSVSource` renders them once it knows the header.
///
/// Rows finished so far wait in flat arrays (one byte buffer of values, one array of cells)
/// until the source drains them after each chunk of XML, so memory holds one chunk's rows, never
/// the sheet. Cell and row positions come from their `r` attributes when present (`B7`, `7`),
/// else follow the previous one, as ECMA-376 part 1, 18.3.1.4 and 18.3.1.73 allow.
final class WorksheetScanner: XMLEventHandler {
    /// How a cell's value is stored (the `t` attribute).
    enum Kind: UInt8 {
        /// `n` or none: a number; a date when its style or its column says so.
        case number
        /// `s`: an index into the shared strings.
        case shared
        /// `inlineStr`: text in the cell (`<is><t>`).
        case inline
        /// `str`: the text result of a formula.
        case formulaText
        /// `b`: 1 or 0.
        case boolean
        /// `e`: an error such as `#N/A`, kept as text (a date column then rejects it).
        case error
        /// `d`: an ISO 8601 date as text.
        case isoDate
    }

    struct Cell {
        var column: Int
        var kind: Kind
        var style: Int
        /// The value's bytes in `values`.
        var start: Int
        var end: Int
    }

    struct Row {
        var number: Int
        /// Its cells are `cells[firstCell..<endCell]`.
        var firstCell: Int
        var endCell: Int
    }

    private(set) var values: [UInt8] = []
    private(set) var cells: [Cell] = []
    /// Rows ended and not yet drained.
    private(set) var rows: [Row] = []
    /// `</sheetData>` was seen: what follows (merged cells, page setup) is not read.
    private(set) var finished = false

    private var inSheetData = false
    private var rowNumber = 0
    private var rowFirstCell = 0
    private var column = -1
    private var kind = Kind.number
    private var style = 0
    private var valueStart = 0
    private var capturing = false
    private var inCell = false
    private var inInline = false
    private var phoneticDepth = 0

    // MARK: - XMLEventHandler

    func start(_ element: XMLName, _ attributes: XMLAttributes) {
        guard inSheetData else {
            if element.is("sheetData") { inSheetData = true }
            return
        }
        if element.is("c") {
            inCell = true
            column = attributes["r"].flatMap(Self.columnIndex) ?? column + 1
            kind = attributes["t"].map(Self.kind) ?? .number
            style = attributes["s"].flatMap(Self.integer) ?? 0
            valueStart = values.count
        } else if element.is("v") {
            capturing = inCell && kind != .inline
        } else if element.is("row") {
            rowNumber = attributes["r"].flatMap(Self.integer) ?? rowNumber + 1
            rowFirstCell = cells.count
            column = -1
        } else if element.is("t") {
            capturing = inInline && phoneticDepth == 0
        } else if element.is("is") {
            inInline = inCell
        } else if element.is("rPh") {
            phoneticDepth += 1
        }
    }

    func end(_ element: XMLName) {
        guard inSheetData else { return }
        if element.is("v") || element.is("t") {
            capturing = false
        } else if element.is("c") {
            inCell = false
            capturing = false
            if kind == .inline || kind == .formulaText { SpreadsheetEscapes.decode(&values, from: valueStart) }
            if values.count > valueStart {
                cells.append(Cell(column: column, kind: kind, style: style, start: valueStart, end: values.count))
            }
        } else if element.is("row") {
            rows.append(Row(number: rowNumber, firstCell: rowFirstCell, endCell: cells.count))
            rowFirstCell = cells.count
        } else if element.is("is") {
            inInline = false
        } else if element.is("rPh") {
            phoneticDepth -= 1
        } else if element.is("sheetData") {
            inSheetData = false
            finished = true
        }
    }

    @inline(__always)
    func text(_ bytes: UnsafeRawBufferPointer) {
        if capturing { values.append(contentsOf: bytes) }
    }

    // MARK: - Draining

    /// Forgets the rows drained, keeping a row still open at the end of the last chunk.
    func discardDrainedRows() {
        rows.removeAll(keepingCapacity: true)
        let keepCells = rowFirstCell
        let keepValues = keepCells < cells.count ? cells[keepCells].start : (inCell ? valueStart : values.count)
        if keepCells > 0 {
            cells.removeSubrange(0..<keepCells)
            rowFirstCell = 0
        }
        if keepValues > 0 {
            values.removeSubrange(0..<keepValues)
            for k in cells.indices {
                cells[k].start -= keepValues
                cells[k].end -= keepValues
            }
            valueStart -= keepValues
        }
    }

    // MARK: - Attributes

    /// The 0-based column of a reference such as `AB12`.
    static func columnIndex(_ reference: UnsafeRawBufferPointer) -> Int? {
        var index = 0
        var letters = 0
        for b in reference {
            let upper = b & 0xDF
            guard upper >= 0x41 && upper <= 0x5A else { break }
            index = index * 26 + Int(upper - 0x40)
            letters += 1
            if letters > 3 { return nil }
        }
        return letters == 0 ? nil : index - 1
    }

    static func integer(_ bytes: UnsafeRawBufferPointer) -> Int? {
        var value = 0
        guard !bytes.isEmpty, bytes.count <= 9 else { return nil }
        for b in bytes {
            guard b >= 0x30 && b <= 0x39 else { return nil }
            value = value * 10 + Int(b - 0x30)
        }
        return value
    }

    static func kind(_ t: UnsafeRawBufferPointer) -> Kind {
        guard let first = t.first else { return .number }
        switch (first, t.count) {
        case (0x73, 1): return .shared  // s
        case (0x6E, 1): return .number  // n
        case (0x62, 1): return .boolean  // b
        case (0x65, 1): return .error  // e
        case (0x64, 1): return .isoDate  // d
        case (0x73, 3): return .formulaText  // str
        case (0x69, _): return .inline  // inlineStr
        default: return .formulaText
        }
    }
}
