/// An instant in Viet Nam's local wall-clock time (UTC+07:00, no daylight saving), in
/// milliseconds since 1970-01-01 00:00 local.
///
/// Offsets in the exports are converted on parsing, so every comparison the contract asks for
/// ("compared at full precision in local time") is an integer comparison. A bare date is local
/// midnight at its start (CONTRACT.md section 1.1).
public struct LocalDateTime: Hashable, Comparable, Sendable, CustomStringConvertible {
    public static let millisPerDay: Int64 = 86_400_000
    /// Viet Nam's offset from UTC, in milliseconds.
    public static let vietnamOffsetMillis: Int64 = 7 * 3_600_000

    public var millis: Int64

    public init(millis: Int64) {
        self.millis = millis
    }

    /// Midnight at the start of `date`.
    public init(date: LocalDate) {
        self.millis = Int64(date.daysSinceEpoch) * Self.millisPerDay
    }

    public init(date: LocalDate, hour: Int, minute: Int, second: Int, millisecond: Int = 0) {
        self.millis =
            Int64(date.daysSinceEpoch) * Self.millisPerDay
            + Int64(((hour * 60 + minute) * 60 + second) * 1000 + millisecond)
    }

    public static func < (lhs: LocalDateTime, rhs: LocalDateTime) -> Bool {
        lhs.millis < rhs.millis
    }

    /// The local calendar date.
    public var date: LocalDate {
        LocalDate(daysSinceEpoch: Int32(Self.floorDiv(millis, Self.millisPerDay)))
    }

    /// Milliseconds since local midnight.
    public var millisOfDay: Int64 {
        millis - Int64(date.daysSinceEpoch) * Self.millisPerDay
    }

    /// True when the time is exactly 00:00:00.000, how many systems export a bare date.
    public var isMidnight: Bool { millisOfDay == 0 }

    /// `YYYY-MM-DD HH:MM:SS`, with `.mmm` only when the milliseconds are not zero.
    public var description: String {
        let ms = millisOfDay
        let h = Int(ms / 3_600_000)
        let m = Int(ms / 60_000 % 60)
        let s = Int(ms / 1000 % 60)
        let frac = Int(ms % 1000)
        var text =
            date.description + " " + LocalDate.pad(h, 2) + ":" + LocalDate.pad(m, 2) + ":"
            + LocalDate.pad(s, 2)
        if frac != 0 { text += "." + LocalDate.pad(frac, 3) }
        return text
    }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}
