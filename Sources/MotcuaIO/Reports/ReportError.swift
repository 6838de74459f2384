/// Why a report could not be read from the summary database; the command exits 65 (a data
/// problem: CONTRACT.md section 3.3). Failures to write a report are `FileAccessError`s (73).
public struct ReportError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable, Equatable {
        /// No file at the path.
        case missingDatabase
        /// A file that is not a summary database, or one SQLite cannot read.
        case unreadableDatabase
        /// Form 06 was not computed for the period asked (it ends after the as-of date, or
        /// before the first dossier); `detail` lists the latest periods it was computed for.
        case periodNotComputed
    }

    public var kind: Kind
    public var path: String
    /// What went wrong, e.g. SQLite's message.
    public var detail: String

    public init(kind: Kind, path: String, detail: String) {
        self.kind = kind
        self.path = path
        self.detail = detail
    }

    public var description: String {
        switch kind {
        case .missingDatabase:
            "summary database \(path): \(detail); run `motcua run PIPELINE` first, or give the right --database"
        case .unreadableDatabase:
            "summary database \(path): cannot be read as a motcua summary database: \(detail)"
        case .periodNotComputed:
            "summary database \(path): \(detail)"
        }
    }
}
