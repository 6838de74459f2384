import Foundation
public import MotcuaCore

/// Reads a province crosswalk (CONTRACT.md section 3.5): the built-in table of the 2025
/// reorganisation (`Pipelines/crosswalk/provinces-2025.csv`, compiled into the binary) or a
/// user's own CSV with the same columns. Any wrong row stops the merge with the file and line:
/// a guessed crosswalk would report a province's history under another province.
public enum ProvinceCrosswalkFile {
    /// The columns, in the built-in file's order; the names are optional.
    enum Column: Int, CaseIterable {
        case oldCode, newCode, effectiveOn, oldName, newName

        var name: String {
            switch self {
            case .oldCode: "old_code"
            case .newCode: "new_code"
            case .effectiveOn: "effective_on"
            case .oldName: "old_name"
            case .newName: "new_name"
            }
        }

        var isRequired: Bool {
            switch self {
            case .oldCode, .newCode, .effectiveOn: true
            case .oldName, .newName: false
            }
        }
    }

    /// The names `crosswalk:` accepts for a built-in table.
    public static let builtInNames = ["2025"]

    /// The built-in crosswalk of Resolution 202/2025/QH15, or `nil` for another name.
    public static func builtIn(named name: String) throws -> ProvinceCrosswalk? {
        guard name == "2025" else { return nil }
        let bytes = Array(BuiltInCrosswalk.provinces2025.utf8)
        return try bytes.withUnsafeBytes { region in
            let reader = CSVReader(
                region: region, path: "provinces-2025.csv (built in)", delimiter: UInt8(ascii: ","), firstLine: 1,
                regionIsFileEnd: true)
            guard try reader.next() else { throw CrosswalkFileError(path: reader.path, line: 1, message: "no header") }
            let header = (0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) }
            return try crosswalk(reader, header: header)
        }
    }

    /// A user's crosswalk file (plain, `.gz` or `.zst`, any delimiter, as every CSV motcua reads).
    public static func read(path: String) throws -> ProvinceCrosswalk {
        let reader = try CSVReader(path: path)
        return try crosswalk(reader, header: reader.header)
    }

    private static func crosswalk(_ reader: CSVReader, header: [String]) throws -> ProvinceCrosswalk {
        let binding = try HeaderBinding.bind(
            header: header, candidates: { (c: Column) in [c.name] }, canonicalName: \.name, path: reader.path, profileName: "crosswalk",
            isRequired: { $0.isRequired })
        var entries: [ProvinceCrosswalk.Entry] = []
        while try reader.next() {
            let line = reader.recordLine
            func text(_ c: Column) -> String {
                binding[c.rawValue].map { String(decoding: reader.field($0), as: UTF8.self) }?
                    .trimmingCharacters(in: .whitespaces) ?? ""
            }
            let old = text(.oldCode)
            let new = text(.newCode)
            guard !old.isEmpty, !new.isEmpty else {
                throw CrosswalkFileError(path: reader.path, line: line, message: "old_code and new_code are required")
            }
            guard case .value(let when) = DateParser.parse(text(.effectiveOn)), when.isMidnight else {
                throw CrosswalkFileError(
                    path: reader.path, line: line,
                    message: "effective_on '\(text(.effectiveOn))' is not a date such as 2025-07-01")
            }
            entries.append(
                .init(
                    oldCode: old, newCode: new, effectiveOn: when.date, oldName: text(.oldName), newName: text(.newName)
                ))
        }
        do {
            return try ProvinceCrosswalk(entries: entries)
        } catch {
            throw CrosswalkFileError(path: reader.path, line: nil, message: error.description)
        }
    }
}

/// A crosswalk that cannot be used, with its file and line.
public struct CrosswalkFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int?
    public var message: String

    public var description: String {
        "\(line.map { "\(path):\($0)" } ?? path): \(message); correct the crosswalk and merge again"
    }
}
