public import MotcuaCore

/// Formats kept dossiers as canonical CSV rows, straight into bytes.
///
/// Snapshots hold every kept dossier (five million rows for a province's five years), so rows
/// are written digit by digit into one buffer, with no `String` per field (STYLE.md habit 11;
/// measured in Benchmarks, `snapshot write`). Instants are `YYYY-MM-DD HH:MM:SS` local time, with
/// `.mmm` only when there are milliseconds, which DuckDB and Spark read as timestamps.
public struct DossierCSVFormatter: ~Copyable {
    /// The canonical columns in snapshot order (CONTRACT.md section 1.1).
    public static let columns: [DossierColumn] = [
        .dossierID, .procedureCode, .agencyCode, .channel, .receivedAt, .status, .closedAt, .dueAt,
        .serviceLevel, .paidOnline, .updatedAt, .procedureName, .agencyName, .feeAmount, .supplementRequests,
    ]

    /// The rows formatted and not yet handed over: `count` bytes of `capacity` at `bytes`.
    /// Written through a pointer, not `Array.append` per byte (a uniqueness and capacity check
    /// each): formatting was half of the snapshot stage's CPU time (Benchmarks/compare.sh, perf).
    private var bytes: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    public private(set) var count = 0
    /// Every code, name and word a row copies (quoted where needed), back to back, and where
    /// each starts and ends: a table of raw memory, so copying one retains no array (reading
    /// `[[UInt8]]` retained and released the inner array, 3.5% of a run's CPU).
    private let texts: UnsafeMutablePointer<UInt8>
    private let spans: UnsafeMutablePointer<Int>
    /// Where each kind starts among the texts: procedure codes at 0, then the others.
    private let procedureLabelBase, agencyCodeBase, agencyLabelBase, channelBase, statusBase, trueText, falseText: Int
    /// The longest row but for its id: codes, names and the fixed-width fields.
    private let longestRowButID: Int
    /// `YYYY-MM-DD` of recent days, by day modulo the table's size (a part's dossiers were
    /// received within weeks of each other, so most instants hit): the first eight bytes in
    /// `dayHeads`, the day's two digits in `dayTails`.
    private var dayHeads = [UInt64](repeating: 0, count: 256)
    private var dayTails = [UInt16](repeating: 0, count: 256)
    private var dayKeys = [Int64](repeating: .min, count: 256)

    public init(ledger: DossierLedger) {
        let kinds: [[[UInt8]]] = [
            ledger.procedures.codes.map(Self.quotedIfNeeded), ledger.procedures.labels.map(Self.quotedIfNeeded),
            ledger.agencies.codes.map(Self.quotedIfNeeded), ledger.agencies.labels.map(Self.quotedIfNeeded),
            Self.channelNames, Self.statusNames, [Self.trueBytes], [Self.falseBytes],
        ]
        var bases: [Int] = []
        var all: [[UInt8]] = []
        for kind in kinds {
            bases.append(all.count)
            all += kind
        }
        (procedureLabelBase, agencyCodeBase, agencyLabelBase) = (bases[1], bases[2], bases[3])
        (channelBase, statusBase, trueText, falseText) = (bases[4], bases[5], bases[6], bases[7])
        let total = all.reduce(0) { $0 + $1.count }
        texts = .allocate(capacity: max(total, 1))
        spans = .allocate(capacity: 2 * all.count)
        var at = 0
        for (k, text) in all.enumerated() {
            (texts + at).initialize(from: text, count: text.count)
            spans[2 * k] = at
            at += text.count
            spans[2 * k + 1] = at
        }
        let longest = kinds[0...3].map { $0.map(\.count).max() ?? 0 }.reduce(0, +)
        longestRowButID = longest + 256
        capacity = 1 << 21
        bytes = .allocate(capacity: capacity)
    }

    deinit {
        bytes.deallocate()
        texts.deallocate()
        spans.deallocate()
    }

    /// The formatted rows not yet taken.
    public var buffer: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: bytes, count: count) }

    public mutating func writeHeader() {
        var header = CSVWriter(reservingCapacity: 256)
        header.writeRow(Self.columns.map(\.canonicalName))
        reserve(header.buffer.count)
        put(header.buffer)
    }

    /// - Complexity: O(row length); no allocation unless a row outgrows the buffer.
    public mutating func write(id: UnsafeRawBufferPointer, record r: DossierRecord) {
        reserve(2 * id.count + 2 + longestRowButID)
        field(id)
        comma()
        text(Int(r.procedure))
        comma()
        text(agencyCodeBase &+ Int(r.agency))
        comma()
        // A code outside the vocabulary (a damaged store; `checkCodes` sees only procedure and
        // agency) leaves the field empty rather than read another text or past the table.
        if r.channel >= 1 && Int(r.channel) <= statusBase - channelBase { text(channelBase &+ Int(r.channel) &- 1) }
        comma()
        instant(r.receivedAt)
        comma()
        if r.status >= 1 && Int(r.status) <= trueText - statusBase { text(statusBase &+ Int(r.status) &- 1) }
        comma()
        instant(r.closedAt)
        comma()
        instant(r.dueAt)
        comma()
        if r.serviceLevel != 0 { put(0x30 + r.serviceLevel) }
        comma()
        if r.paidOnline != 0 { text(r.paidOnline == 2 ? trueText : falseText) }
        comma()
        instant(r.updatedAt)
        comma()
        text(procedureLabelBase &+ Int(r.procedure))
        comma()
        text(agencyLabelBase &+ Int(r.agency))
        comma()
        if r.feeAmount != DossierRecord.unknownFee { number(UInt64(r.feeAmount)) }
        comma()
        number(UInt64(r.supplementRequests))
        put(0x0A)
    }

    /// Forgets the bytes formatted so far (after the caller wrote `buffer` out).
    public mutating func clear() { count = 0 }

    // MARK: - Pieces

    static let channelNames = Channel.allCases.sorted { $0.rawValue < $1.rawValue }.map { Array($0.description.utf8) }
    static let statusNames = DossierStatus.allCases.sorted { $0.rawValue < $1.rawValue }.map { Array($0.description.utf8) }
    static let trueBytes = Array("true".utf8)
    static let falseBytes = Array("false".utf8)
    /// "00" to "99", two bytes each.
    static let twoDigits: [UInt8] = {
        var table: [UInt8] = []
        for v in 0..<100 {
            table.append(UInt8(0x30 + v / 10))
            table.append(UInt8(0x30 + v % 10))
        }
        return table
    }()

    private static func quotedIfNeeded(_ text: String) -> [UInt8] {
        var w = CSVWriter(reservingCapacity: text.utf8.count + 2)
        w.writeField(text)
        return w.buffer
    }

    /// Room for `n` more bytes.
    @inline(__always) private mutating func reserve(_ n: Int) {
        guard count + n > capacity else { return }
        let grown = UnsafeMutablePointer<UInt8>.allocate(capacity: max(2 * capacity, count + n))
        grown.update(from: bytes, count: count)
        bytes.deallocate()
        bytes = grown
        capacity = max(2 * capacity, count + n)
    }

    @inline(__always) private mutating func put(_ byte: UInt8) {
        bytes[count] = byte
        count &+= 1
    }

    @inline(__always) private mutating func put(_ text: [UInt8]) {
        text.withUnsafeBufferPointer { (bytes + count).update(from: $0.baseAddress!, count: $0.count) }
        count &+= text.count
    }

    @inline(__always) private mutating func comma() { put(UInt8(ascii: ",")) }

    /// Copies text `k` of the table.
    @inline(__always) private mutating func text(_ k: Int) {
        let start = spans[2 &* k]
        let n = spans[2 &* k &+ 1] &- start
        (bytes + count).update(from: texts + start, count: n)
        count &+= n
    }

    /// A field, quoted (RFC 4180) only when it holds a comma, quote, CR or LF.
    private mutating func field(_ text: UnsafeRawBufferPointer) {
        guard text.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            if let base = text.baseAddress { (bytes + count).update(from: base.assumingMemoryBound(to: UInt8.self), count: text.count) }
            count &+= text.count
            return
        }
        put(0x22)
        for b in text {
            if b == 0x22 { put(0x22) }
            put(b)
        }
        put(0x22)
    }

    @inline(__always) private mutating func two(_ value: Int) {
        Self.twoDigits.withUnsafeBufferPointer { t in
            bytes[count] = t[2 * value]
            bytes[count &+ 1] = t[2 * value + 1]
        }
        count &+= 2
    }

    private mutating func instant(_ millis: Int64) {
        guard millis != DossierRecord.none else { return }
        let day = Int64(LocalDateTime(millis: millis).date.daysSinceEpoch)
        let slot = Int(truncatingIfNeeded: day) & 255
        if dayKeys[slot] != day {
            var text = [UInt8](repeating: 0, count: 10)
            let (y, m, d) = LocalDate(daysSinceEpoch: Int32(truncatingIfNeeded: day)).civil
            let year = max(0, min(y, 9999))
            text[0] = UInt8(0x30 + year / 1000)
            text[1] = UInt8(0x30 + year / 100 % 10)
            text[2] = UInt8(0x30 + year / 10 % 10)
            text[3] = UInt8(0x30 + year % 10)
            text[4] = UInt8(ascii: "-")
            text[5] = UInt8(0x30 + m / 10)
            text[6] = UInt8(0x30 + m % 10)
            text[7] = UInt8(ascii: "-")
            text[8] = UInt8(0x30 + d / 10)
            text[9] = UInt8(0x30 + d % 10)
            text.withUnsafeBytes { raw in
                dayHeads[slot] = raw.loadUnaligned(as: UInt64.self)
                dayTails[slot] = raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self)
            }
            dayKeys[slot] = day
        }
        let at = UnsafeMutableRawPointer(bytes + count)
        at.storeBytes(of: dayHeads[slot], as: UInt64.self)
        at.storeBytes(of: dayTails[slot], toByteOffset: 8, as: UInt16.self)
        count &+= 10
        let ms = Int(millis - day * LocalDateTime.millisPerDay)
        put(UInt8(ascii: " "))
        two(ms / 3_600_000)
        put(UInt8(ascii: ":"))
        two(ms / 60_000 % 60)
        put(UInt8(ascii: ":"))
        two(ms / 1000 % 60)
        if ms % 1000 != 0 {
            put(UInt8(ascii: "."))
            put(UInt8(0x30 + ms % 1000 / 100))
            two(ms % 100)
        }
    }

    /// A whole number in as few digits as it takes.
    private mutating func number(_ value: UInt64) {
        var divisor: UInt64 = 1
        while divisor <= value / 10 { divisor *= 10 }
        var v = value
        while divisor > 0 {
            put(UInt8(0x30 + v / divisor))
            v %= divisor
            divisor /= 10
        }
    }
}
