import Foundation
import Testing

/// `motcua report --form 06` end to end on the hand-counted fixture (the dossiers of
/// Tests/MotcuaCoreTests/Form06Tests.swift as a CSV export): official 2025-Q2, S = 2025-03-15,
/// E = 2025-06-14.
@Suite(.serialized) struct Form06CommandTests {
    static func published() throws -> FixtureCopy {
        let fx = try FixtureCopy("form06")
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        return fx
    }

    /// The rows of one sheet of a form 06 JSON file: label -> the eleven counts in form order.
    static func rows(_ path: String, sheet: Int) throws -> [String: [Int]] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let root = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let sheets = try #require(root["sheets"] as? [[String: Any]])
        let rows = try #require(sheets[sheet]["rows"] as? [[String: Any]])
        let names = [
            "received_total", "received_online", "received_other", "carried_over", "settled_total", "settled_early",
            "settled_on_time", "settled_late", "pending_total", "pending_in_time", "pending_overdue",
        ]
        var result: [String: [Int]] = [:]
        for row in rows {
            result[row["label"] as? String ?? ""] = names.map { (row[$0] as? Int) ?? -1 }
        }
        return result
    }

    // Hand counts (see the fixture's comments in Form06Tests): columns 3..13.
    static let land = [12, 5, 4, 3, 6, 1, 3, 2, 6, 4, 2]  // A1, district, Đất đai
    static let justice = [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]  // A1, province, Tư pháp (F16)
    static let unknown = [1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]  // A2, a procedure not in the catalog (F15)
    static let total = [14, 6, 5, 3, 7, 2, 3, 2, 7, 5, 2]

    @Test func aNamedPeriodFromTheDatabase() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        let r = try CLI.run([
            "report", fx.path("pipeline.yaml"), "--form", "06", "--period", "2025-Q2", "--format", "json", "--out", fx.path("r"),
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let province = try Self.rows(fx.path("r/form06-2025-Q2-official.json"), sheet: 0)
        #expect(province["Đất đai"] == Self.land)
        #expect(province["Tư pháp"] == Self.justice)
        #expect(province["(không rõ lĩnh vực)"] == Self.unknown)
        // Level subtotals: I. provincial (Tư pháp), II. district (Đất đai), III. not in the catalog.
        #expect(province["Cấp tỉnh"] == Self.justice)
        #expect(province["Cấp huyện"] == Self.land)
        #expect(province["Thủ tục ngoài danh mục"] == Self.unknown)
        #expect(province["Tổng cộng"] == Self.total)
        // Then one sheet per agency.
        let a2 = try Self.rows(fx.path("r/form06-2025-Q2-official.json"), sheet: 2)
        #expect(a2["Tổng cộng"] == Self.unknown)
        let text = try String(contentsOfFile: fx.path("r/form06-2025-Q2-official.json"), encoding: .utf8)
        #expect(text.contains("Kỳ báo cáo: Quý II/2025 (Từ ngày 15/03/2025 đến ngày 14/06/2025)"))
    }

    @Test func anyRangeFromTheStoreEqualsTheNamedPeriod() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        let r = try CLI.run([
            "report", fx.path("pipeline.yaml"), "--form", "06", "--from", "2025-03-15", "--to", "2025-06-14", "--format", "json",
            "--out", fx.path("r"),
        ])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(try Self.rows(fx.path("r/form06-2025-03-15-2025-06-14.json"), sheet: 0)["Tổng cộng"] == Self.total)
        // One more day at the start: F3 (closed on 14 March) comes into scope, settled.
        _ = try CLI.run([
            "report", fx.path("pipeline.yaml"), "--form", "06", "--from", "2025-03-14", "--to", "2025-06-14", "--format", "json",
            "--out", fx.path("r"),
        ])
        let wider = try Self.rows(fx.path("r/form06-2025-03-14-2025-06-14.json"), sheet: 0)["Đất đai"]
        #expect(wider?[0] == 13)
        #expect(wider?[4] == 7)
    }

    @Test func oneAgencyEveryFormatAndTheTerminal() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        for format in ["xlsx", "html", "csv"] {
            let r = try CLI.run([
                "report", fx.path("pipeline.yaml"), "--form", "06", "--period", "2025-Q2", "--agency", "A2", "--format", format,
                "--out", fx.path("r"),
            ])
            #expect(r.status == 0, "\(r.stderr)")
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: fx.path("r")).sorted()
        #expect(files == ["form06-2025-Q2-official-A2.csv", "form06-2025-Q2-official.html", "form06-2025-Q2-official.xlsx"])
        let csv = try Data(contentsOf: URL(fileURLWithPath: fx.path("r/form06-2025-Q2-official-A2.csv")))
        #expect(Array(csv.prefix(3)) == [0xEF, 0xBB, 0xBF])
        // One form: no list of forms; every form is a section of its own (a page each in print).
        let html = try String(contentsOfFile: fx.path("r/form06-2025-Q2-official.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<section class=\"form\"").count == 2)
        #expect(!html.contains("<nav class=\"sheets\">"))
        #expect(html.contains("break-before: page"))
        let xlsx = try Data(contentsOf: URL(fileURLWithPath: fx.path("r/form06-2025-Q2-official.xlsx")))
        #expect(Array(xlsx.prefix(2)) == [0x50, 0x4B])  // a zip
        let table = try CLI.run(["report", fx.path("pipeline.yaml"), "--form", "06", "--period", "2025-Q2", "--lang", "en"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("Reporting period: Q2 2025 (official period, Decree 09/2019/NĐ-CP) (from 2025-03-15 to 2025-06-14)"))
        #expect(table.stdout.contains("Districts"))
    }

    @Test func aPeriodNotComputedIsSixtyFiveAndSaysWhy() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        // As of 2025-06-30, official Q3 (ending 14 September) is not finished.
        let r = try CLI.run(["report", fx.path("pipeline.yaml"), "--form", "06", "--period", "2025-Q3"])
        #expect(r.status == 65)
        #expect(r.stderr.contains("form 06 was not computed for official 2025-Q3"))
        #expect(r.stderr.contains("latest official periods: 2025-Q2, 2025-H1, 2025-Q1"))
        // The run's report stage files the latest finished official quarter (2025-Q2) and skips
        // the year 2024, which ended before the first dossier, rather than fail.
        let yaml = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  database: out/summary.sqlite\n", with: "  database: out/summary.sqlite\n  reports: out/reports\n")
        try yaml.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let run = try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"])
        #expect(run.status == 0, "\(run.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: fx.path("out/reports")).filter { $0.hasPrefix("form06-") }
        #expect(files.sorted() == ["form06-2025-Q2-official.html", "form06-2025-Q2-official.json", "form06-2025-Q2-official.xlsx"])
        // The province's form, then one per agency, each a section, with a list to jump to them.
        let html = try String(contentsOfFile: fx.path("out/reports/form06-2025-Q2-official.html"), encoding: .utf8)
        #expect(html.components(separatedBy: "<section class=\"form\"").count == 4)
        #expect(html.contains("<nav class=\"sheets\">"))
        #expect(html.components(separatedBy: "<a href=\"#").count == 4)
    }

    @Test func usageErrorsAreTwo() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        for args in [
            ["--form", "07", "--period", "2025-Q2"], ["--form", "06", "--period", "2025-Q9"], ["--form", "06"],
            ["--form", "06", "--period", "2025-Q2", "--kind", "monthly"], ["--period", "2025-Q2"],
            ["--form", "06", "--from", "2025-06-14", "--to", "2025-03-15"],
        ] {
            #expect(try CLI.run(["report", fx.path("pipeline.yaml")] + args).status == 2, "\(args)")
        }
    }
}
