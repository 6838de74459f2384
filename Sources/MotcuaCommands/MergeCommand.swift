import ArgumentParser
import Foundation
import MotcuaIO

/// `motcua merge PIPELINE`: one summary database from many provinces' (CONTRACT.md section 3.5),
/// under a lock on the output's folder and published atomically, as `motcua run` publishes.
struct MergeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "merge",
        abstract: "Merge provinces' summary databases into one (a merge: pipeline file).",
        discussion: """
            Exit codes: 0 success, 2 usage or config error (e.g. a province listed twice), 65 an \
            input that cannot be merged (missing, or another schema version), 73 cannot write \
            output, 75 another merge holds the lock.
            """)

    @Argument(help: "The merge pipeline file, e.g. Pipelines/national.yaml.")
    var pipeline: String

    @Flag(help: "Print errors only (for cron).")
    var quiet = false

    func run() throws {
        let file: MergePipelineFile
        do {
            file = try MergePipelineFile.load(path: pipeline)
        } catch {
            StageRunner.fail(error)
        }
        let started = Date()
        do {
            let lock = try RunLock(
                folder: (file.database as NSString).deletingLastPathComponent, startedAt: PipelineRun.iso(started))
            defer { lock.release() }
            let inputs = try file.mergeInputs(crosswalk: try file.crosswalkTable())
            let record = SummaryDatabase.MergeRecord(
                id: PipelineRun.runID(started), pipeline: file.name, startedAt: PipelineRun.iso(started),
                crosswalk: file.crosswalk.description, targets: file.targets)
            let rows = try SummaryDatabase.merge(inputs, record: record, to: file.database)
            if !quiet {
                let provinces = Set(inputs.map(\.reportedProvince)).count
                print("motcua merge \(file.name) (merge \(record.id))")
                print(
                    "inputs: \(inputs.count) databases reported as \(provinces) provinces (crosswalk: \(record.crosswalk))"
                )
                print(
                    String(
                        format: "database: %@ (%d monthly_counts rows, %.2f s)", file.database, rows,
                        Date().timeIntervalSince(started)))
            }
        } catch {
            StandardErrorLog.error(error)
            throw ExitCode(ExitStatus.code(for: error))
        }
    }
}
