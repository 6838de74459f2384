import MotcuaCore

/// Reads one dossier object of a JSON export into the same field buffers a CSV row gives the
/// stager, so the national sync records (CONTRACT.md section 1.6) go through the one staging path.
///
/// Works on the object's bytes: the fields the profile names are lifted out (strings without
/// escapes point into the record, others are unescaped into an arena); every other value,
/// personal data included (ChuHoSo, SoDienThoai, Email, SoDinhDanh, TrichYeuHoSo), is skipped
/// without being decoded or kept. The nested lists are flattened on the way: `DanhSachLePhi`
/// to fee_amount (the sum of the items' `Gia`; no list: unknown), `DanhSachHoSoBoSung` to
/// supplement_requests (the number of items; no list: 0), and its latest `NgayHenTraMoi` moves
/// due_at when that is later. Where a column has several names, the first not empty wins
/// (closed_at: NgayKetThucXuLy, NgayTra, NgayTuChoi). Names match exactly, then ignoring case.
///
/// Foundation's JSONSerialization would build a dictionary of every member per record, the
/// personal data among them; this reads the bytes once (measured in docs/performance.md,
/// "dvcqg JSON ingest").
/// - Complexity: O(record length); no allocation once the arena has grown to the largest record.
struct DossierJSONScanner {
    enum Target: Equatable {
        case column(DossierColumn, priority: Int)
        case fees
        case supplements
    }

    private let names: [(bytes: [UInt8], target: Target)]
    /// The fields of the last record scanned, per `DossierColumn.rawValue`.
    let fields: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>
    private var priority: [Int]
    private var arena: UnsafeMutableRawBufferPointer
    private var used = 0

    static let feeList = "DanhSachLePhi"
    static let feeAmount = "Gia"
    static let supplementList = "DanhSachHoSoBoSung"
    static let newDueDate = "NgayHenTraMoi"

    init(profile: ColumnProfile) {
        var names: [(bytes: [UInt8], target: Target)] = []
        for column in DossierColumn.allCases {
            for (k, name) in profile.headerCandidates(for: column).enumerated() {
                names.append((Array(TextFolding.normalized(name).utf8), .column(column, priority: k)))
            }
        }
        names.append((Array(Self.feeList.utf8), .fees))
        names.append((Array(Self.supplementList.utf8), .supplements))
        self.names = names
        fields = .allocate(capacity: DossierColumn.allCases.count)
        fields.initialize(repeating: UnsafeRawBufferPointer(start: nil, count: 0))
        priority = [Int](repeating: .max, count: DossierColumn.allCases.count)
        arena = .allocate(byteCount: 1 << 16, alignment: 1)
    }

    /// Frees the buffers; the scanner is not used after.
    func release() {
        fields.deallocate()
        arena.deallocate()
    }

    // MARK: - Scanning a record

    /// Fills `fields` from the object in `record`.
    /// - Returns: `nil`, or why the record is not readable JSON (a `field_count` reject).
    mutating func scan(_ record: UnsafeRawBufferPointer) -> String? {
        // Unescaped text is never longer than its escaped form; 64 bytes more hold the numbers.
        if arena.count < record.count + 64 {
            arena.deallocate()
            arena = .allocate(byteCount: max(record.count + 64, arena.count * 2), alignment: 1)
        }
        used = 0
        for k in 0..<fields.count {
            fields[k] = UnsafeRawBufferPointer(start: nil, count: 0)
            priority[k] = .max
        }
        var cursor = JSONCursor(b: record)
        var fee: FeeTotal?
        var supplements: SupplementList?
        do throws(Malformed) {
            try cursor.expect(UInt8(ascii: "{"))
            try cursor.members { (key, c) throws(Malformed) in
                switch match(key) {
                case .column(let column, let p)?:
                    let value = try c.scalar(into: &self)
                    if !value.isEmpty, p < priority[column.rawValue] {
                        fields[column.rawValue] = value
                        priority[column.rawValue] = p
                    }
                case .fees?: fee = try c.feeList(into: &self)
                case .supplements?: supplements = try c.supplementList(into: &self)
                case nil: try c.skipValue()
                }
            }
            cursor.space()
            guard cursor.atEnd else { throw Malformed("text after the object's closing brace") }
        } catch {
            return error.message
        }
        if let fee { fields[DossierColumn.feeAmount.rawValue] = fee.bad ?? number(fee.sum) }
        if let supplements {
            fields[DossierColumn.supplementRequests.rawValue] = number(Int64(supplements.count))
            moveDue(supplements)
        }
        return nil
    }

    /// due_at moves to the latest NgayHenTraMoi when that is later (or there was none); an
    /// unreadable NgayHenTraMoi becomes due_at, so the record is rejected as `bad_date`.
    private mutating func moveDue(_ list: SupplementList) {
        let due = DossierColumn.dueAt.rawValue
        if let bad = list.badDate {
            fields[due] = bad
            return
        }
        guard let latest = list.latest else { return }
        switch DateParser.parse(fields[due]) {
        case .empty: fields[due] = latest.bytes
        case .value(let v) where latest.value > v: fields[due] = latest.bytes
        default: break
        }
    }

    /// The target of a member name: exact first, then ignoring ASCII case.
    private func match(_ key: UnsafeRawBufferPointer) -> Target? {
        for entry in names where entry.bytes.count == key.count {
            if entry.bytes.withUnsafeBytes({ memcmpEqual($0, key) }) { return entry.target }
        }
        for entry in names where entry.bytes.count == key.count {
            if entry.bytes.withUnsafeBytes({ Self.equalsIgnoringASCIICase(key, $0) }) { return entry.target }
        }
        return nil
    }

    static func equalsIgnoringASCIICase(_ a: UnsafeRawBufferPointer, _ b: some Collection<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        var k = 0
        for y in b {
            var x = a[k]
            var z = y
            if x >= 0x41 && x <= 0x5A { x |= 0x20 }
            if z >= 0x41 && z <= 0x5A { z |= 0x20 }
            if x != z { return false }
            k += 1
        }
        return true
    }

    // MARK: - The arena

    /// Room for `count` bytes in the arena (always there: see `scan`).
    mutating func reserve(_ count: Int) -> UnsafeMutableRawBufferPointer {
        let slot = UnsafeMutableRawBufferPointer(rebasing: arena[used..<(used + count)])
        used += count
        return slot
    }

    /// Gives back the unused tail of the last reservation.
    mutating func shrinkLast(by count: Int) { used -= count }

    /// A whole number's decimal digits, in the arena.
    mutating func number(_ value: Int64) -> UnsafeRawBufferPointer {
        var digits: [UInt8] = []
        var v = value
        repeat {
            digits.append(UInt8(0x30 + v % 10))
            v /= 10
        } while v > 0
        let slot = reserve(digits.count)
        for (k, d) in digits.reversed().enumerated() { slot[k] = d }
        return UnsafeRawBufferPointer(slot)
    }
}

/// Why a record is not readable JSON.
struct Malformed: Error {
    var message: String
    init(_ message: String) { self.message = message }
}

/// The running total of a fee list.
struct FeeTotal {
    var sum: Int64 = 0
    /// The first `Gia` that is not a whole number >= 0: fee_amount, so the record is `bad_number`.
    var bad: UnsafeRawBufferPointer?
}

/// What a supplement list says.
struct SupplementList {
    var count = 0
    var latest: (value: LocalDateTime, bytes: UnsafeRawBufferPointer)?
    var badDate: UnsafeRawBufferPointer?
}
