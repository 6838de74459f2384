import Foundation
import MotcuaCore
import MotcuaIO
import Testing

@testable import MotcuaSampleGenerator

/// `motcua generate --format xlsx` and the workbook of `mixed`: workbooks that the product reads
/// back row for row, with every bad row rejected for its reason.
@Suite struct WorkbookExportTests {
    static func ingest(_ path: String) throws -> ExportIngester {
        let rejects = try RejectsFile(path: NSTemporaryDirectory() + "motcua-wb-rejects-" + UUID().uuidString)
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        try ingester.ingest(path: path, displayPath: (path as NSString).lastPathComponent, profile: .igateVi)
        return ingester
    }

    @Test func xlsxWorkbooksReadBackAsGenerated() throws {
        let sample = try GeneratedSample(rows: 1000, seed: 8, layout: .xlsx, files: 2, badRate: 0.03)
        defer { sample.remove() }
        #expect(sample.relativeFiles == ["catalog.csv", "exports/xlsx/export-0001.xlsx", "exports/xlsx/export-0002.xlsx"])
        var read = 0
        var rejected: [RejectReason: Int] = [:]
        for path in sample.report.exportPaths {
            let counts = try Self.ingest(path).counts
            read += counts.read
            rejected.merge(counts.rejectedByReason, uniquingKeysWith: +)
        }
        #expect(read == 1000)
        // field_count rows cannot exist in a workbook: the report says so.
        #expect(sample.report.badRows[.fieldCount] == nil)
        #expect(rejected == sample.report.badRows)
        #expect(rejected.values.reduce(0, +) == 27)  // 30 bad rows, 3 per reason: less the 3 field_count
    }

    @Test func workbooksAreTheSameBytesForTheSameSeed() throws {
        let a = try GeneratedSample(rows: 400, seed: 5, layout: .xlsx, files: 1)
        let b = try GeneratedSample(rows: 400, seed: 5, layout: .xlsx, files: 1)
        defer { a.remove(); b.remove() }
        #expect(try a.bytes("exports/xlsx/export-0001.xlsx") == b.bytes("exports/xlsx/export-0001.xlsx"))
    }

    @Test func mixedMakesEveryTwelfthExportAWorkbook() {
        #expect((0..<24).filter { SampleLayout.mixed.writesWorkbook(period: $0) } == [11, 23])
        #expect(SampleLayout.xlsx.writesWorkbook(period: 0))
        #expect(!SampleLayout.igateVi.writesWorkbook(period: 11))
    }
}
