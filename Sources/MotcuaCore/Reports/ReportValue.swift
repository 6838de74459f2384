/// One cell of a report table, typed so each format writes it its own way: the terminal and
/// HTML as people read it (`1.234`, `63,5%`), CSV so a spreadsheet reads it as a number, JSON
/// as the raw figure.
public enum ReportValue: Sendable, Equatable {
    /// Text from the input (a code, a name, a field): escaped in HTML, neutralised in CSV.
    case text(String)
    /// A word of motcua's own, already in the report's language ("chưa có", "Toàn tỉnh").
    case label(String)
    /// A count of dossiers or procedures.
    case count(Int)
    /// A share from 0 to 1, shown as a percentage.
    case rate(Double)
    /// A change between two shares (0.05 = 5 percentage points), shown signed in points.
    case change(Double)
    /// A `YYYY-MM-DD` date.
    case date(String)
    /// A `YYYY-MM` month.
    case month(String)
    /// Whether a target was met.
    case met(Bool)
    /// No figure: an empty denominator (CONTRACT.md section 2: NULL, never 0) or no such row.
    case missing

    /// Whether the value is a number, so tables align it right.
    public var isNumeric: Bool {
        switch self {
        case .count, .rate, .change: true
        default: false
        }
    }
}
