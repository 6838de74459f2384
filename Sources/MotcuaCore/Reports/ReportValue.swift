/// One cell of a report table, typed so each format writes it its own way: the terminal and
/// HTML as people read it (`1.234`, `63,5%`), CSV so a spreadsheet reads it as a number, JSON
/// as the raw figure.
public enum ReportValue: Sendable, Equatable {
    /// Text from the input (a code, a name, a field): escaped in HTML, neutralised in CSV.
    case text(String)
    /// A word of motcua's own, already in the report's language ("chưa có", "Tổng cộng").
    case label(String)
    /// A name of the summary database's vocabulary (`online_rate`, `province`), shown by its
    /// label in the report's language ("Tỷ lệ hồ sơ trực tuyến", "Toàn tỉnh"); JSON keeps the key
    /// (`nil`: JSON null, e.g. the field of procedures missing from the catalog).
    case term(key: String?, label: String)
    /// A service level (1-4), shown by its name ("Toàn trình (mức 4)"); JSON keeps the number.
    case level(Int, label: String)
    /// A count of dossiers or procedures.
    case count(Int)
    /// A year or a rank: a number written without grouping (`2025`, never `2.025`).
    case ordinal(Int)
    /// A share from 0 to 1, shown as a percentage.
    case rate(Double)
    /// A change between two shares (0.05 = 5 percentage points), shown signed in points.
    case change(Double)
    /// Points of the portal's service index (CONTRACT.md 2.3), shown with one decimal.
    case score(Double)
    /// A `YYYY-MM-DD` date.
    case date(String)
    /// A `YYYY-MM` month.
    case month(String)
    /// Whether a target was met; `nil`: no figure to judge by (no dossiers that year).
    case met(Bool?)
    /// No figure: an empty denominator (CONTRACT.md section 2: NULL, never 0) or no such row.
    case missing
    /// No value, named by a word of motcua's own where people read it ("chưa có" for the last
    /// dossier of a procedure that never had one); an empty cell in CSV and null in JSON, so a
    /// date column holds dates only (docs/reports.md).
    case noValue(label: String)

    /// Whether the value is a number, so tables align it right.
    public var isNumeric: Bool {
        switch self {
        case .count, .ordinal, .rate, .change, .score: true
        default: false
        }
    }
}
