/// A file that its profile says is JSON but cannot be read as JSON dossier records. Unlike a bad
/// record (rejected as `field_count` with its line, the run goes on), this stops the run before
/// anything is published, exit 65 (CONTRACT.md sections 1.4 and 1.6).
public enum JSONError: Error, CustomStringConvertible, Sendable, Equatable {
    /// The container is broken: what was expected and found, at a line.
    case notJSON(path: String, line: Int, detail: String)
    case notUTF8(path: String, line: Int)
    case recordTooLarge(path: String, line: Int, limit: Int)

    public var path: String {
        switch self {
        case .notJSON(let p, _, _), .notUTF8(let p, _), .recordTooLarge(let p, _, _): p
        }
    }

    public var description: String {
        switch self {
        case .notJSON(let path, let line, let detail):
            return
                "\(path): line \(line): not JSON dossier records (\(detail)); profile dvcqg reads a JSON array, "
                + "an object with a \"data\" array, or JSON Lines"
        case .notUTF8(let path, let line):
            return "\(path): line \(line) is not UTF-8 text, which JSON must be; export it again as UTF-8"
        case .recordTooLarge(let path, let line, let limit):
            return
                "\(path): the JSON record starting at line \(line) is over \(limit >> 20) MiB; "
                + "a string or an object is probably never closed"
        }
    }
}
