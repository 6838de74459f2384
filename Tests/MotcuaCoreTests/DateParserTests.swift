import Testing

@testable import MotcuaCore

/// CONTRACT.md section 1.1, dates: every accepted form, the invalid ones, and offsets converted
/// to Viet Nam local time (UTC+07:00).
@Suite struct DateParserTests {
    // MARK: - Anchors written as raw numbers

    @Test func absoluteAnchors() {
        // 2024-01-01 00:00 local = 19 723 days after 1970-01-01.
        #expect(DateParser.parse("2024-01-01") == .value(LocalDateTime(millis: 1_704_067_200_000)))
        // Midnight UTC on the epoch is 07:00 local.
        #expect(DateParser.parse("1970-01-01T00:00:00Z") == .value(LocalDateTime(millis: 25_200_000)))
        #expect(DateParser.parse("1970-01-01 07:00") == .value(LocalDateTime(millis: 25_200_000)))
        #expect(day(2024, 1, 1).daysSinceEpoch == 19_723)
        #expect(day(2024, 2, 29).daysSinceEpoch == 19_782)
    }

    // MARK: - Accepted forms

    static let accepted: [(String, LocalDateTime)] = [
        ("2024-03-05", at(2024, 3, 5)),
        ("2024-03-05 14:30", at(2024, 3, 5, 14, 30)),
        ("2024-03-05 14:30:15", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T14:30", at(2024, 3, 5, 14, 30)),
        ("2024-03-05T14:30:15", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T07:30:15Z", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T07:30Z", at(2024, 3, 5, 14, 30)),
        ("2024-03-05T14:30:15+07:00", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T09:30:15+02:00", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T02:30:15-05:00", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T16:30:15+0900", at(2024, 3, 5, 14, 30, 15)),
        ("2024-03-05T13:00:15+05:30", at(2024, 3, 5, 14, 30, 15)),
        ("5/3/2024", at(2024, 3, 5)),
        ("05/03/2024", at(2024, 3, 5)),
        ("05/03/2024 14:30", at(2024, 3, 5, 14, 30)),
        ("05/03/2024 14:30:15", at(2024, 3, 5, 14, 30, 15)),
        ("5/3/2024 9:05", at(2024, 3, 5, 9, 5)),
        ("31/12/2024 23:59:59", at(2024, 12, 31, 23, 59, 59)),
        ("  2024-03-05  ", at(2024, 3, 5)),
        ("\t05/03/2024 14:30\r\n", at(2024, 3, 5, 14, 30)),
        (" 2024-03-05T07:30:15Z ", at(2024, 3, 5, 14, 30, 15)),
        ("2024-02-29", at(2024, 2, 29)),
        ("29/2/2024", at(2024, 2, 29)),
        ("2000-02-29", at(2000, 2, 29)),
        ("2024-03-05 00:00:00", at(2024, 3, 5)),
        ("2024-03-05 23:59:59", at(2024, 3, 5, 23, 59, 59)),
    ]

    @Test(arguments: accepted)
    func acceptedForm(text: String, expected: LocalDateTime) {
        #expect(DateParser.parse(text) == .value(expected))
    }

    static let fractional: [(String, LocalDateTime)] = [
        ("2024-03-05T14:30:15.250", at(2024, 3, 5, 14, 30, 15, ms: 250)),
        ("2024-03-05 14:30:15.5", at(2024, 3, 5, 14, 30, 15, ms: 500)),
        ("2024-03-05T07:30:15.125Z", at(2024, 3, 5, 14, 30, 15, ms: 125)),
        ("2024-03-05T14:30:15.123456+07:00", at(2024, 3, 5, 14, 30, 15, ms: 123)),
        ("2024-03-05T14:30:15.999999", at(2024, 3, 5, 14, 30, 15, ms: 999)),
    ]

    @Test(arguments: fractional)
    func fractionalSeconds(text: String, expected: LocalDateTime) {
        #expect(DateParser.parse(text) == .value(expected))
    }

    // MARK: - Offsets that move the local date

    @Test func utcEveningCrossesMidnightAndMonthEnd() {
        // 20:00 UTC on 31 January is 03:00 on 1 February in Viet Nam.
        let outcome = DateParser.parse("2024-01-31T20:00:00Z")
        #expect(outcome == .value(at(2024, 2, 1, 3, 0, 0)))
        if case .value(let v) = outcome {
            #expect(v.date == day(2024, 2, 1))
            #expect(v.date.month == Month(year: 2024, month: 2))
        }
    }

    @Test func utcEveningCrossesYearEnd() {
        #expect(DateParser.parse("2024-12-31T18:00:00Z") == .value(at(2025, 1, 1, 1, 0, 0)))
    }

    @Test func negativeOffsetMovesToNextDay() {
        // 13:30 at UTC-05:00 is 18:30 UTC, 01:30 next day local.
        #expect(DateParser.parse("2024-03-10T13:30:00-05:00") == .value(at(2024, 3, 11, 1, 30, 0)))
        #expect(DateParser.parse("2024-01-31T20:00:00-05:00") == .value(at(2024, 2, 1, 8, 0, 0)))
    }

    @Test func easternOffsetMovesToPreviousDay() {
        // 01:00 at UTC+09:00 on 1 March is 16:00 UTC on 29 Feb, 23:00 local on 29 Feb.
        #expect(DateParser.parse("2024-03-01T01:00:00+09:00") == .value(at(2024, 2, 29, 23, 0, 0)))
        #expect(DateParser.parse("2024-03-01T01:00:00+0900") == .value(at(2024, 2, 29, 23, 0, 0)))
    }

    @Test func utcMidnightIsSevenInTheMorning() {
        #expect(DateParser.parse("2024-03-05T00:00:00Z") == .value(at(2024, 3, 5, 7, 0, 0)))
        #expect(DateParser.parse("2024-03-04T17:00:00Z") == .value(at(2024, 3, 5)))
    }

    // MARK: - Empty and invalid

    @Test(arguments: ["", " ", "   \t  "])
    func emptyIsEmpty(text: String) {
        #expect(DateParser.parse(text) == .empty)
    }

    @Test(arguments: [
        "32/1/2024",
        "2023-02-29",
        "29/2/2023",
        "1900-02-29",
        "2024-04-31",
        "31/4/2024",
        "2024-01-02 24:00",
        "2024-01-02T24:00:00",
        "2024-01-02 10:60",
        "2024-01-02 10:00:60",
        "2024-13-01",
        "1/13/2024",
        "2024-00-10",
        "0/1/2024",
        "2024/01/02",
        "hôm nay",
        "today",
        "12/2024",
        "2024",
        "2024-01",
        "2024-1-2",
        "24-01-02",
        "2024-01-02T",
        "2024-01-02 10",
        "2024-01-02T10:00:00+07:60",
        "2024-01-02T10:00:00+7",
        "2024-01-02T10:00:00 nope",
        "2024-01-02x",
        "1/2/24",
        "2024-01-02T10:00:00.",
    ])
    func invalid(text: String) {
        #expect(DateParser.parse(text) == .invalid)
    }

    // MARK: - The byte entry point

    @Test func parsesFromBytes() {
        let bytes = Array("  05/03/2024 14:30  ".utf8)
        let outcome = bytes.withUnsafeBytes { DateParser.parse($0) }
        #expect(outcome == .value(at(2024, 3, 5, 14, 30)))
    }
}

/// The fixed-width fast path against the general reader, on seeded dates of its shapes: valid
/// ones, and ones with a bad digit, a month 00 or 13, 29-31 February, hour 24, minute 60, a
/// wrong separator or a stray character.
@Suite struct DateParserFastPathTests {
    func general(_ text: String) -> DateParser.Outcome {
        var copy = text
        return copy.withUTF8 { utf8 in
            let trimmed = TextFolding.trim(UnsafeRawBufferPointer(utf8))
            if trimmed.isEmpty { return .empty }
            var cursor = DateParser.Cursor(bytes: trimmed)
            guard let value = cursor.parseDateTime(), cursor.atEnd else { return .invalid }
            return .value(value)
        }
    }

    @Test func fastPathEqualsTheGeneralReader() {
        var state: UInt64 = 7
        func pick(_ n: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int(state >> 33) % n
        }
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        var fast = 0
        for _ in 0..<20_000 {
            let year = [2024, 2023, 1999, 2100, 0][pick(5)]
            var text = "\(year < 1000 ? "0000" : "\(year)")-\(two(pick(14)))-\(two(pick(33)))"
            switch pick(4) {
            case 0: break
            case 1: text += " \(two(pick(26))):\(two(pick(61))):\(two(pick(61)))"
            case 2: text += "T\(two(pick(26))):\(two(pick(61))):\(two(pick(61)))Z"
            default: text += "T\(two(pick(24))):\(two(pick(60))):\(two(pick(60)))"
            }
            if pick(6) == 0 {
                // One character replaced: a letter, a separator or a digit.
                var chars = Array(text)
                chars[pick(chars.count)] = ["x", "-", ":", " ", "/", "9", "T", "Z"][pick(8)]
                text = String(chars)
            }
            var copy = text
            if copy.withUTF8({ DateParser.fixedWidthISO(UnsafeRawBufferPointer($0)) }) != nil { fast += 1 }
            #expect(DateParser.parse(text) == general(text), "\(text)")
        }
        // Most of them took the fast path, so the comparison is of it.
        #expect(fast > 15_000)
    }
}
