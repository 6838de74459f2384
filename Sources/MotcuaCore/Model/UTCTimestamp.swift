/// A moment written in UTC to the second, as run ids, lock files, run records and snapshot
/// manifests show it: `2026-12-07T12:02:44Z` (ISO 8601) or `20261207T120244Z` (compact).
///
/// Why not `ISO8601DateFormatter` or `DateFormatter`: each of a run's first and last steps made
/// one, and the first one set up ICU's calendars and time zones, about 6 ms of a run's start on
/// one core (perf, issue 16). These are civil-calendar arithmetic on whole seconds.
public enum UTCTimestamp {
    /// `yyyy-MM-ddTHH:mm:ssZ` of `secondsSinceEpoch` (rounded down to the second).
    public static func iso(secondsSinceEpoch: Double) -> String {
        let (y, m, d, h, mi, s) = parts(secondsSinceEpoch)
        return "\(y)-\(m)-\(d)T\(h):\(mi):\(s)Z"
    }

    /// `yyyyMMddTHHmmssZ` of `secondsSinceEpoch` (rounded down to the second).
    public static func compact(secondsSinceEpoch: Double) -> String {
        let (y, m, d, h, mi, s) = parts(secondsSinceEpoch)
        return "\(y)\(m)\(d)T\(h)\(mi)\(s)Z"
    }

    /// The year (four digits from 0 to 9999), month, day, hour, minute and second, padded.
    private static func parts(_ seconds: Double) -> (String, String, String, String, String, String) {
        let whole = Int(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let second = whole - days * 86_400
        let (y, m, d) = LocalDate.civil(fromDays: days)
        let pad = LocalDate.pad
        return (
            y >= 0 ? pad(y, 4) : String(y), pad(m, 2), pad(d, 2), pad(second / 3600, 2), pad(second / 60 % 60, 2),
            pad(second % 60, 2)
        )
    }
}
