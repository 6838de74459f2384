import MotcuaCore
import MotcuaIO

/// What a run did, as one value: the counts, the inputs, the figures and each stage's time, read
/// by the summary lines and `--json` (issue 12: the summary reads a value, not the run's
/// mutable state). A field the run did not reach is `nil`, which `--json` writes as null.
struct RunResult {
    /// The seconds of each stage; `nil` for a stage the run did not reach.
    struct StageTimes {
        var ingest: Double?
        /// Part of `ingest`: reading the store (or restoring the latest snapshot).
        var load: Double?
        var compute: Double?
        var publish: Double?
        var snapshot: Double?
        var report: Double?
        /// Part of `publish`: writing the store (a delta or a new base).
        var storeWrite: Double?
    }

    var runID: String
    var pipeline: PipelineFile
    var asOf: LocalDate
    /// `nil` when the run stopped before its exports were counted.
    var counts: IngestCounts?
    var ingested: [IngestedInput]
    var skipped: [IngestedInput]
    var figures: FigureSet?
    var times: StageTimes

    /// `field_count 2, bad_date 1`: the rejects by reason, in the contract's order.
    var rejectSummary: String {
        (counts?.rejectedByReason ?? [:]).sorted { $0.key < $1.key }.map { "\($0.key.code) \($0.value)" }
            .joined(separator: ", ")
    }
}

extension PipelineRun {
    /// The run so far, as a value.
    var result: RunResult {
        RunResult(
            runID: runID, pipeline: pipeline, asOf: asOf, counts: countsKnown ? counts : nil, ingested: ingested,
            skipped: skipped, figures: figures,
            times: .init(
                ingest: ingestSeconds, load: loadSeconds, compute: computeSeconds, publish: publishSeconds,
                snapshot: snapshotSeconds, report: reportSeconds, storeWrite: storeWriteSeconds))
    }
}
