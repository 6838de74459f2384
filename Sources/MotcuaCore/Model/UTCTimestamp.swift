/// A moment written in UTC to the second, as run ids, lock files, run records and snapshot
/// manifests show it: `2026-12-07T12:02:44Z` (ISO 8601) or `20261207T120244Z` (compact).
///
/// Why not `ISO8601DateFormatter` or `DateFormatter`: each of a run's first and last steps made
/// one, and the first one set up ICU's calendars and time zones, about 6 ms of a run's start on
/// one core (perf, issue 16). These are civil-calendar arithmetic on whole seconds.
public enum UTCTimestamp {
    /// `yyyy-MM-ddTHH:mm:ssZ` of `secondsSinceEpoch` (rounded down to the second).
    public static func iso(secondsSinceEpoch: Double) -> String {
        let (date, time) = parts(secondsSinceEpoch)
        return "\(date.y)-\(two(date.m))-\(two(date.d))T\(two(time.h)):\(two(time.mi)):\(two(time.s))Z"
    }

    /// `yyyyMMddTHHmmssZ` of `secondsSinceEpoch` (rounded down to the second).
    public static func compact(secondsSinceEpoch: Double) -> String {
        let (date, time) = parts(secondsSinceEpoch)
        return "\(date.y)\(two(date.m))\(two(date.d))T\(two(time.h))\(two(time.mi))\(two(time.s))Z"
    }

    private static func parts(_ seconds: Double) -> (date: (y: String, m: Int, d: Int), time: (h: Int, mi: Int, s: Int)) {
        let whole = Int(seconds.rounded(.down))
        let days = whole >= 0 ? whole / 86_400 : (whole - 86_399) / 86_400
        let second = whole - days * 86_400
        let (y, m, d) = LocalDate.civil(fromDays: days)
        let year = y >= 0 && y < 10_000 ? String(repeating: "0", count: 4 - String(y).count) + String(y) : String(y)
        return ((year, m, d), (second / 3600, second / 60 % 60, second % 60))
    }

    private static func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
}
