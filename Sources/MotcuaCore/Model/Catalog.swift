/// The procedure catalog, by code (CONTRACT.md section 1.2).
public struct Catalog: Sendable, Equatable {
    public private(set) var procedures: [Procedure] = []
    private var index: [String: Int] = [:]

    public init() {}

    /// Fails on a duplicate code, which would make every figure of that procedure ambiguous.
    public init(_ procedures: [Procedure]) throws(CatalogRowError) {
        for p in procedures { try add(p) }
    }

    public mutating func add(_ procedure: Procedure) throws(CatalogRowError) {
        if index[procedure.code] != nil {
            throw CatalogRowError("procedure_code \(procedure.code) appears twice in the catalog")
        }
        index[procedure.code] = procedures.count
        procedures.append(procedure)
    }

    public subscript(code: String) -> Procedure? {
        index[code].map { procedures[$0] }
    }

    public var count: Int { procedures.count }
}
