import Foundation
import MotcuaCore
import MotcuaSampleGenerator
import Testing
@testable import MotcuaIO

/// `.xlsx` exports (CONTRACT.md section 1.7), read through the same ingest as CSV. Fixture
/// workbooks are written in each test with libxlsxwriter; every expected value is by hand.
@Suite struct WorkbookIngestTests {
    typealias Value = WorkbookWriter.Value

    static func at(_ y: Int, _ m: Int, _ d: Int, _ h: Int = 0, _ min: Int = 0, _ s: Int = 0) -> LocalDateTime {
        // swift-format-ignore: NeverForceUnwrap
        LocalDateTime(date: LocalDate(year: y, month: m, day: d)!, hour: h, minute: min, second: s)
    }

    /// Writes `rows` (row number 1-based -> cells from column A) into sheets of a new workbook.
    static func workbook(
        _ path: String, sheets: [(String, [Int: [Value?]])], constantMemory: Bool = false
    ) throws {
        let writer = try WorkbookWriter(path: path, constantMemory: constantMemory)
        for (name, rows) in sheets {
            let sheet = try writer.addSheet(name)
            for row in rows.keys.sorted() {
                // swift-format-ignore: NeverForceUnwrap
                for (column, value) in rows[row]!.enumerated() {
                    if let value { writer.write(value, sheet: sheet, row: row - 1, column: column) }
                }
            }
        }
        try writer.close()
    }

    static let igateHeader: [Value?] = [
        "Mã hồ sơ", "Mã thủ tục", "Tên thủ tục", "Mã cơ quan", "Kênh nộp", "Ngày tiếp nhận", "Trạng thái",
        "Ngày trả kết quả", "Ngày hẹn trả", "Họ tên người nộp", "Thanh toán trực tuyến",
    ].map { .text($0) }

    static let procedureName = "Cấp giấy chứng nhận quyền sử dụng đất"

    /// The igate-vi workbook of the first test: two title rows and an empty one above the header
    /// (row 4), date cells, a serial number in a date column, a text date, shared strings with
    /// diacritics, a boolean, an empty row and a note right of the header.
    static func igateRows() -> [Int: [Value?]] {
        [
            1: [.text("DANH SÁCH HỒ SƠ TIẾP NHẬN")],
            2: [.text("Từ ngày 01/01/2024 đến ngày 31/01/2024")],
            4: igateHeader,
            // Resolved, online (code 2 as a number cell), received by date cell, closed by text date.
            5: [
                .text("H12-240102-0001"), .text("1.004227"), .text(procedureName), .text("000.00.17.H12"), .number(2),
                .date(at(2024, 1, 2, 8, 30)), .text("Đã giải quyết"), .text("05/01/2024 16:00:00"),
                .date(at(2024, 1, 10)), .text("Nguyễn Văn An"), .boolean(true),
            ],
            // Pending, in person; received as a bare serial number (45296.75 = 2024-01-05 18:00).
            6: [
                .text("H12-240105-0002"), .text("1.004227"), .text(procedureName), .text("000.00.17.H12"), .number(1),
                .number(45296.75), .text("Đang xử lý"), nil, nil, .text("Trần Thị Bình"), .boolean(false),
            ],
            // Row 7 empty. Row 8: a text date that is no date: rejected, naming row 8.
            8: [
                .text("H12-240132-0003"), .text("1.004227"), .text(procedureName), .text("000.00.17.H12"), .number(1),
                .text("32/01/2024"), .text("Đang xử lý"),
            ],
            // Rejected, postal (code as text), with a note right of the header (ignored).
            9: [
                .text("H12-240103-0004"), .text("2.000815"), .text("Đăng ký khai sinh"), .text("000.00.17.H12"), .text("3"),
                .date(at(2024, 1, 3)), .text("Từ chối"), .date(at(2024, 1, 4, 9, 15)), nil, .text("Lê Văn Cường"), nil,
                nil, .text("ghi chú: hồ sơ thiếu"),
            ],
        ]
    }

    static func ingest(_ path: String, name: String, profile: ColumnProfile, sheet: String? = nil, in dir: TemporaryFolder)
        throws -> (ExportIngester, [(line: Int, fields: [String])])
    {
        let rejects = try RejectsFile(path: dir.file("rejects.csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        try ingester.ingest(path: path, displayPath: name, profile: profile, sheet: sheet)
        try rejects.commit()
        let back = FileManager.default.fileExists(atPath: rejects.path) ? try CSVReader(path: rejects.path).allRecords() : []
        return (ingester, back)
    }

    @Test func titleRowsDateCellsTextDatesAndSharedStrings() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("ho-so-thang-1.xlsx")
        try Self.workbook(path, sheets: [("Sheet1", Self.igateRows())])
        let (ingester, rejects) = try Self.ingest(path, name: "ho-so-thang-1.xlsx", profile: .igateVi, in: dir)
        let c = ingester.counts
        #expect(c.read == 4)
        #expect(c.accepted == 3)
        #expect(c.rejected == 1)
        #expect(c.invariantViolation == nil)
        let ledger = ingester.ledger
        func dossier(_ id: String) -> Dossier? { ledger.position(of: id).map { ledger.dossier(at: $0) } }
        func name(_ code: String) -> String? { ledger.procedures.index(of: code).map { ledger.procedures.labels[Int($0)] } }

        let first = try #require(dossier("H12-240102-0001"))
        #expect(first.procedureCode == "1.004227")
        #expect(name("1.004227") == Self.procedureName)
        #expect(first.agencyCode == "000.00.17.H12")
        #expect(first.channel == .online)
        #expect(first.status == .resolved)
        #expect(first.receivedAt == Self.at(2024, 1, 2, 8, 30))
        #expect(first.closedAt == Self.at(2024, 1, 5, 16))
        #expect(first.dueAt == Self.at(2024, 1, 10))
        #expect(first.paidOnline == true)

        let second = try #require(dossier("H12-240105-0002"))
        #expect(second.channel == .inPerson)
        #expect(second.status == .pending)
        #expect(second.receivedAt == Self.at(2024, 1, 5, 18))
        #expect(second.closedAt == nil)
        #expect(second.paidOnline == false)

        let fourth = try #require(dossier("H12-240103-0004"))
        #expect(fourth.channel == .postal)
        #expect(fourth.status == .rejected)
        #expect(fourth.receivedAt == Self.at(2024, 1, 3))
        #expect(fourth.closedAt == Self.at(2024, 1, 4, 9, 15))
        #expect(name("2.000815") == "Đăng ký khai sinh")
        #expect(fourth.paidOnline == nil)

        // The reject names the file and the worksheet's row, and keeps the row as CSV.
        #expect(rejects.count == 1)
        #expect(rejects.first?.fields[0] == "ho-so-thang-1.xlsx")
        #expect(rejects.first?.fields[1] == "8")
        #expect(rejects.first?.fields[2] == "bad_date")
        #expect(
            rejects.first?.fields[4]
                == "H12-240132-0003,1.004227,\(Self.procedureName),000.00.17.H12,1,32/01/2024,Đang xử lý,,,,")
    }

    @Test func sheetSelectsAWorksheetByName() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("bao-cao.xlsx")
        let summary: [Int: [Value?]] = [1: [.text("TỔNG HỢP")], 2: [.text("Tổng số hồ sơ"), .number(4)]]
        try Self.workbook(path, sheets: [("Tổng hợp", summary), ("Hồ sơ", Self.igateRows())])

        let (ingester, rejects) = try Self.ingest(path, name: "bao-cao.xlsx", profile: .igateVi, sheet: "Hồ sơ", in: dir)
        #expect(ingester.counts.accepted == 3)
        #expect(rejects.map(\.fields[1]) == ["8"])

        // Without sheet:, the first worksheet is read: it has no header.
        #expect {
            try Self.ingest(path, name: "bao-cao.xlsx", profile: .igateVi, in: dir)
        } throws: { error in
            guard case WorkbookError.noHeader(let p, let sheet, 20, "igate-vi", _) = error else { return false }
            return p == "bao-cao.xlsx" && sheet == "Tổng hợp"
        }
        // A name the workbook lacks: the error lists the sheets found.
        #expect(throws: WorkbookError.unknownSheet(path: "bao-cao.xlsx", sheet: "Data", found: ["Tổng hợp", "Hồ sơ"])) {
            try Self.ingest(path, name: "bao-cao.xlsx", profile: .igateVi, sheet: "Data", in: dir)
        }
    }

    @Test func inlineStringsAndLineBreaksKeepWorksheetRowNumbers() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file("canonical.xlsx")
        let header: [Value?] = ["dossier_id", "procedure_code", "agency_code", "channel", "received_at", "status", "procedure_name"]
            .map { .text($0) }
        let rows: [Int: [Value?]] = [
            1: header,
            // A name over three lines (two line feeds in one cell), a comma and a quote.
            2: ["D1", "1.1", "A", "online", "2024-03-01 07:00", "pending", "Thủ tục \"A\",\ndòng 2\ndòng 3"].map { .text($0) },
            3: ["D2", "1.1", "A", "fax", "2024-03-01", "pending"].map { .text($0) },
            5: ["D3", "1.1", "A", "online", "2024-03-01", "lost"].map { .text($0) },
        ]
        // constantMemory: libxlsxwriter then writes every text as an inline string.
        try Self.workbook(path, sheets: [("Data", rows)], constantMemory: true)
        let (ingester, rejects) = try Self.ingest(path, name: "canonical.xlsx", profile: .canonical, in: dir)
        #expect(ingester.counts.read == 3)
        #expect(ingester.counts.accepted == 1)
        let ledger = ingester.ledger
        let d1 = try #require(ledger.position(of: "D1").map { ledger.dossier(at: $0) })
        #expect(ledger.procedures.labels.first == "Thủ tục \"A\",\ndòng 2\ndòng 3")
        #expect(d1.receivedAt == Self.at(2024, 3, 1, 7))
        #expect(rejects.map(\.fields[1]) == ["3", "5"])
        #expect(rejects.map(\.fields[2]) == ["unknown_channel", "unknown_status"])
    }

    @Test func filesThatAreNoWorkbookStopNamingTheFile() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let csv = try dir.write("not-really.xlsx", "dossier_id,procedure_code\nD1,1.1\n")
        #expect {
            try Self.ingest(csv, name: "not-really.xlsx", profile: .canonical, in: dir)
        } throws: { error in
            guard case WorkbookError.notZip(let p, _) = error else { return false }
            return p == "not-really.xlsx" && "\(error)".contains("not a zip archive")
        }
        let zip = try dir.write("photos.xlsx", bytes: Self.storedZip(name: "photo.txt", content: Array("not a picture".utf8)))
        #expect {
            try Self.ingest(zip, name: "photos.xlsx", profile: .canonical, in: dir)
        } throws: { error in
            guard case WorkbookError.notWorkbook(let p, _) = error else { return false }
            return p == "photos.xlsx" && "\(error)".contains("photo.txt")
        }
        // A zip by its magic, whatever its name, is read as a workbook.
        let renamed = try dir.write("export.csv", bytes: Self.storedZip(name: "a.txt", content: [0x41]))
        #expect(throws: WorkbookError.self) { try Self.ingest(renamed, name: "export.csv", profile: .canonical, in: dir) }
    }

    @Test func serialDatesFollowExcelsCalendar() {
        #expect(ExcelSerialDate.localDateTime(serial: 1) == Self.at(1900, 1, 1))
        #expect(ExcelSerialDate.localDateTime(serial: 59) == Self.at(1900, 2, 28))
        #expect(ExcelSerialDate.localDateTime(serial: 60) == nil)  // Lotus's 29 February 1900
        #expect(ExcelSerialDate.localDateTime(serial: 61) == Self.at(1900, 3, 1))
        #expect(ExcelSerialDate.localDateTime(serial: 45292) == Self.at(2024, 1, 1))
        #expect(ExcelSerialDate.localDateTime(serial: 45292.999999) == Self.at(2024, 1, 2))  // rounds to the second
        #expect(ExcelSerialDate.localDateTime(serial: 45292.5 + 1.0 / 86_400) == Self.at(2024, 1, 1, 12, 0, 1))
        #expect(ExcelSerialDate.localDateTime(serial: 0) == nil)
        #expect(ExcelSerialDate.localDateTime(serial: 0, date1904: true) == Self.at(1904, 1, 1))
        #expect(ExcelSerialDate.localDateTime(serial: 43830, date1904: true) == Self.at(2024, 1, 1))
        var text: [UInt8] = []
        #expect(ExcelSerialDate.appendText(serial: 45296.75, to: &text))
        #expect(String(decoding: text, as: UTF8.self) == "2024-01-05 18:00:00")
    }

    @Test func numbersKeepTheirShortestForm() {
        func render(_ raw: String, asDate: Bool = false) -> String {
            var out: [UInt8] = []
            Array(raw.utf8).withUnsafeBytes { WorksheetCSVSource.appendNumber($0, asDate: asDate, date1904: false, to: &out) }
            return String(decoding: out, as: UTF8.self)
        }
        #expect(render("2") == "2")
        #expect(render("1.0042269999999999") == "1.004227")
        #expect(render("3.0000000000000004") == "3.0000000000000004")
        #expect(render("1E+3") == "1000")
        #expect(render("45292", asDate: true) == "2024-01-01 00:00:00")
        #expect(render("-5", asDate: true) == "-5")  // no date: kept, so the row is rejected as bad_date
    }

    /// A zip archive of one stored (uncompressed) file, written by hand (PKWARE APPNOTE 4.3).
    static func storedZip(name: String, content: [UInt8]) -> [UInt8] {
        var crc: UInt32 = 0xFFFF_FFFF
        for b in content {
            crc ^= UInt32(b)
            for _ in 0..<8 { crc = crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
        }
        crc ^= 0xFFFF_FFFF
        func le16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8 & 0xFF)] }
        func le32(_ v: UInt32) -> [UInt8] { (0..<4).map { UInt8(v >> (8 * $0) & 0xFF) } }
        let nameBytes = Array(name.utf8)
        let size = UInt32(content.count)
        let local = le32(0x0403_4B50) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc) + le32(size)
            + le32(size) + le16(nameBytes.count) + le16(0) + nameBytes + content
        let central = le32(0x0201_4B50) + le16(20) + le16(20) + le16(0) + le16(0) + le16(0) + le16(0x21) + le32(crc)
            + le32(size) + le32(size) + le16(nameBytes.count) + le16(0) + le16(0) + le16(0) + le16(0) + le32(0) + le32(0)
            + nameBytes
        let end = le32(0x0605_4B50) + le16(0) + le16(0) + le16(1) + le16(1) + le32(UInt32(central.count))
            + le32(UInt32(local.count)) + le16(0)
        return local + central + end
    }
}
