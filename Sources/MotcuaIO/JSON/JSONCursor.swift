import MotcuaCore

/// A position in one JSON record's bytes, with the few readings `DossierJSONScanner` needs:
/// members of an object, scalar values (lifted out), values skipped without decoding, and the
/// two nested lists of the sync format. Errors are `Malformed`, with what was found where.
struct JSONCursor {
    let b: UnsafeRawBufferPointer
    var i = 0

    init(b: UnsafeRawBufferPointer) { self.b = b }

    var atEnd: Bool { i >= b.count }

    mutating func space() {
        while i < b.count, b[i] == 0x20 || b[i] == 0x0A || b[i] == 0x0D || b[i] == 0x09 { i += 1 }
    }

    mutating func expect(_ c: UInt8) throws(Malformed) {
        space()
        guard i < b.count, b[i] == c else { throw found("'\(Character(UnicodeScalar(c)))'") }
        i += 1
    }

    func found(_ expected: String) -> Malformed {
        guard i < b.count else { return Malformed("expected \(expected), the record ends") }
        return Malformed("expected \(expected) at byte \(i + 1), found '\(JSONRecordSplitter.show(b[i]))'")
    }

    /// Calls `body` with each member's key (unescaped only when it has escapes) and the cursor
    /// at its value, which `body` must consume; the opening brace is already read.
    mutating func members(
        _ body: (UnsafeRawBufferPointer, inout JSONCursor) throws(Malformed) -> Void
    ) throws(Malformed) {
        space()
        if i < b.count, b[i] == UInt8(ascii: "}") {
            i += 1
            return
        }
        while true {
            space()
            guard i < b.count, b[i] == UInt8(ascii: "\"") else { throw found("a member name in quotes") }
            let (raw, escaped) = try stringBody()
            try expect(UInt8(ascii: ":"))
            space()
            if escaped {
                let text = try Self.unescaped(raw)
                let key = UnsafeMutableRawBufferPointer.allocate(byteCount: text.count, alignment: 1)
                defer { key.deallocate() }
                key.copyBytes(from: text)
                try body(UnsafeRawBufferPointer(key), &self)
            } else {
                try body(raw, &self)
            }
            space()
            guard i < b.count else { throw found("',' or '}'") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "}") {
                i += 1
                return
            }
            throw found("',' or '}'")
        }
    }

    /// The bytes between the quotes of the string at `i` (past its closing quote after), and
    /// whether it holds escapes.
    mutating func stringBody() throws(Malformed) -> (UnsafeRawBufferPointer, Bool) {
        i += 1
        let start = i
        var escaped = false
        while i < b.count {
            let c = b[i]
            if c == UInt8(ascii: "\"") {
                let body = UnsafeRawBufferPointer(rebasing: b[start..<i])
                i += 1
                return (body, escaped)
            }
            if c == UInt8(ascii: "\\") {
                escaped = true
                i += 2
                continue
            }
            if c < 0x20 { throw Malformed("a control character inside a string at byte \(i + 1)") }
            i += 1
        }
        throw Malformed("a string is not closed")
    }

    /// A scalar value as text: a string's content, a number as written, `true`/`false`; `null`
    /// and nested values (skipped) are empty.
    mutating func scalar(into scanner: inout DossierJSONScanner) throws(Malformed) -> UnsafeRawBufferPointer {
        space()
        guard i < b.count else { throw found("a value") }
        switch b[i] {
        case UInt8(ascii: "\""):
            let (raw, escaped) = try stringBody()
            guard escaped else { return raw }
            let text = try Self.unescaped(raw)
            let slot = scanner.reserve(text.count)
            slot.copyBytes(from: text)
            return UnsafeRawBufferPointer(slot)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
            return try number()
        case UInt8(ascii: "t"):
            return try literal("true")
        case UInt8(ascii: "f"):
            return try literal("false")
        case UInt8(ascii: "n"):
            _ = try literal("null")
            return UnsafeRawBufferPointer(start: nil, count: 0)
        default:
            try skipValue()
            return UnsafeRawBufferPointer(start: nil, count: 0)
        }
    }

    mutating func number() throws(Malformed) -> UnsafeRawBufferPointer {
        let start = i
        while i < b.count {
            switch b[i] {
            case UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "+"), UInt8(ascii: "."),
                UInt8(ascii: "e"), UInt8(ascii: "E"):
                i += 1
            default:
                return UnsafeRawBufferPointer(rebasing: b[start..<i])
            }
        }
        return UnsafeRawBufferPointer(rebasing: b[start..<i])
    }

    mutating func literal(_ word: StaticString) throws(Malformed) -> UnsafeRawBufferPointer {
        let n = word.utf8CodeUnitCount
        let text = UnsafeRawBufferPointer(start: word.utf8Start, count: n)
        guard i + n <= b.count, memcmpEqual(UnsafeRawBufferPointer(rebasing: b[i..<(i + n)]), text) else {
            throw found("a value")
        }
        i += n
        return text
    }

    /// Past any value, without decoding it: how personal data is passed over.
    mutating func skipValue() throws(Malformed) {
        space()
        guard i < b.count else { throw found("a value") }
        switch b[i] {
        case UInt8(ascii: "\""): _ = try stringBody()
        case UInt8(ascii: "{"):
            i += 1
            try members { (_, c) throws(Malformed) in try c.skipValue() }
        case UInt8(ascii: "["):
            try elements { (c) throws(Malformed) in try c.skipValue() }
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): _ = try number()
        case UInt8(ascii: "t"): _ = try literal("true")
        case UInt8(ascii: "f"): _ = try literal("false")
        case UInt8(ascii: "n"): _ = try literal("null")
        default: throw found("a value")
        }
    }

    /// Calls `body` at each element of the array at `i`.
    mutating func elements(_ body: (inout JSONCursor) throws(Malformed) -> Void) throws(Malformed) {
        i += 1
        space()
        if i < b.count, b[i] == UInt8(ascii: "]") {
            i += 1
            return
        }
        while true {
            try body(&self)
            space()
            guard i < b.count else { throw found("',' or ']'") }
            if b[i] == UInt8(ascii: ",") {
                i += 1
                continue
            }
            if b[i] == UInt8(ascii: "]") {
                i += 1
                return
            }
            throw found("',' or ']'")
        }
    }

    // MARK: - The sync format's lists

    /// `DanhSachLePhi`: the sum of the items' `Gia` (an item without one adds 0); `null` is no
    /// list (fee unknown).
    mutating func feeList(into scanner: inout DossierJSONScanner) throws(Malformed) -> FeeTotal? {
        space()
        if i < b.count, b[i] == UInt8(ascii: "n") {
            _ = try literal("null")
            return nil
        }
        guard i < b.count, b[i] == UInt8(ascii: "[") else { throw found("a list of fees [") }
        var total = FeeTotal()
        try elements { (c) throws(Malformed) in
            try c.expect(UInt8(ascii: "{"))
            try c.members { (key, c) throws(Malformed) in
                guard DossierJSONScanner.equalsIgnoringASCIICase(key, DossierJSONScanner.feeAmount.utf8) else {
                    return try c.skipValue()
                }
                let text = try c.scalar(into: &scanner)
                guard !text.isEmpty, total.bad == nil else { return }
                if let amount = DossierStager.wholeNumber(text), total.sum <= Int64.max / 2 - amount {
                    total.sum += amount
                } else {
                    total.bad = text
                }
            }
        }
        return total
    }

    /// `DanhSachHoSoBoSung`: the number of items and the latest `NgayHenTraMoi`; `null` is none.
    mutating func supplementList(into scanner: inout DossierJSONScanner) throws(Malformed) -> SupplementList? {
        space()
        if i < b.count, b[i] == UInt8(ascii: "n") {
            _ = try literal("null")
            return nil
        }
        guard i < b.count, b[i] == UInt8(ascii: "[") else { throw found("a list of supplement requests [") }
        var list = SupplementList()
        try elements { (c) throws(Malformed) in
            list.count += 1
            try c.expect(UInt8(ascii: "{"))
            try c.members { (key, c) throws(Malformed) in
                guard DossierJSONScanner.equalsIgnoringASCIICase(key, DossierJSONScanner.newDueDate.utf8) else {
                    return try c.skipValue()
                }
                let text = try c.scalar(into: &scanner)
                switch DateParser.parse(text) {
                case .empty: break
                case .invalid: if list.badDate == nil { list.badDate = text }
                case .value(let v):
                    if list.latest.map({ v > $0.value }) ?? true { list.latest = (v, text) }
                }
            }
        }
        return list
    }

    // MARK: - Escapes

    /// The UTF-8 text of a string body with escapes (`\"`, `\\`, `\/`, `\b`, `\f`, `\n`, `\r`,
    /// `\t`, `\uXXXX` with surrogate pairs).
    static func unescaped(_ raw: UnsafeRawBufferPointer) throws(Malformed) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(raw.count)
        var k = 0
        func hex4() throws(Malformed) -> UInt32 {
            guard k + 4 <= raw.count else { throw Malformed("a \\u escape is cut short") }
            var v: UInt32 = 0
            for d in raw[k..<(k + 4)] {
                let digit: UInt32
                switch d {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = UInt32(d - 0x30)
                case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = UInt32(d - 0x61 + 10)
                case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = UInt32(d - 0x41 + 10)
                default: throw Malformed("a \\u escape holds '\(JSONRecordSplitter.show(d))'")
                }
                v = v << 4 | digit
            }
            k += 4
            return v
        }
        while k < raw.count {
            let c = raw[k]
            k += 1
            guard c == UInt8(ascii: "\\") else {
                out.append(c)
                continue
            }
            guard k < raw.count else { throw Malformed("a string ends in a backslash") }
            let e = raw[k]
            k += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                var scalar = try hex4()
                if scalar >= 0xD800, scalar < 0xDC00, k + 6 <= raw.count, raw[k] == UInt8(ascii: "\\"),
                    raw[k + 1] == UInt8(ascii: "u")
                {
                    k += 2
                    let low = try hex4()
                    guard low >= 0xDC00, low < 0xE000 else { throw Malformed("a broken \\u surrogate pair") }
                    scalar = 0x10000 + (scalar - 0xD800) << 10 + (low - 0xDC00)
                }
                guard let u = Unicode.Scalar(scalar) else { throw Malformed("a lone \\u surrogate") }
                out.append(contentsOf: String(Character(u)).utf8)
            default:
                throw Malformed("an unknown escape '\\\(JSONRecordSplitter.show(e))'")
            }
        }
        return out
    }
}
