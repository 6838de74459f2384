import Testing

@testable import MotcuaIO
@testable import MotcuaSampleGenerator

/// The vector UTF-8 check (every export byte passes it) against the scalar one and against the
/// standard library's own decoder, on Vietnamese text with random damage.
@Suite struct UTF8ValidationTests {
    static let pieces: [[UInt8]] = [
        Array("Nguyễn Văn Hùng, ".utf8), Array("Đăng ký khai sinh; ".utf8), Array("000.00.17.H12-210601-0001,".utf8),
        Array("2025-06-01 08:30:00,".utf8), Array("\"Sở Tư pháp\"\r\n".utf8), Array("𝔘𝔫𝔦 ".utf8), Array("abcdefghijklmnopqrstuvwxyz".utf8),
    ]

    @Test(arguments: 0..<400)
    func vectorCheckAgreesWithTheScalarCheckAndTheStandardLibrary(seed: Int) {
        var g = SeededRandom(seed: UInt64(seed))
        var bytes: [UInt8] = []
        while bytes.count < Int(g.next() % 300) { bytes += Self.pieces[Int(g.next() % UInt64(Self.pieces.count))] }
        // Damage: random bytes, lone lead or continuation bytes, overlong and surrogate forms.
        let damage: [[UInt8]] = [[0xC0, 0x80], [0xED, 0xA0, 0x80], [0xE0, 0x80, 0x80], [0xF4, 0x90, 0x80, 0x80], [0xC3], [0x80], [0xFF]]
        for _ in 0..<Int(g.next() % 3) where !bytes.isEmpty {
            let at = Int(g.next() % UInt64(bytes.count))
            if g.next() % 2 == 0 {
                bytes[at] = UInt8(truncatingIfNeeded: g.next())
            } else {
                bytes.insert(contentsOf: damage[Int(g.next() % UInt64(damage.count))], at: at)
            }
        }
        for cut in [bytes.count, max(0, bytes.count - 1), max(0, bytes.count - 2)] {
            let sample = Array(bytes[..<cut])
            for complete in [true, false] {
                let fast = sample.withUnsafeBytes { TextEncodingSniffer.firstInvalidUTF8Offset($0, complete: complete) }
                let slow = sample.withUnsafeBytes { TextEncodingSniffer.firstInvalidUTF8OffsetScalar($0, complete: complete) }
                #expect(fast == slow, "seed \(seed) cut \(cut) complete \(complete) \(sample.prefix(40).map { String($0, radix: 16) })")
                if complete {
                    #expect((fast == nil) == (String(validating: sample, as: UTF8.self) != nil))
                    if let fast { #expect(String(validating: sample[..<fast], as: UTF8.self) != nil) }
                }
            }
        }
    }
}
