/// A receiving agency (cơ quan tiếp nhận), known by its code; its name is the latest label seen.
public struct Agency: Hashable, Sendable {
    public var code: String
    public var name: String

    public init(code: String, name: String = "") {
        self.code = code
        self.name = name
    }
}
