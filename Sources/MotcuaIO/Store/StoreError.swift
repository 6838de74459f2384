/// The store cannot be used; the run stops rather than recompute from a damaged state.
public enum StoreError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String)
    case corrupt(path: String, detail: String)
    /// Written by another version of motcua in a form this one cannot read: not damage; the run
    /// rebuilds the store from the latest snapshot, or from every export.
    case otherVersion(path: String, detail: String)

    public var description: String {
        switch self {
        case .unreadable(let path):
            "cannot read the store \(path); check its permissions"
        case .corrupt(let path, let detail):
            "the store \(path) is damaged: \(detail). Restore it from the latest snapshot "
                + "(docs/operations.md) or move it away to rebuild from all exports"
        case .otherVersion(let path, let detail):
            "the store \(path) cannot be read by this motcua: \(detail)"
        }
    }
}
