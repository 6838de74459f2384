/// Old province codes to the province that holds their history now (CONTRACT.md section 3.5).
///
/// Resolution 202/2025/QH15 merged 63 provinces into 34 from 1 July 2025, with the codes of
/// Decision 19/2025/QĐ-TTg. A trend that crosses mid-2025 compares like with like only when the
/// old provinces' histories are reported under the new province, so a merge reports every month
/// of an input, before and after `effectiveOn`, under its new code. Whole provinces only: a
/// commune moved between provinces cannot be assigned from province-level figures.
public struct ProvinceCrosswalk: Sendable, Equatable {
    /// One old province and the province that holds it.
    public struct Entry: Sendable, Equatable {
        public var oldCode: String
        public var newCode: String
        public var effectiveOn: LocalDate
        public var oldName: String
        public var newName: String

        public init(
            oldCode: String, newCode: String, effectiveOn: LocalDate, oldName: String = "", newName: String = ""
        ) {
            self.oldCode = oldCode
            self.newCode = newCode
            self.effectiveOn = effectiveOn
            self.oldName = oldName
            self.newName = newName
        }
    }

    /// Why a list of entries is not a crosswalk.
    public enum Problem: Error, Sendable, Equatable, CustomStringConvertible {
        /// One old code mapped twice (to the same or to different provinces).
        case oldCodeTwice(String)
        case empty

        public var description: String {
            switch self {
            case .oldCodeTwice(let code): "province code \(code) is mapped twice"
            case .empty: "it maps no province"
            }
        }
    }

    /// Sorted by old code.
    public let entries: [Entry]
    private let newCodeOf: [String: String]

    public init(entries: [Entry]) throws(Problem) {
        guard !entries.isEmpty else { throw .empty }
        var map: [String: String] = [:]
        for e in entries {
            if map.updateValue(e.newCode, forKey: e.oldCode) != nil { throw .oldCodeTwice(e.oldCode) }
        }
        self.entries = entries.sorted { $0.oldCode < $1.oldCode }
        newCodeOf = map
    }

    /// The province now holding `code`'s history. A new code that is not also an old one maps
    /// to itself, so databases made after the reorganisation pass through; `nil` when the code
    /// is neither.
    public func province(for code: String) -> String? {
        if let new = newCodeOf[code] { return new }
        return newCodes.contains(code) ? code : nil
    }

    /// The distinct new codes, sorted.
    public var newCodes: [String] { Array(Set(entries.map(\.newCode))).sorted() }
}
