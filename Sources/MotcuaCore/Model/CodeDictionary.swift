/// Dictionary-codes a column of short codes (procedure or agency codes) with their latest label.
public struct CodeDictionary: Sendable, Equatable {
    public private(set) var codes: [String] = []
    public private(set) var labels: [String] = []
    private var index: [String: UInt32] = [:]

    public init() {}

    public init(codes: [String], labels: [String]) {
        precondition(codes.count == labels.count)
        self.codes = codes
        self.labels = labels
        for (k, c) in codes.enumerated() { index[c] = UInt32(k) }
    }

    public var count: Int { codes.count }

    /// The indexes in code order: what a table sorted by code text walks, since indexes follow
    /// the order codes were first seen. Codes are unique here.
    public var codeOrder: [Int] { codes.indices.sorted { codes[$0] < codes[$1] } }

    /// The rank of each code (by index) in code order (`codeOrder` inverted).
    public var ranks: [UInt32] {
        var rank = [UInt32](repeating: 0, count: codes.count)
        for (r, k) in codeOrder.enumerated() { rank[k] = UInt32(r) }
        return rank
    }

    /// The index of `code`, added if new; a non-empty `label` replaces the one held.
    public mutating func code(_ code: String, label: String?) -> UInt32 {
        if let k = index[code] {
            if let label, !label.isEmpty, labels[Int(k)] != label { labels[Int(k)] = label }
            return k
        }
        let k = UInt32(codes.count)
        index[code] = k
        codes.append(code)
        labels.append(label ?? "")
        return k
    }

    public func index(of code: String) -> UInt32? { index[code] }

    /// Replaces the label of the code at `index`; an empty label changes nothing.
    public mutating func setLabel(at index: UInt32, _ label: String) {
        if !label.isEmpty { labels[Int(index)] = label }
    }
}
