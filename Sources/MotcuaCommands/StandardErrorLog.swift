import Foundation
import Logging

/// Every line motcua writes to standard error: a timestamp in the machine's time zone with its
/// offset, the level, and the run id, e.g.
/// `2026-11-25T08:21:35+0700 warning motcua 20261125T012135Z-0014670: no export matches …`.
///
/// Why: cron mails only "motcua exit 65"; the run id in that run's JSON and in every one of its
/// log lines (info, warnings and the error that stopped it) finds them in a log that collects
/// every night. One writer for all lines, so usage errors (`error:`) and runtime errors read the
/// same and carry the same stamp.
enum StandardErrorLog {
    /// When this process started; the run id and a run's `started_at` come from it.
    static let processStart = Date()

    /// The run id (`yyyyMMddTHHmmssZ-PID`): also the snapshot id and `runs.id` of a `run`.
    static let runID = PipelineRun.runID(processStart)

    /// Writes `message` with the stamp on each of its lines.
    static func write(_ level: Logger.Level, _ message: String) {
        let prefix = "\(timestamp(Date())) \(level) motcua \(runID): "
        let lines = message.split(separator: "\n", omittingEmptySubsequences: false)
            .drop { $0.isEmpty }.reversed().drop { $0.isEmpty }.reversed()
        let text = lines.map { prefix + $0 }.joined(separator: "\n") + "\n"
        FileHandle.standardError.write(Data(text.utf8))
    }

    /// The error that stops a command, as the last line of its log: always one line, since an
    /// error may quote a file's bytes (a header with a quoted line break) and cron's mail and
    /// log readers match "one error line per failed run". Line breaks and other control
    /// characters are shown escaped (`\n`, `\u{1B}`).
    static func error(_ error: any Error) {
        write(.error, "error: " + oneLine("\(error)"))
    }

    static func oneLine(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\n": result += "\\n"
            case "\r": result += "\\r"
            case "\t": result += " "
            case _ where scalar.value < 0x20 || scalar.value == 0x7F: result += "\\u{\(String(scalar.value, radix: 16))}"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    /// A logger whose lines go through `write`. `quiet` (for cron) keeps warnings and errors and
    /// drops info: a warning such as a lock taken over is what the night's log is read for.
    static func logger(quiet: Bool) -> Logger {
        var log = Logger(label: "motcua") { _ in Handler() }
        log.logLevel = quiet ? .warning : .info
        return log
    }

    static func timestamp(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone.current
        f.dateFormat = "yyyy-MM-dd'T'HH:mm:ssZ"
        return f.string(from: date)
    }

    /// swift-log's handler for `write`.
    struct Handler: LogHandler {
        var logLevel: Logger.Level = .info
        var metadata: Logger.Metadata = [:]

        subscript(metadataKey key: String) -> Logger.Metadata.Value? {
            get { metadata[key] }
            set { metadata[key] = newValue }
        }

        func log(event: LogEvent) {
            StandardErrorLog.write(event.level, "\(event.message)")
        }
    }
}
