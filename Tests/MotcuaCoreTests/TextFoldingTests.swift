import Foundation
import Testing

@testable import MotcuaCore

/// CONTRACT.md section 1.1: text arrives in NFC or NFD, with or without diacritics, any case; it is
/// stored as NFC and compared folded.
@Suite struct TextFoldingTests {
    /// "trực tuyến" written with precomposed scalars (NFC): ự U+1EF1, ế U+1EBF.
    static let trucTuyenNFC = "tr\u{1EF1}c tuy\u{1EBF}n"
    /// The same words decomposed (NFD): u + horn U+031B + dot below U+0323; e + circumflex U+0302
    /// + acute U+0301.
    static let trucTuyenNFD = "tru\u{031B}\u{0323}c tuye\u{0302}\u{0301}n"

    @Test func fixturesReallyDifferInScalars() {
        // String == compares canonically, so check the scalars to be sure the inputs are distinct.
        #expect(utf8(Self.trucTuyenNFC) != utf8(Self.trucTuyenNFD))
        #expect(Self.trucTuyenNFC.unicodeScalars.count == 10)
        #expect(Self.trucTuyenNFD.unicodeScalars.count == 14)
    }

    @Test(arguments: [
        trucTuyenNFC,
        trucTuyenNFD,
        "TR\u{1EF0}C TUY\u{1EBE}N",  // upper case NFC (Ự U+1EF0, Ế U+1EBE)
        "TRU\u{031B}\u{0323}C TUYE\u{0302}\u{0301}N",  // upper case NFD
        "Trực Tuyến",
        "truc tuyen",
        "TRUC TUYEN",
        "  truc   tuyen \t",
        "truc\ttuyen",
    ])
    func foldsToOneForm(text: String) {
        #expect(TextFolding.folded(text) == "truc tuyen")
    }

    @Test func dStrokeFoldsToD() {
        #expect(TextFolding.folded("đ") == "d")
        #expect(TextFolding.folded("Đ") == "d")
        #expect(TextFolding.folded("\u{0111}ang x\u{1EED} l\u{00FD}") == "dang xu ly")
        #expect(TextFolding.folded("ĐANG GIẢI QUYẾT") == "dang giai quyet")
        #expect(TextFolding.folded("bưu điện") == "buu dien")
    }

    @Test func foldingKeepsUnderscoresAndDigits() {
        #expect(TextFolding.folded("In_Person") == "in_person")
        #expect(TextFolding.folded("Mức độ 3") == "muc do 3")
        #expect(TextFolding.folded("") == "")
        #expect(TextFolding.folded("   ") == "")
    }

    @Test func normalizedIsTrimmedNFC() {
        let fromNFD = TextFolding.normalized("  " + Self.trucTuyenNFD + "\n")
        #expect(utf8(fromNFD) == utf8(Self.trucTuyenNFC))
        #expect(TextFolding.normalized(" abc \t") == "abc")
    }

    @Test func normalizedFromBytesIsTrimmedNFC() {
        let bytes = Array((" " + Self.trucTuyenNFD + " \r\n").utf8)
        let text = bytes.withUnsafeBytes { TextFolding.normalized(utf8: $0) }
        #expect(utf8(text) == utf8(Self.trucTuyenNFC))
        let ascii = Array("\t000.00.17.H12 ".utf8).withUnsafeBytes { TextFolding.normalized(utf8: $0) }
        #expect(ascii == "000.00.17.H12")
    }

    @Test func trimRemovesAsciiSpaceOnly() {
        let bytes = Array(" \t\r\nab c\n ".utf8)
        let trimmed = bytes.withUnsafeBytes { Array(TextFolding.trim($0)) }
        #expect(trimmed == Array("ab c".utf8))
        let blank = Array("  \t ".utf8).withUnsafeBytes { TextFolding.trim($0).count }
        #expect(blank == 0)
    }

    /// The inlined fast path (no space at either end) against a plain reference, on seeded
    /// values made of letters, ASCII spaces, no-break spaces and their lone bytes.
    @Test func trimEqualsAPlainReference() {
        func reference(_ bytes: [UInt8]) -> [UInt8] {
            var b = bytes[...]
            func space(_ x: UInt8) -> Bool { x == 0x20 || (0x09...0x0D).contains(x) }
            while true {
                if let f = b.first, space(f) { b = b.dropFirst() } else if b.starts(with: [0xC2, 0xA0]) { b = b.dropFirst(2) } else { break }
            }
            while true {
                if let l = b.last, space(l) { b = b.dropLast() } else if b.count >= 2 && Array(b.suffix(2)) == [0xC2, 0xA0] { b = b.dropLast(2) } else { break }
            }
            return Array(b)
        }
        let alphabet: [[UInt8]] = [[0x61], [0x20], [0x09], [0x0D], [0x0B], [0xC2, 0xA0], [0xC2], [0xA0], [0x21], [0xC3, 0xA9]]
        var state: UInt64 = 42
        for _ in 0..<4000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            var bytes: [UInt8] = []
            for k in 0..<Int(state >> 60) { bytes += alphabet[Int((state >> UInt64(4 * k)) & 0xF) % alphabet.count] }
            let trimmed = bytes.withUnsafeBytes { Array(TextFolding.trim($0)) }
            #expect(trimmed == reference(bytes), "\(bytes)")
        }
    }
}
