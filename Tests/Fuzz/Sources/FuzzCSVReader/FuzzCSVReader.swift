import FuzzSupport
@testable import MotcuaIO

/// libFuzzer target: arbitrary bytes through `CSVReader`.
///
/// The first byte chooses how: bit 7 reads through a file (so gzip and zstd magic bytes reach
/// the decompressors), bits 0-2 the delimiter (given or detected). Every field of every record
/// is touched, so AddressSanitizer sees any read out of bounds. The property checked beyond
/// "no crash": reading with a 64-byte buffer (records cross every refill and growth) gives the
/// same records, fields and line numbers as reading with the 1 MiB production buffer.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = pointer else { return 0 }
    guard size >= 1 else { return 0 }
    let mode = data[0]
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    let delimiters: [UInt8?] = [nil, 0x2C, 0x3B, 0x09, 0x7C, nil, nil, nil]
    let delimiter = delimiters[Int(mode & 7)]

    if mode & 0x80 != 0 {
        let path = Fuzz.scratchFile("input.csv", body)
        _ = readAll { try CSVReader(path: path, delimiter: delimiter) }
        return 0
    }
    var bigTerminator: UInt8 = 0
    let big = readAll {
        let r = try CSVReader(source: MemorySource(body), path: "big", delimiter: delimiter)
        bigTerminator = r.lineTerminator
        return r
    }
    // The small-buffer reader decides from its first 64 bytes what the production reader decides
    // from its first 64 KiB (delimiter, CR-only line ends, text or binary). Compare only with a
    // delimiter given, when both read the text and chose the same line end: then the records
    // must be the same, whatever the buffer.
    if delimiter != nil, case .records(let expected, let header, let ending) = big {
        var smallTerminator: UInt8 = 0
        let small = readAll {
            let r = try CSVReader(source: MemorySource(body), path: "small", delimiter: delimiter, blockSize: 64)
            smallTerminator = r.lineTerminator
            return r
        }
        if case .refused(let why) = small, why.contains("not a text table") || why.contains("not UTF-8") { return 0 }
        if smallTerminator != bigTerminator { return 0 }
        guard case .records(let got, let smallHeader, let smallEnding) = small else {
            Fuzz.fail("64-byte buffer failed where 1 MiB read: \(small)")
        }
        Fuzz.check(header == smallHeader, "header differs: \(header) vs \(smallHeader)")
        Fuzz.check(got.count == expected.count, "record count differs: \(expected.count) vs \(got.count)")
        for (a, b) in zip(expected, got) {
            Fuzz.check(a == b, "record differs: \(a) vs \(b)")
        }
        Fuzz.check(ending == smallEnding, "ending differs: \(ending) vs \(smallEnding)")
    }
    return 0
}

struct Record: Equatable, CustomStringConvertible {
    var line: Int
    var fields: [[UInt8]]
    var raw: [UInt8]
    var description: String { "line \(line) \(fields.map { String(decoding: $0, as: UTF8.self) })" }
}

enum Outcome: CustomStringConvertible {
    case refused(String)
    case records([Record], header: [String], ending: String)

    var description: String {
        switch self {
        case .refused(let e): "refused: \(e)"
        case .records(let r, _, let ending): "\(r.count) records, \(ending)"
        }
    }
}

func readAll(_ open: () throws -> CSVReader) -> Outcome {
    let reader: CSVReader
    do {
        reader = try open()
    } catch {
        return .refused("\(error)")
    }
    var records: [Record] = []
    var lastLine = 0
    do {
        while try reader.next() {
            Fuzz.check(reader.fieldCount >= 1, "a record with no field")
            Fuzz.check(reader.recordLine > lastLine, "line numbers do not increase: \(lastLine) then \(reader.recordLine)")
            lastLine = reader.recordLine
            var fields: [[UInt8]] = []
            for k in 0..<reader.fieldCount { fields.append(Array(reader.field(k))) }
            // Fields asked for again after others were unescaped must not have moved.
            for k in 0..<reader.fieldCount {
                Fuzz.check(Array(reader.field(k)) == fields[k], "field \(k) changed when read twice")
            }
            Fuzz.check(reader.field(reader.fieldCount).isEmpty, "a field past the end is not empty")
            records.append(Record(line: reader.recordLine, fields: fields, raw: Array(reader.rawRecord)))
        }
    } catch {
        return .records(records, header: reader.header, ending: "\(error)")
    }
    return .records(records, header: reader.header, ending: "end")
}

/// An in-memory export that hands out at most `chunk` bytes per read, like a slow pipe.
final class MemorySource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    let chunk: Int

    init(_ body: UnsafeRawBufferPointer, chunk: Int = 4096) {
        bytes = Array(body)
        self.chunk = chunk
    }

    func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(buffer.count, bytes.count - offset, chunk)
        if n > 0 {
            bytes.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
        }
        offset += n
        return n
    }
}
