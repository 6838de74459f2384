import Foundation
import MotcuaCore
import Testing

@testable import MotcuaIO

/// The report formats round-trip through a temporary folder: the CSV parses back (BOM included)
/// with formulas neutralised, the JSON parses with raw figures, the HTML needs no network and
/// shows input as text.
@Suite struct ReportRenderingTests {
    static let formula = "=HYPERLINK(\"http://x\",\"y\")"
    static let script = "<script>alert(1)</script>"

    static var data: ReportData {
        var data = ReportData(pipeline: "tỉnh <b>", asOf: "2025-06-30", year: 2025, yearsWithData: [2024, 2025])
        data.retire = RetireReport(
            asOf: "2025-06-30",
            dormant: [
                .init(
                    code: "1.005", name: formula, field: "Y tế", adminLevel: "province", onlineLevel: 2,
                    publishedOn: "2018-01-01", lastReceivedOn: "2022-06-30", dossiersEver: 1234),
                .init(
                    code: "1.008", name: script, field: "Y tế", adminLevel: nil, onlineLevel: nil,
                    publishedOn: "2018-01-01", dossiersEver: 0),
            ],
            tooNew: [], unknown: [])
        data.onTime = OnTimeReport(
            year: 2025, asOf: "2025-06-30", province: .init(early: 1, onTime: 2, late: 1, noDue: 0),
            agencies: [
                .init(
                    code: "AG1", name: "Sở \"Xây\" dựng & 'nhà'", counts: .init(early: 1, onTime: 2, late: 1, noDue: 0))
            ],
            backlog: [])
        data.adoption = AdoptionReport(
            year: 2025, province: .init(received: 10, receivedOnline: 8, rates: [.onlineRate: 0.8]),
            provincePrevious: .init(received: 4, receivedOnline: 2, rates: [.onlineRate: 0.5]),
            months: [
                .init(month: "2025-01", rates: .init(received: 2, receivedOnline: 1, rates: [.onlineRate: 0.5])),
                .init(month: "2025-03", rates: .init(received: 8, receivedOnline: 7, rates: [.onlineRate: 0.875])),
            ],
            agencies: [], fields: [], targets: [.onlineRate: 0.85])
        return data
    }

    func readCSV(_ path: String) throws -> [[String]] {
        let reader = try CSVReader(path: path)
        var rows = [reader.header]
        rows += try reader.allRecords().map(\.fields)
        return rows
    }

    @Test func csvStartsWithABOMParsesBackAndNeutralisesFormulas() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let document = ReportDocument(data: Self.data, language: .vi)
        let written = try ReportWriter.write(document, format: .csv, folder: dir.file("reports"))
        #expect(
            written.map { ($0 as NSString).lastPathComponent } == [
                "report-2025-dormant-procedures.csv", "report-2025-online-services-without-online-dossiers.csv",
                "report-2025-too-new-procedures.csv", "report-2025-unknown-procedures.csv",
                "report-2025-on-time-by-agency.csv", "report-2025-backlog-by-agency.csv",
                "report-2025-adoption-summary.csv", "report-2025-adoption-by-month.csv",
                "report-2025-adoption-by-agency.csv", "report-2025-adoption-by-field.csv",
                "report-2025-upgrade-candidates.csv",
            ])
        let bytes = try [UInt8](Data(contentsOf: URL(fileURLWithPath: written[0])))
        #expect(Array(bytes.prefix(3)) == [0xEF, 0xBB, 0xBF])
        let dormant = try readCSV(written[0])
        #expect(
            dormant[0] == [
                "Mã thủ tục", "Tên thủ tục", "Lĩnh vực", "Cấp thực hiện", "Mức độ DVC", "Ngày hiệu lực",
                "Hồ sơ gần nhất",
                "Tổng số hồ sơ",
            ])
        #expect(
            dormant[1] == ["1.005", "'" + Self.formula, "Y tế", "Tỉnh", "Mức 2", "2018-01-01", "2022-06-30", "1234"])
        // No dossier ever: an empty cell in the date column, as docs/reports.md promises.
        #expect(dormant[2] == ["1.008", Self.script, "Y tế", "", "", "2018-01-01", "", "0"])
        // The on-time table keeps its province total as the last line.
        let onTime = try readCSV(written[4])
        #expect(onTime.count == 3)
        #expect(onTime[1] == ["1", "AG1", "Sở \"Xây\" dựng & 'nhà'", "4", "1", "2", "1", "25,0%", "75,0%", "0"])
        #expect(onTime[2] == ["", "Tổng cộng", "Toàn tỉnh", "4", "1", "2", "1", "25,0%", "75,0%", "0"])
        // An empty table is its header only.
        #expect(try readCSV(written[5]).count == 1)
        let summary = try readCSV(written[6])
        #expect(summary[1] == ["Tỷ lệ hồ sơ trực tuyến", "80,0%", "50,0%", "30,0", "85,0%"])
    }

    @Test func englishCSVUsesThePointAndEnglishHeaders() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let written = try ReportWriter.write(
            ReportDocument(data: Self.data, language: .en), format: .csv, folder: dir.path)
        let summary = try readCSV(try #require(written.first { $0.hasSuffix("adoption-summary.csv") }))
        #expect(summary[0] == ["Metric", "Year 2025", "Year 2024", "Change from 2024 (points)", "Target 2025"])
        #expect(summary[1] == ["Dossiers submitted online", "80.0%", "50.0%", "30.0", "85.0%"])
    }

    @Test func jsonHoldsRawFigures() throws {
        let text = JSONReport.render(ReportDocument(data: Self.data, language: .en))
        let root = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
        #expect(root["year"] as? Int == 2025)
        #expect(root["language"] as? String == "en")
        #expect(root["message"] is NSNull)
        let reports = try #require(root["reports"] as? [[String: Any]])
        #expect(reports.map { $0["kind"] as? String } == ["retire", "on-time", "adoption"])
        let tables = reports.flatMap { ($0["tables"] as? [[String: Any]]) ?? [] }
        let dormant = try #require(tables.first { $0["id"] as? String == "dormant_procedures" })
        let rows = try #require(dormant["rows"] as? [[String: Any]])
        #expect(rows[0]["procedure_name"] as? String == Self.formula)
        #expect(rows[0]["dossiers_ever"] as? Int == 1234)
        #expect(rows[1]["last_received_on"] is NSNull)
        #expect(rows[1]["admin_level"] is NSNull)
        let onTime = try #require(tables.first { $0["id"] as? String == "on_time_by_agency" })
        let total = try #require(onTime["total"] as? [String: Any])
        #expect(total["late_share"] as? Double == 0.25)
        let monthly = try #require(tables.first { $0["id"] as? String == "adoption_by_month" })
        #expect((monthly["rows"] as? [[String: Any]])?.map { $0["online_rate"] as? Double } == [0.5, 0.875])
        let backlog = try #require(tables.first { $0["id"] as? String == "backlog_by_agency" })
        #expect(backlog["empty_message"] as? String == "No pending dossiers.")
    }

    @Test func htmlShowsInputAsTextAndNeedsNoNetwork() {
        let html = HTMLReport.render(ReportDocument(data: Self.data, language: .vi))
        #expect(!html.lowercased().contains("<script"))
        #expect(html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
        #expect(html.contains("=HYPERLINK(&quot;http://x&quot;,&quot;y&quot;)"))
        #expect(html.contains("Sở &quot;Xây&quot; dựng &amp; &#39;nhà&#39;"))
        #expect(html.contains("tỉnh &lt;b&gt;"))
        #expect(!html.contains("<b>"))
        // Self-contained: no external resource of any kind.
        for pattern in ["src=", "<link", "@import", "url(", "href=\"http"] { #expect(!html.contains(pattern)) }
        #expect(html.contains("default-src 'none'"))
        // The three charts: the monthly online rate with its target line, the stacked bars, the fields.
        #expect(html.components(separatedBy: "<svg").count - 1 == 3)
        #expect(html.contains("Mục tiêu 85,0%"))
        #expect(html.contains("stroke-dasharray"))
    }

    @Test func terminalTablesAreAligned() {
        let text = TerminalReport.render(ReportDocument(data: Self.data, language: .vi))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let header = lines.firstIndex { $0.hasPrefix("Mã thủ tục") }
        #expect(header != nil)
        if let header {
            // Header, rule and rows: the numeric last column ends at the same display column.
            let widths = lines[header...(header + 3)].map(DisplayWidth.of)
            #expect(Set(widths).count == 1, "\(lines[header...(header + 3)])")
        }
        #expect(text.contains("1.234"))
        #expect(text.contains("chưa có"))
    }

    @Test func missingDatabaseIsReportedAndNotCreated() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("none.sqlite")
        #expect(throws: ReportError.self) { try ReportReader.read(database: path, year: nil) }
        do {
            _ = try ReportReader.read(database: path, year: nil)
        } catch {
            #expect(error.kind == .missingDatabase)
        }
        #expect(!FileManager.default.fileExists(atPath: path))
    }

    @Test func aFileThatIsNotASummaryDatabaseIsUnreadable() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write("x.sqlite", "not a database at all, just text\n")
        do {
            _ = try ReportReader.read(database: path, year: nil)
            Issue.record("expected an error")
        } catch {
            #expect(error.kind == .unreadableDatabase)
            #expect(error.description.contains(path))
        }
    }

    @Test func anUnwritableFolderIsAFileAccessError() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let file = try dir.write("plain", "x")
        #expect(throws: FileAccessError.self) {
            try ReportWriter.write(
                ReportDocument(data: Self.data, language: .vi), format: .html, folder: file + "/reports")
        }
    }
}
