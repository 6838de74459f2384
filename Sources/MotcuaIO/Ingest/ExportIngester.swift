public import MotcuaCore

/// Reads export files into a ledger: the adapter between the CSV reader (bytes) and staging
/// (Core). Rows are merged in input order, so later files and later lines win ties
/// (CONTRACT.md section 1.5).
public final class ExportIngester {
    public private(set) var ledger: DossierLedger
    public private(set) var counts = IngestCounts()
    private let rejects: RejectsFile
    private let fields: UnsafeMutableBufferPointer<UnsafeRawBufferPointer>

    public init(ledger: DossierLedger, rejects: RejectsFile) {
        self.ledger = ledger
        self.rejects = rejects
        counts.keptBefore = ledger.count
        counts.keptAfter = ledger.count
        fields = .allocate(capacity: DossierColumn.allCases.count)
        fields.initialize(repeating: UnsafeRawBufferPointer(start: nil, count: 0))
    }

    deinit { fields.deallocate() }

    /// Reads one export; a file that cannot be read as a table throws `CSVError` and nothing of
    /// it is kept by the caller (the whole run stops).
    /// - Parameter displayPath: how the file is named in the rejects file.
    /// - Complexity: O(file size).
    public func ingest(path: String, displayPath: String, profile: ColumnProfile) throws {
        let reader = try CSVReader(path: path, delimiter: profile.delimiter)
        let binding = try HeaderBinding.bind(
            header: reader.header, candidates: { (c: DossierColumn) in profile.headerCandidates(for: c) },
            path: displayPath, profileName: profile.name, isRequired: { $0.isRequired })
        let expected = reader.header.count
        var stager = DossierStager(profile: profile)
        var procedureCodes = InternedCodeMap()
        var agencyCodes = InternedCodeMap()
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        while try reader.next() {
            for (k, index) in binding.enumerated() {
                fields[k] = index.map { reader.field($0) } ?? empty
            }
            counts.read += 1
            switch stager.stageRow(fields: UnsafeBufferPointer(fields), fieldCount: reader.fieldCount, expectedFieldCount: expected) {
            case .success(let row):
                counts.accepted += 1
                if row.paidOnline == nil, let k = binding[DossierColumn.paidOnline.rawValue],
                    !TextFolding.trim(reader.field(k)).isEmpty
                {
                    counts.unreadablePaidOnline += 1
                }
                let procedure = procedureCodes.index(
                    key: row.procedureKey, labelKey: row.procedureNameKey,
                    resolve: { ledger.procedureIndex(row.procedureCode, label: row.procedureName) })
                let agency = agencyCodes.index(
                    key: row.agencyKey, labelKey: row.agencyNameKey,
                    resolve: { ledger.agencyIndex(row.agencyCode, label: row.agencyName) })
                let id = TextFolding.trim(fields[DossierColumn.dossierID.rawValue])
                let outcome: DossierLedger.MergeOutcome
                if TextFolding.isSurelyNFC(id) {
                    outcome = ledger.merge(id: id, record: row.record(procedure: procedure, agency: agency))
                } else {
                    var normalized = TextFolding.normalized(utf8: id)
                    outcome = normalized.withUTF8 {
                        ledger.merge(id: UnsafeRawBufferPointer($0), record: row.record(procedure: procedure, agency: agency))
                    }
                }
                switch outcome {
                case .added: counts.keptAfter += 1
                case .replaced, .superseded: counts.superseded += 1
                }
            case .failure(let rejection):
                counts.rejected += 1
                counts.rejectedByReason[rejection.reason, default: 0] += 1
                try rejects.append(source: displayPath, line: reader.recordLine, rejection: rejection, raw: reader.rawRecord)
            }
        }
        counts.bytes += reader.bytesConsumed
    }
}

/// Maps a stager's interner keys to ledger dictionary indexes, so the per-row cost of coding a
/// procedure or agency is an array read; the ledger's `String`-keyed dictionary is consulted
/// only when a code is new to this file or its name changes (names are the latest seen).
struct InternedCodeMap {
    private var indexes: [Int64] = []
    private var labelKeys: [Int32] = []

    @inline(__always)
    mutating func index(key: Int32, labelKey: Int32, resolve: () -> UInt32) -> UInt32 {
        guard key >= 0 else { return resolve() }
        let k = Int(key)
        if k >= indexes.count {
            indexes.append(contentsOf: repeatElement(-1, count: k + 1 - indexes.count))
            labelKeys.append(contentsOf: repeatElement(-1, count: k + 1 - labelKeys.count))
        }
        if indexes[k] >= 0 && (labelKey < 0 || labelKeys[k] == labelKey) { return UInt32(indexes[k]) }
        let index = resolve()
        indexes[k] = Int64(index)
        if labelKey >= 0 { labelKeys[k] = labelKey }
        return index
    }
}
