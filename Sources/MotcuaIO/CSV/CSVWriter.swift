/// Writes RFC 4180 CSV into a byte buffer: fields with a delimiter, quote, CR or LF are quoted
/// and their quotes doubled. One writer serves rejects files, snapshots and reports.
public struct CSVWriter: Sendable {
    public var delimiter: UInt8
    /// Bytes written so far and not yet taken by `take()`.
    public private(set) var buffer: [UInt8] = []

    public init(delimiter: UInt8 = UInt8(ascii: ","), reservingCapacity capacity: Int = 1 << 16) {
        self.delimiter = delimiter
        buffer.reserveCapacity(capacity)
    }

    /// Appends one record, ending it with LF.
    public mutating func writeRow(_ fields: [String]) {
        for (k, field) in fields.enumerated() {
            if k > 0 { buffer.append(delimiter) }
            writeField(field)
        }
        buffer.append(0x0A)
    }

    /// Appends one field, quoting it only when needed.
    public mutating func writeField(_ field: String) {
        var copy = field
        copy.withUTF8 { writeField(bytes: UnsafeRawBufferPointer($0)) }
    }

    public mutating func writeField(bytes: UnsafeRawBufferPointer) {
        var needsQuotes = false
        for b in bytes where b == delimiter || b == 0x22 || b == 0x0A || b == 0x0D {
            needsQuotes = true
            break
        }
        if !needsQuotes {
            buffer.append(contentsOf: bytes)
            return
        }
        buffer.append(0x22)
        for b in bytes {
            if b == 0x22 { buffer.append(0x22) }
            buffer.append(b)
        }
        buffer.append(0x22)
    }

    public mutating func writeDelimiter() { buffer.append(delimiter) }

    /// Appends bytes that are already a valid field (pre-quoted, or known to need no quotes).
    @inline(__always) public mutating func appendBytes(_ bytes: [UInt8]) { buffer.append(contentsOf: bytes) }
    @inline(__always) public mutating func appendByte(_ byte: UInt8) { buffer.append(byte) }
    public mutating func endRow() { buffer.append(0x0A) }

    /// Hands over the bytes written so far and empties the buffer.
    public mutating func take() -> [UInt8] {
        defer { buffer.removeAll(keepingCapacity: true) }
        return buffer
    }
}
