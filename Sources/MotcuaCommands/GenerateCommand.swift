import ArgumentParser
import Foundation
import MotcuaCore
import MotcuaIO
import MotcuaSampleGenerator

/// `motcua generate`: writes a deterministic synthetic province (catalog and case-log exports)
/// for tests, demos and benchmarks. The work is `SampleGenerator`'s; this only reads options.
struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Writes a deterministic synthetic catalog and case-log exports.",
        discussion: """
            Layout under --out:
              catalog.csv                        the procedure catalog (canonical columns)
              exports/canonical/export-NNNN.csv  canonical: ',' LF, ISO dates
              exports/igate/export-NNNN.csv      igate-vi: ';' CRLF BOM, dd/MM/yyyy dates
              exports/xlsx/export-NNNN.xlsx      a workbook with igate-vi columns: title rows above
                                                 the header, date cells and text dates
              exports/dvcqg/export-NNNN.jsonl    national sync records (profile dvcqg): JSON Lines,
              exports/dvcqg/export-NNNN.json     a JSON array or the {"service":..,"data":[..]} body,
                                                 by period; plain, .gz or .zst by period

            The years are cut into --files periods of equal length; NNNN numbers them in time \
            order. A dossier appears as pending in the export of the period it was received in \
            and again, closed, in the export of the period it was closed in. With --format mixed \
            the periods alternate between the two shapes, canonical first, and every twelfth is \
            a workbook and, by default, the sixth of every twelve (--sync-every) national sync records; \
            --format xlsx writes only workbooks, --format dvcqg only sync records. --rows counts every \
            data row written (repeated states and bad rows included) and is met exactly. The same \
            options always give the same bytes. Rows carry made-up personal data (names, citizen \
            IDs, phones, addresses) that the product must never output.
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case canonical
        case igateVi = "igate-vi"
        case mixed
        case xlsx
        case dvcqg

        var layout: SampleLayout {
            switch self {
            case .canonical: .canonical
            case .igateVi: .igateVi
            case .mixed: .mixed
            case .xlsx: .xlsx
            case .dvcqg: .dvcqg
            }
        }
    }

    @Option(
        help: ArgumentHelp(
            "Row width: long (every column: names and made-up personal data) or short (the canonical columns only).",
            valueName: "short|long"))
    var shape: Shape = .long

    enum Shape: String, ExpressibleByArgument, CaseIterable {
        case long, short
        var width: RowWidth { self == .short ? .short : .long }
    }

    @Option(help: "Data rows to write across all export files, exactly.")
    var rows: Int

    @Option(help: "Seed of the random stream; the same seed gives the same files.")
    var seed: UInt64

    @Option(help: ArgumentHelp("Folder to write catalog.csv and exports/ into.", valueName: "dir"))
    var out: String

    @Option(help: "Shape of the export files; mixed alternates canonical and igate-vi (every twelfth a workbook, one in --sync-every dvcqg).")
    var format: Format = .mixed

    @Option(
        help: ArgumentHelp(
            "Export files (periods); default 1 for canonical and igate-vi, 12 for mixed.",
            valueName: "k"))
    var files: Int?

    @Option(help: "Procedures in the catalog.")
    var procedures: Int = 300

    @Option(help: "Receiving agencies (province departments, districts, communes).")
    var agencies: Int = 40

    @Option(help: "First year of received dossiers.")
    var fromYear: Int = 2019

    @Option(help: "Last year of received dossiers; dormancy is judged as of its 31 December.")
    var toYear: Int = 2025

    @Option(help: "Share of rows broken on purpose, one reject reason after another.")
    var badRate: Double = 0.002

    @Option(help: ArgumentHelp("With --format mixed, one export in k is national sync records (dvcqg JSON); 0: none.", valueName: "k"))
    var syncEvery: Int = 12

    @Option(help: ArgumentHelp(
        "First number of each agency's daily counter in dossier ids (AGENCY-YYMMDD-NNNN); above an earlier run's, the dossiers share no id with it.",
        valueName: "n"))
    var firstSequence: Int = 1

    var options: SampleGeneratorOptions {
        SampleGeneratorOptions(
            rows: rows, seed: seed, outputDirectory: out, layout: format.layout, files: files,
            procedures: procedures, agencies: agencies, fromYear: fromYear, toYear: toYear,
            badRate: badRate, syncEvery: syncEvery, firstSequence: firstSequence, width: shape.width)
    }

    func validate() throws {
        do {
            try options.validate()
        } catch {
            throw ValidationError(error.description)
        }
    }

    func run() throws {
        let report: SampleGeneratorReport
        do {
            report = try SampleGenerator(options: options).run()
        } catch {
            switch error {
            case .invalidOption: throw ValidationError(error.description)
            case .cannotCreateDirectory, .cannotWrite, .cannotWriteWorkbook:
                StandardErrorLog.error(error)
                throw ExitCode(ExitStatus.cannotWrite)
            }
        }
        let bad = RejectReason.allCases.compactMap { reason in
            report.badRows[reason].map { "\(reason.code) \($0)" }
        }
        print(
            "wrote \(report.rows) rows (\(report.dossiers) dossiers, "
                + "\(report.badRows.values.reduce(0, +)) bad) in \(report.exportPaths.count) "
                + "export files and \(report.catalogPath)")
        if !bad.isEmpty { print("bad rows: " + bad.joined(separator: ", ")) }
    }
}
