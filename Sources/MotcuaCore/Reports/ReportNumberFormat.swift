/// How a report writes numbers and dates: Vietnamese `1.234` and `63,5%`, English `1,234` and
/// `63.5%` (the CLDR conventions of `vi` and `en`), dates `30/06/2025` or `2025-06-30`.
///
/// Written by hand rather than with `NumberFormatter`: the output must be the same bytes on every
/// machine, whatever locale data the system has, because tests and report writers compare it.
public struct ReportNumberFormat: Sendable {
    public var language: ReportLanguage

    public init(language: ReportLanguage) {
        self.language = language
    }

    /// `,` in Vietnamese, `.` in English.
    public var decimalMark: String { language.pick(vi: ",", en: ".") }
    /// `.` in Vietnamese, `,` in English.
    public var groupMark: String { language.pick(vi: ".", en: ",") }

    // MARK: - Numbers

    /// A count with thousands grouped: `1.234.567` (vi), `1,234,567` (en).
    ///
    /// - Parameters:
    ///   - value: the count.
    ///   - grouped: `false` for CSV, where a spreadsheet in another locale would read `1.234` as
    ///     one point two three four.
    /// - Returns: the digits, grouped in threes unless `grouped` is `false`.
    public func count(_ value: Int, grouped: Bool = true) -> String {
        let digits = String(value.magnitude)
        let sign = value < 0 ? "-" : ""
        guard grouped, digits.count > 3 else { return sign + digits }
        var out = ""
        for (k, digit) in digits.enumerated() {
            if k > 0 && (digits.count - k) % 3 == 0 { out += groupMark }
            out.append(digit)
        }
        return sign + out
    }

    /// A share as a percentage with one decimal: 0.635 -> `63,5%` (vi), `63.5%` (en).
    /// Rounded half away from zero, on tenths of a percent.
    public func percent(_ share: Double) -> String {
        decimal(share * 100, decimals: 1) + "%"
    }

    /// A change between two shares in percentage points, signed: 0.052 -> `+5,2`, -0.1 -> `-10,0`.
    ///
    /// - Parameters:
    ///   - difference: this year's share minus last year's.
    ///   - signed: `false` drops the `+` of a rise (for CSV, where a leading `+` is one of the
    ///     characters that start a formula).
    /// - Returns: the change in points with one decimal.
    public func points(_ difference: Double, signed: Bool = true) -> String {
        let text = decimal(difference * 100, decimals: 1)
        if signed && !text.hasPrefix("-") && text != decimal(0, decimals: 1) { return "+" + text }
        return text
    }

    /// A number with a fixed count of decimals and this language's decimal mark, no grouping.
    public func decimal(_ value: Double, decimals: Int) -> String {
        guard value.isFinite else { return "" }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        // 1e-9 keeps 0.635 (stored as 0.63499999...) at 63.5, the figure a person computes.
        let scaled = (value.magnitude * scale + 1e-9).rounded(.toNearestOrAwayFromZero)
        let units = Int(scaled)
        let whole = units / Int(scale)
        let fraction = units % Int(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard decimals > 0 else { return sign + String(whole) }
        var fractionText = String(fraction)
        while fractionText.count < decimals { fractionText = "0" + fractionText }
        return sign + String(whole) + decimalMark + fractionText
    }

    // MARK: - Dates

    /// A `YYYY-MM-DD` date as people write it: `30/06/2025` (vi), `2025-06-30` (en). Text that is
    /// not such a date is returned as it is.
    public func date(_ iso: String) -> String {
        guard language == .vi else { return iso }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            parts.allSatisfy({ $0.allSatisfy(\.isASCII) && $0.allSatisfy(\.isNumber) })
        else { return iso }
        return "\(parts[2])/\(parts[1])/\(parts[0])"
    }

    /// A `YYYY-MM` month: `03/2025` (vi), `2025-03` (en).
    public func month(_ iso: String) -> String {
        guard language == .vi else { return iso }
        let parts = iso.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2 else { return iso }
        return "\(parts[1])/\(parts[0])"
    }
}
