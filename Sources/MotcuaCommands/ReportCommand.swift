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
            from the year before, and procedures to make fully online), portal-score (the \
            national portal's service index estimated by Decision 766: points per group, \
            agencies by points lost, dossiers needed), or all.

            Formats (--format): table prints aligned tables (to --out DIR/report-YYYY.txt when \
            --out is given); csv writes one file per table (UTF-8 with BOM, for Excel); json \
            writes report-YYYY.json; html writes report-YYYY.html, one page with charts that \
            needs no network; xlsx writes report-YYYY.xlsx, a sheet per table, ready to print.

            Form 06 (--form 06): the report form on handling procedures (Biểu số 06/VPCP/KSTT) \
            for --period 2025-Q2 (--kind official, the default, or calendar; also 2025-H1, \
            2025-9M, 2025, and calendar months 2025-03), or for any --from DATE --to DATE \
            (counted from the store). One sheet for the province and one per agency; --agency \
            CODE for one agency. Files form06-PERIOD-KIND.xlsx/.html/.json, one CSV per sheet.

            The year defaults to the latest year with data not after the as-of date. A year \
            with no dossiers gives an empty report that says so.

            Exit codes: 0 success, 2 usage error, 65 missing or unreadable database or store, \
            73 cannot write a report file.
            """)

    enum Kind: String, ExpressibleByArgument, CaseIterable {
        case targets, retire
        case onTime = "on-time"
        case adoption
        case portalScore = "portal-score"
        case all

        var kinds: [ReportKind] {
            switch self {
            case .targets: [.targets]
            case .retire: [.retire]
            case .onTime: [.onTime]
            case .adoption: [.adoption]
            case .portalScore: [.portalScore]
            case .all: ReportKind.allCases
            }
        }
    }

    enum Language: String, ExpressibleByArgument, CaseIterable {
        case vi, en
        var language: ReportLanguage { self == .vi ? .vi : .en }
    }

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case table, csv, json, html, xlsx
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

    @Option(help: "table (to the terminal), csv, json, html or xlsx (files in --out).")
    var format: Format = .table

    @Option(help: ArgumentHelp("Folder for the files; default: the pipeline's outputs.reports.", valueName: "dir"))
    var out: String?

    @Option(
        help: ArgumentHelp(
            "targets, retire, on-time, adoption or all; with --form 06, the period kind: official or calendar.",
            valueName: "kind"))
    var kind: String?

    @Option(help: ArgumentHelp("06: the report form on handling procedures (Biểu số 06/VPCP/KSTT).", valueName: "form"))
    var form: String?

    @Option(help: ArgumentHelp("With --form 06: 2025-Q2, 2025-H1, 2025-9M, 2025 or 2025-03.", valueName: "period"))
    var period: String?

    @Option(help: ArgumentHelp("With --form 06: the first day of any range (with --to; needs a pipeline file).", valueName: "date"))
    var from: String?

    @Option(help: ArgumentHelp("With --form 06: the last day of the range.", valueName: "date"))
    var to: String?

    @Option(help: ArgumentHelp("With --form 06: only this agency's sheet.", valueName: "code"))
    var agency: String?

    /// The report kinds asked for (without --form).
    var reportKind: Kind { kind.flatMap(Kind.init(rawValue:)) ?? .all }

    func validate() throws {
        if pipeline == nil && database == nil {
            throw ValidationError("give a pipeline file or --database PATH")
        }
        if let form {
            guard form == "06" || form == "6" else { throw ValidationError("--form \(form): the only form is 06") }
            if let kind, PeriodKind(rawValue: kind) == nil {
                throw ValidationError("--kind \(kind): with --form 06 the kind is official or calendar")
            }
            switch (period, from, to) {
            case (.some, nil, nil): _ = try form06Period()
            case (nil, .some, .some):
                _ = try form06Range()
                if pipeline == nil { throw ValidationError("--from and --to count from the store: give a pipeline file") }
            default: throw ValidationError("--form 06 needs --period NAME, or --from DATE and --to DATE")
            }
        } else {
            if let kind, Kind(rawValue: kind) == nil {
                throw ValidationError(
                    "--kind \(kind) is not one of \(Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            if period != nil || from != nil || to != nil || agency != nil {
                throw ValidationError("--period, --from, --to and --agency go with --form 06")
            }
        }
        if let year, !(1990...2100).contains(year) {
            throw ValidationError("--year \(year) is not a year from 1990 to 2100")
        }
    }

    func run() throws {
        if form != nil { return try runForm06() }
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
                database: databasePath, year: year, kinds: reportKind.kinds, language: language.language)
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

    // MARK: - Form 06

    func form06Period() throws -> Period {
        let periodKind = kind.flatMap(PeriodKind.init(rawValue:)) ?? .official
        guard let name = period, let p = Period(name: name, kind: periodKind) else {
            throw ValidationError(
                "--period \(period ?? ""): give 2025-Q2, 2025-H1, 2025-9M, 2025 or (calendar) 2025-03")
        }
        return p
    }

    func form06Range() throws -> (LocalDate, LocalDate) {
        func date(_ text: String?, _ option: String) throws -> LocalDate {
            guard let text, case .value(let v) = DateParser.parse(text) else {
                throw ValidationError("\(option) \(text ?? ""): not a date (YYYY-MM-DD)")
            }
            return v.date
        }
        let range = (try date(from, "--from"), try date(to, "--to"))
        guard range.0 <= range.1 else { throw ValidationError("--from is after --to") }
        return range
    }

    /// `--form 06`: the form of a named period from the database, or of any dates from the
    /// store, in one format.
    func runForm06() throws {
        do {
            var file: PipelineFile?
            if let pipeline { file = try PipelineFile.load(path: pipeline) }
            let report: Form06Report
            if period != nil {
                guard let path = database ?? file?.outputs.database else {
                    throw ValidationError("give a pipeline file or --database PATH")
                }
                report = try Form06Reader.read(database: path, period: try form06Period())
            } else {
                guard let file else { throw ValidationError("--from and --to count from the store: give a pipeline file") }
                let (start, end) = try form06Range()
                let store = (file.outputs.store as NSString).appendingPathComponent(DossierStore.fileName)
                let state = try DossierStore.read(from: store)
                let catalog = try CatalogFile.read(path: file.catalogPath)
                report = Form06Reader.count(state: state, catalog: catalog, pipeline: file.name, from: start, to: end)
            }
            let document = Form06Document(
                report: agency.map { report.only(agency: $0) } ?? report, language: language.language,
                includeProvince: agency == nil)
            let folder = out ?? (format == .table ? nil : file?.outputs.reports)
            guard let folder else {
                guard format == .table else {
                    throw ValidationError(
                        "--format \(format.rawValue) writes files: give --out DIR (or a pipeline file with outputs.reports)")
                }
                print(Form06Files.text(document), terminator: "")
                return
            }
            for path in try ReportWriter.write(Form06Files.files(document, format: format.format), folder: folder) {
                print(path)
            }
        } catch let error as ValidationError {
            throw error
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
