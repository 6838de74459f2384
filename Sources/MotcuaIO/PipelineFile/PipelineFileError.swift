/// A pipeline file that cannot be used; the run stops with exit code 2 before reading any data.
public struct PipelineFileError: Error, CustomStringConvertible, Sendable, Equatable {
    public var path: String
    /// The key, dotted (`outputs.database`, `inputs.exports[2].profile`); empty for the whole file.
    public var key: String
    public var line: Int?
    public var message: String

    public init(path: String, key: String, line: Int? = nil, message: String) {
        self.path = path
        self.key = key
        self.line = line
        self.message = message
    }

    public var description: String {
        let place = line.map { "\(path):\($0)" } ?? path
        return key.isEmpty ? "\(place): \(message)" : "\(place): \(key): \(message)"
    }
}
