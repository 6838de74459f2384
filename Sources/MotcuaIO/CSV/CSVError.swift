/// A file that cannot be read as a table at all. Unlike a bad record (which is rejected and the
/// run goes on), this stops the run before anything is published (CONTRACT.md section 1.4).
public enum CSVError: Error, CustomStringConvertible, Sendable, Equatable {
    case empty(path: String)
    case notText(path: String, detail: String)
    case notUTF8(path: String, line: Int, guess: String?)
    case missingColumns(path: String, columns: [MissingColumn], header: [String], profile: String)
    case duplicateColumn(path: String, header: String)
    case recordTooLarge(path: String, line: Int, limit: Int)
    case decompression(path: String, detail: String)

    public var path: String {
        switch self {
        case .empty(let p), .notText(let p, _), .notUTF8(let p, _, _), .missingColumns(let p, _, _, _),
            .duplicateColumn(let p, _), .recordTooLarge(let p, _, _), .decompression(let p, _):
            p
        }
    }

    public var description: String {
        switch self {
        case .empty(let path):
            return "\(path): the file is empty; it has no header line"
        case .notText(let path, let detail):
            return "\(path): not a text table (\(detail)); export it again as CSV"
        case .notUTF8(let path, let line, let guess):
            let named = guess.map { " It looks like \($0)." } ?? ""
            let advice =
                guess.flatMap(LegacyEncoding.init(name:))?.advice
                ?? "Export it again as UTF-8, or convert it with iconv from the encoding it was saved in"
            return "\(path): line \(line) is not UTF-8 text.\(named) \(advice)"
        case .missingColumns(let path, let columns, let header, let profile):
            // The canonical name is what profile.columns is keyed by; the headers found are
            // what a mapping can name. Together they make the fix a one-line edit.
            let wanted = columns.map { column in
                column.headerNames == [column.canonicalName]
                    ? column.canonicalName
                    : "\(column.canonicalName) (as \(column.headerNames.map { "'\($0)'" }.joined(separator: " or ")))"
            }
            let shown = header.prefix(40).map { "'\($0)'" }.joined(separator: ", ") + (header.count > 40 ? ", …" : "")
            return
                "\(path): required column(s) \(wanted.joined(separator: ", ")) not found in the header "
                + "(profile \(profile)); the header has \(header.count) column(s): \(shown). "
                + "Map them under profile.columns in the pipeline file"
        case .duplicateColumn(let path, let header):
            return "\(path): the header names column '\(header)' twice; which one to read is unclear"
        case .recordTooLarge(let path, let line, let limit):
            return
                "\(path): the record starting at line \(line) is over \(limit >> 20) MiB; "
                + "a quote is probably never closed"
        case .decompression(let path, let detail):
            return "\(path): \(detail)"
        }
    }
}

extension CSVError {
    /// A required column the header lacks: its canonical name (the key of `profile.columns`)
    /// and the header names the profile looked for.
    public struct MissingColumn: Sendable, Equatable {
        public var canonicalName: String
        public var headerNames: [String]
    }
}
