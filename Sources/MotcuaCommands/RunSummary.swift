import Foundation
import MotcuaCore
import MotcuaIO

/// What a run prints: a few human lines, or one JSON object with `--json`.
enum RunSummary {
    static func ingestLine(_ run: RunResult) -> String {
        let c = run.counts ?? IngestCounts()
        let mb = Double(c.bytes) / 1_000_000
        let secs = max(run.times.ingest ?? 0, 1e-9)
        let reasons = run.rejectSummary
        return String(
            format: "ingest: read %d, accepted %d, rejected %d%@, superseded %d, kept %d (%d not received); %.1f MB in %.2f s (%.0f rows/s, %.0f MB/s)%@",
            c.read, c.accepted, c.rejected, reasons.isEmpty ? "" : " (\(reasons))", c.superseded, c.keptAfter, c.notReceived, mb,
            secs, Double(c.read) / secs, mb / secs,
            (run.skipped.isEmpty ? "" : "; \(run.skipped.count) export(s) already ingested, skipped")
                + (c.unreadablePaidOnline == 0
                    ? "" : "; \(c.unreadablePaidOnline) paid_online value(s) not understood, counted as unknown"))
    }

    static func figureLines(_ run: RunResult) throws -> [String] {
        guard let f = run.figures else { return [] }
        var lines: [String] = []
        let database = run.pipeline.outputs.database
        let latestYear = min(f.monthly.keys.last?.month.year ?? f.asOf.year, f.asOf.year)
        let ratios = try SummaryDatabase.provinceRatios(year: latestYear, at: database)
        let progress = try SummaryDatabase.targetProgress(at: database).filter { $0.year == latestYear }
        var parts: [String] = []
        let headline = Ratio.allCases.filter(\.isHeadline).map(\.name)
        for metric in headline {
            var text = "\(metric) \(percent(ratios[metric]))"
            if let t = progress.first(where: { $0.metric == metric }) {
                text += " (target \(percent(t.target)), \(t.met == true ? "met" : "short by \(t.shortfall ?? 0)"))"
            }
            parts.append(text)
        }
        lines.append("\(latestYear): " + parts.joined(separator: ", "))
        for t in progress where !headline.contains(t.metric) {
            lines.append(
                "\(latestYear): \(t.metric) \(percent(t.actual)) (target \(percent(t.target)), \(t.met == true ? "met" : "short by \(t.shortfall ?? 0)"))")
        }
        lines.append(
            "as of \(f.asOf): backlog \(f.backlog.pending) pending, \(f.backlog.pendingOverdue) overdue; "
                + "procedures at level 3/4 \(percent(f.levelShare.share)); dormant \(f.dormancy.dormant.count), "
                + "too new \(f.dormancy.tooNew.count), unknown \(f.dormancy.unknown.count)")
        if let line = portalScoreLine(f) { lines.append(line) }
        lines.append(
            String(format: "compute %.2f s, publish %.2f s; database: %@", run.times.compute ?? 0, run.times.publish ?? 0, database))
        return lines
    }

    /// The province's estimated service index for the latest finished calendar quarter
    /// (CONTRACT.md 2.3), e.g. `portal score 2025-Q4 (estimate): 31.2 of 42`, with the criterion
    /// that loses most points.
    static func portalScoreLine(_ f: FigureSet) -> String? {
        guard let quarter = Period.latest(kind: .calendar, span: .quarter, endingBy: f.asOf),
            let total = f.portalScores.total(of: quarter, agencyCode: nil)
        else { return nil }
        var line = String(format: "portal score %@ (estimate): %.1f of %@", quarter.name, total.points, points(total.max))
        if let worst = f.portalScores.rows(of: quarter, agencyCode: nil).max(by: { $0.pointsLost < $1.pointsLost }),
            worst.pointsLost > 0.05
        {
            line += String(format: "; most lost: %@ %.1f", worst.criterion.name, worst.pointsLost)
            if worst.denominator == 0 {
                line += " (nothing to count in the period)"
            } else if let needed = worst.dossiersNeeded {
                line += " (\(needed) more dossiers for full points)"
            }
        }
        return line
    }

    /// Points without a needless `.0` (42, 10.5).
    static func points(_ v: Double) -> String {
        v == v.rounded() ? String(Int(v)) : String(format: "%.1f", v)
    }

    static func percent(_ v: Double?) -> String {
        guard let v else { return "n/a" }
        return String(format: "%.1f%%", v * 100)
    }

    /// The `--json` object of a run, after it succeeded or failed. Its keys are always the
    /// same (docs/run-summary.schema.json); a value the run did not reach, such as the counts of
    /// a run that failed while reading, is null, never 0, so monitoring cannot mistake it for an
    /// empty night.
    static func json(_ run: RunResult, status: String, error: String?) -> String {
        var object = emptyObject(pipelineFile: run.pipeline.path, status: status, error: error)
        let c = run.counts ?? IngestCounts()
        let known = run.counts != nil
        object["pipeline"] = run.pipeline.name
        object["as_of"] = run.asOf.description
        object["database"] = run.pipeline.outputs.database
        object["records_read"] = orNull(known ? c.read : nil)
        object["records_accepted"] = orNull(known ? c.accepted : nil)
        object["records_rejected"] = orNull(known ? c.rejected : nil)
        object["records_superseded"] = orNull(known ? c.superseded : nil)
        object["dossiers_kept"] = orNull(known ? c.keptAfter : nil)
        object["not_received"] = orNull(known ? c.notReceived : nil)
        object["paid_online_unreadable"] = orNull(known ? c.unreadablePaidOnline : nil)
        object["rejects_by_reason"] = orNull(known ? Dictionary(uniqueKeysWithValues: c.rejectedByReason.map { ($0.key.code, $0.value) }) : nil)
        object["inputs_ingested"] = orNull(known ? run.ingested.map(\.path) : nil)
        object["inputs_skipped"] = orNull(known ? run.skipped.map(\.path) : nil)
        object["ingest_seconds"] = orNull(run.times.ingest)
        object["load_seconds"] = orNull(run.times.load)
        object["compute_seconds"] = orNull(run.times.compute)
        object["publish_seconds"] = orNull(run.times.publish)
        object["snapshot_seconds"] = orNull(run.times.snapshot)
        object["report_seconds"] = orNull(run.times.report)
        object["store_write_seconds"] = orNull(run.times.storeWrite)
        if let f = run.figures {
            object["backlog_pending"] = f.backlog.pending
            object["backlog_overdue"] = f.backlog.pendingOverdue
            object["dormant_procedures"] = f.dormancy.dormant.count
            object["too_new_procedures"] = f.dormancy.tooNew.count
            object["unknown_procedures"] = f.dormancy.unknown.count
        }
        return render(object)
    }

    /// The `--json` object when the pipeline file cannot be loaded (exit 2): the same keys, all
    /// unknown but the status, the error and the file named on the command line.
    static func json(pipelineFile: String, error: any Error) -> String {
        render(emptyObject(pipelineFile: pipelineFile, status: "failed", error: "\(error)"))
    }

    /// Every key of the schema, unknown (null) until set.
    private static func emptyObject(pipelineFile: String, status: String, error: String?) -> [String: Any] {
        var object: [String: Any] = ["run_id": StandardErrorLog.runID, "pipeline_file": pipelineFile, "status": status]
        for key in nullableKeys { object[key] = NSNull() }
        if let error { object["error"] = error }
        return object
    }

    /// The keys whose value a run may not know.
    static let nullableKeys = [
        "pipeline", "as_of", "database", "records_read", "records_accepted", "records_rejected", "records_superseded",
        "dossiers_kept", "not_received", "paid_online_unreadable", "rejects_by_reason", "inputs_ingested", "inputs_skipped",
        "ingest_seconds", "load_seconds", "compute_seconds", "publish_seconds", "snapshot_seconds", "report_seconds",
        "store_write_seconds", "backlog_pending", "backlog_overdue", "dormant_procedures", "too_new_procedures",
        "unknown_procedures",
    ]

    /// JSON's null for a value the run does not know.
    private static func orNull(_ value: Any?) -> Any { value ?? NSNull() }

    private static func render(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
