import Foundation
import MotcuaCore
import MotcuaIO

/// What a run prints: a few human lines, or one JSON object with `--json`.
enum RunSummary {
    static func ingestLine(_ run: PipelineRun) -> String {
        let c = run.counts
        let mb = Double(c.bytes) / 1_000_000
        let secs = max(run.ingestSeconds, 1e-9)
        let reasons = run.rejectSummary
        return String(
            format: "ingest: read %d, accepted %d, rejected %d%@, superseded %d, kept %d (%d not received); %.1f MB in %.2f s (%.0f rows/s, %.0f MB/s)%@",
            c.read, c.accepted, c.rejected, reasons.isEmpty ? "" : " (\(reasons))", c.superseded, c.keptAfter, c.notReceived, mb,
            secs, Double(c.read) / secs, mb / secs,
            (run.skipped.isEmpty ? "" : "; \(run.skipped.count) export(s) already ingested, skipped")
                + (c.unreadablePaidOnline == 0
                    ? "" : "; \(c.unreadablePaidOnline) paid_online value(s) not understood, counted as unknown"))
    }

    static func figureLines(_ run: PipelineRun) throws -> [String] {
        guard let f = run.figures else { return [] }
        var lines: [String] = []
        let database = run.pipeline.outputs.database
        let latestYear = min(f.monthly.keys.last?.month.year ?? f.asOf.year, f.asOf.year)
        let ratios = try SummaryDatabase.provinceRatios(year: latestYear, at: database)
        let progress = try SummaryDatabase.targetProgress(at: database).filter { $0.year == latestYear }
        var parts: [String] = []
        for metric in ["online_rate", "eligible_online_rate", "level4_online_rate", "on_time_rate"] {
            var text = "\(metric) \(percent(ratios[metric]))"
            if let t = progress.first(where: { $0.metric == metric }) {
                text += " (target \(percent(t.target)), \(t.met == true ? "met" : "short by \(t.shortfall ?? 0)"))"
            }
            parts.append(text)
        }
        lines.append("\(latestYear): " + parts.joined(separator: ", "))
        for t in progress where !["online_rate", "eligible_online_rate", "level4_online_rate", "on_time_rate"].contains(t.metric) {
            lines.append(
                "\(latestYear): \(t.metric) \(percent(t.actual)) (target \(percent(t.target)), \(t.met == true ? "met" : "short by \(t.shortfall ?? 0)"))")
        }
        lines.append(
            "as of \(f.asOf): backlog \(f.backlog.pending) pending, \(f.backlog.pendingOverdue) overdue; "
                + "procedures at level 3/4 \(percent(f.levelShare.share)); dormant \(f.dormancy.dormant.count), "
                + "too new \(f.dormancy.tooNew.count), unknown \(f.dormancy.unknown.count)")
        lines.append(
            String(format: "compute %.2f s, publish %.2f s; database: %@", run.computeSeconds, run.publishSeconds, database))
        return lines
    }

    static func percent(_ v: Double?) -> String {
        guard let v else { return "n/a" }
        return String(format: "%.1f%%", v * 100)
    }

    static func json(_ run: PipelineRun, status: String, error: String?) -> String {
        var object: [String: Any] = [
            "run_id": run.runID, "pipeline": run.pipeline.name, "as_of": run.asOf.description, "status": status,
            "records_read": run.counts.read, "records_accepted": run.counts.accepted,
            "records_rejected": run.counts.rejected, "records_superseded": run.counts.superseded,
            "dossiers_kept": run.counts.keptAfter, "not_received": run.counts.notReceived, "paid_online_unreadable": run.counts.unreadablePaidOnline,
            "rejects_by_reason": Dictionary(uniqueKeysWithValues: run.counts.rejectedByReason.map { ($0.key.code, $0.value) }),
            "inputs_ingested": run.ingested.map(\.path), "inputs_skipped": run.skipped.map(\.path),
            "ingest_seconds": run.ingestSeconds, "compute_seconds": run.computeSeconds,
            "publish_seconds": run.publishSeconds, "load_seconds": run.loadSeconds,
            "snapshot_seconds": run.snapshotSeconds, "report_seconds": run.reportSeconds,
            "store_write_seconds": run.storeWriteSeconds, "database": run.pipeline.outputs.database,
        ]
        if let error { object["error"] = error }
        if let f = run.figures {
            object["backlog_pending"] = f.backlog.pending
            object["backlog_overdue"] = f.backlog.pendingOverdue
            object["dormant_procedures"] = f.dormancy.dormant.count
            object["too_new_procedures"] = f.dormancy.tooNew.count
            object["unknown_procedures"] = f.dormancy.unknown.count
        }
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
