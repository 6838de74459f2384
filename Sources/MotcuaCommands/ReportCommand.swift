import ArgumentParser
import Foundation
import Logging
import MotcuaCore
import MotcuaIO

/// `motcua report`: the reports of issue 5 (targets, retire list, on time, adoption) from the
/// summary database, as terminal tables, CSV, JSON or one HTML page. The work is
/// `ReportWriter`'s; this only reads options and maps failures to exit codes.
struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Print or write reports from the summary database, in Vietnamese or English.",
        discussion: """
            Give a pipeline file (its outputs.database is read and its outputs.reports is the \
            default --out) or --database; options on the command line win over the file.

            Reports (--kind): targets (each target of the year against its actual, met or not, \
            and the shortfall), retire (dormant procedures; too-new and unknown procedures apart), \
            on-time (agencies ranked by late share; the backlog), adoption (online, level 3/4, \
            level 4, postal and paid-online rates by month, agency and field, with the change \
            from the year before), or all.

            Formats (--format): table prints aligned tables (to --out DIR/report-YYYY.txt when \
            --out is given); csv writes one file per table (UTF-8 with BOM, for Excel); json \
            writes report-YYYY.json; html writes report-YYYY.html, one page with charts that \
            needs no network.

            The year defaults to the latest year with data not after the as-of date. A year \
            with no dossiers gives an empty report that says so.

            Exit codes: 0 success, 2 usage error, 65 missing or unreadable database, 73 cannot \
            write a report file.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case targets, retire
        case onTime = "on-time"
        case adoption, all

        var kinds: [ReportKind] {
            switch self {
            case .targets: [.targets]
            case .retire: [.retire]
            case .onTime: [.onTime]
            case .adoption: [.adoption]
            case .all: ReportKind.allCases
            }
        }
    }

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case vi, en
        var language: ReportLanguage { self == .vi ? .vi : .en }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html
        var format: ReportFormat { ReportFormat(rawValue: rawValue) ?? .table }
    }

    @Argument(help: "A pipeline file, e.g. Pipelines/sample.yaml (instead of --database).")
    var pipeline: String?

    @Option(help: ArgumentHelp("The summary database; default: the pipeline's outputs.database.", valueName: "path"))
    var database: String?

    @Option(help: ArgumentHelp("The year of the figures; default: the latest year with data.", valueName: "yyyy"))
    var year: Int?

    @Option(name: .customLong("lang"), help: "Language of labels and numbers: vi (63,5%  1.234) or en (63.5%  1,234).")
    var language: Language = .vi

    @Option(help: "table (to the terminal), csv, json or html (files in --out).")
    var format: Format = .table

    @Option(help: ArgumentHelp("Folder for the files; default: the pipeline's outputs.reports.", valueName: "dir"))
    var out: String?

    @Option(help: "targets, retire, on-time, adoption or all.")
    var kind: Kind = .all

    func validate() throws {
        if pipeline == nil && database == nil {
            throw ValidationError("give a pipeline file or --database PATH")
        }
        if let year, !(1990...2100).contains(year) {
            throw ValidationError("--year \(year) is not a year from 1990 to 2100")
        }
    }

    func run() throws {
        var databasePath = database
        var folder = out
        if let pipeline {
            do {
                let file = try PipelineFile.load(path: pipeline)
                databasePath = databasePath ?? file.outputs.database
                if format != .table { folder = folder ?? file.outputs.reports }
            } catch {
                throw Self.failure(error)
            }
        }
        guard let databasePath else { throw ValidationError("give a pipeline file or --database PATH") }
        if format != .table && folder == nil {
            throw ValidationError(
                "--format \(format.rawValue) writes files: give --out DIR (or a pipeline file with outputs.reports)")
        }
        do {
            let document = try ReportWriter.document(
                database: databasePath, year: year, kinds: kind.kinds, language: language.language)
            guard let folder else {
                print(TerminalReport.render(document), terminator: "")
                return
            }
            for path in try ReportWriter.write(document, format: format.format, folder: folder) { print(path) }
            if let message = document.message {
                StandardErrorLog.write(.warning, "report: \(message)")
            }
        } catch {
            throw Self.failure(error)
        }
    }

    /// One line on standard error and the exit code of CONTRACT.md section 3.3 (`ExitStatus`):
    /// 2 for the pipeline file, 65 for the database (`ReportError`), 73 for a report file that
    /// cannot be written. Thrown, not exited, so temporary files are removed as the stack unwinds.
    static func failure(_ error: any Error) -> ExitCode {
        StandardErrorLog.error(error)
        return ExitCode(ExitStatus.code(for: error))
    }
}
