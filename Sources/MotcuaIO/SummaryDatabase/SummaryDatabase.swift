import Foundation
public import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// Publishes the summary database (CONTRACT.md section 3.1): built whole in a temporary file in
/// one transaction, then renamed over the old one, so a reader sees the previous run's database
/// or this one, never a mix.
public enum SummaryDatabase {
    /// What a publish writes besides the figures.
    public struct Content: Sendable {
        public var pipeline: String
        public var figures: FigureSet
        public var catalog: Catalog
        public var agencies: [Agency]
        public var targets: [PipelineFile.Target]
        public var runs: [RunRecord]

        public init(
            pipeline: String, figures: FigureSet, catalog: Catalog, agencies: [Agency],
            targets: [PipelineFile.Target], runs: [RunRecord]
        ) {
            self.pipeline = pipeline
            self.figures = figures
            self.catalog = catalog
            self.agencies = agencies
            self.targets = targets
            self.runs = runs
        }
    }

    public static func publish(_ content: Content, to path: String) throws {
        let built = try build(content, besides: path)
        try AtomicFileWriter.moveIntoPlace(temporaryPath: built.path, path: path)
    }

    /// Builds the database in a temporary file beside `path` and returns its path and
    /// fingerprint; the caller moves it into place with `AtomicFileWriter.moveIntoPlace` (and
    /// keeps the fingerprint with the store) or removes it.
    ///
    /// - Parameter previous: the database the previous run published and the fingerprint that
    ///   run kept, when this run's figures are that run's updated by difference
    ///   (`FigureSet.changedMonthlyKeys`) and the caller has checked it is that run's
    ///   (`publishedRunID(at:)`). When its bytes still match the fingerprint, it is copied and
    ///   only the changed `monthly_counts` rows are replaced; the other tables are small and
    ///   written whole. The result holds the same rows as a database built from nothing, which
    ///   is what happens when the bytes do not match (a damaged or edited file is never carried
    ///   forward) or the patch fails.
    public static func build(
        _ content: Content, besides path: String, patching previous: (path: String, fingerprint: DatabaseFingerprint)? = nil
    ) throws -> (path: String, fingerprint: DatabaseFingerprint) {
        let folder = (path as NSString).deletingLastPathComponent
        try AtomicFileWriter.makeFolder(folder.isEmpty ? "." : folder)
        let temporary = path + ".tmp-\(getpid())"
        unlink(temporary)
        if let changedKeys = content.figures.changedMonthlyKeys, let previous {
            do {
                // The copy is checked, not the file before it: what is patched is what matched.
                guard try DatabaseFingerprint.copy(from: previous.path, to: temporary) == previous.fingerprint else {
                    throw DatabaseChanged()
                }
                try write(content, into: temporary, changedMonthlyKeys: changedKeys)
                return (temporary, try DatabaseFingerprint(ofFileAt: temporary))
            } catch let error as FileAccessError where error.isOutOfSpace {
                unlink(temporary)
                throw error
            } catch {
                // Whatever went wrong with the copy, the database is built from nothing below.
                unlink(temporary)
            }
        }
        do {
            try write(content, into: temporary, changedMonthlyKeys: nil)
        } catch {
            unlink(temporary)
            throw error
        }
        return (temporary, try DatabaseFingerprint(ofFileAt: temporary))
    }

    /// Writes every table into the database at `path` in one transaction: from nothing, or, with
    /// `changedMonthlyKeys`, into a copy of the previous database.
    static func write(_ content: Content, into path: String, changedMonthlyKeys: [MonthlyCounts.Key]?) throws {
        let db = try SQLiteConnection(path: path)
        // The whole database is written in one transaction; a page cache that holds it keeps
        // SQLite from spilling and re-reading its own pages.
        try db.execute(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA page_size = 8192; "
                + "PRAGMA cache_size = -262144; PRAGMA temp_store = MEMORY;")
        try db.execute("BEGIN;")
        if changedMonthlyKeys == nil {
            try db.execute(tablesSQL)
            try db.execute(viewsSQL(.province))
        } else {
            // monthly_counts and form 06 are patched; the other tables are small and rewritten.
            for table in tableNames where table != "monthly_counts" && !form06Tables.contains(table) {
                try db.execute("DELETE FROM \(table);")
            }
            // Views are this version's, whatever version wrote the copy.
            try db.execute(dropViewsSQL(.province))
            try db.execute(viewsSQL(.province))
        }
        try db.execute(portalScoreTotalsSQL(paymentCap: content.figures.portalScores.settings.paymentCap))
        try write(content, into: db, changedMonthlyKeys: changedMonthlyKeys)
        try db.execute("COMMIT;")
        try db.close()
    }

    /// The run that published the database at `path` and whether its schema is this version's;
    /// `nil` when there is no such database or it cannot be read.
    public static func publishedRunID(at path: String) -> String? {
        guard FileManager.default.fileExists(atPath: path), let db = try? SQLiteConnection(path: path, readOnly: true),
            let rows = try? db.prepare("SELECT key, value FROM metadata WHERE key IN ('run_id', 'schema_version')").query()
        else { return nil }
        var values: [String: String] = [:]
        for row in rows {
            if case .text(let k) = row[0], case .text(let v) = row[1] { values[k] = v }
        }
        guard values["schema_version"] == String(schemaVersion) else { return nil }
        return values["run_id"]
    }

    // MARK: - Rows

    /// Writes every table; with `changedMonthlyKeys`, only those rows of `monthly_counts` (the
    /// others are already there, copied from the previous database).
    static func write(_ c: Content, into db: SQLiteConnection, changedMonthlyKeys: [MonthlyCounts.Key]? = nil)
        throws(SummaryDatabaseError)
    {
        let f = c.figures
        let meta = try db.prepare("INSERT INTO metadata VALUES (?, ?)")
        for (k, v) in [
            ("schema_version", String(schemaVersion)), ("pipeline", c.pipeline), ("as_of", f.asOf.description),
            ("dormancy_window_start", f.dormancy.windowStart.description), ("run_id", c.runs.last?.id ?? ""),
        ] + portalScoreMetadata(f.portalScores.settings) {
            try meta.run([.text(k), .text(v)])
        }

        let columns = MonthlyCounts.Column.allCases
        // Rows come in key order (month first), so the month's text is made once per month;
        // values are bound one by one, without a `Value` array per row (issue 16: ~300k rows).
        var month: Month?
        var monthText = ""
        func bind(row: Int, to statement: SQLiteRowInserter.Row) throws(SummaryDatabaseError) {
            let key = f.monthly.keys[row]
            if key.month != month {
                month = key.month
                monthText = key.month.description
            }
            try statement.bind(monthText, at: 1)
            try statement.bind(key.agencyCode, at: 2)
            try statement.bind(key.procedureCode, at: 3)
            for column in columns { try statement.bind(f.monthly[row, column], at: Int32(4 + column.rawValue)) }
        }
        if let changedMonthlyKeys {
            // A night's few changed rows: one statement each.
            let one = try SQLiteRowInserter(db, table: "monthly_counts", columns: columns.count + 3, rowsPerStatement: 1)
            let delete = try db.prepare("DELETE FROM monthly_counts WHERE month = ? AND agency_code = ? AND procedure_code = ?")
            for key in changedMonthlyKeys {
                try delete.run([.text(key.month.description), .text(key.agencyCode), .text(key.procedureCode)])
                if let row = f.monthly.row(of: key) {
                    try one.insert(count: 1) { _, statement throws(SummaryDatabaseError) in try bind(row: row, to: statement) }
                }
            }
        } else {
            try SQLiteRowInserter(db, table: "monthly_counts", columns: columns.count + 3)
                .insert(count: f.monthly.rowCount, bind)
        }

        let procedures = try db.prepare("INSERT INTO procedures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        for p in c.catalog.procedures {
            try procedures.run([
                .text(p.code), .text(p.name), .text(p.field), p.adminLevel.map { .text($0.rawValue) } ?? .null,
                p.onlineLevel.map { .integer(Int($0.rawValue)) } ?? .null, .text(p.publishedOn.description),
                p.abolishedOn.map { .text($0.description) } ?? .null, .integer(p.isActive(on: f.asOf) ? 1 : 0),
                .integer(p.hasFee ? 1 : 0),
            ])
        }

        let agencies = try db.prepare("INSERT INTO agencies VALUES (?, ?)")
        for a in c.agencies { try agencies.run([.text(a.code), .text(a.name)]) }

        let backlog = try db.prepare("INSERT INTO backlog VALUES (?, ?, ?, ?)")
        for r in f.backlog.rows {
            try backlog.run([.text(r.agencyCode), .text(r.procedureCode), .integer(r.pending), .integer(r.pendingOverdue)])
        }

        let dormant = try db.prepare("INSERT INTO dormant_procedures VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for d in f.dormancy.dormant {
            try dormant.run(
                procedureColumns(d.procedure) + [
                    d.lastReceivedOn.map { .text($0.description) } ?? .null, .integer(d.dossiersEver),
                ])
        }
        let tooNew = try db.prepare("INSERT INTO too_new_procedures VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
        for t in f.dormancy.tooNew {
            try tooNew.run(procedureColumns(t.procedure) + [.text(t.judgeableOn.description), .integer(t.dossiersEver)])
        }
        let unknown = try db.prepare("INSERT INTO unknown_procedures VALUES (?, ?, ?, ?, ?)")
        for u in f.dormancy.unknown {
            try unknown.run([
                .text(u.code), .text(u.name), .integer(u.dossiers), .text(u.firstReceivedOn.description),
                .text(u.lastReceivedOn.description),
            ])
        }

        try writeForm06(f.form06, into: db, patch: changedMonthlyKeys != nil)
        try writePortalScores(f, into: db)

        let share = try db.prepare("INSERT INTO procedure_level_share VALUES (?, ?, ?, ?, ?)")
        for (year, s) in f.levelShareByYear.sorted(by: { $0.key < $1.key }) {
            try share.run([
                .integer(year), .text(s.on.description), .integer(s.activeProcedures), .integer(s.level34Procedures),
                s.share.map { .real($0) } ?? .null,
            ])
        }

        let targets = try db.prepare("INSERT INTO targets VALUES (?, ?, ?, ?)")
        for t in c.targets { try targets.run([.integer(t.year), .text(t.scope), .text(t.metric.rawValue), .real(t.target)]) }

        let runs = try db.prepare("INSERT INTO runs VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
        let inputs = try db.prepare("INSERT INTO run_inputs VALUES (?, ?, ?, ?, ?)")
        let rejects = try db.prepare("INSERT INTO rejects_summary VALUES (?, ?, ?)")
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for r in c.runs {
            let json = (try? encoder.encode(r.inputs)).map { String(decoding: $0, as: UTF8.self) } ?? "[]"
            try runs.run([
                .text(r.id), .text(r.pipeline), .text(r.startedAt), .text(r.finishedAt), .text(r.asOf), .text(json),
                .integer(r.recordsRead), .integer(r.recordsAccepted), .integer(r.recordsRejected),
                .integer(r.recordsSuperseded), .integer(r.dossiersKept), r.snapshotID.map { .text($0) } ?? .null,
                .text(r.status), .integer(r.notReceived),
            ])
            for i in r.inputs { try inputs.run([.text(r.id), .text(i.path), .integer(i.bytes), .text(i.sha256), .text("ingested")]) }
            for i in r.skippedInputs {
                try inputs.run([.text(r.id), .text(i.path), .integer(i.bytes), .text(i.sha256), .text("skipped")])
            }
            for (reason, count) in r.rejectsByReason.sorted(by: { $0.key < $1.key }) {
                try rejects.run([.text(r.id), .text(reason), .integer(count)])
            }
        }
    }

    static func procedureColumns(_ p: Procedure) -> [SQLiteStatement.Value] {
        [
            .text(p.code), .text(p.name), .text(p.field), p.adminLevel.map { .text($0.rawValue) } ?? .null,
            p.onlineLevel.map { .integer(Int($0.rawValue)) } ?? .null, .text(p.publishedOn.description),
        ]
    }
}

/// The previous database's bytes no longer match the fingerprint its run kept: it is not patched.
private struct DatabaseChanged: Error {}
