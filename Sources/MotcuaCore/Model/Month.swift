/// A calendar month, the grain of `monthly_counts`, stored as `year * 12 + (month - 1)`.
public struct Month: Hashable, Comparable, Sendable, CustomStringConvertible {
    public var index: Int32

    public init(index: Int32) { self.index = index }

    public init(year: Int, month: Int) {
        self.index = Int32(year * 12 + month - 1)
    }

    public var year: Int { Int(index) / 12 }
    public var monthOfYear: Int { Int(index) % 12 + 1 }
    public var quarter: Int { (monthOfYear - 1) / 3 + 1 }

    public static func < (lhs: Month, rhs: Month) -> Bool { lhs.index < rhs.index }

    /// `YYYY-MM`, as the contract names months.
    public var description: String {
        LocalDate.pad(year, 4) + "-" + LocalDate.pad(monthOfYear, 2)
    }
}
