import FuzzSupport
import MotcuaCore

/// libFuzzer target: arbitrary bytes through `DateParser.parse`.
///
/// Properties beyond "no crash": white space around a date changes nothing; a parsed instant
/// written back as `YYYY-MM-DD HH:MM:SS[.mmm]` parses to the same instant; the String and byte
/// entry points agree.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = pointer else { return 0 }
    let bytes = UnsafeRawBufferPointer(start: data, count: size)
    let outcome = DateParser.parse(bytes)

    var padded: [UInt8] = [0x20, 0x09]
    padded.append(contentsOf: bytes)
    padded.append(contentsOf: [0x0D, 0x20])
    let paddedOutcome = padded.withUnsafeBytes { DateParser.parse($0) }
    Fuzz.check(paddedOutcome == outcome, "surrounding white space changed \(outcome) to \(paddedOutcome)")

    if let text = String(validating: bytes, as: UTF8.self) {
        Fuzz.check(DateParser.parse(text) == outcome, "String and bytes disagree on '\(text)'")
    }

    if case .value(let v) = outcome {
        let year = v.date.year
        if year >= 1000 && year <= 9999 {
            let written = v.description
            Fuzz.check(DateParser.parse(written) == .value(v), "'\(written)' does not parse back to \(v.millis)")
        }
        let local = v.date
        Fuzz.check(LocalDateTime(date: local) <= v, "the day of \(v) starts after it")
        Fuzz.check(v.millisOfDay >= 0 && v.millisOfDay < LocalDateTime.millisPerDay, "time of day out of range")
    }
    return 0
}
