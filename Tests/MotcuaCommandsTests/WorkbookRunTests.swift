import Foundation
import MotcuaCore
import MotcuaSampleGenerator
import Testing

/// `.xlsx` exports through `motcua run`, as cron runs it (CONTRACT.md section 1.7): a workbook
/// read from a named sheet, and workbooks that cannot be read stopping the run with 65, the file
/// named, nothing published.
@Suite struct WorkbookRunTests {
    /// A folder with the e2e catalog, a pipeline reading `exports/*.xlsx` (igate-vi) and,
    /// optionally, `sheet:`.
    static func folder(sheet: String?) throws -> FixtureCopy {
        let fx = try FixtureCopy("e2e")
        try FileManager.default.removeItem(atPath: fx.path("exports"))
        try FileManager.default.createDirectory(atPath: fx.path("exports"), withIntermediateDirectories: true)
        let yaml = """
            name: workbooks
            as_of: 2024-12-31
            inputs:
              catalog: catalog.csv
              exports:
                - path: exports/*.xlsx
                  profile: igate-vi
            \(sheet.map { "      sheet: \"\($0)\"\n" } ?? "")outputs:
              store: out/store
              database: out/summary.sqlite
            limits:
              max_reject_rate: 0.5
            """
        try yaml.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        return fx
    }

    /// Row 1 a title, row 3 the header, rows 4-6 dossiers (row 6 a bad date).
    static func writeExport(_ path: String, sheets: [String] = ["Hồ sơ"]) throws {
        let writer = try WorkbookWriter(path: path)
        let summary = try writer.addSheet("Tổng hợp")
        writer.write(.text("Báo cáo tổng hợp"), sheet: summary, row: 0, column: 0)
        let header = ["Mã hồ sơ", "Mã thủ tục", "Mã cơ quan", "Kênh nộp", "Ngày tiếp nhận", "Trạng thái", "Ngày trả kết quả"]
        for name in sheets {
            let s = try writer.addSheet(name)
            writer.write(.text("DANH SÁCH HỒ SƠ NĂM 2024"), sheet: s, row: 0, column: 0)
            for (k, h) in header.enumerated() { writer.write(.text(h), sheet: s, row: 2, column: k) }
            let rows: [[WorkbookWriter.Value]] = [
                [.text("W1"), .text("1.001"), .text("AG1"), .number(2), .date(Self.day(2024, 3, 4)), .text("Đang xử lý")],
                [.text("W2"), .text("1.002"), .text("AG1"), .number(1), .text("05/03/2024 08:00:00"), .text("Đã giải quyết"),
                    .date(Self.day(2024, 3, 8))],
                [.text("W3"), .text("1.002"), .text("AG1"), .number(1), .text("không rõ"), .text("Đang xử lý")],
            ]
            for (r, row) in rows.enumerated() {
                for (k, value) in row.enumerated() { writer.write(value, sheet: s, row: 3 + r, column: k) }
            }
        }
        try writer.close()
    }

    static func day(_ y: Int, _ m: Int, _ d: Int) -> LocalDateTime {
        // swift-format-ignore: NeverForceUnwrap
        LocalDateTime(date: LocalDate(year: y, month: m, day: d)!)
    }

    @Test func aWorkbookIsReadFromTheSheetNamed() throws {
        let fx = try Self.folder(sheet: "Hồ sơ")
        defer { fx.remove() }
        try Self.writeExport(fx.path("exports/thang-3.xlsx"))
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        // W1 online and W2 in person, both received in March 2024; W3 rejected.
        #expect(db.rows("SELECT month, SUM(received), SUM(received_online) FROM monthly_counts GROUP BY month") == [["2024-03", "2", "1"]])
        let rejectsFolder = fx.path("out/store/rejects")
        let names = try FileManager.default.contentsOfDirectory(atPath: rejectsFolder)
        let rejects = try String(contentsOfFile: rejectsFolder + "/" + #require(names.first), encoding: .utf8)
        #expect(rejects.contains("thang-3.xlsx,6,bad_date,"))
    }

    @Test(arguments: [
        ("not a workbook named .xlsx", "a.xlsx", "not an Excel workbook"),
        ("a zip that is no workbook", "b.xlsx", "a zip archive but not an Excel workbook"),
        ("no header row", "c.xlsx", "no header row"),
        ("an unknown sheet", "d.xlsx", "no worksheet named 'Data'"),
    ])
    func unreadableWorkbooksStopTheRunWith65(_ what: String, _ name: String, _ message: String) throws {
        let fx = try Self.folder(sheet: name == "d.xlsx" ? "Data" : nil)
        defer { fx.remove() }
        let path = fx.path("exports/" + name)
        switch name {
        case "a.xlsx": try "Mã hồ sơ;Mã thủ tục\nW1;1.001\n".write(toFile: path, atomically: true, encoding: .utf8)
        case "b.xlsx": try Data(Self.emptyZip).write(to: URL(fileURLWithPath: path))
        case "c.xlsx":
            let writer = try WorkbookWriter(path: path)
            let s = try writer.addSheet("Sheet1")
            writer.write(.text("Mã hồ sơ"), sheet: s, row: 0, column: 0)
            writer.write(.text("W1"), sheet: s, row: 1, column: 0)
            try writer.close()
        default: try Self.writeExport(path)
        }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 65, "\(what)")
        #expect(r.stderr.contains(path), "\(what): \(r.stderr)")
        #expect(r.stderr.contains(message), "\(what): \(r.stderr)")
        if name == "d.xlsx" { #expect(r.stderr.contains("'Tổng hợp', 'Hồ sơ'")) }
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/store/dossiers.store")))
    }

    @Test func anEmptySheetKeyIsAConfigError() throws {
        let fx = try Self.folder(sheet: " ")
        defer { fx.remove() }
        let r = try CLI.run(["run", fx.path("pipeline.yaml")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("inputs.exports[0].sheet"))
    }

    /// A zip archive with no entry: just its end-of-central-directory record.
    static let emptyZip: [UInt8] = [0x50, 0x4B, 0x05, 0x06] + [UInt8](repeating: 0, count: 18)
}
