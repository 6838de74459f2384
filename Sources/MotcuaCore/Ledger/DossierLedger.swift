/// The kept dossiers, one per dossier id, with the duplicate rule of CONTRACT.md section 1.5.
///
/// Rows are held compactly (`DossierRecord`, 56 bytes) with procedure and agency codes
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

    /// How many kept dossiers are not received (for `runs.not_received`).
    /// - Complexity: O(n), one byte compare per dossier.
    public var notReceivedCount: Int {
        var n = 0
        for r in records where !r.isReceived { n += 1 }
        return n
    }

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
        merge(id: id, hash: DossierIDColumn.hash(id), record: record)
    }

    /// `merge(id:record:)` with the id's hash (`DossierIDColumn.hash`) made beforehand, on
    /// another core (the ingest lanes).
    @discardableResult
    public mutating func merge(id: UnsafeRawBufferPointer, hash: UInt64, record: DossierRecord) -> MergeOutcome {
        if let k = ids.position(of: id, hash: hash) {
            let held = records[k]
            if record.updatedAt >= held.updatedAt {
                if k < changes.loadedCount { changes.noteReplacement(of: k, original: held) }
                records[k] = record
                return .replaced
            }
            return .superseded
        }
        _ = ids.append(id, hash: hash)
        records.append(record)
        return .added
    }

    /// Where the look-up of an id with this hash starts (`DossierIDColumn.slotAddress`).
    @inline(__always)
    public func idSlotAddress(hash: UInt64) -> UnsafeRawPointer? { ids.slotAddress(hash: hash) }

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
            receivedAt: r.received, closedAt: r.closed, dueAt: r.due,
            serviceLevel: ServiceLevel(rawValue: r.serviceLevel),
            paidOnline: r.paidOnline == 0 ? nil : r.paidOnline == 2,
            updatedAt: r.updatedAt == DossierRecord.none ? nil : LocalDateTime(millis: r.updatedAt),
            feeAmount: r.fee, supplementRequests: Int(r.supplementRequests))
    }

    /// The position of a dossier id, if held.
    public func position(of id: String) -> Int? { ids.position(of: id) }
}

