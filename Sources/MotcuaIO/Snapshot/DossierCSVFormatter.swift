public import MotcuaCore

/// Formats kept dossiers as canonical CSV rows, straight into bytes.
///
/// Snapshots hold every kept dossier (five million rows for a province's five years), so rows
/// are written digit by digit into one buffer, with no `String` per field (STYLE.md habit 11;
/// measured in Benchmarks, `snapshot write`). Instants are `YYYY-MM-DD HH:MM:SS` local time, with
/// `.mmm` only when there are milliseconds, which DuckDB and Spark read as timestamps.
public struct DossierCSVFormatter {
    /// The canonical columns in snapshot order (CONTRACT.md section 1.1).
    public static let columns: [DossierColumn] = [
        .dossierID, .procedureCode, .agencyCode, .channel, .receivedAt, .status, .closedAt, .dueAt,
        .serviceLevel, .paidOnline, .updatedAt, .procedureName, .agencyName, .feeAmount, .supplementRequests,
    ]

    private var csv = CSVWriter(reservingCapacity: 1 << 21)
    private let procedureCodes: [[UInt8]]
    private let procedureLabels: [[UInt8]]
    private let agencyCodes: [[UInt8]]
    private let agencyLabels: [[UInt8]]

    public init(ledger: DossierLedger) {
        procedureCodes = ledger.procedures.codes.map(Self.quotedIfNeeded)
        procedureLabels = ledger.procedures.labels.map(Self.quotedIfNeeded)
        agencyCodes = ledger.agencies.codes.map(Self.quotedIfNeeded)
        agencyLabels = ledger.agencies.labels.map(Self.quotedIfNeeded)
    }

    public var buffer: [UInt8] { csv.buffer }

    public mutating func writeHeader() {
        csv.writeRow(Self.columns.map(\.canonicalName))
    }

    /// - Complexity: O(row length); no allocation beyond the buffer's growth.
    public mutating func write(id: UnsafeRawBufferPointer, record r: DossierRecord) {
        csv.writeField(bytes: id)
        comma()
        append(procedureCodes[Int(r.procedure)])
        comma()
        append(agencyCodes[Int(r.agency)])
        comma()
        append(Self.channelNames[Int(r.channel) &- 1])
        comma()
        instant(r.receivedAt)
        comma()
        append(Self.statusNames[Int(r.status) &- 1])
        comma()
        instant(r.closedAt)
        comma()
        instant(r.dueAt)
        comma()
        if r.serviceLevel != 0 { csv.appendByte(0x30 + r.serviceLevel) }
        comma()
        if r.paidOnline != 0 { append(r.paidOnline == 2 ? Self.trueBytes : Self.falseBytes) }
        comma()
        instant(r.updatedAt)
        comma()
        append(procedureLabels[Int(r.procedure)])
        comma()
        append(agencyLabels[Int(r.agency)])
        comma()
        if r.feeAmount != DossierRecord.unknownFee { number(UInt64(r.feeAmount)) }
        comma()
        number(UInt64(r.supplementRequests))
        csv.endRow()
    }

    /// Hands over the bytes formatted so far.
    public mutating func take() -> [UInt8] { csv.take() }

    // MARK: - Pieces

    static let channelNames = Channel.allCases.sorted { $0.rawValue < $1.rawValue }.map { Array($0.description.utf8) }
    static let statusNames = DossierStatus.allCases.sorted { $0.rawValue < $1.rawValue }.map { Array($0.description.utf8) }
    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)

    private static func quotedIfNeeded(_ text: String) -> [UInt8] {
        var w = CSVWriter(reservingCapacity: text.utf8.count + 2)
        w.writeField(text)
        return w.buffer
    }

    @inline(__always) private mutating func comma() { csv.appendByte(UInt8(ascii: ",")) }
    @inline(__always) private mutating func append(_ bytes: [UInt8]) { csv.appendBytes(bytes) }

    private mutating func instant(_ millis: Int64) {
        guard millis != DossierRecord.none else { return }
        let t = LocalDateTime(millis: millis)
        let (y, m, d) = t.date.civil
        let ms = Int(t.millisOfDay)
        digits(y, 4)
        csv.appendByte(UInt8(ascii: "-"))
        digits(m, 2)
        csv.appendByte(UInt8(ascii: "-"))
        digits(d, 2)
        csv.appendByte(UInt8(ascii: " "))
        digits(ms / 3_600_000, 2)
        csv.appendByte(UInt8(ascii: ":"))
        digits(ms / 60_000 % 60, 2)
        csv.appendByte(UInt8(ascii: ":"))
        digits(ms / 1000 % 60, 2)
        if ms % 1000 != 0 {
            csv.appendByte(UInt8(ascii: "."))
            digits(ms % 1000, 3)
        }
    }

    /// A whole number in as few digits as it takes.
    private mutating func number(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var v = value
        while divisor > 0 {
            csv.appendByte(UInt8(0x30 + v / divisor))
            v %= divisor
            divisor /= 10
        }
    }

    @inline(__always) private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var v = value
        while divisor > 0 {
            csv.appendByte(UInt8(0x30 + v / divisor % 10))
            v %= divisor
            divisor /= 10
        }
    }
}
