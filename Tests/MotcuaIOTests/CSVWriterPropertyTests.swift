import Foundation
import Testing
@testable import MotcuaIO

/// A small, fast, seeded random source (SplitMix64), so every property test failure names a
/// seed that reproduces it.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Property: what `CSVWriter` writes, `CSVReader` reads back the same, field for field and with
/// the line where each record starts, whatever the fields hold (delimiters, quotes, CR, LF,
/// Vietnamese in NFC or NFD, astral characters) and wherever the reader's buffer refills fall.
///
/// Outside the property, by design: a record of one empty field (the reader skips it as a blank
/// line; every file motcua writes has several columns), NUL bytes and a leading U+FEFF (the
/// reader refuses binary text and skips a BOM).
@Suite struct CSVWriterPropertyTests {
    static let pieces: [String] = [
        "a", "Z", "0", "9", " ", "  ", ",", ";", "\t", "|", "\"", "\"\"", "\r", "\n", "\r\n", "\n\r",
        "Nguyễn", "Đ", "ữ", "e\u{0302}\u{0301}", "ư\u{0323}", "🇻🇳", "𝔘", "\u{2028}", "x,y", "\"q\"", "=1+2",
        "\u{00A0}", "'", "\\",
    ]

    static func randomField(_ rng: inout SeededGenerator, maxPieces: Int = 8) -> String {
        if Int.random(in: 0..<6, using: &rng) == 0 { return "" }
        var s = ""
        for _ in 0..<Int.random(in: 1...maxPieces, using: &rng) {
            s += pieces[Int.random(in: 0..<pieces.count, using: &rng)]
        }
        return s
    }

    final class MemorySource: ByteSource {
        let bytes: [UInt8]
        var offset = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
            let n = min(buffer.count, bytes.count - offset)
            for k in 0..<n { buffer[k] = bytes[offset + k] }
            offset += n
            return n
        }
    }

    /// Seeds from 200 on write fields of up to 60 pieces, often longer than the 64 bytes the
    /// reader examines at once, so that fields, quotes and line ends fall on every side of its
    /// windows.
    @Test(arguments: 0..<300)
    func writtenRowsReadBackTheSame(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &* 7919 &+ 1)
        let maxPieces = seed < 200 ? 8 : 60
        let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")][Int.random(in: 0..<4, using: &rng)]
        let columns = Int.random(in: 2...10, using: &rng)
        let header = (0..<columns).map { "c\($0)" }
        var rows: [[String]] = []
        for _ in 0..<Int.random(in: 0...40, using: &rng) {
            rows.append((0..<columns).map { _ in Self.randomField(&rng, maxPieces: maxPieces) })
        }
        var writer = CSVWriter(delimiter: delimiter)
        writer.writeRow(header)
        for r in rows { writer.writeRow(r) }
        let bytes = writer.take()

        // The line each record starts on: the header is line 1, and a record spans one line
        // more per line feed inside its fields.
        var expectedLines: [Int] = []
        var line = 2
        for r in rows {
            expectedLines.append(line)
            line += 1 + r.reduce(0) { $0 + $1.utf8.filter { $0 == 0x0A }.count }
        }

        // The production buffer, and a tiny one so that records cross refills and growth.
        for blockSize in [1 << 20, Int.random(in: 64...300, using: &rng)] {
            let reader = try CSVReader(source: MemorySource(bytes), path: "seed-\(seed).csv", delimiter: delimiter, blockSize: blockSize)
            #expect(reader.header == header, "seed \(seed)")
            var k = 0
            while try reader.next() {
                guard k < rows.count else {
                    Issue.record("seed \(seed), block \(blockSize): more records than written")
                    break
                }
                let got = (0..<reader.fieldCount).map { Array(reader.field($0)) }
                #expect(got == rows[k].map { Array($0.utf8) }, "seed \(seed), block \(blockSize), record \(k): \(rows[k])")
                #expect(reader.recordLine == expectedLines[k], "seed \(seed), block \(blockSize), record \(k)")
                k += 1
            }
            #expect(k == rows.count, "seed \(seed), block \(blockSize): read \(k) of \(rows.count) records")
        }
    }

    /// Through the `zstd` command (Debian package zstd), when the machine has it.
    @Test(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd")), arguments: 0..<20)
    func writtenRowsReadBackThroughZstd(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 1_000_003)
        let rows = (0..<Int.random(in: 1...500, using: &rng)).map { _ in (0..<4).map { _ in Self.randomField(&rng) } }
        var writer = CSVWriter()
        writer.writeRow(["a", "b", "c", "d"])
        for r in rows { writer.writeRow(r) }
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let plain = try dir.write("p.csv", bytes: writer.take())
        let packed = dir.file("p.csv.zst")
        #expect(Process.zstd(plain, to: packed) == 0)
        let reader = try CSVReader(path: packed, delimiter: UInt8(ascii: ","))
        let back = try reader.allRecords().map(\.fields)
        #expect(back == rows, "seed \(seed)")
    }
}

extension Process {
    /// Compresses with the zstd command, a reader independent of the code under test.
    static func zstd(_ input: String, to output: String) -> Int32 {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["zstd", "-q", "-f", "-o", output, input]
        guard (try? p.run()) != nil else { return -1 }
        p.waitUntilExit()
        return p.terminationStatus
    }
}
