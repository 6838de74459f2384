internal import CIntrinsics

#if canImport(Glibc)
    import Glibc
#endif

/// A streaming RFC 4180 reader that works on bytes.
///
/// It handles `,` `;` tab or `|` delimiters (detected from the header line unless given), a
/// UTF-8 BOM, LF or CRLF line ends, quoted fields holding delimiters, doubled quotes and line
/// breaks. Fields are handed out as byte slices of an internal buffer, valid until the next
/// call to `next()`: no `String` is made per field (STYLE.md habit 11), and columns the caller
/// never asks for (personal data) are never decoded. Quoted fields are unescaped only when asked.
///
/// Lenient where exporters commonly slip and nothing is lost: text after a closing quote is kept
/// (`"abc"d` reads `abcd`), a quote inside an unquoted field is literal, an unterminated quote runs
/// to the end of the file (the record then fails the field-count check).
public final class CSVReader {
    public let path: String
    public private(set) var delimiter: UInt8
    /// The header's fields as written (unquoted; not trimmed or normalised: a profile matches
    /// header names after folding them itself).
    public private(set) var header: [String] = []
    /// The line (1-based) where the current record starts.
    public private(set) var recordLine = 0
    /// The number of fields in the current record.
    public var fieldCount: Int { boundCount / 2 }
    /// Bytes read from the (decompressed) stream so far.
    public private(set) var bytesConsumed = 0

    /// Records larger than this stop the run: they are nearly always a quote never closed.
    public static let maxRecordBytes = 64 << 20

    private let source: (any ByteSource)?
    private var buffer: UnsafeMutableRawBufferPointer
    /// False for a reader over a caller's region (`init(region:...)`), which it must not free.
    private let ownsBuffer: Bool
    /// Region mode: `next()` stops before a record that starts at or after this offset.
    public var stopOffset = Int.max
    /// Region mode: where a record cut by the end of a region that is not the file's end starts.
    public private(set) var incompleteRecordStart: Int?
    private var pos = 0
    private var end = 0
    private var eof = false
    private var nextLine = 1
    private var recordStart = 0
    private var recordEnd = 0
    /// Start and end offset of each field of the current record, flattened.
    /// A raw buffer, not an array: appending to a class's array property costs a dynamic
    /// exclusivity check per field (3% of ingest in perf).
    private var fieldBounds: UnsafeMutablePointer<Int>
    private var boundCapacity = 256
    private var boundCount = 0
    private var scratch: UnsafeMutableRawBufferPointer
    private var scratchUsed = 0
    private var refuseControlBytes = true
    /// Scratch buffers outgrown while slices of the current record may still point into them.
    private var retired: [UnsafeMutableRawBufferPointer] = []

    /// Opens `path` (plain, gzip or zstd) and reads its header.
    /// - Parameter refuseControlBytes: refuse a file dense in control bytes as binary; off for
    ///   motcua's own snapshot parts, which hold whatever text the exports had.
    public convenience init(path: String, delimiter: UInt8? = nil, refuseControlBytes: Bool = true) throws {
        try self.init(
            source: openDecompressed(path: path), path: path, delimiter: delimiter,
            refuseControlBytes: refuseControlBytes)
    }

    init(
        source: any ByteSource, path: String, delimiter: UInt8?, blockSize: Int = 1 << 20,
        refuseControlBytes: Bool = true
    ) throws {
        self.refuseControlBytes = refuseControlBytes
        self.source = source
        ownsBuffer = true
        self.path = path
        self.delimiter = delimiter ?? UInt8(ascii: ",")
        buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(blockSize, 64), alignment: 64)
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        fieldBounds = .allocate(capacity: 256)
        try fill()
        try checkText()
        if delimiter == nil { self.delimiter = try detectDelimiter() }
        guard try next() else { throw CSVError.empty(path: path) }
        var names: [String] = []
        for k in 0..<fieldCount {
            let raw = field(k)
            names.append(String(decoding: raw, as: UTF8.self))
        }
        header = names
    }

    /// A reader over records already in memory: a block of a file that parallel ingest cut at a
    /// (probable) record boundary. It reads no header and never refills; `regionIsFileEnd` says
    /// whether a record cut by the region's end is the file's last (else it is left for the caller).
    /// - Parameter firstLine: the file line the region starts on.
    public init(
        region: UnsafeRawBufferPointer, path: String, delimiter: UInt8, firstLine: Int, regionIsFileEnd: Bool,
        lineTerminator: UInt8 = 0x0A
    ) {
        self.lineTerminator = lineTerminator
        source = nil
        ownsBuffer = false
        self.path = path
        self.delimiter = delimiter
        buffer = UnsafeMutableRawBufferPointer(mutating: region)
        end = region.count
        eof = regionIsFileEnd
        nextLine = firstLine
        scratch = UnsafeMutableRawBufferPointer.allocate(byteCount: 1 << 16, alignment: 16)
        fieldBounds = .allocate(capacity: 256)
    }

    /// The offset just past the last record read (the start of the next one).
    public var offset: Int { pos }
    /// The line the next record starts on.
    public var nextLineNumber: Int { nextLine }

    /// Hands over what is buffered but not yet read, with the stream, so that the rest of the
    /// file can be read in large blocks (parallel ingest). The reader is spent afterwards.
    func detachRemainder() -> (buffered: [UInt8], source: (any ByteSource)?, nextLine: Int, eof: Bool) {
        let rest = Array(UnsafeRawBufferPointer(rebasing: buffer[pos..<end]))
        pos = end
        return (rest, source, nextLine, eof)
    }

    deinit {
        if ownsBuffer { buffer.deallocate() }
        fieldBounds.deallocate()
        scratch.deallocate()
        for old in retired { old.deallocate() }
    }

    // MARK: - Records

    /// Moves to the next record; `false` at the end of the file. Blank lines are skipped.
    /// - Complexity: O(record length), amortised over the buffer refills.
    public func next() throws -> Bool {
        while true {
            if pos >= end && (eof || source == nil) { return false }
            if pos >= stopOffset { return false }
            if scanRecord() {
                bytesConsumed += pos - recordStart
                if fieldCount == 1 && fieldBounds[0] == fieldBounds[1] { continue }  // blank line
                return true
            }
            if source == nil {
                incompleteRecordStart = pos
                return false
            }
            if pos == 0 && end == buffer.count {
                guard buffer.count < Self.maxRecordBytes else {
                    throw CSVError.recordTooLarge(path: path, line: nextLine, limit: Self.maxRecordBytes)
                }
                grow()
            }
            try fill()
        }
    }

    /// The bytes of field `k` of the current record, unquoted and unescaped; an empty buffer
    /// for a field the record does not have.
    public func field(_ k: Int) -> UnsafeRawBufferPointer {
        guard k < fieldCount else { return UnsafeRawBufferPointer(start: nil, count: 0) }
        let s = fieldBounds[2 * k]
        let e = fieldBounds[2 * k + 1]
        let base = buffer.baseAddress!
        if e > s, base.load(fromByteOffset: s, as: UInt8.self) == Self.quote {
            return unescape(from: s, to: e)
        }
        return UnsafeRawBufferPointer(start: base + s, count: e - s)
    }

    /// The current record as it stands in the file, without its line end (for the rejects file).
    public var rawRecord: UnsafeRawBufferPointer {
        UnsafeRawBufferPointer(start: buffer.baseAddress! + recordStart, count: recordEnd - recordStart)
    }

    // MARK: - Scanning

    private static let ones: UInt64 = 0x0101_0101_0101_0101
    private static let highBits: UInt64 = 0x8080_8080_8080_8080
    /// The byte that ends a line: LF (also for CRLF files), or CR for files with bare CR line
    /// ends (old Mac exports), detected from the first block.
    public private(set) var lineTerminator: UInt8 = 0x0A
    private var delimiterPattern: UInt64 { UInt64(delimiter) &* Self.ones }
    private static let quote = UInt8(ascii: "\"")
    private static let quotePattern = UInt64(quote) &* ones

    /// Eight bytes at a time from `i` while none of them is either pattern's byte (SWAR: a byte
    /// equal to the pattern becomes zero, and (v - 0x01..) & ~v & 0x80.. flags it; the lowest
    /// flag is always exact). Returns the first such byte's offset, or where fewer than eight
    /// bytes are left: the caller goes on byte by byte from there.
    @inline(__always)
    private static func skip(
        _ p: UnsafeMutablePointer<UInt8>, from start: Int, end: Int, toEither x: UInt64, _ y: UInt64
    ) -> Int {
        var i = start
        while i + 8 <= end {
            let w = UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)
            let a = w ^ x
            let b = w ^ y
            let hit = ((a &- ones) & ~a | (b &- ones) & ~b) & highBits
            if hit != 0 { return i + hit.trailingZeroBitCount >> 3 }
            i += 8
        }
        return i
    }
    private static let lf = UInt8(ascii: "\n")
    private static let cr = UInt8(ascii: "\r")

    /// Parses one record from `pos`. Returns `false`, changing nothing, when the buffer ends
    /// before the record does and more input may come.
    private func scanRecord() -> Bool {
        let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let delim = delimiter
        let delimiterPattern = self.delimiterPattern
        let term = lineTerminator
        let termPattern = UInt64(term) &* Self.ones
        let stripCR = term == Self.lf
        let end = self.end
        let eof = self.eof
        var i = pos
        var lines = 0
        var bounds = fieldBounds
        var count = 0
        var capacity = boundCapacity
        scratchUsed = 0
        if !retired.isEmpty {
            for old in retired { old.deallocate() }
            retired.removeAll()
        }
        // The delimiters, quotes and line ends of the 64 bytes from `window`: fields end at
        // these bits. Rebuilt per record (the buffer may be refilled between calls).
        var window = Int.min / 2
        var mask: UInt64 = 0
        /// The next delimiter, quote or line end at or after `from`, or a place fewer than 64
        /// bytes before `end`, from which the caller goes on eight bytes at a time.
        @inline(__always) func nextStructural(_ from: Int) -> Int {
            var i = from
            while true {
                if i &- window >= 64 || i < window {
                    guard i + 64 <= end else { return i }
                    window = i
                    mask = motcua_mask3_64(p + i, delim, term, Self.quote)
                }
                let m = mask >> UInt64(i &- window)
                if m != 0 { return i + m.trailingZeroBitCount }
                i = window + 64
            }
        }
        @inline(__always) func push(_ start: Int, _ stop: Int) {
            if count + 2 > capacity {
                let bigger = UnsafeMutablePointer<Int>.allocate(capacity: capacity * 2)
                bigger.update(from: bounds, count: count)
                bounds.deallocate()
                bounds = bigger
                capacity *= 2
            }
            bounds[count] = start
            bounds[count + 1] = stop
            count += 2
        }
        defer {
            fieldBounds = bounds
            boundCapacity = capacity
        }
        while true {
            let fieldStart = i
            if i < end && p[i] == Self.quote {
                i += 1
                while true {
                    // To the next quote or line end (long quoted names and addresses: this
                    // loop was a quarter of ingest on long rows byte by byte). A delimiter
                    // inside quotes is text; the last bytes go eight at a time.
                    i = nextStructural(i)
                    while i < end && p[i] == delim { i = nextStructural(i + 1) }
                    if i + 64 > end { i = Self.skip(p, from: i, end: end, toEither: Self.quotePattern, termPattern) }
                    if i >= end {
                        if !eof { return false }
                        break
                    }
                    let c = p[i]
                    if c == Self.quote {
                        if i + 1 >= end && !eof { return false }
                        if i + 1 < end && p[i + 1] == Self.quote {
                            i += 2
                            continue
                        }
                        i += 1
                        break
                    }
                    if c == term { lines += 1 }
                    i += 1
                }
            }
            // To the field's end; a quote inside an unquoted field is text.
            i = nextStructural(i)
            while i < end && p[i] == Self.quote { i = nextStructural(i + 1) }
            if i + 64 > end {
                // Within 64 bytes of the end nextStructural may have stopped short of a hit.
                i = Self.skip(p, from: i, end: end, toEither: delimiterPattern, termPattern)
                while i < end {
                    let c = p[i]
                    if c == delim || c == term { break }
                    i += 1
                }
            }
            if i >= end {
                if !eof { return false }
                let fieldEnd = (stripCR && end > fieldStart && p[end - 1] == Self.cr) ? end - 1 : end
                push(fieldStart, fieldEnd)
                boundCount = count
                finishRecord(end: fieldEnd, next: end, lines: lines)
                return true
            }
            if p[i] == delim {
                push(fieldStart, i)
                i += 1
                continue
            }
            // Line feed: the record ends; a CR before it belongs to the line end.
            let fieldEnd = (stripCR && i > fieldStart && p[i - 1] == Self.cr) ? i - 1 : i
            push(fieldStart, fieldEnd)
            boundCount = count
            finishRecord(end: fieldEnd, next: i + 1, lines: lines + 1)
            return true
        }
    }

    private func finishRecord(end recordEnd: Int, next: Int, lines: Int) {
        recordStart = pos
        self.recordEnd = recordEnd
        recordLine = nextLine
        nextLine += lines
        pos = next
    }

    private func unescape(from s: Int, to e: Int) -> UnsafeRawBufferPointer {
        // The common quoted field, `"text, with a comma"`: quoted whole, no quote inside, so its
        // bytes are the text itself and need no copy (quoted names on long rows, issue 16).
        let base = buffer.baseAddress!
        if e - s >= 2, base.load(fromByteOffset: e - 1, as: UInt8.self) == Self.quote,
            memchr(base + s + 1, Int32(Self.quote), e - s - 2) == nil
        {
            return UnsafeRawBufferPointer(start: base + s + 1, count: e - s - 2)
        }
        let needed = e - s
        if scratchUsed + needed > scratch.count {
            // Slices of this record handed out earlier point into the old scratch: keep it alive
            // until the next record.
            let bigger = UnsafeMutableRawBufferPointer.allocate(
                byteCount: max(scratch.count * 2, scratchUsed + needed, recordEnd - recordStart + 64),
                alignment: 16)
            bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: scratch[0..<scratchUsed]))
            retired.append(scratch)
            scratch = bigger
        }
        let src = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        let dst = scratch.baseAddress!.assumingMemoryBound(to: UInt8.self) + scratchUsed
        var n = 0
        var i = s
        var quoted = false
        while i < e {
            let c = src[i]
            if c == Self.quote {
                if quoted && i + 1 < e && src[i + 1] == Self.quote {
                    dst[n] = Self.quote
                    n += 1
                    i += 2
                    continue
                }
                quoted.toggle()
                i += 1
                continue
            }
            dst[n] = c
            n += 1
            i += 1
        }
        let result = UnsafeRawBufferPointer(start: dst, count: n)
        scratchUsed += n
        return result
    }

    // MARK: - Buffer

    private func fill() throws {
        if pos > 0 {
            let live = end - pos
            if live > 0 {
                (buffer.baseAddress! + 0).copyMemory(from: buffer.baseAddress! + pos, byteCount: live)
            }
            recordStart -= pos
            recordEnd -= pos
            end = live
            pos = 0
        }
        while end < buffer.count && !eof {
            guard let source else { eof = true; break }
            let n = try source.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[end...]))
            if n == 0 {
                eof = true
            } else {
                end += n
            }
        }
    }

    private func grow() {
        let bigger = UnsafeMutableRawBufferPointer.allocate(byteCount: buffer.count * 2, alignment: 64)
        bigger.copyMemory(from: UnsafeRawBufferPointer(rebasing: buffer[0..<end]))
        buffer.deallocate()
        buffer = bigger
    }

    // MARK: - Sniffing

    /// Skips a UTF-8 BOM and refuses binary data and text that is not UTF-8, naming a likely
    /// legacy Vietnamese encoding.
    private func checkText() throws {
        if end == 0 { throw CSVError.empty(path: path) }
        let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        if end >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF { pos = 3 }
        // UTF-32's byte order marks first: the little-endian one begins like UTF-16's.
        if end >= 4 && ((p[0] == 0xFF && p[1] == 0xFE && p[2] == 0 && p[3] == 0) || (p[0] == 0 && p[1] == 0 && p[2] == 0xFE && p[3] == 0xFF)) {
            throw CSVError.notUTF8(path: path, line: 1, guess: LegacyEncoding.utf32.name)
        }
        if end >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF)) {
            throw CSVError.notUTF8(path: path, line: 1, guess: LegacyEncoding.utf16.name)
        }
        let sample = UnsafeRawBufferPointer(start: p + pos, count: min(end - pos, 1 << 16))
        if sample.contains(0) {
            throw CSVError.notText(path: path, detail: "it holds NUL bytes, so it is binary")
        }
        // Text has almost no control bytes besides tab, CR and LF; binary data has many, in
        // share and in number: a stray byte or two in a three-row export is not binary.
        var controls = 0
        for b in sample where b < 0x20 && b != 0x09 && b != 0x0A && b != 0x0D { controls += 1 }
        if refuseControlBytes && controls * 100 > sample.count && controls >= 16 {
            throw CSVError.notText(path: path, detail: "\(controls) control bytes in its first \(sample.count) bytes")
        }
        if !sample.contains(Self.lf) && sample.contains(Self.cr) { lineTerminator = Self.cr }
        let wholeFile = eof && sample.count == end - pos
        if let line = TextEncodingSniffer.firstInvalidUTF8Line(sample, complete: wholeFile) {
            throw CSVError.notUTF8(path: path, line: line, guess: TextEncodingSniffer.guessLegacy(sample))
        }
    }

    /// The most frequent of `,` `;` tab `|` outside quotes on the header line; `,` on a tie.
    private func detectDelimiter() throws -> UInt8 {
        let candidates: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: ";"), 0x09, UInt8(ascii: "|")]
        var counts = [Int](repeating: 0, count: candidates.count)
        let p = buffer.baseAddress!.assumingMemoryBound(to: UInt8.self)
        var quoted = false
        var i = pos
        while i < end {
            let c = p[i]
            if c == Self.quote {
                quoted.toggle()
            } else if !quoted {
                if c == lineTerminator { break }
                if let k = candidates.firstIndex(of: c) { counts[k] += 1 }
            }
            i += 1
        }
        var best = 0
        for k in counts.indices where counts[k] > counts[best] { best = k }
        return candidates[best]
    }
}
