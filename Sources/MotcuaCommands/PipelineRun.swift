import Foundation
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
    var rejects: RejectsFile?
    var ingestSeconds = 0.0
    var computeSeconds = 0.0
    var publishSeconds = 0.0

    var storePath: String { (pipeline.outputs.store as NSString).appendingPathComponent(DossierStore.fileName) }

    init(pipeline: PipelineFile, asOfOverride: String?, log: Logger, now: Date = Date()) {
        self.pipeline = pipeline
        self.log = log
        self.startedAt = now
        self.runID = Self.runID(now)
        let today = LocalDateTime(
            millis: Int64(now.timeIntervalSince1970 * 1000) + LocalDateTime.vietnamOffsetMillis
        ).date
        if let text = asOfOverride, text.lowercased() != "today", case .value(let v) = DateParser.parse(text) {
            asOf = v.date
        } else if asOfOverride?.lowercased() == "today" {
            asOf = today
        } else if case .date(let d) = pipeline.asOf {
            asOf = d
        } else {
            asOf = today
        }
    }

    static func runID(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "yyyyMMdd'T'HHmmss'Z'"
        // The pid keeps two runs started in the same second apart.
        return f.string(from: date) + "-\(ProcessInfo.processInfo.processIdentifier)"
    }

    static func iso(_ date: Date) -> String {
        ISO8601DateFormatter().string(from: date)
    }

    // MARK: - Ingest

    /// Reads the store, the catalog and every export not ingested before.
    func ingest() throws {
        let clock = ContinuousClock.now
        state = try DossierStore.read(from: storePath)
        catalog = try CatalogFile.read(path: pipeline.catalogPath)
        log.info("catalog: \(catalog.count) procedures from \(pipeline.catalogPath)")
        let rejectsPath = ((pipeline.outputs.store as NSString).appendingPathComponent("rejects") as NSString)
            .appendingPathComponent("rejects-\(runID).csv")
        let rejects = try RejectsFile(path: rejectsPath)
        self.rejects = rejects
        let ingester = ExportIngester(ledger: state.ledger, rejects: rejects)
        var seen = Set(state.inputs.map(\.sha256))
        for source in pipeline.exports {
            let files = ExportGlob.expand(source.pattern)
            if files.isEmpty { log.warning("no export matches \(source.pattern)") }
            for path in files {
                guard FileManager.default.isReadableFile(atPath: path) else {
                    throw StageError(
                        message: "\(path): the export cannot be read (missing or no permission)",
                        exitCode: ExitStatus.dataError)
                }
                let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
                let digest = try FileDigest.sha256(ofFileAt: path)
                let input = IngestedInput(path: path, bytes: size ?? 0, sha256: digest, runID: runID)
                if seen.contains(digest) {
                    log.info("skipped \(path): already ingested (sha256 \(digest.prefix(12))…)")
                    skipped.append(input)
                    continue
                }
                seen.insert(digest)
                try ingester.ingest(path: path, displayPath: path, profile: source.profile)
                ingested.append(input)
                log.info("ingested \(path)")
            }
        }
        counts = ingester.counts
        if let violation = counts.invariantViolation {
            throw StageError(message: "internal accounting error: \(violation); nothing was published", exitCode: ExitStatus.dataError)
        }
        state.ledger = ingester.ledger
        state.inputs += ingested
        state.totalAccepted += counts.accepted
        state.totalSuperseded += counts.superseded
        ingestSeconds = seconds(since: clock)
        if counts.rejected > 0 { try rejects.commit() }
        if counts.rejectRate > pipeline.maxRejectRate {
            throw StageError(
                message: String(
                    format: "%.2f%% of records were rejected, over the limit of %.2f%% (limits.max_reject_rate); "
                        + "nothing was published. Reasons: %@. See %@",
                    counts.rejectRate * 100, pipeline.maxRejectRate * 100, rejectSummary, rejects.path),
                exitCode: ExitStatus.dataError)
        }
    }

    var rejectSummary: String {
        counts.rejectedByReason.sorted { $0.key < $1.key }.map { "\($0.key.code) \($0.value)" }.joined(separator: ", ")
    }

    // MARK: - Compute

    func compute() {
        let clock = ContinuousClock.now
        figures = FigureSet.compute(
            ledger: state.ledger, catalog: catalog, asOf: asOf, targetYears: pipeline.targets.map(\.year))
        computeSeconds = seconds(since: clock)
    }

    // MARK: - Publish

    func runRecord(status: String) -> RunRecord {
        RunRecord(
            id: runID, pipeline: pipeline.name, startedAt: Self.iso(startedAt), finishedAt: Self.iso(Date()),
            asOf: asOf.description, inputs: ingested, skippedInputs: skipped, counts: counts, snapshotID: nil,
            status: status)
    }

    /// Writes the summary database, then the store; each appears whole or not at all.
    func publish() throws {
        guard let figures else { return }
        let clock = ContinuousClock.now
        state.runs.append(runRecord(status: "succeeded"))
        let agencies = zip(state.ledger.agencies.codes, state.ledger.agencies.labels).map { Agency(code: $0, name: $1) }
            .sorted { $0.code < $1.code }
        try SummaryDatabase.publish(
            .init(
                pipeline: pipeline.name, figures: figures, catalog: catalog, agencies: agencies,
                targets: pipeline.targets, runs: state.runs),
            to: pipeline.outputs.database)
        try DossierStore.write(state, to: storePath)
        publishSeconds = seconds(since: clock)
    }

    /// Writes the store only (the `ingest` command).
    func saveStore() throws {
        state.runs.append(runRecord(status: "ingested"))
        try DossierStore.write(state, to: storePath)
    }

    private func seconds(since start: ContinuousClock.Instant) -> Double {
        let d = ContinuousClock.now - start
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
