import Foundation
import Testing

@testable import MotcuaCore

/// The interner against a plain dictionary of trimmed NFC strings: the same key for the same
/// value, dense keys in order of first sight, across growth of its table and past its capacity.
@Suite struct TextInternerTests {
    static func key(_ interner: inout TextInterner, _ text: String) -> Int32 {
        var copy = text
        return copy.withUTF8 { interner.key(UnsafeRawBufferPointer($0)) }
    }

    @Test func equalsAPlainDictionary() {
        var g = MonthlyCountsPropertyTests.Generator(state: 7)
        // Values that share prefixes and lengths, some with spaces around, some in NFD.
        let stems = (0..<300).map { "Sở \($0 % 17) - thủ tục \($0)" }
        var interner = TextInterner()
        // Keyed by bytes: Swift's String equality would take an NFD value for its NFC twin.
        var reference: [[UInt8]: Int32] = [:]
        for _ in 0..<5_000 {
            var text = g.pick(stems)
            if g.chance(20) { text = "  " + text + " " }
            if g.chance(20) { text = text.decomposedStringWithCanonicalMapping }
            let expectedValue = text.trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping
            let key = Self.key(&interner, text)
            // A value first seen in NFD gets its own key: the interner compares bytes.
            let bytesKey = Array(text.trimmingCharacters(in: .whitespaces).utf8)
            if let known = reference[bytesKey] {
                #expect(key == known)
            } else {
                #expect(key == Int32(reference.count))
                reference[bytesKey] = key
            }
            #expect(interner.value(key) == expectedValue)
            #expect(interner.intern(Array(text.utf8)) == (key, expectedValue))
        }
    }

    /// A hint, right, wrong, unknown or past capacity, never changes the key.
    @Test func aHintNeverChangesTheKey() {
        var g = MonthlyCountsPropertyTests.Generator(state: 11)
        let values = (0..<40).map { "  Tên \($0 % 7) số \($0) " }
        var plain = TextInterner(capacity: 25)
        var hinted = TextInterner(capacity: 25)
        for _ in 0..<3_000 {
            let text = g.pick(values)
            let hint = Int32(g.int(-2...45))
            let expected = Self.key(&plain, text)
            var copy = text
            let got = copy.withUTF8 { hinted.key(UnsafeRawBufferPointer($0), hint: hint) }
            #expect(got == expected, "\(text) with hint \(hint)")
            #expect(hinted.value(got) == plain.value(expected))
        }
    }

    @Test func pastCapacityEveryValueGetsANewKeyAndKeepsItsText() {
        var interner = TextInterner(capacity: 3)
        let keys = ["a", "b", "c", "d", "d", "a"].map { Self.key(&interner, $0) }
        #expect(keys == [0, 1, 2, 3, 4, 0])
        #expect(interner.value(3) == "d" && interner.value(4) == "d")
    }
}

extension TextInterner {
    /// `intern` of an array's bytes, for the test's comparison.
    fileprivate mutating func intern(_ bytes: [UInt8]) -> (Int32, String) {
        let r = bytes.withUnsafeBytes { intern($0) }
        return (r.key, r.value)
    }
}
