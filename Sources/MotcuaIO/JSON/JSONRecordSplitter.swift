/// Finds where each dossier object of a JSON export starts and ends, block by block, so that a
/// file of millions of dossiers is streamed and never loaded whole (CONTRACT.md section 1.6).
///
/// The container is told by content: `[` a JSON array of dossier objects; `{` whose members hold a
/// `"data": [` the sync request body (`{"service": ..., "isUpdating": ..., "data": [...]}`);
/// any other `{` JSON Lines, one object a line. The split is a light pass that only tracks
/// strings and bracket depth; `DossierJSONScanner` then reads the fields of each object on the
/// ingest lanes, in parallel. A broken object (a line break inside a string, an object never
/// closed, text that is not an object) becomes a span with a `problem`, rejected as
/// `field_count`; the split resumes at the next line that starts an object at the broken one's
/// indentation, so the rest of the file is still read. Only a broken container (the array never
/// closed, text after it, not JSON at all) stops the run.
///
/// - Complexity: O(bytes), one pass; no allocation but the span list.
struct JSONRecordSplitter {
    enum Container: Equatable { case lines, array, wrappedArray }
    enum Phase: Equatable { case start, elements, wrapperTail, afterArray }

    /// One record: bytes `start..<end` of the region, its first line, and why it is not a
    /// readable object, if it is not.
    struct Span {
        var start: Int
        var end: Int
        var line: Int
        var problem: String?
    }

    let path: String
    private(set) var container: Container?
    private(set) var phase = Phase.start
    /// A dossier object larger than this is taken as broken (no sync record comes near it).
    static let maxRecordBytes = 4 << 20

    init(path: String) { self.path = path }

    /// Splits `region` (which starts where the last call stopped) into spans.
    /// - Returns: how many bytes were consumed (the rest, a record cut by the region's end, is
    ///   handed back in the next region) and the line there.
    mutating func split(
        _ b: UnsafeRawBufferPointer, firstLine: Int, atEnd: Bool, into spans: inout [Span]
    ) throws(JSONError) -> (consumed: Int, line: Int) {
        var i = 0
        var line = firstLine
        let n = b.count

        /// Skips white space (and, between array elements, commas), counting lines.
        func skipSpace(commas: Bool) {
            while i < n {
                let c = b[i]
                if c == 0x0A {
                    line += 1
                } else if c != 0x20 && c != 0x09 && c != 0x0D && !(commas && c == UInt8(ascii: ",")) {
                    return
                }
                i += 1
            }
        }

        if phase == .start {
            if n >= 3, b[0] == 0xEF, b[1] == 0xBB, b[2] == 0xBF { i = 3 }
            skipSpace(commas: false)
            guard i < n else {
                if atEnd { throw .notJSON(path: path, line: line, detail: "the file is empty") }
                return (0, firstLine)
            }
            switch b[i] {
            case UInt8(ascii: "["):
                container = .array
                i += 1
            case UInt8(ascii: "{"):
                switch findDataArray(b, from: i, atEnd: atEnd) {
                case .found(let after):
                    for k in i..<after where b[k] == 0x0A { line += 1 }
                    container = .wrappedArray
                    i = after
                case .notFound: container = .lines
                case .needMore: return (0, firstLine)
                }
            default:
                throw .notJSON(path: path, line: line, detail: "it starts with '\(Self.show(b[i]))', not [ or {")
            }
            phase = .elements
        }

        while phase == .elements {
            skipSpace(commas: container != .lines)
            guard i < n else {
                if atEnd, container != .lines {
                    throw .notJSON(path: path, line: line, detail: "the array of dossiers is never closed with ]")
                }
                return (i, line)
            }
            if container != .lines, b[i] == UInt8(ascii: "]") {
                i += 1
                phase = container == .wrappedArray ? .wrapperTail : .afterArray
                break
            }
            let start = i
            var problem: String
            if b[i] == UInt8(ascii: "{") {
                switch Self.skipObject(b, from: i, oneLine: container == .lines) {
                case .complete(let end, let lines):
                    spans.append(Span(start: start, end: end, line: line, problem: nil))
                    line += lines
                    i = end
                    continue
                case .incomplete where !atEnd && n - start < Self.maxRecordBytes:
                    return (start, line)
                case .incomplete:
                    problem = n - start >= Self.maxRecordBytes ? "the object is over 4 MiB" : "the object is never closed"
                case .broken(let why):
                    problem = why
                }
            } else {
                problem = "'\(Self.show(b[i]))' where a dossier object { was expected"
            }
            // Resume at the next line that starts an object (or ends the array) at this one's
            // indentation: the rest of the file is still read.
            guard let resume = Self.resumePoint(b, after: start, atEnd: atEnd) else { return (start, line) }
            var end = resume
            while end > start, b[end - 1] == 0x0A || b[end - 1] == 0x0D || b[end - 1] == 0x20 || b[end - 1] == 0x09 { end -= 1 }
            spans.append(Span(start: start, end: end, line: line, problem: problem))
            for k in start..<resume where b[k] == 0x0A { line += 1 }
            i = resume
        }

        if phase == .wrapperTail {
            // The members after "data" (small), then the wrapper's closing brace.
            while i < n {
                skipSpace(commas: true)
                guard i < n else { break }
                if b[i] == UInt8(ascii: "}") {
                    i += 1
                    phase = .afterArray
                    break
                }
                guard case .complete(let end, let lines) = Self.skipMember(b, from: i) else {
                    if !atEnd { return (i, line) }
                    throw .notJSON(path: path, line: line, detail: "the object around \"data\" is not closed")
                }
                line += lines
                i = end
            }
            if phase == .wrapperTail {
                if atEnd { throw .notJSON(path: path, line: line, detail: "the object around \"data\" is not closed") }
                return (i, line)
            }
        }

        // After the container: only white space.
        skipSpace(commas: false)
        if i < n {
            throw .notJSON(path: path, line: line, detail: "'\(Self.show(b[i]))' after the end of the array")
        }
        return (n, line)
    }

    // MARK: - Pieces

    enum Skip: Equatable {
        case complete(end: Int, lines: Int)
        case incomplete
        case broken(String)
    }

    /// Past the object starting at `start`, tracking only strings and depth (the scanner checks
    /// the rest). A raw line break inside a string is broken JSON; with `oneLine` (JSON Lines),
    /// so is a line break before the object closes.
    static func skipObject(_ b: UnsafeRawBufferPointer, from start: Int, oneLine: Bool) -> Skip {
        var i = start
        var depth = 0
        var lines = 0
        let n = b.count
        while i < n {
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < n {
                    let c = b[i]
                    if c == UInt8(ascii: "\"") { break }
                    if c == UInt8(ascii: "\\") {
                        i += 2
                        continue
                    }
                    if c == 0x0A { return .broken("a line break inside a string (a quote is not closed)") }
                    i += 1
                }
                if i >= n { return .incomplete }
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                depth -= 1
                if depth == 0 { return .complete(end: i + 1, lines: lines) }
            case 0x0A:
                if oneLine { return .broken("the object is not closed on its line") }
                lines += 1
            default:
                break
            }
            i += 1
        }
        return .incomplete
    }

    /// Past one `"key": value` member of the wrapper object.
    static func skipMember(_ b: UnsafeRawBufferPointer, from start: Int) -> Skip {
        // Wrap the member in a virtual object: skip key and value as one depth-0 run up to the
        // next `,` or `}` outside strings and brackets.
        var i = start
        var depth = 0
        var lines = 0
        let n = b.count
        while i < n {
            switch b[i] {
            case UInt8(ascii: "\""):
                i += 1
                while i < n, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
                if i >= n { return .incomplete }
            case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
            case UInt8(ascii: "]"): depth -= 1
            case UInt8(ascii: "}"):
                if depth == 0 { return .complete(end: i, lines: lines) }
                depth -= 1
            case UInt8(ascii: ","):
                if depth == 0 { return .complete(end: i, lines: lines) }
            case 0x0A: lines += 1
            default: break
            }
            i += 1
        }
        return .incomplete
    }

    enum DataArray: Equatable {
        case found(after: Int)
        case notFound
        case needMore
    }

    /// Whether the object at `start` is the sync body: a member `data` whose value is an array,
    /// among members read before it. Returns the offset just past that `[`.
    func findDataArray(_ b: UnsafeRawBufferPointer, from start: Int, atEnd: Bool) -> DataArray {
        var i = start + 1
        let n = b.count
        func space() { while i < n, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 } }
        while true {
            space()
            guard i < n else { return atEnd ? .notFound : .needMore }
            guard b[i] == UInt8(ascii: "\"") else { return .notFound }
            let keyStart = i + 1
            i += 1
            while i < n, b[i] != UInt8(ascii: "\"") { i += b[i] == UInt8(ascii: "\\") ? 2 : 1 }
            guard i < n else { return atEnd ? .notFound : .needMore }
            let key = UnsafeRawBufferPointer(rebasing: b[keyStart..<i])
            i += 1
            space()
            guard i < n, b[i] == UInt8(ascii: ":") else { return i < n || atEnd ? .notFound : .needMore }
            i += 1
            space()
            guard i < n else { return atEnd ? .notFound : .needMore }
            if key.count == 4, DossierJSONScanner.equalsIgnoringASCIICase(key, Self.dataKey), b[i] == UInt8(ascii: "[") {
                return .found(after: i + 1)
            }
            switch Self.skipMember(b, from: i) {
            case .complete(let end, _):
                i = end
                if b[i] == UInt8(ascii: "}") { return .notFound }
                i += 1
            case .incomplete: return atEnd ? .notFound : .needMore
            case .broken: return .notFound
            }
        }
    }

    static let dataKey: [UInt8] = Array("data".utf8)

    /// The start of the next line (after the one holding `start`) whose first non-blank byte
    /// is `{`, `,` or `]` at an indentation no deeper than the line of `start`; the region's
    /// end at the file's end; `nil` when more bytes are needed to tell.
    static func resumePoint(_ b: UnsafeRawBufferPointer, after start: Int, atEnd: Bool) -> Int? {
        var lineStart = start
        while lineStart > 0, b[lineStart - 1] != 0x0A { lineStart -= 1 }
        var indent = 0
        while lineStart + indent < start, b[lineStart + indent] == 0x20 || b[lineStart + indent] == 0x09 { indent += 1 }
        if lineStart + indent != start { indent = Int.max }  // the object did not start its line
        let n = b.count
        var i = start
        while true {
            while i < n, b[i] != 0x0A { i += 1 }
            guard i < n else { return atEnd || n - start >= maxRecordBytes ? n : nil }
            i += 1
            var k = i
            while k < n, k - i <= indent, b[k] == 0x20 || b[k] == 0x09 { k += 1 }
            guard k < n else { return atEnd ? n : nil }
            if k - i <= indent, b[k] == UInt8(ascii: "{") || b[k] == UInt8(ascii: "]") || b[k] == UInt8(ascii: ",") {
                return i
            }
        }
    }

    static func show(_ byte: UInt8) -> String {
        byte >= 0x20 && byte < 0x7F ? String(UnicodeScalar(byte)) : "byte \(byte)"
    }
}
