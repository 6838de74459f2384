import Foundation

/// The as-of date A of CONTRACT.md section 2, as a pipeline file's `as_of` or the command line's
/// `--as-of` gives it: `today` (the local date of the run, in Viet Nam) or a date.
///
/// The one reading of the as-of date: the pipeline file, the `--as-of` option and the run all
/// parse and resolve it here (issue 12 found it worked out in three places).
public enum AsOfDate: Sendable, Equatable {
    case today
    case date(LocalDate)

    /// `today` (any case) or a date without a time of day, such as `2025-12-31`; `nil` otherwise.
    public init?(_ text: String) {
        let trimmed = text.trimmingCharacters(in: .whitespaces)
        if trimmed.lowercased() == "today" {
            self = .today
        } else if case .value(let v) = DateParser.parse(trimmed), v.isMidnight {
            self = .date(v.date)
        } else {
            return nil
        }
    }

    /// The date for a run started at `unixMillis` (milliseconds since 1970 UTC).
    public func resolved(atUnixMillis unixMillis: Int64) -> LocalDate {
        switch self {
        case .today: LocalDateTime(millis: unixMillis + LocalDateTime.vietnamOffsetMillis).date
        case .date(let date): date
        }
    }

    /// The command line's date when given, else the pipeline file's.
    public static func effective(override: AsOfDate?, file: AsOfDate) -> AsOfDate { override ?? file }
}
