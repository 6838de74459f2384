import Foundation
import MotcuaCore
import MotcuaSampleGenerator
import Testing
@testable import MotcuaIO

/// The run's reports come from the figures in memory (issue 16); `motcua report` reads them from
/// the database. Both readings must give the same `ReportData`, field for field, for every year,
/// and the same form 06 for every period.
@Suite struct ReportReaderFiguresTests {
    /// A generated province (both shapes, bad rows, unknown procedures, several years), ingested
    /// and computed as `motcua run` does, with targets for every metric and two runs.
    func content(in dir: TemporaryFolder) throws -> SummaryDatabase.Content {
        let root = dir.file("data")
        let report = try SampleGenerator(
            options: SampleGeneratorOptions(
                rows: 30_000, seed: 16, outputDirectory: root, layout: .mixed, files: 4, procedures: 80, agencies: 12,
                fromYear: 2022, toYear: 2025, badRate: 0.01)
        ).run()
        let rejects = try RejectsFile(path: dir.file("rejects.csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        for path in report.exportPaths {
            try ingester.ingest(
                path: path, displayPath: path, profile: path.contains("/canonical/") ? .canonical : .igateVi,
                sheet: nil)
        }
        let catalog = try CatalogFile.read(path: report.catalogPath)
        let ledger = ingester.ledger
        let asOf = LocalDate(year: 2025, month: 12, day: 31)!
        var targets: [PipelineFile.Target] = []
        for year in [2023, 2025, 2026] {
            for (k, metric) in Ratio.allCases.enumerated() {
                targets.append(.init(year: year, scope: "province", metric: metric, target: 0.1 * Double(k % 10)))
            }
        }
        let figures = FigureSet.compute(ledger: ledger, catalog: catalog, asOf: asOf, targetYears: targets.map(\.year))
        let agencies = zip(ledger.agencies.codes, ledger.agencies.labels).map { Agency(code: $0, name: $1) }
            .sorted { $0.code < $1.code }
        let runs = ["20251230T000000Z-0000001", "20251231T000000Z-0000002"].map { id in
            RunRecord(
                id: id, pipeline: "p", startedAt: id, finishedAt: "2025-12-3\(id.last!)T00:00:00Z", asOf: "2025-12-31",
                inputs: [], skippedInputs: [], counts: ingester.counts, snapshotID: nil, status: "succeeded")
        }
        return SummaryDatabase.Content(
            pipeline: "test-province", figures: figures, catalog: catalog, agencies: agencies, targets: targets,
            runs: runs)
    }

    @Test func figuresGiveWhatTheDatabaseGives() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let content = try content(in: dir)
        let database = dir.file("summary.sqlite")
        try SummaryDatabase.publish(content, to: database)
        #expect(content.figures.monthly.rowCount > 1000)
        for year in [nil, 2021, 2022, 2023, 2024, 2025, 2026] {
            let fromDatabase = try ReportReader.read(database: database, year: year)
            let fromFigures = try ReportReader.completing(ReportReader.read(content, year: year), database: database)
            #expect(fromFigures == fromDatabase, "year \(year.map(String.init) ?? "default")")
            if year == 2025 {
                // The comparison is not vacuous: the year has every report filled in.
                #expect(fromFigures.adoption?.agencies.isEmpty == false)
                #expect(fromFigures.adoption?.fields.contains { $0.name == nil } == true)
                #expect(fromFigures.onTime?.backlog.isEmpty == false)
                #expect(fromFigures.targets?.rows.contains { $0.shortfall != nil } == true)
            }
        }

        // Form 06 likewise: every period of the figures reads as the database gives it, and the
        // run's files (HTML and JSON; the workbook carries its creation time) are the same bytes.
        let table = content.figures.form06
        let names = Dictionary(content.agencies.map { ($0.code, $0.name) }, uniquingKeysWith: { a, _ in a })
        #expect(table.periods.count > 50)
        for period in table.periods {
            let fromFigures = Form06Reader.read(table, period: period, pipeline: content.pipeline, agencyNames: names)
            #expect(fromFigures == (try Form06Reader.read(database: database, period: period)), "\(period.kind) \(period.name)")
        }
        #expect(Form06Reader.read(table, period: Period.latest(kind: .official, span: .year, endingBy: LocalDate(year: 2019, month: 12, day: 31)!)!, pipeline: "", agencyNames: [:]) == nil)
        let asOf = LocalDate(year: 2025, month: 12, day: 31)!
        let fromDatabase = try ReportWriter.form06Files(database: database, asOf: asOf, language: .vi)
        let fromFigures = try ReportWriter.form06Files(table, pipeline: content.pipeline, agencyNames: names, asOf: asOf, language: .vi)
        #expect(fromFigures.map(\.name) == fromDatabase.map(\.name) && fromFigures.count == 6)
        for (a, b) in zip(fromFigures, fromDatabase) where !a.name.hasSuffix(".xlsx") { #expect(a.bytes == b.bytes, "\(a.name)") }
    }
}
