import Foundation
import Testing

@testable import MotcuaCore

/// Run ids, lock files and manifests write moments as Foundation's formatters did: checked
/// against `ISO8601DateFormatter` and a UTC `DateFormatter` over seeded moments from 1970 to 2200.
@Suite struct UTCTimestampTests {
    @Test func equalsFoundationsFormatters() {
        let iso = ISO8601DateFormatter()
        let compact = DateFormatter()
        compact.locale = Locale(identifier: "en_US_POSIX")
        compact.timeZone = TimeZone(identifier: "UTC")
        compact.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        var x: UInt64 = 20_261_207
        var moments: [Double] = [0, 59.999, 86_399.5, 86_400, 951_782_400, 1_765_109_564.75, 7_258_118_399]
        for _ in 0..<2_000 {
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            moments.append(Double(x >> 11) / Double(1 << 53) * 7_258_118_400)
        }
        for t in moments {
            let date = Date(timeIntervalSince1970: t)
            #expect(UTCTimestamp.iso(secondsSinceEpoch: t) == iso.string(from: date), "\(t)")
            #expect(UTCTimestamp.compact(secondsSinceEpoch: t) == compact.string(from: date), "\(t)")
        }
    }
}
