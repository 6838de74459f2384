import Foundation
import MotcuaCore
import Testing

@testable import MotcuaIO

/// The crosswalk of 2025 (Pipelines/crosswalk/provinces-2025.csv) and users' own crosswalk files.
struct ProvinceCrosswalkFileTests {
    static let repositoryFile = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Pipelines/crosswalk/provinces-2025.csv").path

    @Test func builtInTableMaps63ProvincesOnto34() throws {
        let crosswalk = try #require(try ProvinceCrosswalkFile.builtIn(named: "2025"))
        #expect(crosswalk.entries.count == 63)
        #expect(Set(crosswalk.entries.map(\.oldCode)).count == 63)
        #expect(crosswalk.newCodes.count == 34)
        #expect(crosswalk.entries.allSatisfy { $0.effectiveOn == LocalDate(year: 2025, month: 7, day: 1) })
        // Every new code is one of the old ones (Decision 19/2025/QĐ-TTg keeps a merged province's code).
        #expect(Set(crosswalk.newCodes).isSubset(of: Set(crosswalk.entries.map(\.oldCode))))
        // The 11 provinces the resolution left unchanged keep their code and no one joins them.
        for unchanged in ["01", "04", "11", "12", "14", "20", "22", "38", "40", "42", "46"] {
            #expect(crosswalk.province(for: unchanged) == unchanged)
            #expect(crosswalk.entries.filter { $0.newCode == unchanged }.count == 1, "province \(unchanged)")
        }
        // A few merges, as Resolution 202/2025/QH15 lists them.
        #expect(crosswalk.province(for: "02") == "08")  // Hà Giang -> Tuyên Quang
        #expect(crosswalk.province(for: "10") == "15")  // Lào Cai -> Lào Cai (code of Yên Bái)
        #expect(crosswalk.province(for: "74") == "79")  // Bình Dương -> Hồ Chí Minh
        #expect(crosswalk.province(for: "77") == "79")  // Bà Rịa - Vũng Tàu -> Hồ Chí Minh
        #expect(crosswalk.province(for: "94") == "92")  // Sóc Trăng -> Cần Thơ
        #expect(crosswalk.entries.filter { $0.newCode == "79" }.count == 3)
        #expect(crosswalk.province(for: "99") == nil)
    }

    @Test func binaryCarriesTheRepositoryFileUnchanged() throws {
        let file = try String(contentsOfFile: Self.repositoryFile, encoding: .utf8)
        #expect(BuiltInCrosswalk.provinces2025 + "\n" == file, "run make crosswalk after editing the CSV")
    }

    @Test func aUsersFileReplacesTheBuiltInOne() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let path = try folder.write(
            "mine.csv", "\u{FEFF}old_code;new_code;effective_on\r\nA;Z;2026-01-01\r\nB;Z;2026-01-01\r\n")
        let crosswalk = try ProvinceCrosswalkFile.read(path: path)
        #expect(crosswalk.province(for: "A") == "Z")
        #expect(crosswalk.province(for: "B") == "Z")
        #expect(crosswalk.province(for: "Z") == "Z")
        #expect(crosswalk.province(for: "02") == nil)
    }

    @Test func aWrongFileNamesItsLine() throws {
        let folder = try TemporaryFolder()
        defer { folder.remove() }
        let twice = try folder.write("twice.csv", "old_code,new_code,effective_on\nA,Z,2026-01-01\nA,Y,2026-01-01\n")
        #expect(throws: CrosswalkFileError.self) { try ProvinceCrosswalkFile.read(path: twice) }
        let badDate = try folder.write("date.csv", "old_code,new_code,effective_on\nA,Z,mid-2025\n")
        do {
            _ = try ProvinceCrosswalkFile.read(path: badDate)
            Issue.record("a bad date was read")
        } catch let error as CrosswalkFileError {
            #expect(error.line == 2)
            #expect(error.description.contains("date.csv:2"))
        }
        let noColumn = try folder.write("cols.csv", "old,new\nA,Z\n")
        #expect(throws: (any Error).self) { try ProvinceCrosswalkFile.read(path: noColumn) }
    }

    /// Every table of the schema has a merge rule, or is written by the merge itself: a table
    /// added later fails here until it has its entry in `SummaryDatabase.mergedTables`.
    @Test func everyTableHasAMergeRule() throws {
        let declared = Set(SummaryDatabase.mergedTables.map(\.name)).union(SummaryDatabase.tablesNotMerged)
        #expect(declared == Set(SummaryDatabase.tableNames))
        let shapes = try SummaryDatabase.provinceTableShapes()
        for table in SummaryDatabase.mergedTables {
            let columns = Set(try #require(shapes[table.name]).columns.map(\.name))
            #expect(Set(table.rules.keys).isSubset(of: columns), "\(table.name)")
            #expect(Set(table.derived.keys).isSubset(of: columns), "\(table.name)")
        }
    }
}
