import ArgumentParser
import MotcuaCore

/// Options every pipeline command shares (`@OptionGroup`, after argument-parser's Math example).
struct PipelineOptions: ParsableArguments {
    @Argument(help: "The pipeline file, e.g. Pipelines/sample.yaml.")
    var pipeline: String

    @Option(name: .customLong("as-of"), help: "The as-of date (YYYY-MM-DD or 'today'); overrides the file's as_of.")
    var asOf: String?

    @Flag(help: "Print errors only (for cron).")
    var quiet = false

    @Flag(help: "Print the run summary as JSON on standard output.")
    var json = false

    @Option(help: "Threads for parsing and computing (default: the machine's cores).")
    var threads: Int?

    func validate() throws {
        if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
        if let asOf, AsOfDate(asOf) == nil {
            throw ValidationError("--as-of '\(asOf)' is not a date such as 2025-12-31 or 'today'")
        }
    }
}
