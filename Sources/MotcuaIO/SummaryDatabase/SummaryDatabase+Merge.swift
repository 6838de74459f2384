import Foundation
import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// `motcua merge` (CONTRACT.md section 3.5): one database from many provinces' summary
/// databases, with `province_code` first in every key. Counts are summed exactly in SQL
/// (integers, `ON CONFLICT ... DO UPDATE`), lists joined, and the ratio views and
/// `target_progress` generated again over the merged rows (`viewsSQL(.national)`), so every
/// ratio at province or national scope is one of summed counts.
extension SummaryDatabase {
    /// One input database and the province it is reported under.
    public struct MergeInput: Sendable, Equatable {
        /// The province code as the database was made (before or after 2025).
        public var province: String
        /// The code it is reported under: `province`, or its new code through the crosswalk.
        public var reportedProvince: String
        public var path: String

        public init(province: String, reportedProvince: String, path: String) {
            self.province = province
            self.reportedProvince = reportedProvince
            self.path = path
        }
    }

    /// What a merge records about itself besides the inputs.
    public struct MergeRecord: Sendable {
        public var id: String
        public var pipeline: String
        public var startedAt: String
        /// `2025`, a crosswalk file's path, or `none`.
        public var crosswalk: String
        /// National targets (scope `national`).
        public var targets: [PipelineFile.Target]

        public init(id: String, pipeline: String, startedAt: String, crosswalk: String, targets: [PipelineFile.Target])
        {
            self.id = id
            self.pipeline = pipeline
            self.startedAt = startedAt
            self.crosswalk = crosswalk
            self.targets = targets
        }
    }

    /// What each input held, read before anything is written.
    struct InputFacts {
        var schemaVersion: String
        var asOf: String
        var runID: String
        var bytes: Int
        var sha256: String
    }

    /// Checks every input, builds the merged database beside `path` and moves it into place.
    /// Returns the rows of `monthly_counts` written.
    @discardableResult
    public static func merge(_ inputs: [MergeInput], record: MergeRecord, to path: String) throws -> Int {
        let facts = try inputs.map { try inputFacts($0.path) }
        let folder = (path as NSString).deletingLastPathComponent
        try AtomicFileWriter.makeFolder(folder.isEmpty ? "." : folder)
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        do {
            let rows = try writeMerged(inputs, facts: facts, record: record, into: temporary)
            try AtomicFileWriter.moveIntoPlace(temporaryPath: temporary, path: path)
            return rows
        } catch {
            unlink(temporary)
            throw error
        }
    }

    static func inputFacts(_ path: String) throws -> InputFacts {
        guard FileManager.default.fileExists(atPath: path) else {
            throw MergeError.unreadableInput(path: path, reason: "no such file")
        }
        let values: [String: String]
        do {
            let db = try SQLiteConnection(path: path, readOnly: true)
            let rows = try db.prepare("SELECT key, value FROM metadata").query()
            values = Dictionary(rows.compactMap { r in r[0].text.map { ($0, r[1].text ?? "") } }) { _, last in last }
        } catch {
            throw MergeError.unreadableInput(path: path, reason: "no metadata table: \(error)")
        }
        if values["layout"] == Layout.national.rawValue { throw MergeError.mergedInput(path: path) }
        guard let version = values["schema_version"] else {
            throw MergeError.unreadableInput(path: path, reason: "its metadata has no schema_version")
        }
        guard version == String(schemaVersion) else {
            throw MergeError.schemaVersion(path: path, found: version, expected: schemaVersion)
        }
        let size = (try? FileManager.default.attributesOfItem(atPath: path))?[.size] as? Int
        return InputFacts(
            schemaVersion: version, asOf: values["as_of"] ?? "", runID: values["run_id"] ?? "", bytes: size ?? 0,
            sha256: try FileDigest.sha256(ofFileAt: path))
    }

    // MARK: - Writing

    static func writeMerged(_ inputs: [MergeInput], facts: [InputFacts], record: MergeRecord, into path: String) throws
        -> Int
    {
        let db = try SQLiteConnection(path: path)
        // Statements are released when `fill` returns, so the connection can close.
        let rows = try fill(db, inputs, facts: facts, record: record)
        try db.close()
        return rows
    }

    private static func fill(_ db: SQLiteConnection, _ inputs: [MergeInput], facts: [InputFacts], record: MergeRecord)
        throws -> Int
    {
        let shapes = try provinceTableShapes()
        try db.execute(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; "
                + "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;")
        try db.execute(mergedSchemaSQL(shapes))

        // One transaction per input: SQLite cannot detach inside a transaction, and it attaches
        // at most 10 databases at once (63 provinces). The file is renamed into place only at
        // the end, so a failure part-way still publishes nothing.
        let attach = try db.prepare("ATTACH DATABASE ? AS input")
        for input in inputs {
            try attach.run([.text(input.path)])
            try db.execute("BEGIN;")
            for table in mergedTables {
                // swift-format-ignore: NeverForceUnwrap
                let upsert = shapes[table.name]!.upsertSQL(table)
                try db.prepare(upsert).run([.text(input.reportedProvince)])
            }
            try db.prepare(usedProceduresSQL).run([.text(input.reportedProvince)])
            try db.execute("COMMIT; DETACH DATABASE input;")
        }

        try db.execute("BEGIN;")
        try db.execute(derivedColumnsSQL)
        try db.execute(unusedListsSQL)
        try recomputePortalScores(db, settings: .defaults)
        let targets = try db.prepare("INSERT OR REPLACE INTO targets VALUES ('', ?, ?, ?, ?)")
        for t in record.targets {
            try targets.run([.integer(t.year), .text(t.scope), .text(t.metric.rawValue), .real(t.target)])
        }
        let meta = try db.prepare("INSERT INTO metadata VALUES (?, ?)")
        let latestAsOf = facts.map(\.asOf).max() ?? ""
        for (k, v) in [
            ("schema_version", String(schemaVersion)), ("layout", Layout.national.rawValue),
            ("pipeline", record.pipeline),
            ("run_id", record.id), ("merged_at", record.startedAt), ("as_of", latestAsOf),
            ("crosswalk", record.crosswalk),
        ] {
            try meta.run([.text(k), .text(v)])
        }
        let inputRows = try db.prepare("INSERT INTO merge_inputs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for (k, (input, f)) in zip(inputs, facts).enumerated() {
            try inputRows.run([
                .text(record.id), .integer(k + 1), .text(input.province), .text(input.reportedProvince),
                .text(input.path),
                .integer(f.bytes), .text(f.sha256), .text(f.schemaVersion), .text(f.asOf), .text(f.runID),
            ])
        }
        try db.execute("COMMIT;")
        return try db.prepare("SELECT COUNT(*) FROM monthly_counts").query().first?.first?.integer ?? 0
    }

    /// The whole merged schema in one transaction: its own metadata and `merge_inputs`, every
    /// merged table (from the province schema's shapes) and the national layout's views.
    static func mergedSchemaSQL(_ shapes: [String: TableShape]) -> String {
        var sql =
            "BEGIN;\nCREATE TABLE metadata (key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;\n" + mergeInputsTableSQL
            + "\nCREATE TEMP TABLE used_procedures (province_code TEXT, procedure_code TEXT, "
            + "PRIMARY KEY (province_code, procedure_code)) WITHOUT ROWID;\n"
        for table in mergedTables {
            // swift-format-ignore: NeverForceUnwrap
            sql += shapes[table.name]!.mergedCreateSQL(table.name) + "\n"
        }
        return sql + viewsSQL(.national)
            + portalScoreTotalsSQL(paymentCap: PortalScoreSettings.defaults.paymentCap, byProvince: true) + "COMMIT;\n"
    }

    /// The procedures an input used in its dormancy window: active in its catalog and on
    /// neither of its lists of unused procedures (`MergedTable.listsUnusedProcedures`).
    static var usedProceduresSQL: String {
        let lists = mergedTables.filter(\.listsUnusedProcedures)
            .map { " AND procedure_code NOT IN (SELECT procedure_code FROM input.\($0.name))" }.joined()
        return
            "INSERT OR IGNORE INTO temp.used_procedures SELECT ?, procedure_code FROM input.procedures WHERE active = 1"
            + lists
    }

    /// Drops from the lists of unused procedures what another input of the same province used.
    static var unusedListsSQL: String {
        mergedTables.filter(\.listsUnusedProcedures).map {
            "DELETE FROM \($0.name) WHERE (province_code, procedure_code) IN "
                + "(SELECT province_code, procedure_code FROM temp.used_procedures);\n"
        }.joined()
    }

    /// The columns computed again from merged ones (`MergedTable.derived`).
    static var derivedColumnsSQL: String {
        mergedTables.flatMap { table in
            table.derived.sorted { $0.key < $1.key }.map { "UPDATE \(table.name) SET \($0.key) = \($0.value);\n" }
        }.joined()
    }

    /// The inputs of the merge that wrote the database (one row per input, in pipeline order).
    static let mergeInputsTableSQL = """
        CREATE TABLE merge_inputs (
            merge_id TEXT NOT NULL, position INTEGER NOT NULL, province_code TEXT NOT NULL,
            reported_province_code TEXT NOT NULL, path TEXT NOT NULL, bytes INTEGER NOT NULL, sha256 TEXT NOT NULL,
            schema_version TEXT NOT NULL, as_of TEXT NOT NULL, run_id TEXT NOT NULL,
            PRIMARY KEY (merge_id, position)
        ) WITHOUT ROWID;
        """
}
