import Foundation

/// Where the rows of one worksheet are, and how to read its cells: found from the package's
/// relationships (ECMA-376 part 2, Open Packaging Conventions), the workbook's list of sheets and
/// its styles, before any row is read.
///
/// Part names come from the relationships, never assumed (`xl/worksheets/sheet1.xml` is only
/// what Excel usually writes). Relationship types are matched by their last segment, so both
/// the transitional (`schemas.openxmlformats.org`) and the strict (`purl.oclc.org`) spellings
/// are read.
struct WorkbookDirectory {
    /// The sheet read: its name as Excel shows it, and its part.
    var sheetName: String
    var worksheetPart: String
    var sharedStringsPart: String?
    /// The workbook counts dates from 1904 (old Mac Excel) instead of 1900.
    var date1904: Bool
    /// Per cell style (`s` of a cell, an index into `cellXfs`): its number format shows a date.
    var dateStyles: [Bool]

    /// Reads the directory of the workbook at `archive`, choosing the sheet named `sheet`, or
    /// the first visible worksheet.
    static func read(_ archive: WorkbookArchive, sheet: String?) throws(WorkbookError) -> WorkbookDirectory {
        let path = archive.path
        let package = RelationshipsReader()
        guard try XMLPushParser.parse(part: "_rels/.rels", of: archive, into: package),
            let workbookPart = package.target(ofType: "officeDocument", relativeTo: "")
        else {
            throw .notWorkbook(path: path, detail: Self.describeForeign(archive.entryNames))
        }
        let folder = (workbookPart as NSString).deletingLastPathComponent
        let workbook = WorkbookSheetsReader()
        guard try XMLPushParser.parse(part: workbookPart, of: archive, into: workbook) else {
            throw .notWorkbook(path: path, detail: "its main part \(workbookPart) is missing")
        }
        guard workbook.isSpreadsheet else {
            throw .notWorkbook(path: path, detail: Self.describeForeign(archive.entryNames))
        }
        let relationships = RelationshipsReader()
        let relsPart = (folder.isEmpty ? "" : folder + "/") + "_rels/" + (workbookPart as NSString).lastPathComponent + ".rels"
        _ = try XMLPushParser.parse(part: relsPart, of: archive, into: relationships)

        let chosen: WorkbookSheetsReader.Sheet
        if let sheet {
            let wanted = sheet.precomposedStringWithCanonicalMapping
            guard
                let match = workbook.sheets.first(where: { $0.name.precomposedStringWithCanonicalMapping == wanted })
                    ?? workbook.sheets.first(where: { $0.name.lowercased() == wanted.lowercased() })
            else {
                throw .unknownSheet(path: path, sheet: sheet, found: workbook.sheets.map(\.name))
            }
            guard relationships.type(of: match.relationship)?.hasSuffix("/worksheet") == true else {
                throw .noWorksheet(path: path, sheet: match.name)
            }
            chosen = match
        } else {
            let worksheets = workbook.sheets.filter { relationships.type(of: $0.relationship)?.hasSuffix("/worksheet") == true }
            guard let first = worksheets.first(where: { $0.visible }) ?? worksheets.first else {
                throw .noWorksheet(path: path, sheet: nil)
            }
            chosen = first
        }
        guard let worksheetPart = relationships.target(id: chosen.relationship, relativeTo: folder) else {
            throw .damagedPart(path: path, part: relsPart, detail: "sheet '\(chosen.name)' has no part")
        }
        guard archive.contains(worksheetPart) else {
            throw .damagedPart(path: path, part: worksheetPart, detail: "the part of sheet '\(chosen.name)' is missing")
        }
        let styles = StylesReader()
        if let stylesPart = relationships.target(ofType: "styles", relativeTo: folder) {
            _ = try XMLPushParser.parse(part: stylesPart, of: archive, into: styles)
        }
        return WorkbookDirectory(
            sheetName: chosen.name, worksheetPart: worksheetPart,
            sharedStringsPart: relationships.target(ofType: "sharedStrings", relativeTo: folder),
            date1904: workbook.date1904, dateStyles: styles.dateStyles)
    }

    /// What a zip without a workbook seems to be, for the message.
    static func describeForeign(_ names: [String]) -> String {
        if names.contains(where: { $0.hasPrefix("word/") }) { return "it is a Word document" }
        if names.contains(where: { $0.hasPrefix("ppt/") }) { return "it is a PowerPoint presentation" }
        if names.contains("content.xml") { return "it is an OpenDocument file; save it as .xlsx" }
        let shown = names.prefix(3).joined(separator: ", ")
        return names.isEmpty ? "the archive is empty" : "it holds \(shown)\(names.count > 3 ? ", …" : "") and no workbook"
    }
}

// MARK: - Parts read for the directory

/// `Relationship` elements of a `.rels` part: id -> (type, target).
final class RelationshipsReader: XMLEventHandler {
    private(set) var entries: [(id: String, type: String, target: String, external: Bool)] = []

    func start(_ element: XMLName, _ attributes: XMLAttributes) {
        guard element.is("Relationship"), let id = attributes.string("Id"), let type = attributes.string("Type"),
            let target = attributes.string("Target")
        else { return }
        entries.append((id, type, target, attributes.string("TargetMode") == "External"))
    }
    func end(_ element: XMLName) {}
    func text(_ bytes: UnsafeRawBufferPointer) {}

    func type(of id: String) -> String? { entries.first { $0.id == id }?.type }

    func target(id: String, relativeTo folder: String) -> String? {
        entries.first { $0.id == id && !$0.external }.map { Self.resolve($0.target, folder) }
    }

    /// The target of the first relationship whose type ends with `/kind`.
    func target(ofType kind: String, relativeTo folder: String) -> String? {
        entries.first { $0.type.hasSuffix("/" + kind) && !$0.external }.map { Self.resolve($0.target, folder) }
    }

    /// A part name from a target: absolute (`/xl/…`) or relative to the source part's folder.
    static func resolve(_ target: String, _ folder: String) -> String {
        let joined = target.hasPrefix("/") ? String(target.dropFirst()) : (folder.isEmpty ? target : folder + "/" + target)
        var parts: [Substring] = []
        for piece in joined.split(separator: "/") {
            if piece == ".." {
                _ = parts.popLast()
            } else if piece != "." {
                parts.append(piece)
            }
        }
        return parts.joined(separator: "/")
    }
}

/// The `sheets` of `workbook.xml`, in tab order, and its date system.
final class WorkbookSheetsReader: XMLEventHandler {
    struct Sheet {
        var name: String
        var relationship: String
        var visible: Bool
    }
    private(set) var sheets: [Sheet] = []
    private(set) var date1904 = false
    private(set) var isSpreadsheet = false

    func start(_ element: XMLName, _ attributes: XMLAttributes) {
        if element.is("workbook") {
            isSpreadsheet = true
        } else if element.is("sheet"), let name = attributes.string("name"), let id = attributes.string("id") {
            sheets.append(Sheet(name: name, relationship: id, visible: (attributes.string("state") ?? "visible") == "visible"))
        } else if element.is("workbookPr"), let flag = attributes.string("date1904") {
            date1904 = flag == "1" || flag == "true"
        }
    }
    func end(_ element: XMLName) {}
    func text(_ bytes: UnsafeRawBufferPointer) {}
}

/// Which cell styles of `styles.xml` show dates: the `numFmtId` of each `xf` of `cellXfs`, told
/// a date by Excel's built-in ids or by the format code of a custom `numFmt`.
final class StylesReader: XMLEventHandler {
    private var customFormats: [Int: String] = [:]
    private var formatOfStyle: [Int] = []
    private var inCellXfs = false

    func start(_ element: XMLName, _ attributes: XMLAttributes) {
        if element.is("numFmt"), let id = attributes.string("numFmtId").flatMap({ Int($0) }),
            let code = attributes.string("formatCode")
        {
            customFormats[id] = code
        } else if element.is("cellXfs") {
            inCellXfs = true
        } else if inCellXfs, element.is("xf") {
            formatOfStyle.append(attributes.string("numFmtId").flatMap { Int($0) } ?? 0)
        }
    }
    func end(_ element: XMLName) {
        if element.is("cellXfs") { inCellXfs = false }
    }
    func text(_ bytes: UnsafeRawBufferPointer) {}

    var dateStyles: [Bool] {
        formatOfStyle.map { id in customFormats[id].map(Self.showsDate) ?? Self.builtInDateFormats.contains(id) }
    }

    /// Excel's built-in date and time formats (ECMA-376 part 1, 18.8.30, and the East Asian ids).
    static let builtInDateFormats: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58).union(71...81)

    /// Whether a format code shows a date: a `d`, `m`, `y`, `h` or `s` outside quoted text,
    /// `[…]` sections (colours, locales, elapsed `[h]`) and escaped characters.
    static func showsDate(_ code: String) -> Bool {
        if code.caseInsensitiveCompare("General") == .orderedSame { return false }
        var quoted = false
        var bracket = false
        var escaped = false
        for c in code.lowercased() {
            if escaped {
                escaped = false
                continue
            }
            switch c {
            case "\\": escaped = !quoted
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "d", "m", "y", "h", "s":
                if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}
