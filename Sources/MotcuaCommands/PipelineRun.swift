import Foundation

#if canImport(Glibc)
    import Glibc
#endif
import Logging
import MotcuaCore
import MotcuaIO

/// The stages of `motcua run` in order (CONTRACT.md section 3.3): ingest, compute, publish. Each
/// stage hands work to Core and IO; this type only sequences them and keeps the run's lineage.
final class PipelineRun {
    let pipeline: PipelineFile
    let log: Logger
    let runID: String
    let startedAt: Date
    let asOf: LocalDate
    var state = StoreState()
    var counts = IngestCounts()
    var ingested: [IngestedInput] = []
    var skipped: [IngestedInput] = []
    var catalog = Catalog()
    var figures: FigureSet?
    /// The snapshot's parts, cut from the ledger beside the compute stage (nil without snapshots).
    var partitioning: SnapshotPartitioning?
    var rejects: RejectsFile?
    /// Set when the store descends from the latest snapshot, so unchanged years are linked.
    var previousSnapshot: (folder: String, manifest: SnapshotManifest)?
    var snapshotManifest: SnapshotManifest?
    var prunedSnapshots: [String] = []
    var zstdLevel: Int32 = SnapshotWriter.defaultLevel
    var threads = ProcessInfo.processInfo.activeProcessorCount
    /// Draw a progress line on a terminal (off with --quiet or --json).
    var showProgress = false
    /// Whether `counts` are the run's: false until every export is read, so a run that failed
    /// before says "unknown" (null in `--json`), never 0.
    var countsKnown = false
    // Each stage's time; nil for a stage the run did not reach (null in `--json`).
    var snapshotSeconds: Double?
    var reportPaths: [String] = []
    var reportSeconds: Double?
    var ingestSeconds: Double?
    var computeSeconds: Double?
    var publishSeconds: Double?
    /// Part of `ingestSeconds`: reading the store (or restoring the latest snapshot).
    var loadSeconds: Double?
    /// Part of `publishSeconds`: writing the store (a delta or a new base).
    var storeWriteSeconds: Double?

    var storePath: String { (pipeline.outputs.store as NSString).appendingPathComponent(DossierStore.fileName) }

    init(pipeline: PipelineFile, asOfOverride: String?, log: Logger, now: Date = Date()) {
        self.pipeline = pipeline
        self.log = log
        self.startedAt = now
        self.runID = Self.runID(now)
        // PipelineOptions.validate() has refused an --as-of that AsOfDate cannot read.
        asOf = AsOfDate.effective(override: asOfOverride.flatMap(AsOfDate.init), file: pipeline.asOf)
            .resolved(atUnixMillis: Int64(now.timeIntervalSince1970 * 1000))
    }

    static func runID(_ date: Date) -> String {
        // The pid keeps two runs started in the same second apart.
        let pid = String(ProcessInfo.processInfo.processIdentifier)
        return UTCTimestamp.compact(secondsSinceEpoch: date.timeIntervalSince1970) + "-"
            + String(repeating: "0", count: max(0, 7 - pid.count)) + pid
    }

    static func iso(_ date: Date) -> String {
        UTCTimestamp.iso(secondsSinceEpoch: date.timeIntervalSince1970)
    }

    var snapshots: SnapshotFolder? { pipeline.outputs.snapshots.map(SnapshotFolder.init(root:)) }

    // MARK: - Start

    /// Removes what a run killed half-way left behind (temporary database, store and rejects
    /// files); under the lock, nothing else can be writing them.
    func sweepTemporaryFiles() {
        let rejects = (pipeline.outputs.store as NSString).appendingPathComponent("rejects")
        for (folder, base) in [
            ((pipeline.outputs.database as NSString).deletingLastPathComponent, (pipeline.outputs.database as NSString).lastPathComponent + ".tmp-"),
            (pipeline.outputs.store, DossierStore.fileName), (rejects, "rejects-"),
            (pipeline.outputs.reports ?? rejects, "report-"), (pipeline.outputs.reports ?? rejects, "form06-"),
            (pipeline.outputs.snapshots ?? rejects, ".tmp-"),
        ] {
            for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
            where name.hasPrefix(base) && name.contains(".tmp-") {
                try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
                log.warning("removed \(name), left by a run that did not finish")
            }
        }
    }

    /// The state to start from (`StoreRecovery` decides), with its decisions in the log.
    /// - Returns: the state, and the latest snapshot's check when it is still running in `scope`
    ///   (it must pass before the ingest stage ends, so before any part of it is linked; it
    ///   gives `previousSnapshot`).
    func loadState(in scope: WorkScope) throws -> (StoreState, StoreRecovery.PendingCheck?) {
        let recovery = try StoreRecovery.load(storePath: storePath, snapshots: snapshots, in: scope)
        for line in recovery.warnings { log.warning("\(line)") }
        previousSnapshot = recovery.previousSnapshot
        return (recovery.state, recovery.pendingCheck)
    }

    // MARK: - Ingest

    /// Reads the store, the catalog and every export not ingested before.
    func ingest() throws {
        try WorkScope.run { scope in try ingest(scope: scope) }
    }

    private func ingest(scope: WorkScope) throws {
        let clock = ContinuousClock.now
        sweepTemporaryFiles()
        let snapshotCheck: StoreRecovery.PendingCheck?
        (state, snapshotCheck) = try loadState(in: scope)
        loadSeconds = seconds(since: clock)
        catalog = try CatalogFile.read(path: pipeline.catalogPath)
        log.info("catalog: \(catalog.count) procedures from \(pipeline.catalogPath)")
        let rejectsPath = ((pipeline.outputs.store as NSString).appendingPathComponent("rejects") as NSString)
            .appendingPathComponent("rejects-\(runID).csv")
        let rejects = try RejectsFile(path: rejectsPath)
        self.rejects = rejects
        let ingester = ExportIngester(ledger: state.ledger, rejects: rejects)
        // The ingester's copy must be the only one, or the first merge copies millions of records.
        state.ledger = DossierLedger()
        ingester.parallel = threads > 1
        let progress = ProgressLine(enabled: showProgress)
        defer { progress.finish() }
        let matches = try matchExports()
        var totalBytes = 0
        let knownPaths = Set(state.inputs.map(\.path))
        for (_, files) in matches {
            for (path, status) in files where !knownPaths.contains(path) { totalBytes += status?.size ?? 0 }
        }
        ingester.onProgress = { bytes, rows in
            progress.update(stage: "ingest", bytes: bytes, totalBytes: totalBytes, rows: rows)
        }
        var selection = ExportSelection(known: state.inputs)
        for (source, files) in matches {
            for (path, status) in files {
                let unreadable = StageError(
                    message: "\(path): the export cannot be read (missing or no permission)", exitCode: ExitStatus.dataError)
                guard let status else { throw unreadable }
                var size = status.size
                var modified: Int64? = status.modifiedMillis
                let digest: String
                let decision = selection.decide(path: path, size: size, modifiedMillis: modified)
                // An export skipped unread need not be readable; one to read must be, and is
                // looked at again just before: the status above was taken when the exports were
                // matched, maybe minutes of reading earlier, and the size and time recorded must
                // be those of the content read.
                if case .unchanged = decision {} else {
                    guard access(path, R_OK) == 0 else { throw unreadable }
                    if let now = FileStatus(path: path) {
                        size = now.size
                        modified = now.modifiedMillis
                    }
                }
                switch decision {
                case .unchanged(let known):
                    log.info("skipped \(path): unchanged since run \(known.runID)")
                    skipped.append(known)
                    continue
                case .hashFirst:
                    digest = try FileDigest.sha256(ofFileAt: path)
                    if selection.isKnown(sha256: digest) {
                        var input = IngestedInput(path: path, bytes: size, sha256: digest, runID: runID)
                        input.modifiedMillis = modified
                        log.info("skipped \(path): already ingested (sha256 \(digest.prefix(12))…)")
                        skipped.append(input)
                        continue
                    }
                    try ingester.ingest(path: path, displayPath: path, profile: source.profile, sheet: source.sheet)
                case .hashWhileIngesting:
                    let hashing = scope.start { try FileDigest.sha256BehindOtherWork(ofFileAt: path, isCancelled: $0) }
                    try ingester.ingest(path: path, displayPath: path, profile: source.profile, sheet: source.sheet)
                    digest = try hashing.wait()
                }
                selection.ingested(size: size, sha256: digest)
                var input = IngestedInput(path: path, bytes: size, sha256: digest, runID: runID)
                input.modifiedMillis = modified
                ingested.append(input)
                log.info("ingested \(path)")
            }
        }
        // The latest snapshot, whose parts the publish stage links, checked beside the exports.
        if let snapshotCheck { previousSnapshot = try snapshotCheck.wait() }
        counts = ingester.counts
        countsKnown = true
        counts.notReceived = ingester.ledger.notReceivedCount
        FaultPoint.afterIngest.reach()
        if let violation = counts.invariantViolation {
            throw StageError(
                message: "internal error, a bug to report: the accounting invariant failed (\(violation)); nothing was published",
                exitCode: ExitStatus.internalError)
        }
        state.ledger = ingester.ledger
        state.inputs += ingested
        state.totalAccepted += counts.accepted
        state.totalSuperseded += counts.superseded
        ingestSeconds = seconds(since: clock)
        if counts.rejected > 0 { try rejects.commit() }
        let limit = RejectRateLimit(maximum: pipeline.maxRejectRate)
        if let violation = limit.violation(read: counts.read, rejected: counts.rejected, reasons: counts.rejectedByReason) {
            throw StageError(message: "\(violation). See \(rejects.path)", exitCode: ExitStatus.dataError)
        }
    }

    /// The files of each `inputs.exports` entry, checked before any is read: an entry that
    /// matches nothing stops the run (65) unless it says `optional: true`, because a mistyped
    /// folder would otherwise give exit 0 and an empty log every night.
    func matchExports() throws -> [(source: PipelineFile.ExportSource, files: [(path: String, status: FileStatus?)])] {
        try pipeline.exports.map { source in
            var files = ExportGlob.expand(source.pattern)
            // A plain path of an optional entry may be missing too; a required one is reported
            // as unreadable when it is read.
            if source.isOptional { files = files.filter { $0.status != nil } }
            if files.isEmpty {
                guard source.isOptional else {
                    throw StageError(
                        message: "no export matches \(source.pattern): check the folder and the pattern, or add "
                            + "`optional: true` to this entry of inputs.exports if it may be empty; nothing was published",
                        exitCode: ExitStatus.dataError)
                }
                log.warning("no export matches \(source.pattern) (optional: true)")
            }
            return (source, files)
        }
    }

    // MARK: - Compute

    /// Computes every figure; form 06's identities are checked here, before anything is
    /// published (a failure is a bug: exit 70).
    func compute() throws {
        let clock = ContinuousClock.now
        // The snapshot's parts are cut from the ledger (a pass over every dossier) on a third
        // thread: the figures leave a core idle between their passes (perf timelines of a night).
        let ledger = state.ledger
        let cut = snapshots == nil ? nil : SnapshotWriter.defaultRowsPerPart
        let (computed, partitioning) = try WorkScope.run { scope in
            let partitioning = cut.map { rows in scope.start { _ in SnapshotPartitioning(ledger: ledger, rowsPerPart: rows) } }
            let computed = FigureSet.compute(
                ledger: ledger, catalog: catalog, asOf: asOf, targetYears: pipeline.targets.map(\.year),
                threads: threads, previousTotals: state.monthlyTotals, previousForm06: state.form06Totals,
                previousPortal: state.portalTotals,
                portalScore: pipeline.portalScore, upgradeMinDossiers: pipeline.upgradeMinDossiers)
            return (computed, try partitioning?.wait())
        }
        self.partitioning = partitioning
        var form06 = computed.form06
        if let fault = ProcessInfo.processInfo.environment["MOTCUA_BREAK_FORM06"], !form06.rows.isEmpty {
            // Test hook (docs/operations.md): break one count to prove a failed identity stops the run.
            form06 = form06.altered(row: 0, column: fault == "pending" ? .pendingOverdue : .receivedOnline, by: 1)
        }
        try form06.check()
        figures = computed
        state.monthlyTotals = computed.totals
        state.form06Totals = computed.form06Totals
        state.portalTotals = computed.portalTotals
        computeSeconds = seconds(since: clock)
    }

    // MARK: - Publish

    func runRecord(status: String) -> RunRecord {
        RunRecord(
            id: runID, pipeline: pipeline.name, startedAt: Self.iso(startedAt), finishedAt: Self.iso(Date()),
            asOf: asOf.description, inputs: ingested, skippedInputs: skipped, counts: counts,
            snapshotID: snapshots == nil || status != "succeeded" ? nil : runID, status: status)
    }

    /// Builds the summary database, writes the snapshot (which holds a copy of it), puts the
    /// database in place, then the store; each appears whole or not at all, and a crash between
    /// them is repaired by the next run (the store is rebuilt from a newer snapshot).
    func publish() throws {
        try WorkScope.run { scope in try publish(scope: scope) }
    }

    private func publish(scope: WorkScope) throws {
        guard let figures else { return }
        let clock = ContinuousClock.now
        let previousRunID = state.runs.last?.id
        appendRunRecord(status: "succeeded")
        let agencies = zip(state.ledger.agencies.codes, state.ledger.agencies.labels).map { Agency(code: $0, name: $1) }
            .sorted { $0.code < $1.code }
        // The snapshot's parts are cut (a pass over every dossier), formatted and compressed on
        // other threads while the database is built: the database is the one file of the
        // snapshot that needs it (issue 16: the other core sat idle through the build).
        let writer = SnapshotWriter(level: zstdLevel)
        // The database's build heads the longest chain (then the store, then the snapshot's
        // last file): one part thread runs beside it, the others once it is built (WorkGate).
        let databaseBuilt = WorkGate()
        let snapshotState = state
        let (runID, pipelineName, asOf, catalog, previous, partitioning) = (
            runID, pipeline.name, asOf, catalog, previousSnapshot, partitioning
        )
        // The draft (its hidden folder) is this thread's from the start: the database's copy
        // goes into it from here while the parts are still being written.
        let draft = try snapshots.map { snapshots in
            var input = SnapshotWriter.Input(
                id: runID, pipeline: pipelineName, asOf: asOf, state: snapshotState, catalog: catalog, previous: previous)
            input.previousID = snapshots.latest
            input.partitioning = partitioning
            return try writer.begin(input, root: snapshots.root)
        }
        let partsWritten = draft.map { draft in
            scope.start { isCancelled in
                let clock = ContinuousClock.now
                try writer.writeParts(of: draft, isCancelled: isCancelled, othersAfter: databaseBuilt)
                return ContinuousClock.now - clock
            }
        }
        // A run that fails removes the draft here, on this thread, once its parts stopped; a
        // placed snapshot is left alone.
        var finished = false
        defer {
            if !finished { scope.cancel() }
            databaseBuilt.open()  // before waiting for the parts: a part thread may wait for it
            _ = try? partsWritten?.wait()
            draft?.discard()
        }
        let content = SummaryDatabase.Content(
            pipeline: pipeline.name, figures: figures, catalog: catalog, agencies: agencies,
            targets: pipeline.targets, runs: state.runs)
        // The reports come from the figures, not the database (issue 16: reading them back cost
        // 0.9 s of a 2M-row run and 2.5 s of a night, Benchmarks/compare.sh and nightly.sh), so
        // they are read on the other core while the database is built, completed from its small
        // tables and rendered below.
        // Form 06's files too: from the figures, not read back from the database after it.
        let agencyNames = Dictionary(agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { first, _ in first })
        let reports = pipeline.outputs.reports.map { _ in
            scope.start { _ in
                let clock = ContinuousClock.now
                let data = ReportReader.read(content, year: nil)
                let form06 = try ReportWriter.form06Files(
                    content.figures.form06, pipeline: pipelineName, agencyNames: agencyNames, asOf: asOf, language: .vi)
                return ReportFigures(data: data, form06: form06, elapsed: ContinuousClock.now - clock)
            }
        }
        let built = try SummaryDatabase.build(
            content, besides: pipeline.outputs.database, patching: patchableDatabase(previousRunID: previousRunID))
        databaseBuilt.open()
        let temporary = built.path
        defer { unlink(temporary) }
        state.publishedDatabase = built.fingerprint
        FaultPoint.afterDatabaseBuild.reach()
        publishSeconds = seconds(since: clock)
        // What the store will hold once the snapshot is in place (a store without a snapshot
        // must not link the latest one's parts).
        state.snapshotID = snapshots == nil ? nil : runID
        // The store is encoded, written and fsynced on the other core while the snapshot is
        // compressed; it is renamed into place only after the database (issue 16: 0.44 s of a
        // 2M-row run, Benchmarks/compare.sh). A failure before drops its temporary file.
        let storeState = state
        let storePath = storePath
        let store = scope.start { _ in
            let clock = ContinuousClock.now
            let prepared = try DossierStore.prepareWrite(storeState, to: storePath)
            return PreparedStore(write: prepared, elapsed: ContinuousClock.now - clock)
        }
        // The reports are completed from the database just built (the planner lists and the
        // portal score, small tables) and rendered on another thread while the snapshot is
        // written, and written there under temporary names and fsynced. The snapshot is placed
        // only once they are, so a report that cannot be built or written fails the run with
        // nothing new visible; they are renamed into place after it (a rename that fails then
        // leaves a snapshot the next run accepts, as a crash there would).
        let rendered = pipeline.outputs.reports.map { folder in
            scope.start { isCancelled in
                let clock = ContinuousClock.now
                var files: [(name: String, bytes: [UInt8])] = []
                var elapsed = Duration.zero
                if let read = try reports?.wait() {
                    files = try ReportWriter.files(ReportReader.completing(read.data, database: temporary), language: .vi)
                    files += read.form06
                    elapsed = read.elapsed
                }
                if isCancelled() { throw WorkCancelled() }
                let staged = try ReportWriter.stage(files, folder: folder)
                return RenderedReports(files: staged, elapsed: elapsed + (ContinuousClock.now - clock))
            }
        }
        // A run that fails before the reports are placed removes their temporary files here, on
        // this thread, as it does the snapshot's draft.
        defer {
            if !finished {
                scope.cancel()
                if let staged = try? rendered?.wait() { staged.files.discard() }
            }
        }
        // The database is fsynced beside the snapshot too; it is renamed into place at the end.
        let databaseSynced = scope.start { _ in try AtomicFileWriter.sync(path: temporary) }
        var renderedReports: RenderedReports?
        if let draft, let partsWritten {
            let copyClock = ContinuousClock.now
            try writer.writeDatabase(of: draft, from: temporary)
            let copyElapsed = ContinuousClock.now - copyClock
            let partsElapsed = try partsWritten.wait()
            let snapshotClock = ContinuousClock.now
            // The reports rendered and the database fsynced before the snapshot is placed: a
            // failure of either then publishes nothing.
            snapshotManifest = try writer.finish(draft, databasePath: temporary) {
                renderedReports = try rendered?.wait()
                try databaseSynced.wait()
            }
            // The stage's own work: the parts beside the database build, the database's copy
            // beside the last parts, then the rest here.
            snapshotSeconds = seconds(since: snapshotClock) + seconds(partsElapsed) + seconds(copyElapsed)
            FaultPoint.afterSnapshot.reach()
        } else {
            renderedReports = try rendered?.wait()
            try databaseSynced.wait()
        }
        // Published without a snapshot (snapshotID nil above): the latest snapshot, if a later
        // run turns them on again, no longer holds this state, and none of its parts may be linked.
        if let rendered = renderedReports {
            let reportClock = ContinuousClock.now
            reportPaths = try rendered.files.place()
            // The stage's own work: reading, completing and rendering on other threads, then
            // the writing here.
            let d = rendered.elapsed
            reportSeconds = seconds(since: reportClock) + seconds(d)
        }
        let placeClock = ContinuousClock.now
        try AtomicFileWriter.moveIntoPlace(temporaryPath: temporary, path: pipeline.outputs.database)
        FaultPoint.afterDatabasePlaced.reach()
        let prepared = try store.wait()
        let storeClock = ContinuousClock.now
        try prepared.write.commit()
        let d = prepared.elapsed
        storeWriteSeconds = seconds(since: storeClock) + seconds(d)
        FaultPoint.afterStore.reach()
        if let snapshots { prunedSnapshots = snapshots.prune(keep: pipeline.outputs.keepSnapshots) }
        pruneRejectsFiles()
        publishSeconds = (publishSeconds ?? 0) + seconds(since: placeClock)
        finished = true
    }

    /// The store written beside the snapshot, and the time that took.
    struct PreparedStore: Sendable {
        var write: DossierStore.PreparedWrite
        var elapsed: Duration
    }

    /// The report files rendered and written under temporary names beside the snapshot, and
    /// the time reading, rendering and writing took.
    struct RenderedReports: Sendable {
        var files: ReportWriter.StagedFiles
        var elapsed: Duration
    }

    /// The reports read from the figures beside the database build (form 06's files rendered
    /// already), and the time that took.
    struct ReportFigures: Sendable {
        var data: ReportData
        var form06: [(name: String, bytes: [UInt8])]
        var elapsed: Duration
    }

    /// The published database, when it is the one the run that saved the loaded store built
    /// and the figures were updated by difference: then it is patched, not rebuilt.
    func patchableDatabase(previousRunID: String?) -> (path: String, fingerprint: DatabaseFingerprint)? {
        guard figures?.changedMonthlyKeys != nil, let previousRunID, let fingerprint = state.publishedDatabase else {
            return nil
        }
        let path = pipeline.outputs.database
        return SummaryDatabase.publishedRunID(at: path) == previousRunID ? (path, fingerprint) : nil
    }

    /// Adds this run to the history. Earlier runs keep the exports they ingested but no longer
    /// the list of those they skipped: every night's run skips every export before it, and
    /// keeping those lists would grow the store and `run_inputs` with the square of the nights.
    func appendRunRecord(status: String) {
        for k in state.runs.indices { state.runs[k].skippedInputs = [] }
        state.runs.append(runRecord(status: status))
    }

    /// Rejects files hold raw records, personal data included: only the newest `keep_snapshots`
    /// are kept, like snapshots.
    func pruneRejectsFiles() {
        let folder = (pipeline.outputs.store as NSString).appendingPathComponent("rejects")
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            .filter { $0.hasPrefix("rejects-") && $0.hasSuffix(".csv") }.sorted()
        for name in names.dropLast(pipeline.outputs.keepSnapshots) {
            try? FileManager.default.removeItem(atPath: (folder as NSString).appendingPathComponent(name))
        }
    }

    /// Writes the store only (the `ingest` command).
    func saveStore() throws {
        appendRunRecord(status: "ingested")
        // The ledger now differs from the last snapshot in years no longer tracked on disk:
        // the next run rewrites every partition rather than link stale ones.
        state.snapshotID = nil
        // Figures were not computed: the stored totals no longer match the dossiers, and the
        // published database is no longer this state's.
        state.monthlyTotals = nil
        state.form06Totals = nil
        state.portalTotals = nil
        state.publishedDatabase = nil
        try DossierStore.write(state, to: storePath)
    }

    func seconds(since start: ContinuousClock.Instant) -> Double { seconds(ContinuousClock.now - start) }

    func seconds(_ d: Duration) -> Double { Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18 }
}
