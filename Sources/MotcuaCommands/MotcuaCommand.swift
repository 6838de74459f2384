public import ArgumentParser
import Foundation
import Logging

/// The `motcua` command tree (STYLE.md habit 2: a thin executable, commands in a library).
public struct MotcuaCommand: ParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "motcua",
        abstract: "Turns one-stop-shop case-log exports into adoption, on-time and dormancy figures.",
        subcommands: [RunCommand.self, MergeCommand.self, IngestCommand.self, SnapshotCommand.self, GenerateCommand.self, ReportCommand.self])

    public init() {}

    /// Parses and runs, with the exit codes of CONTRACT.md section 3.3: argument-parser exits
    /// 64 on a usage error, the contract says 2. (Stage failures exit in `StageRunner`.)
    public static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch {
            // Help, and exit codes a command chose itself, pass through unchanged.
            if exitCode(for: error) == .success || error is ExitCode { exit(withError: error) }
            // Parsing and validation errors are usage errors: 2. Our own errors keep their code.
            let code = exitCode(for: error) == .validationFailure ? ExitStatus.usage : ExitStatus.code(for: error)
            // One spelling for every error, `error: …`, stamped like every other line; a usage
            // error adds the usage lines after it.
            if code == ExitStatus.usage {
                let usage = fullMessage(for: error).split(separator: "\n").dropFirst().joined(separator: "\n")
                StandardErrorLog.write(.error, "error: \(message(for: error))\n\(usage)")
            } else {
                StandardErrorLog.error(error)
            }
            Foundation.exit(code)
        }
    }
}
