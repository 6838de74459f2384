/// The kept dossiers, one per dossier id, with the duplicate rule of CONTRACT.md section 1.5.
///
/// Rows are held compactly (`DossierRecord`, 48 bytes) with procedure and agency codes
/// dictionary-coded, so five million dossiers fit in a few hundred megabytes and the figures
/// aggregate on integers (STYLE.md habit 11).
public struct DossierLedger: Sendable {
    public private(set) var ids = DossierIDColumn()
    public private(set) var records = ColumnBuffer<DossierRecord>()
    public private(set) var procedures = CodeDictionary()
    public private(set) var agencies = CodeDictionary()
    /// What changed since the ledger was built or loaded: a nightly run rewrites only the
    /// snapshot parts, store records and monthly counts these touch (issue 6).
    public private(set) var changes = LedgerChanges(loadedCount: 0)

    public init() {}

    /// Rebuilds a ledger from stored columns (the store and snapshots use this).
    public init(ids: DossierIDColumn, records: ColumnBuffer<DossierRecord>, procedures: CodeDictionary, agencies: CodeDictionary) {
        precondition(ids.count == records.count)
        self.ids = ids
        self.records = records
        self.procedures = procedures
        self.agencies = agencies
        self.changes = LedgerChanges(loadedCount: records.count)
    }

    public var count: Int { records.count }

    /// Makes room for `count` dossiers in all, so a large export does not regrow and rehash the
    /// tables step by step (page faults and index rebuilds were 9% of ingest in perf).
    /// Growth stays geometric: `Array.reserveCapacity` allocates exactly what is asked, so a
    /// small reservation per file would copy every table once per file.
    public mutating func reserveCapacity(_ count: Int) {
        guard count > records.capacity else { return }
        let target = max(count, records.count * 2)
        records.reserveCapacity(target)
        ids.reserveCapacity(target)
    }

    /// The same dossiers with no change recorded (a ledger as loaded from disk).
    public func reloaded() -> DossierLedger {
        var copy = self
        copy.changes = LedgerChanges(loadedCount: records.count)
        return copy
    }

    public enum MergeOutcome: Equatable, Sendable {
        /// A dossier id not held before.
        case added
        /// The row beat the held one, which is now superseded.
        case replaced
        /// The held row is newer; this row is superseded.
        case superseded
    }

    /// Merges a row that comes after every row merged before (later file, or later line).
    ///
    /// The greater `updated_at` wins; a row without one is older than any row with one; among
    /// equals the later row wins. Labels (procedure and agency names) are the latest seen.
    /// - Complexity: O(1) amortised (one hash look-up of the id).
    @discardableResult
    public mutating func merge(_ dossier: Dossier) -> MergeOutcome {
        let procedure = procedures.code(dossier.procedureCode, label: dossier.procedureName)
        let agency = agencies.code(dossier.agencyCode, label: dossier.agencyName)
        let record = DossierRecord(dossier, procedure: procedure, agency: agency)
        var id = dossier.id
        return id.withUTF8 { merge(id: UnsafeRawBufferPointer($0), record: record) }
    }

    /// The ingest fast path: a row already coded against this ledger's dictionaries
    /// (`procedureIndex`, `agencyIndex`), with its id as bytes. Same rule as `merge(_:)`.
    /// - Complexity: O(id length) expected.
    @discardableResult
    public mutating func merge(id: UnsafeRawBufferPointer, record: DossierRecord) -> MergeOutcome {
        if let k = ids.position(of: id) {
            let held = records[k]
            if record.updatedAt >= held.updatedAt {
                if k < changes.loadedCount { changes.noteReplacement(of: k, original: held) }
                records[k] = record
                return .replaced
            }
            return .superseded
        }
        _ = ids.append(id)
        records.append(record)
        return .added
    }

    /// The dictionary index of a procedure code, added if new; a non-empty label replaces the
    /// held one (labels are the latest seen).
    public mutating func procedureIndex(_ code: String, label: String?) -> UInt32 {
        procedures.code(code, label: label)
    }

    public mutating func agencyIndex(_ code: String, label: String?) -> UInt32 {
        agencies.code(code, label: label)
    }

    /// Replaces a procedure's name (the latest seen wins).
    public mutating func setProcedureName(_ index: UInt32, _ name: String) {
        procedures.setLabel(at: index, name)
    }

    public mutating func setAgencyName(_ index: UInt32, _ name: String) {
        agencies.setLabel(at: index, name)
    }

    /// The dossier at `position`, decoded (for snapshots and tests; the figures read `records`).
    public func dossier(at position: Int) -> Dossier {
        let r = records[position]
        return Dossier(
            id: ids[position], procedureCode: procedures.codes[Int(r.procedure)],
            agencyCode: agencies.codes[Int(r.agency)],
            channel: Channel(rawValue: r.channel) ?? .inPerson,
            status: DossierStatus(rawValue: r.status) ?? .pending,
            receivedAt: LocalDateTime(millis: r.receivedAt), closedAt: r.closed, dueAt: r.due,
            serviceLevel: ServiceLevel(rawValue: r.serviceLevel),
            paidOnline: r.paidOnline == 0 ? nil : r.paidOnline == 2,
            updatedAt: r.updatedAt == DossierRecord.none ? nil : LocalDateTime(millis: r.updatedAt))
    }

    /// The position of a dossier id, if held.
    public func position(of id: String) -> Int? { ids.position(of: id) }
}

/// A kept dossier in compact form: codes as dictionary indexes, instants as local milliseconds.
public struct DossierRecord: Sendable, Equatable, BitwiseCopyable {
    /// Marks an absent instant; it sorts before every real one, as the duplicate rule wants.
    public static let none = Int64.min

    public var procedure: UInt32
    public var agency: UInt32
    public var channel: UInt8
    public var status: UInt8
    /// 1-4, or 0 when the export gave none.
    public var serviceLevel: UInt8
    /// 0 unknown, 1 false, 2 true.
    public var paidOnline: UInt8
    public var receivedAt: Int64
    public var closedAt: Int64
    public var dueAt: Int64
    public var updatedAt: Int64

    public init(
        procedure: UInt32, agency: UInt32, channel: UInt8, status: UInt8, serviceLevel: UInt8, paidOnline: UInt8,
        receivedAt: Int64, closedAt: Int64, dueAt: Int64, updatedAt: Int64
    ) {
        self.procedure = procedure
        self.agency = agency
        self.channel = channel
        self.status = status
        self.serviceLevel = serviceLevel
        self.paidOnline = paidOnline
        self.receivedAt = receivedAt
        self.closedAt = closedAt
        self.dueAt = dueAt
        self.updatedAt = updatedAt
    }

    public init(_ d: Dossier, procedure: UInt32, agency: UInt32) {
        self.procedure = procedure
        self.agency = agency
        self.channel = d.channel.rawValue
        self.status = d.status.rawValue
        self.serviceLevel = d.serviceLevel?.rawValue ?? 0
        self.paidOnline = d.paidOnline.map { $0 ? 2 : 1 } ?? 0
        self.receivedAt = d.receivedAt.millis
        self.closedAt = d.closedAt?.millis ?? Self.none
        self.dueAt = d.dueAt?.millis ?? Self.none
        self.updatedAt = d.updatedAt?.millis ?? Self.none
    }

    public var received: LocalDateTime { LocalDateTime(millis: receivedAt) }
    public var closed: LocalDateTime? { closedAt == Self.none ? nil : LocalDateTime(millis: closedAt) }
    public var due: LocalDateTime? { dueAt == Self.none ? nil : LocalDateTime(millis: dueAt) }
}

/// Dictionary-codes a column of short codes (procedure or agency codes) with their latest label.
public struct CodeDictionary: Sendable, Equatable {
    public private(set) var codes: [String] = []
    public private(set) var labels: [String] = []
    private var index: [String: UInt32] = [:]

    public init() {}

    public init(codes: [String], labels: [String]) {
        precondition(codes.count == labels.count)
        self.codes = codes
        self.labels = labels
        for (k, c) in codes.enumerated() { index[c] = UInt32(k) }
    }

    public var count: Int { codes.count }

    /// The index of `code`, added if new; a non-empty `label` replaces the one held.
    public mutating func code(_ code: String, label: String?) -> UInt32 {
        if let k = index[code] {
            if let label, !label.isEmpty, labels[Int(k)] != label { labels[Int(k)] = label }
            return k
        }
        let k = UInt32(codes.count)
        index[code] = k
        codes.append(code)
        labels.append(label ?? "")
        return k
    }

    public func index(of code: String) -> UInt32? { index[code] }

    /// Replaces the label of the code at `index`; an empty label changes nothing.
    public mutating func setLabel(at index: UInt32, _ label: String) {
        if !label.isEmpty { labels[Int(index)] = label }
    }
}
