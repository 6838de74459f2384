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
        let empty = UnsafeRawBufferPointer(start: nil, count: 0)
        while try reader.next() {
            for (k, index) in binding.enumerated() {
                fields[k] = index.map { reader.field($0) } ?? empty
            }
            counts.read += 1
            switch stager.stage(fields: UnsafeBufferPointer(fields), fieldCount: reader.fieldCount, expectedFieldCount: expected) {
            case .success(let dossier):
                counts.accepted += 1
                if dossier.paidOnline == nil, let k = binding[DossierColumn.paidOnline.rawValue],
                    !TextFolding.trim(reader.field(k)).isEmpty
                {
                    counts.unreadablePaidOnline += 1
                }
                switch ledger.merge(dossier) {
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
