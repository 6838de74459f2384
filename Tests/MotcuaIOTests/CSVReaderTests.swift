import Foundation
import Testing
@testable import MotcuaIO

@Suite struct CSVReaderTests {
    @Test func readsQuotedDelimitersQuotesAndLineBreaks() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("q.csv", "a,b,c\n1,\"x, y\",\"he said \"\"hi\"\"\"\n2,\"line one\nline two\",z\n3,,\n")
        let reader = try CSVReader(path: path)
        #expect(reader.header == ["a", "b", "c"])
        let records = try reader.allRecords()
        #expect(records.count == 3)
        #expect(records[0].fields == ["1", "x, y", "he said \"hi\""])
        #expect(records[0].line == 2)
        #expect(records[1].fields == ["2", "line one\nline two", "z"])
        #expect(records[1].line == 3)
        // The quoted line break moved the next record to line 5.
        #expect(records[2].line == 5)
        #expect(records[2].fields == ["3", "", ""])
    }

    /// Quoted fields, read in place when quoted whole with no quote inside, unescaped otherwise.
    @Test func quotedFieldsWholeEmptyDoubledAndFollowedByText() throws {
        let text = "a,b\n\"x, y\",\"\"\n\"he said \"\"hi\"\"\",\"ab\"c\n\"\"\"\",\"a\"\"\"\n"
        let source = CSVWriterPropertyTests.MemorySource(Array(text.utf8))
        let records = try CSVReader(source: source, path: "q.csv", delimiter: UInt8(ascii: ","), blockSize: 1 << 20)
            .allRecords()
        #expect(records.map(\.fields) == [["x, y", ""], ["he said \"hi\"", "abc"], ["\"", "a\""]])
    }

    /// A quote inside an unquoted field is text, and a delimiter inside a quoted one, wherever
    /// they fall against the 64 bytes the reader examines at once (and the eight-byte steps of
    /// the last bytes): every padding from 1 to 150 bytes, LF and CRLF.
    @Test func quotesInsidePlainFieldsAndDelimitersInsideQuotedOnesAtEveryOffset() throws {
        for lineEnd in ["\n", "\r\n"] {
            var text = "a,b,c" + lineEnd
            var expected: [[String]] = []
            for pad in 1...150 {  // from 1: a field that starts with a quote is a quoted one
                let filler = String(repeating: "x", count: pad)
                let plain = filler + "\"q" + filler
                let quoted = filler + ", " + filler
                text += "\(plain),\"\(quoted)\",\(pad)" + lineEnd
                expected.append([plain, quoted, "\(pad)"])
            }
            // The production buffer, and small ones so that records cross refills.
            for blockSize in [1 << 20, 64, 100, 333] {
                let source = CSVWriterPropertyTests.MemorySource(Array(text.utf8))
                let reader = try CSVReader(source: source, path: "p.csv", delimiter: UInt8(ascii: ","), blockSize: blockSize)
                let records = try reader.allRecords()
                #expect(records.map(\.fields) == expected, "line end \(lineEnd.debugDescription), block \(blockSize)")
                #expect(records.map(\.line) == Array(2...(expected.count + 1)))
            }
        }
    }

    @Test func skipsBOMAndHandlesCRLFAndDetectsSemicolon() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let bytes: [UInt8] = [0xEF, 0xBB, 0xBF] + Array("Mã hồ sơ;Tên\r\nA1;\"x;y\"\r\n\r\nA2;z\r\n".utf8)
        let path = try dir.write("bom.csv", bytes: bytes)
        let reader = try CSVReader(path: path)
        #expect(reader.delimiter == UInt8(ascii: ";"))
        #expect(reader.header == ["Mã hồ sơ", "Tên"])
        let records = try reader.allRecords()
        #expect(records.map(\.fields) == [["A1", "x;y"], ["A2", "z"]])
        #expect(records.map(\.line) == [2, 4])
    }

    @Test func detectsTabAndKeepsLastLineWithoutNewline() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("t.tsv", "a\tb\n1\t2")
        let reader = try CSVReader(path: path)
        #expect(reader.delimiter == 0x09)
        #expect(try reader.allRecords().map(\.fields) == [["1", "2"]])
    }

    @Test func recordsSpanningBufferRefillsAreWhole() throws {
        // A tiny block size forces every record across refills and buffer growth.
        var text = "id,name\n"
        var expected: [[String]] = []
        for k in 0..<200 {
            let name = "tên \(k), \"q\"\n" + String(repeating: "x", count: k % 37)
            text += "\(k),\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\"\n"
            expected.append([String(k), name])
        }
        final class Bytes: ByteSource {
            var data: [UInt8]
            var at = 0
            init(_ d: [UInt8]) { data = d }
            func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
                let n = min(7, buffer.count, data.count - at)
                for k in 0..<n { buffer[k] = data[at + k] }
                at += n
                return n
            }
        }
        let reader = try CSVReader(source: Bytes(Array(text.utf8)), path: "mem", delimiter: nil, blockSize: 64)
        let records = try reader.allRecords()
        #expect(records.map(\.fields) == expected)
    }

    @Test func rawRecordIsTheRecordAsWritten() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("r.csv", "a,b\r\n\"1\",\"x\ny\"\r\n")
        let reader = try CSVReader(path: path)
        #expect(try reader.next())
        #expect(String(decoding: reader.rawRecord, as: UTF8.self) == "\"1\",\"x\ny\"")
    }

    @Test func unterminatedQuoteRunsToEndOfFile() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("u.csv", "a,b\n1,\"never closed\n2,3\n")
        let reader = try CSVReader(path: path)
        let records = try reader.allRecords()
        #expect(records.count == 1)
        #expect(records[0].fields == ["1", "never closed\n2,3\n"])
    }

    @Test func readsGzipZstdAndConcatenatedGzip() throws {
        for name in ["small.csv", "small.csv.gz", "small.csv.zst"] {
            let reader = try CSVReader(path: fixture(name))
            let records = try reader.allRecords()
            #expect(records.count == 2, "\(name)")
            #expect(records[1].fields[7] == "Trần Thị Bình, Hà Nội", "\(name)")
        }
        let two = try CSVReader(path: fixture("twomembers.csv.gz")).allRecords()
        // The second member repeats the header line as data.
        #expect(two.count == 5)
    }

    @Test func refusesBinaryEmptyAndLegacyEncodedFiles() throws {
        #expect(throws: CSVError.self) { try CSVReader(path: fixture("image.csv")) }
        do {
            _ = try CSVReader(path: fixture("legacy.csv"))
            Issue.record("a CP1258 file was read")
        } catch let error as CSVError {
            guard case .notUTF8(_, let line, let guess) = error else {
                Issue.record("wrong error \(error)")
                return
            }
            #expect(line == 1)
            #expect(guess != nil)
            #expect(error.description.contains("iconv"))
        }
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let empty = try dir.write("empty.csv", "")
        #expect(throws: CSVError.empty(path: empty)) { try CSVReader(path: empty) }
        #expect(throws: FileAccessError.self) { try CSVReader(path: dir.file("missing.csv")) }
    }

    /// One stray control byte in a three-row export is text with a stray byte, not binary data
    /// (reliability finding 8): the share rule alone refused it, since the sample is tiny.
    @Test func aStrayControlByteInATinyFileIsNotBinary() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("tiny.csv", "a,b\n1,x\u{0B}y\n2,z\n")
        let reader = try CSVReader(path: path)
        #expect(try reader.allRecords().count == 2)
        // Binary data still is: many control bytes, in share and in number.
        let binary = try dir.write("binary.csv", bytes: Array("a,b\n".utf8) + (0..<400).map { UInt8($0 % 8 + 1) })
        #expect(throws: CSVError.self) { try CSVReader(path: binary) }
    }

    @Test func multibyteLetterAcrossTheSniffedPrefixIsNotMistakenForLegacyText() throws {
        // The encoding check reads the first 64 KiB; a 3-byte "ế" straddling that edge once
        // made a valid UTF-8 file look like TCVN3.
        var text = "a,b\n"
        while text.utf8.count < 65_536 - 2 { text += "x" }
        text += "ế,y\n"
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("edge.csv", text)
        let records = try CSVReader(path: path).allRecords()
        #expect(records.count == 1)
        #expect(records[0].fields[0].hasSuffix("ế"))
    }

    @Test func writerOutputParsesBack() throws {
        let rows = [["a", "b,c", "d\"e"], ["line\nbreak", "", "Tiếng Việt; ok"], ["\r\n", "x", "="]]
        var writer = CSVWriter()
        writer.writeRow(["h1", "h2", "h3"])
        for r in rows { writer.writeRow(r) }
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("w.csv", bytes: writer.take())
        let reader = try CSVReader(path: path)
        #expect(try reader.allRecords().map(\.fields) == rows)
    }
}
