/// Turns one raw export record into a typed, normalised `Dossier`, or a `Rejection`.
///
/// This is the staging layer of STYLE.md habit 1: rename (through the profile), cast, normalise;
/// no aggregation. The checks run in the order of CONTRACT.md section 1.4, so the first reason in
/// the contract's list is the one reported.
public struct DossierStager: Sendable {
    public let profile: ColumnProfile
    /// Dates outside this range are `date_out_of_range` (CONTRACT.md section 1.4).
    public static let earliest = LocalDateTime(date: LocalDate(year: 1990, month: 1, day: 1)!)
    public static let latestExclusive = LocalDateTime(date: LocalDate(year: 2101, month: 1, day: 1)!)

    private var channelCache = SpellingCache<Channel>()
    private var statusCache = SpellingCache<DossierStatus>()
    private var levelCache = SpellingCache<ServiceLevel>()
    private var paidCache = SpellingCache<Bool>()
    private var codes = TextInterner()
    private var labels = TextInterner()
    /// The name key each procedure and agency code key had on its last row (-1: none yet): a
    /// name is first compared with it, not hashed (`TextInterner.key(_:hint:)`).
    private var procedureNameHints: [Int32] = []
    private var agencyNameHints: [Int32] = []
    private let valueMaps: ValueMaps
    private let defaults: FieldDefaults

    public init(profile: ColumnProfile) {
        self.profile = profile
        valueMaps = ValueMaps(profile.values)
        defaults = FieldDefaults(profile.defaults)
    }

    /// Stages one record.
    /// - Parameters:
    ///   - fields: the raw bytes of each canonical column, indexed by `DossierColumn.rawValue`;
    ///     an empty buffer for a column the file does not have.
    ///   - fieldCount: how many fields the record has; `expectedFieldCount`: the header's.
    /// - Complexity: O(record length); allocates only the dossier's strings.
    public mutating func stage(
        fields: UnsafeBufferPointer<UnsafeRawBufferPointer>, fieldCount: Int, expectedFieldCount: Int
    ) -> Result<Dossier, Rejection> {
        stageRow(fields: fields, fieldCount: fieldCount, expectedFieldCount: expectedFieldCount).map { row in
            dossier(
                from: row,
                id: TextFolding.normalized(utf8: TextFolding.trim(fields[DossierColumn.dossierID.rawValue])))
        }
    }

    /// The text of a procedure or agency code key of a staged row.
    public func codeText(_ key: Int32) -> String { codes.value(key) }

    /// The text of a name key of a staged row; `nil` for -1 (no name given).
    public func nameText(_ key: Int32) -> String? { key < 0 ? nil : labels.value(key) }

    /// The full dossier of a staged row.
    public func dossier(from row: StagedRow, id: String) -> Dossier {
        func instant(_ millis: Int64) -> LocalDateTime? {
            millis == DossierRecord.none ? nil : LocalDateTime(millis: millis)
        }
        return Dossier(
            id: id, procedureCode: codeText(row.procedureKey), agencyCode: codeText(row.agencyKey),
            channel: row.channel, status: row.status, receivedAt: instant(row.receivedAt),
            closedAt: instant(row.closedAt), dueAt: instant(row.dueAt),
            serviceLevel: ServiceLevel(rawValue: row.serviceLevel),
            paidOnline: row.paidOnline == 0 ? nil : row.paidOnline == 2, updatedAt: instant(row.updatedAt),
            procedureName: nameText(row.procedureNameKey), agencyName: nameText(row.agencyNameKey),
            feeAmount: row.feeAmount == DossierRecord.unknownFee ? nil : row.feeAmount,
            supplementRequests: Int(row.supplementRequests))
    }

    /// `stage` without building the id string: the ingest fast path, which merges by the id's
    /// bytes. Codes and names come with their interner keys so the caller can map them to its
    /// dictionary indexes once per distinct value.
    public mutating func stageRow(
        fields: UnsafeBufferPointer<UnsafeRawBufferPointer>, fieldCount: Int, expectedFieldCount: Int
    ) -> Result<StagedRow, Rejection> {
        let defaults = self.defaults
        @inline(__always) func raw(_ c: DossierColumn) -> UnsafeRawBufferPointer {
            let value = TextFolding.trim(fields[c.rawValue])
            return value.isEmpty ? defaults.bytes[c.rawValue] : value
        }

        // Per row, nothing here allocates: no arrays, no copy of the profile (a class holds its
        // value maps), so the two lanes do not meet in malloc.
        let maps = self.valueMaps
        // 1. field_count: decided first, since a record with too few or too many fields has no
        // reliable mapping of values to columns (a short row's "empty" field may be a shift).
        if fieldCount != expectedFieldCount {
            return .failure(
                Rejection(
                    .fieldCount,
                    "record has \(fieldCount) fields, the header has \(expectedFieldCount)"))
        }
        // 2. empty_required; received_at is not required of a dossier not received.
        let agencyBytes = agencyCode(raw(.agencyCode), id: raw(.dossierID))
        for column in Self.requiredColumns {
            let value = column == .agencyCode ? agencyBytes : raw(column)
            guard value.isEmpty else { continue }
            if column == .receivedAt,
                statusCache.lookup(raw(.status), .status, maps: maps, parse: ValueSpellings.status(folded:)) == .notReceived
            {
                continue
            }
            return .failure(Rejection(.emptyRequired, "required field \(column.canonicalName) is empty"))
        }
        // 3. bad_date, 4. date_out_of_range
        var dates: (LocalDateTime?, LocalDateTime?, LocalDateTime?, LocalDateTime?) = (nil, nil, nil, nil)
        for (k, column) in Self.dateColumns.enumerated() {
            let value: LocalDateTime?
            switch DateParser.parse(raw(column)) {
            case .empty: value = nil
            case .value(let v): value = v
            case .invalid:
                return .failure(
                    Rejection(
                        .badDate,
                        "\(column.canonicalName) '\(Self.text(raw(column)))' is not a date; expected "
                            + DateParser.acceptedForms))
            }
            switch k {
            case 0: dates.0 = value
            case 1: dates.1 = value
            case 2: dates.2 = value
            default: dates.3 = value
            }
        }
        func outOfRange(_ value: LocalDateTime?, _ k: Int) -> Rejection? {
            guard let v = value, v < Self.earliest || v >= Self.latestExclusive else { return nil }
            return Rejection(.dateOutOfRange, "\(Self.dateColumns[k].canonicalName) \(v) is outside 1990-01-01..2100-12-31")
        }
        if let r = outOfRange(dates.0, 0) ?? outOfRange(dates.1, 1) ?? outOfRange(dates.2, 2) ?? outOfRange(dates.3, 3) {
            return .failure(r)
        }
        // 5-7. coded values
        let channelBytes = raw(.channel)
        guard
            let channel = channelCache.lookup(channelBytes, .channel, maps: maps, parse: ValueSpellings.channel(folded:))
        else {
            return .failure(
                Rejection(
                    .unknownChannel,
                    "channel '\(Self.text(channelBytes))' is not online, in_person or postal; "
                        + "add it to the profile's values"))
        }
        let statusBytes = raw(.status)
        guard let status = statusCache.lookup(statusBytes, .status, maps: maps, parse: ValueSpellings.status(folded:))
        else {
            return .failure(
                Rejection(
                    .unknownStatus,
                    "status '\(Self.text(statusBytes))' is not pending, resolved, rejected, "
                        + "withdrawn or not_received; add it to the profile's values"))
        }
        var level: ServiceLevel?
        let levelBytes = raw(.serviceLevel)
        if !levelBytes.isEmpty {
            level = levelCache.lookup(levelBytes, .serviceLevel, maps: maps) { target in
                ValueSpellings.serviceLevel(folded: TextFolding.folded(target))
            }
            if level == nil {
                return .failure(
                    Rejection(
                        .unknownLevel,
                        "service_level '\(Self.text(levelBytes))' is not 1-4, 'mức độ N', "
                            + "'một phần' or 'toàn trình'"))
            }
        }
        // 8. bad_number
        let feeBytes = raw(.feeAmount)
        let fee = Self.wholeNumber(feeBytes)
        if !feeBytes.isEmpty, fee == nil {
            return .failure(
                Rejection(.badNumber, "fee_amount '\(Self.text(feeBytes))' is not a whole number of VND >= 0"))
        }
        let supplementBytes = raw(.supplementRequests)
        let supplements = Self.wholeNumber(supplementBytes)
        if !supplementBytes.isEmpty, (supplements ?? .max) > Int64(UInt32.max) {
            return .failure(
                Rejection(
                    .badNumber, "supplement_requests '\(Self.text(supplementBytes))' is not a whole number >= 0"))
        }
        // received_at is empty only for a dossier not received (checked above).
        let received = dates.0
        let closed = dates.1
        let due = dates.2
        // 9-11. consistency
        if let received, let closed, closed < received {
            return .failure(
                Rejection(
                    .closedBeforeReceived, "closed_at \(closed) is before received_at \(received)"))
        }
        if let received, let due, due.date < received.date {
            return .failure(
                Rejection(
                    .dueBeforeReceived,
                    "due_at \(due.date) is before the day received_at \(received.date)"))
        }
        if status != .pending, status != .notReceived, closed == nil {
            return .failure(
                Rejection(.missingClosedAt, "status is \(status) but closed_at is empty"))
        }

        // paid_online: an unreadable spelling counts as unknown, never as true or false.
        let paidBytes = raw(.paidOnline)
        let paid: Bool? =
            paidBytes.isEmpty
            ? nil
            : paidCache.lookup(paidBytes, .paidOnline, maps: maps) { target in
                ValueSpellings.boolean(folded: TextFolding.folded(target))
            }

        let procedure = codes.key(raw(.procedureCode))
        let agency = codes.key(agencyBytes)
        return .success(
            StagedRow(
                procedureKey: procedure, agencyKey: agency,
                procedureNameKey: Self.label(
                    raw(.procedureName), of: procedure, labels: &labels, hints: &procedureNameHints),
                agencyNameKey: Self.label(raw(.agencyName), of: agency, labels: &labels, hints: &agencyNameHints),
                channel: channel, status: status,
                serviceLevel: level?.rawValue ?? 0, paidOnline: paid.map { $0 ? 2 : 1 } ?? 0,
                receivedAt: received?.millis ?? DossierRecord.none, closedAt: closed?.millis ?? DossierRecord.none,
                dueAt: due?.millis ?? DossierRecord.none, updatedAt: dates.3?.millis ?? DossierRecord.none,
                feeAmount: fee ?? DossierRecord.unknownFee, supplementRequests: UInt32(supplements ?? 0)))
    }

    /// The agency code, or with `agencyFromDossierID` and no code, the dossier id before its
    /// first `-` (empty when the id has none).
    @inline(__always)
    private func agencyCode(_ code: UnsafeRawBufferPointer, id: UnsafeRawBufferPointer) -> UnsafeRawBufferPointer {
        guard code.isEmpty, profile.agencyFromDossierID, let dash = id.firstIndex(of: UInt8(ascii: "-")) else {
            return code
        }
        return TextFolding.trim(UnsafeRawBufferPointer(rebasing: id[0..<dash]))
    }

    /// A whole number >= 0 written in ASCII digits (a trailing `.0`, as some systems write
    /// integral amounts, is allowed); `nil` for anything else or past 10^18.
    public static func wholeNumber(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        guard !bytes.isEmpty else { return nil }
        var value: Int64 = 0
        var k = 0
        while k < bytes.count, bytes[k] >= 0x30, bytes[k] <= 0x39 {
            guard value < 100_000_000_000_000_000 else { return nil }
            value = value * 10 + Int64(bytes[k] - 0x30)
            k += 1
        }
        guard k > 0 else { return nil }
        if k < bytes.count {
            guard bytes[k] == UInt8(ascii: "."), k + 1 < bytes.count else { return nil }
            for b in bytes[(k + 1)...] where b != 0x30 { return nil }
        }
        return value
    }

    /// A name's key (-1 when empty), tried first against the one its code had on its last row.
    private static func label(
        _ bytes: UnsafeRawBufferPointer, of code: Int32, labels: inout TextInterner, hints: inout [Int32]
    ) -> Int32 {
        guard !bytes.isEmpty else { return -1 }
        let c = Int(code)
        if c >= hints.count { hints.append(contentsOf: repeatElement(-1, count: c + 1 - hints.count)) }
        let key = labels.key(bytes, hint: hints[c])
        hints[c] = key
        return key
    }

    static let requiredColumns = DossierColumn.allCases.filter(\.isRequired)
    public static let dateColumns: [DossierColumn] = [.receivedAt, .closedAt, .dueAt, .updatedAt]

    static func text(_ bytes: UnsafeRawBufferPointer) -> String {
        let s = TextFolding.normalized(utf8: bytes)
        return s.count > 60 ? String(s.prefix(60)) + "…" : s
    }
}

/// Remembers the meaning of the few raw spellings a coded column takes, so that folding and
/// dictionary look-ups run once per distinct spelling, not once per row.
///
/// The spellings are kept in one byte buffer, and the profile's value maps are passed in rather
/// than captured by the parse closure: either way a retain and release per look-up, four look-ups
/// a row (perf of a long-row run, issue 16).
struct SpellingCache<Value: Sendable>: Sendable {
    private var bytes: [UInt8] = []
    private var ends: [Int] = []
    private var values: [Value?] = []
    static var capacity: Int { 64 }

    /// - Parameters:
    ///   - raw: the field's trimmed bytes.
    ///   - column: whose value map `maps` applies to a new spelling.
    ///   - parse: reads the folded spelling after the value map.
    /// - Complexity: O(distinct spellings) byte comparisons; the parse runs on a miss.
    mutating func lookup(
        _ raw: UnsafeRawBufferPointer, _ column: DossierColumn, maps: ValueMaps, parse: (String) -> Value?
    ) -> Value? {
        let found = bytes.withUnsafeBytes { all -> Int? in
            var start = 0
            for (k, end) in ends.enumerated() {
                if end - start == raw.count,
                    memcmpEqual(UnsafeRawBufferPointer(rebasing: all[start..<end]), raw)
                {
                    return k
                }
                start = end
            }
            return nil
        }
        if let found { return values[found] }
        let folded = TextFolding.folded(String(decoding: raw, as: UTF8.self))
        let value = parse(maps.mapped(folded, column))
        if ends.count < Self.capacity {
            bytes.append(contentsOf: raw)
            ends.append(bytes.count)
            values.append(value)
        }
        return value
    }
}

/// A profile's values for empty fields, as bytes that live as long as the stager.
final class FieldDefaults: @unchecked Sendable {
    /// Per column (`rawValue`); empty where the profile gives no default.
    let bytes: [UnsafeRawBufferPointer]
    private let storage: [UnsafeMutableRawBufferPointer]

    init(_ defaults: [DossierColumn: String]) {
        storage = DossierColumn.allCases.map { column in
            let text = Array((defaults[column] ?? "").utf8)
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: text.count, alignment: 1)
            buffer.copyBytes(from: text)
            return buffer
        }
        bytes = storage.map { UnsafeRawBufferPointer($0) }
    }

    deinit { for buffer in storage { buffer.deallocate() } }
}

/// A profile's value maps, shared by reference: consulted only when a spelling is first seen.
final class ValueMaps: Sendable {
    let values: [DossierColumn: [String: String]]

    init(_ values: [DossierColumn: [String: String]]) { self.values = values }

    /// The profile's translation of a folded raw value, or the value itself.
    func mapped(_ folded: String, _ column: DossierColumn) -> String {
        values[column]?[folded].map { TextFolding.folded($0) } ?? folded
    }
}
