/// Reads the date forms of CONTRACT.md section 1.1 from bytes.
///
/// Accepted: `YYYY-MM-DD`, `YYYY-MM-DD HH:MM[:SS[.fff]]`, `YYYY-MM-DDTHH:MM[:SS[.fff]]`, the two
/// timed ISO forms with an optional `Z` or `±HH:MM` (also `±HHMM`, `±HH`), `D/M/YYYY` and
/// `D/M/YYYY HH:MM[:SS]`, and `YYYYMMDDHHMMSS` (14 digits, as the national dossier sync service
/// writes them, CONTRACT.md section 1.6). Times without an offset are Viet Nam local time; times with one are
/// converted to it, which can move the date (`2024-01-31T20:00:00Z` is 1 February local).
///
/// Works on bytes with no allocation: a million dates a second is the budget of the ingest stage
/// (STYLE.md habit 11).
public enum DateParser {
    public enum Outcome: Equatable, Sendable {
        case empty
        case value(LocalDateTime)
        case invalid
    }

    /// The accepted forms, for messages.
    public static let acceptedForms =
        "YYYY-MM-DD, YYYY-MM-DD HH:MM[:SS], YYYY-MM-DDTHH:MM[:SS][Z|±HH:MM], D/M/YYYY [HH:MM[:SS]], YYYYMMDDHHMMSS"

    /// Parses trimmed or untrimmed bytes.
    /// - Complexity: O(n) in the length of the field.
    public static func parse(_ raw: UnsafeRawBufferPointer) -> Outcome {
        let b = TextFolding.trim(raw)
        if b.isEmpty { return .empty }
        if let fixed = fixedWidthISO(b) { return fixed }
        var cursor = Cursor(bytes: b)
        guard let value = cursor.parseDateTime(), cursor.atEnd else { return .invalid }
        return .value(value)
    }

    /// The forms nearly every export uses, `YYYY-MM-DD HH:MM:SS` (or with `T`, or ending in
    /// `Z`) and `YYYY-MM-DD`, read at fixed offsets with no cursor: four dates a row made the
    /// general reader 10% of ingest (issue 16). `nil` for any other shape, which the general
    /// reader then takes; the same value or `.invalid` as it otherwise (DateParserTests).
    @inline(__always)
    static func fixedWidthISO(_ b: UnsafeRawBufferPointer) -> Outcome? {
        let n = b.count
        guard n == 10 || n == 19 || (n == 20 && b[19] == UInt8(ascii: "Z")), b[4] == UInt8(ascii: "-"),
            b[7] == UInt8(ascii: "-")
        else { return nil }
        @inline(__always) func two(_ k: Int) -> Int? {
            let hi = b[k] &- 0x30
            let lo = b[k + 1] &- 0x30
            return hi < 10 && lo < 10 ? Int(hi) * 10 + Int(lo) : nil
        }
        guard let c = two(0), let y = two(2), let m = two(5), let d = two(8) else { return nil }
        guard let date = LocalDate(year: c * 100 + y, month: m, day: d) else { return .invalid }
        if n == 10 { return .value(LocalDateTime(date: date)) }
        guard b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
            b[16] == UInt8(ascii: ":"), let h = two(11), let mi = two(14), let ss = two(17)
        else { return nil }
        guard h < 24, mi < 60, ss < 60 else { return .invalid }
        let local = LocalDateTime(date: date, hour: h, minute: mi, second: ss, millisecond: 0)
        return .value(n == 20 ? LocalDateTime(millis: local.millis + LocalDateTime.vietnamOffsetMillis) : local)
    }

    public static func parse(_ text: String) -> Outcome {
        var copy = text
        return copy.withUTF8 { parse(UnsafeRawBufferPointer($0)) }
    }

    struct Cursor {
        let bytes: UnsafeRawBufferPointer
        var i = 0

        var atEnd: Bool { i == bytes.count }

        func peek() -> UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func eat(_ c: UInt8) -> Bool {
            if peek() == c {
                i += 1
                return true
            }
            return false
        }

        /// Reads between `min` and `max` ASCII digits.
        mutating func digits(min: Int, max: Int) -> Int? {
            var value = 0
            var n = 0
            while n < max, let c = peek(), c >= 0x30, c <= 0x39 {
                value = value * 10 + Int(c - 0x30)
                i += 1
                n += 1
            }
            return n >= min ? value : nil
        }

        mutating func parseDateTime() -> LocalDateTime? {
            // Decide the family by the separator after the first run of digits.
            var probe = i
            while probe < bytes.count, bytes[probe] >= 0x30, bytes[probe] <= 0x39 { probe += 1 }
            if probe - i == 14, probe == bytes.count { return parseCompact() }
            guard probe < bytes.count || probe - i == 4 else { return nil }
            if probe - i == 4, probe < bytes.count, bytes[probe] == UInt8(ascii: "-") {
                return parseISO()
            }
            if probe - i <= 2, probe < bytes.count, bytes[probe] == UInt8(ascii: "/") {
                return parseDayFirst()
            }
            return nil
        }

        mutating func parseISO() -> LocalDateTime? {
            guard let y = digits(min: 4, max: 4), eat(UInt8(ascii: "-")),
                let m = digits(min: 2, max: 2), eat(UInt8(ascii: "-")),
                let d = digits(min: 2, max: 2), let date = LocalDate(year: y, month: m, day: d)
            else { return nil }
            if atEnd { return LocalDateTime(date: date) }
            guard eat(UInt8(ascii: "T")) || eat(UInt8(ascii: " ")) else { return nil }
            while eat(UInt8(ascii: " ")) {}
            guard let local = parseTime(on: date, hourDigits: 2) else { return nil }
            if atEnd { return local }
            // An offset: the time was written in that zone; convert it to UTC+07:00.
            while eat(UInt8(ascii: " ")) {}
            if eat(UInt8(ascii: "Z")) || eat(UInt8(ascii: "z")) {
                return LocalDateTime(millis: local.millis + LocalDateTime.vietnamOffsetMillis)
            }
            let sign: Int64
            if eat(UInt8(ascii: "+")) {
                sign = 1
            } else if eat(UInt8(ascii: "-")) {
                sign = -1
            } else {
                return nil
            }
            guard let oh = digits(min: 2, max: 2), oh <= 14 else { return nil }
            var om = 0
            if eat(UInt8(ascii: ":")) {
                guard let mm = digits(min: 2, max: 2) else { return nil }
                om = mm
            } else if let mm = digits(min: 2, max: 2) {
                om = mm
            }
            guard om < 60 else { return nil }
            let offset = sign * Int64(oh * 60 + om) * 60_000
            return LocalDateTime(millis: local.millis - offset + LocalDateTime.vietnamOffsetMillis)
        }

        /// `YYYYMMDDHHMMSS`, local time.
        mutating func parseCompact() -> LocalDateTime? {
            guard let y = digits(min: 4, max: 4), let m = digits(min: 2, max: 2), let d = digits(min: 2, max: 2),
                let date = LocalDate(year: y, month: m, day: d), let h = digits(min: 2, max: 2), h < 24,
                let mi = digits(min: 2, max: 2), mi < 60, let ss = digits(min: 2, max: 2), ss < 60
            else { return nil }
            return LocalDateTime(date: date, hour: h, minute: mi, second: ss, millisecond: 0)
        }

        mutating func parseDayFirst() -> LocalDateTime? {
            guard let d = digits(min: 1, max: 2), eat(UInt8(ascii: "/")),
                let m = digits(min: 1, max: 2), eat(UInt8(ascii: "/")),
                let y = digits(min: 4, max: 4), let date = LocalDate(year: y, month: m, day: d)
            else { return nil }
            if atEnd { return LocalDateTime(date: date) }
            guard eat(UInt8(ascii: " ")) else { return nil }
            while eat(UInt8(ascii: " ")) {}
            return parseTime(on: date, hourDigits: 1)
        }

        /// `HH:MM[:SS[.fff]]`; fractions beyond milliseconds are truncated.
        mutating func parseTime(on date: LocalDate, hourDigits: Int) -> LocalDateTime? {
            guard let h = digits(min: hourDigits, max: 2), h < 24, eat(UInt8(ascii: ":")),
                let mi = digits(min: 2, max: 2), mi < 60
            else { return nil }
            var s = 0
            var ms = 0
            if eat(UInt8(ascii: ":")) {
                guard let ss = digits(min: 2, max: 2), ss < 60 else { return nil }
                s = ss
                if eat(UInt8(ascii: ".")) || eat(UInt8(ascii: ",")) {
                    var scale = 100
                    var n = 0
                    while let c = peek(), c >= 0x30, c <= 0x39 {
                        if scale > 0 {
                            ms += Int(c - 0x30) * scale
                            scale /= 10
                        }
                        i += 1
                        n += 1
                    }
                    guard n > 0 else { return nil }
                }
            }
            return LocalDateTime(date: date, hour: h, minute: mi, second: s, millisecond: ms)
        }
    }
}
