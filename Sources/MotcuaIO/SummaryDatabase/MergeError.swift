/// An input of `motcua merge` that cannot be merged; the merge publishes nothing (exit 65).
public enum MergeError: Error, CustomStringConvertible, Sendable, Equatable {
    /// Missing, not SQLite, or without the tables of a summary database.
    case unreadableInput(path: String, reason: String)
    /// Written by another schema version: its tables may not mean what this version's do.
    case schemaVersion(path: String, found: String, expected: Int)
    /// A merged database given as an input (its keys already hold province codes).
    case mergedInput(path: String)

    public var description: String {
        switch self {
        case .unreadableInput(let path, let reason):
            return "\(path): not a summary database motcua can merge (\(reason))"
        case .schemaVersion(let path, let found, let expected):
            let advice =
                (Int(found) ?? 0) < expected
                ? "run that province's pipeline again with this motcua, then merge"
                : "merge with the newer motcua that wrote it"
            return
                "\(path): summary database schema version \(found), this motcua merges version \(expected); \(advice)"
        case .mergedInput(let path):
            return "\(path): is a merged (national) database; list the provinces' own databases instead"
        }
    }
}
