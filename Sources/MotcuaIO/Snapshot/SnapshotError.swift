/// A snapshot cannot be written, read or trusted.
public enum SnapshotError: Error, CustomStringConvertible, Sendable {
    case missingFile(snapshot: String, file: String)
    case damaged(snapshot: String, file: String, detail: String)
    case badManifest(snapshot: String, detail: String)
    case notFound(String)

    public var description: String {
        switch self {
        case .missingFile(let snapshot, let file):
            return "snapshot \(snapshot) is damaged: \(file) is missing. Run `motcua snapshot verify` and restore from an older snapshot (docs/operations.md)"
        case .damaged(let snapshot, let file, let detail):
            return "snapshot \(snapshot) is damaged: \(file) \(detail). Run `motcua snapshot verify` and restore from an older snapshot (docs/operations.md)"
        case .badManifest(let snapshot, let detail):
            return "snapshot \(snapshot) is damaged: manifest.json \(detail)"
        case .notFound(let id):
            return "no snapshot \(id)"
        }
    }
}
