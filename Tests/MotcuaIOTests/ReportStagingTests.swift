import Foundation
import Testing

@testable import MotcuaIO

/// Reports are written under temporary names beside the snapshot and renamed into place after
/// it: nothing is visible before `place()`, everything after, and nothing is left when the run
/// drops them (it failed before placing).
@Suite struct ReportStagingTests {
    private func names(_ folder: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: folder).sorted()
    }

    @Test func stagedFilesAppearOnlyWhenPlaced() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let reports = folder.file("reports")
        try ReportWriter.write([("report-2025.csv", Array("old\n".utf8))], folder: reports)
        let staged = try ReportWriter.stage(
            [("report-2025.csv", Array("new\n".utf8)), ("form06-2025-official.json", Array("{}".utf8))], folder: reports)
        // Before placing: the old report still there, the new ones only as temporary files.
        #expect(try String(contentsOfFile: reports + "/report-2025.csv", encoding: .utf8) == "old\n")
        let all = try names(reports)
        #expect(all.filter { $0.contains(".tmp-") }.count == 2, "\(all)")
        let placed = try staged.place()
        #expect(placed == [reports + "/report-2025.csv", reports + "/form06-2025-official.json"])
        #expect(try names(reports) == ["form06-2025-official.json", "report-2025.csv"])
        #expect(try String(contentsOfFile: reports + "/report-2025.csv", encoding: .utf8) == "new\n")
    }

    @Test func stagedFilesDiscardedLeaveNothingAndPlacedOnesStay() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let reports = folder.file("reports")
        let failed = try ReportWriter.stage([("report-2025.csv", Array("a\n".utf8))], folder: reports)
        failed.discard()
        #expect(try names(reports).isEmpty)
        failed.discard()  // twice: nothing more to do
        // Placed, then discarded (the run failed later): the placed file stays.
        let placed = try ReportWriter.stage([("report-2025.csv", Array("b\n".utf8))], folder: reports)
        _ = try placed.place()
        placed.discard()
        #expect(try names(reports) == ["report-2025.csv"])
        #expect(try String(contentsOfFile: reports + "/report-2025.csv", encoding: .utf8) == "b\n")
    }

    @Test func stagedFilesDroppedUnplacedLeaveNothing() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let reports = folder.file("reports")
        do {
            let staged = try ReportWriter.stage([("report-2025.html", Array("<p>".utf8))], folder: reports)
            #expect(try names(reports).count == 1)
            _ = staged
        }
        #expect(try names(reports).isEmpty)
    }
}
