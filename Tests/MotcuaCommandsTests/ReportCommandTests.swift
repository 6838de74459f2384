import Foundation
import MotcuaCore
import MotcuaIO
import Testing

/// `motcua report` end to end on the hand-counted fixture (Fixtures/e2e, as of 2025-06-30; its
/// figures are counted in RunCommandTests): every value a report shows equals the summary
/// database's, queried here independently with SQLiteReader.
@Suite(.serialized) struct ReportCommandTests {
    /// A fixture copy on which `motcua run` has published the summary database.
    static func published(catalog: String? = nil) throws -> FixtureCopy {
        let fx = try FixtureCopy("e2e")
        if let catalog { try catalog.write(toFile: fx.path("catalog.csv"), atomically: true, encoding: .utf8) }
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        return fx
    }

    static func json(_ path: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    /// The tables of a JSON report by id.
    static func tables(_ root: [String: Any]) -> [String: [String: Any]] {
        let reports = (root["reports"] as? [[String: Any]]) ?? []
        var out: [String: [String: Any]] = [:]
        for report in reports {
            for table in (report["tables"] as? [[String: Any]]) ?? [] {
                if let id = table["id"] as? String { out[id] = table }
            }
        }
        return out
    }

    static func rows(_ table: [String: Any]?) -> [[String: Any]] { (table?["rows"] as? [[String: Any]]) ?? [] }

    /// A JSON value as SQLiteReader writes it: text as is, integers without a point, NULL.
    static func sql(_ value: Any?) -> String {
        switch value {
        case nil, is NSNull: return "NULL"
        case let s as String: return s
        case let b as Bool: return b ? "1" : "0"
        case let n as NSNumber:
            let d = n.doubleValue
            return d == d.rounded() && !"\(n)".contains(".") ? String(Int(d)) : String(d)
        default: return "\(value ?? "")"
        }
    }

    /// Compares report rows with SQL rows, doubles to 1e-12.
    static func expectSame(_ report: [[String]], _ database: [[String]], _ what: String) {
        #expect(report.count == database.count, "\(what): \(report) vs \(database)")
        for (a, b) in zip(report, database) {
            #expect(a.count == b.count, "\(what)")
            for (x, y) in zip(a, b) {
                if let dx = Double(x), let dy = Double(y) {
                    #expect(abs(dx - dy) < 1e-12, "\(what): \(a) vs \(b)")
                } else {
                    #expect(x == y, "\(what): \(a) vs \(b)")
                }
            }
        }
    }

    // MARK: - Values

    @Test func everyReportValueEqualsTheSummaryDatabase() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        let database = fx.path("out/summary.sqlite")
        let r = try CLI.run(["report", "--database", database, "--format", "json", "--out", fx.path("reports")])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == fx.path("reports/report-2025.json") + "\n")
        let root = try Self.json(fx.path("reports/report-2025.json"))
        let db = try SQLiteReader(database)
        let t = Self.tables(root)
        func pick(_ id: String, _ keys: [String]) -> [[String]] {
            Self.rows(t[id]).map { row in keys.map { Self.sql(row[$0]) } }
        }

        // The default year: the latest with data not after the as-of date (D10 of July is still 2025).
        #expect(root["year"] as? Int == 2025)
        #expect(root["as_of"] as? String == db.value("SELECT value FROM metadata WHERE key = 'as_of'"))
        #expect(root["message"] is NSNull)

        // Targets, against target_progress; by hand: online 8 of 10 against 85 %, short by 1.
        let targetKeys = [
            "year", "scope", "metric", "target", "actual", "met", "shortfall", "numerator", "denominator",
        ]
        Self.expectSame(
            pick("targets", ["year", "metric", "target", "actual", "met", "shortfall", "numerator", "denominator"])
                .sorted { $0[1] < $1[1] },
            db.rows(
                "SELECT year, metric, target, actual, met, shortfall, numerator, denominator FROM target_progress WHERE year = 2025 ORDER BY metric"
            ),
            "targets")
        #expect(
            Self.rows(t["targets"]).first.map { row in targetKeys.map { Self.sql(row[$0]) } }
                == ["2025", "province", "online_rate", "0.85", "0.8", "0", "1", "8", "10"])
        #expect(pick("targets", ["metric"]).count == 5)

        // Retire list, against dormant_procedures, too_new_procedures and unknown_procedures.
        Self.expectSame(
            pick(
                "dormant_procedures",
                ["procedure_code", "procedure_name", "field", "published_on", "last_received_on", "dossiers_ever"]),
            db.rows(
                "SELECT procedure_code, procedure_name, field, published_on, last_received_on, dossiers_ever FROM dormant_procedures"
            ),
            "dormant")
        Self.expectSame(
            pick("dormant_procedures", ["admin_level", "online_level"]),
            db.rows("SELECT admin_level, online_level FROM dormant_procedures"), "dormant levels")
        Self.expectSame(
            pick("too_new_procedures", ["procedure_code", "published_on", "judgeable_on", "dossiers_ever"]),
            db.rows("SELECT procedure_code, published_on, judgeable_on, dossiers_ever FROM too_new_procedures"),
            "too new")
        #expect(pick("too_new_procedures", ["judgeable_on", "online_level"]) == [["2026-05-01", "4"]])
        Self.expectSame(
            pick("unknown_procedures", ["procedure_code", "dossiers", "first_received_on", "last_received_on"]),
            db.rows("SELECT procedure_code, dossiers, first_received_on, last_received_on FROM unknown_procedures"),
            "unknown")

        // On time, against agency_ratios_by_year; ranked by late share: AG1 1 late of 2, AG2 none.
        Self.expectSame(
            pick(
                "on_time_by_agency",
                [
                    "agency_code", "agency_name", "resolved_early", "resolved_on_time", "resolved_late",
                    "resolved_no_due", "on_time_rate", "late_share",
                ]),
            db.rows(
                """
                SELECT r.agency_code, a.agency_name, resolved_early, resolved_on_time, resolved_late, resolved_no_due, on_time_rate,
                    1.0 * resolved_late / (resolved_early + resolved_on_time + resolved_late)
                FROM agency_ratios_by_year r JOIN agencies a USING (agency_code) WHERE year = 2025
                ORDER BY 8 DESC, resolved_late DESC, 1
                """),
            "on time")
        #expect(
            pick("on_time_by_agency", ["rank", "agency_code", "late_share"]) == [
                ["1", "AG1", "0.5"], ["2", "AG2", "0"],
            ])
        let total = try #require(t["on_time_by_agency"]?["total"] as? [String: Any])
        Self.expectSame(
            [
                ["resolved_with_due", "resolved_early", "resolved_on_time", "resolved_late", "on_time_rate"].map {
                    Self.sql(total[$0])
                }
            ],
            db.rows(
                "SELECT resolved_early + resolved_on_time + resolved_late, resolved_early, resolved_on_time, resolved_late, on_time_rate FROM province_ratios_by_year WHERE year = 2025"
            ),
            "on-time total")
        #expect(Self.sql(total["on_time_rate"]) == "0.75")

        // Backlog, against the backlog table: D3 (overdue) and D11 at AG1.
        Self.expectSame(
            pick("backlog_by_agency", ["agency_code", "pending", "pending_overdue"]),
            db.rows("SELECT agency_code, SUM(pending), SUM(pending_overdue) FROM backlog GROUP BY agency_code"),
            "backlog")
        let backlogTotal = try #require(t["backlog_by_agency"]?["total"] as? [String: Any])
        #expect([Self.sql(backlogTotal["pending"]), Self.sql(backlogTotal["pending_overdue"])] == ["2", "1"])

        // Adoption, against the ratio views.
        let rates = "online_rate, eligible_online_rate, level4_online_rate, postal_rate, paid_online_rate"
        let rateKeys = ["online_rate", "eligible_online_rate", "level4_online_rate", "postal_rate", "paid_online_rate"]
        Self.expectSame(
            pick("adoption_by_month", ["month", "received", "received_online"] + rateKeys),
            db.rows(
                "SELECT month, received, received_online, \(rates) FROM province_ratios_by_month WHERE month LIKE '2025-%' AND received > 0 ORDER BY month"
            ),
            "by month")
        Self.expectSame(
            pick("adoption_by_agency", ["agency_code", "received"] + rateKeys).sorted { $0[0] < $1[0] },
            db.rows(
                "SELECT agency_code, received, \(rates) FROM agency_ratios_by_year WHERE year = 2025 ORDER BY agency_code"
            ),
            "by agency")
        Self.expectSame(
            pick("adoption_by_field", ["field", "received"] + rateKeys).sorted { $0[0] < $1[0] },
            db.rows(
                "SELECT field, received, \(rates) FROM field_ratios_by_year WHERE year = 2025 ORDER BY COALESCE(field, 'NULL')"
            ),
            "by field")
        Self.expectSame(
            pick("adoption_summary", ["rate"]).map { $0 },
            rateKeys.map { db.rows("SELECT \($0) FROM province_ratios_by_year WHERE year = 2025")[0] }, "summary")
        // By hand: 8 of 10 online, 6 of 8 eligible online, 2 of 3 level 4, 1 postal of 10, 1 of 2 paid.
        #expect(pick("adoption_summary", ["rate"]).prefix(2) == [["0.8"], ["0.75"]])
        // 2024 has no dossiers: no previous figure, so no change.
        #expect(pick("adoption_summary", ["previous_rate", "change"]).allSatisfy { $0 == ["NULL", "NULL"] })
    }

    @Test func tablesAreInVietnameseByDefaultAndInEnglishOnRequest() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        let vi = try CLI.run(["report", fx.path("pipeline.yaml")])
        #expect(vi.status == 0, "\(vi.stderr)")
        for text in [
            "Báo cáo giải quyết thủ tục hành chính năm 2025", "Số liệu đến ngày 30/06/2025",
            "Tỷ lệ hồ sơ trực tuyến", "85,0%", "80,0%", "Chưa đạt", "Thủ tục ngủ", "30/06/2022", "01/05/2026",
            "Sở Xây dựng", "50,0%", "Tổng cộng", "66,7%",
        ] {
            #expect(vi.stdout.contains(text), "\(text)")
        }
        let en = try CLI.run(["report", fx.path("pipeline.yaml"), "--lang", "en", "--kind", "targets"])
        #expect(en.status == 0)
        for text in [
            "One-stop-shop report 2025", "Figures as of 2025-06-30", "Dossiers submitted online", "85.0%", "80.0%",
            "Not met",
        ] {
            #expect(en.stdout.contains(text), "\(text)")
        }
        #expect(!en.stdout.contains("Chưa đạt"))
        #expect(!en.stdout.contains("Retire") && !en.stdout.contains("Backlog"))
        // The online_rate row, aligned: target, actual, result, count, out of, shortfall.
        let row =
            en.stdout.split(separator: "\n").first { $0.contains("Dossiers submitted online") }.map(String.init) ?? ""
        #expect(
            row.split(separator: " ", omittingEmptySubsequences: true).suffix(9).joined(separator: " ")
                == "85.0% 80.0% Not met 8 10 1 online dossiers")
    }

    // MARK: - Hostile names

    static let hostileCatalog = """
        procedure_code,procedure_name,field,admin_level,online_level,published_on,abolished_on
        1.001,"Cấp phép, xây dựng",Xây dựng,tỉnh,4,2015-01-01,
        1.002,Đăng ký khai sinh,Hộ tịch,xã,mức độ 3,2015-01-01,
        1.003,Chứng thực bản sao,Tư pháp,huyện,2,2015-01-01,
        1.004,Thủ tục cũ,Tư pháp,province,3,2015-01-01,2024-01-01
        1.005,"=HYPERLINK(""http://x"",""y"")",Y tế,province,2,2018-01-01,
        1.006,<script>alert(1)</script>,<b>Y tế</b>,province,toàn trình,2023-05-01,
        1.007,Thủ tục sống,Y tế,province,2,2018-01-01,

        """

    @Test func csvParsesBackWithItsBOMAndNeutralisesAFormulaName() throws {
        let fx = try Self.published(catalog: Self.hostileCatalog)
        defer { fx.remove() }
        let r = try CLI.run([
            "report", fx.path("pipeline.yaml"), "--format", "csv", "--kind", "retire", "--out", fx.path("csv"),
        ])
        #expect(r.status == 0, "\(r.stderr)")
        let path = fx.path("csv/report-2025-dormant-procedures.csv")
        #expect(r.stdout.contains(path))
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: path)))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let reader = try CSVReader(path: path)
        #expect(reader.header.first == "Mã thủ tục")
        var rows: [[String]] = []
        while try reader.next() {
            rows.append((0..<reader.fieldCount).map { String(decoding: reader.field($0), as: UTF8.self) })
        }
        #expect(
            rows == [
                ["1.005", "'=HYPERLINK(\"http://x\",\"y\")", "Y tế", "Tỉnh", "Mức 2", "2018-01-01", "2022-06-30", "1"]
            ])
        // The raw bytes: the quote keeps the formula from starting the cell.
        #expect(String(decoding: bytes, as: UTF8.self).contains("1.005,\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\","))
    }

    @Test func aScriptNameIsInertInHTML() throws {
        let fx = try Self.published(catalog: Self.hostileCatalog)
        defer { fx.remove() }
        let r = try CLI.run(["report", fx.path("pipeline.yaml"), "--format", "html", "--out", fx.path("html")])
        #expect(r.status == 0, "\(r.stderr)")
        let html = try String(contentsOfFile: fx.path("html/report-2025.html"), encoding: .utf8)
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("&lt;b&gt;Y tế&lt;/b&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"))
        #expect(!html.contains("src=") && !html.contains("<link") && !html.contains("url("))
        // Dormant by field, on time by agency, monthly online rate, portal points lost by agency.
        #expect(html.components(separatedBy: "<svg").count - 1 == 4)
    }

    // MARK: - Empty years, the run stage, exit codes

    @Test func aYearWithNoDataGivesAnEmptyReportWithAClearMessage() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        let database = fx.path("out/summary.sqlite")
        let table = try CLI.run(["report", "--database", database, "--year", "2030"])
        #expect(table.status == 0, "\(table.stderr)")
        #expect(
            table.stdout.contains(
                "Không có hồ sơ nào trong năm 2030; các bảng theo năm để trống. Cơ sở dữ liệu có số liệu năm 2022–2025."
            ))
        #expect(table.stdout.contains("Chưa đặt chỉ tiêu cho năm 2030"))
        #expect(table.stdout.contains("Không có hồ sơ nào được tiếp nhận trong năm 2030."))
        let json = try CLI.run([
            "report", "--database", database, "--year", "2030", "--format", "json", "--out", fx.path("r"), "--lang",
            "en",
        ])
        #expect(json.status == 0)
        #expect(json.stderr.contains("No dossiers in 2030"))
        let root = try Self.json(fx.path("r/report-2030-en.json"))
        #expect((root["message"] as? String)?.hasPrefix("No dossiers in 2030") == true)
        let t = Self.tables(root)
        for id in [
            "targets", "on_time_by_agency", "adoption_summary", "adoption_by_month", "adoption_by_agency",
            "adoption_by_field",
        ] {
            #expect(Self.rows(t[id]).isEmpty, "\(id)")
            #expect(t[id]?["empty_message"] is String, "\(id)")
        }
        // 2024 has a target but no dossiers: the target is listed with no figure.
        let y2024 = try CLI.run([
            "report", "--database", database, "--year", "2024", "--kind", "targets", "--lang", "en",
        ])
        #expect(y2024.status == 0)
        #expect(y2024.stdout.contains("No dossiers in 2024"))
        #expect(y2024.stdout.contains("No data"))
    }

    @Test func theRunStageEntryPointWritesEveryFormat() throws {
        let fx = try Self.published()
        defer { fx.remove() }
        let written = try ReportWriter.writeAll(
            database: fx.path("out/summary.sqlite"), folder: fx.path("out/reports"), year: nil, language: .vi)
        let names = written.map { ($0 as NSString).lastPathComponent }
        #expect(names.prefix(2) == ["report-2025.html", "report-2025.json"])
        // 10 tables, the two planner lists and the portal score's four (issue 15).
        #expect(names.count == 2 + 16 + 1)
        #expect(names.last == "report-2025.xlsx")
        #expect(names.contains("report-2025-targets.csv"))
        for path in written { #expect(FileManager.default.fileExists(atPath: path)) }
        // No temporary file is left beside them.
        let left = try FileManager.default.contentsOfDirectory(atPath: fx.path("out/reports"))
        #expect(left.allSatisfy { !$0.contains(".tmp-") })
    }

    @Test func exitCodes() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        // No database yet: 65, and none is created.
        let missing = try CLI.run(["report", fx.path("pipeline.yaml")])
        #expect(missing.status == 65)
        #expect(missing.stderr.contains("summary.sqlite"))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
        #expect(try CLI.run(["report", "--database", fx.path("catalog.csv")]).status == 65)
        // Usage: 2.
        #expect(try CLI.run(["report"]).status == 2)
        #expect(try CLI.run(["report", "--database", "x.sqlite", "--lang", "fr"]).status == 2)
        #expect(try CLI.run(["report", "--database", "x.sqlite", "--format", "csv"]).status == 2)
        #expect(try CLI.run(["report", "--database", "x.sqlite", "--year", "25"]).status == 2)
        #expect(try CLI.run(["report", fx.path("no-such.yaml")]).status == 2)
        // Cannot write: 73.
        #expect(try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"]).status == 0)
        let blocked = try CLI.run([
            "report", fx.path("pipeline.yaml"), "--format", "html", "--out", fx.path("catalog.csv/reports"),
        ])
        #expect(blocked.status == 73, "\(blocked.stderr)")
    }

    /// English reports asked for by hand go into the nightly folder beside the Vietnamese ones,
    /// never over them (issue 18).
    @Test func englishReportsDoNotOverwriteTheNightlyVietnameseOnes() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  database: out/summary.sqlite\n", with: "  database: out/summary.sqlite\n  reports: out/reports\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        #expect(try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"]).status == 0)
        let nightly = try FileManager.default.contentsOfDirectory(atPath: fx.path("out/reports")).sorted()
        #expect(nightly.contains("report-2025.html"))
        let vietnamese = try Data(contentsOf: URL(fileURLWithPath: fx.path("out/reports/report-2025.html")))
        for format in ["html", "json", "csv", "table"] {
            let r = try CLI.run(["report", fx.path("pipeline.yaml"), "--lang", "en", "--format", format, "--out", fx.path("out/reports")])
            #expect(r.status == 0, "\(r.stderr)")
            for path in r.stdout.split(separator: "\n") {
                #expect((path as NSString).lastPathComponent.hasPrefix("report-2025-en"), "\(path)")
            }
        }
        #expect(try Data(contentsOf: URL(fileURLWithPath: fx.path("out/reports/report-2025.html"))) == vietnamese)
        let after = try FileManager.default.contentsOfDirectory(atPath: fx.path("out/reports"))
        #expect(Set(nightly).isSubset(of: Set(after)))
        #expect(after.contains("report-2025-en.html") && after.contains("report-2025-en-targets.csv"))
        #expect(after.contains("report-2025-en.json") && after.contains("report-2025-en.txt"))
    }
}
