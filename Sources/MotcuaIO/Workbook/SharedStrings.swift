/// The shared-strings table of a workbook (`xl/sharedStrings.xml`): every distinct text of the
/// workbook, which cells of type `s` name by index.
///
/// Read whole before the first row, since any cell may name any string. It can be large (a
/// million distinct dossier ids), so it is one byte buffer and one array of end offsets, not a
/// `[String]`: about 8 bytes per string beyond the text itself, and no allocation per string.
/// Rich-text runs (`<r><t>`) are joined; phonetic guides (`<rPh>`) are left out, as Excel shows
/// them only above East Asian text.
final class SharedStrings: XMLEventHandler {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var inItem = false
    private var inText = false
    private var phoneticDepth = 0
    private var itemStart = 0

    var count: Int { ends.count }

    /// An empty table, for a workbook without shared strings.
    init() {}

    /// Reads the table from `part` of `archive`.
    static func read(part: String?, of archive: WorkbookArchive) throws(WorkbookError) -> SharedStrings {
        let table = SharedStrings()
        if let part { _ = try XMLPushParser.parse(part: part, of: archive, into: table) }
        return table
    }

    /// Calls `body` with the bytes of string `index`; `false` when there is no such string.
    @inline(__always)
    func withString<R>(_ index: Int, _ body: (UnsafeRawBufferPointer) -> R) -> R? {
        guard index >= 0, index < ends.count else { return nil }
        let start = index == 0 ? 0 : ends[index - 1]
        return bytes.withUnsafeBytes { body(UnsafeRawBufferPointer(rebasing: $0[start..<ends[index]])) }
    }

    // MARK: - XMLEventHandler

    func start(_ element: XMLName, _ attributes: XMLAttributes) {
        if element.is("si") {
            inItem = true
            itemStart = bytes.count
        } else if element.is("rPh") {
            phoneticDepth += 1
        } else if inItem, phoneticDepth == 0, element.is("t") {
            inText = true
        }
    }

    func end(_ element: XMLName) {
        if element.is("t") {
            inText = false
        } else if element.is("rPh") {
            phoneticDepth -= 1
        } else if element.is("si") {
            SpreadsheetEscapes.decode(&bytes, from: itemStart)
            ends.append(bytes.count)
            inItem = false
        }
    }

    func text(_ chunk: UnsafeRawBufferPointer) {
        if inText { bytes.append(contentsOf: chunk) }
    }
}

/// SpreadsheetML's escapes for characters XML cannot hold: `_xHHHH_` is the UTF-16 code unit
/// HHHH (Excel writes a carriage return as `_x000D_`), and `_x005F_` escapes a literal `_`
/// (ECMA-376 part 1, 22.9.2.19 ST_Xstring).
enum SpreadsheetEscapes {
    /// Decodes the escapes in `bytes[start...]` in place (the text only shrinks).
    /// - Complexity: O(n); a text without `_x` is only scanned.
    static func decode(_ bytes: inout [UInt8], from start: Int) {
        var k = start
        while k + 6 < bytes.count {
            if bytes[k] == 0x5F && bytes[k + 1] == 0x78 { break }
            k += 1
        }
        guard k + 6 < bytes.count else { return }
        var out = k
        var i = k
        let n = bytes.count
        while i < n {
            if i + 6 < n, bytes[i] == 0x5F, bytes[i + 1] == 0x78, bytes[i + 6] == 0x5F,
                let unit = hex4(bytes, i + 2), unit != 0, !(0xD800...0xDFFF).contains(unit),
                let scalar = Unicode.Scalar(unit)
            {
                for b in String(Character(scalar)).utf8 {
                    bytes[out] = b
                    out += 1
                }
                i += 7
                continue
            }
            bytes[out] = bytes[i]
            out += 1
            i += 1
        }
        bytes.removeSubrange(out..<n)
    }

    private static func hex4(_ b: [UInt8], _ at: Int) -> UInt32? {
        var v: UInt32 = 0
        for k in at..<(at + 4) {
            let c = b[k]
            let d: UInt8
            switch c {
            case 0x30...0x39: d = c - 0x30
            case 0x41...0x46: d = c - 0x41 + 10
            case 0x61...0x66: d = c - 0x61 + 10
            default: return nil
            }
            v = v << 4 | UInt32(d)
        }
        return v
    }
}
