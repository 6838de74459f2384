import Foundation
import MotcuaCore
import Testing

@testable import MotcuaIO

/// The national sync shape, profile `dvcqg` (CONTRACT.md section 1.6): containers, compression,
/// codes as strings or numbers, the nested lists, broken records. Expected values by hand.
@Suite struct DvcqgIngestTests {
    /// Three dossiers of agency H12, one object a line. Personal fields in each.
    static let objects = [
        // resolved, online, paid on the national portal, two fees, closed from NgayKetThucXuLy
        #"{"MaHoSo":"000.00.17.H12-240301-0001","MaTTHC":"1.004227","TenTTHC":"Cấp giấy phép","ChuHoSo":"Nguyễn Văn An","SoDienThoai":"0912345678","KenhThucHien":2,"TrangThaiHoSo":10,"NgayTiepNhan":"20240301083000","NgayHenTra":"20240310170000","NgayKetThucXuLy":"20240305100000","DuocThanhToanTrucTuyen":1,"DanhSachLePhi":[{"TenPhiLePhi":"Lệ phí","Gia":50000},{"TenPhiLePhi":"Phí","Gia":"25000"}]}"#,
        // pending, in person (empty channel), a supplement request moving the due date, no fee list
        #"{"MaHoSo":"000.00.17.H12-240302-0002","MaTTHC":"1.004227","KenhThucHien":"","TrangThaiHoSo":"5","NgayTiepNhan":"02/03/2024 09:00:00","NgayHenTra":"12/03/2024 17:00:00","Email":"an@example.vn","DanhSachHoSoBoSung":[{"NoiDungBoSung":"Bản sao CCCD","NgayHenTraMoi":"20/03/2024 17:00:00"}]}"#,
        // not received (1), postal, no received date; agency from MaDonViXuLy
        #"{"MaHoSo":"X-1","MaDonViXuLy":"000.00.18.H12","MaTTHC":"2.000001","KenhThucHien":3,"TrangThaiHoSo":1,"NgayTiepNhan":null,"SoDinhDanh":"001099012345"}"#,
    ]

    static func at(_ day: Int, _ hour: Int, _ minute: Int) -> LocalDateTime? {
        LocalDate(year: 2024, month: 3, day: day).map { LocalDateTime(date: $0, hour: hour, minute: minute, second: 0, millisecond: 0) }
    }

    func ingest(_ name: String, bytes: [UInt8], in dir: TemporaryFolder, profile: ColumnProfile = .dvcqg) throws -> (ExportIngester, [(line: Int, fields: [String])]) {
        let rejects = try RejectsFile(path: dir.file("rejects-\(name).csv"))
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        let path = try dir.write(name, bytes: bytes)
        try ingester.ingest(path: path, displayPath: name, profile: profile)
        try rejects.commit()
        let back = FileManager.default.fileExists(atPath: rejects.path) ? try CSVReader(path: rejects.path).allRecords() : []
        return (ingester, back)
    }

    static func compressed(_ bytes: [UInt8], _ tool: String, in dir: TemporaryFolder) throws -> [UInt8] {
        let path = try dir.write("raw-\(tool)-\(bytes.count)", bytes: bytes)
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = [tool, "-q", "-f", "-c", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Array(data)
    }

    static func containers() -> [(String, String)] {
        let lines = objects.joined(separator: "\n") + "\n"
        let array = "[\n  " + objects.joined(separator: ",\n  ") + "\n]\n"
        let wrapped = #"{"service":"DongBoHoSoMC","isUpdating":"false","data":["# + "\n" + objects.joined(separator: ",\n") + "]}"
        return [("lines", lines), ("array", array), ("wrapped", wrapped)]
    }

    func checkThree(_ ingester: ExportIngester, _ label: String) throws {
        let l = ingester.ledger
        #expect(ingester.counts.read == 3, "\(label)")
        #expect(ingester.counts.rejected == 0, "\(label)")
        let a = l.dossier(at: try #require(l.position(of: "000.00.17.H12-240301-0001")))
        #expect(a.agencyCode == "000.00.17.H12")
        #expect(a.channel == .online && a.status == .resolved && a.paidOnline == true)
        #expect(a.receivedAt == Self.at(1, 8, 30))
        #expect(a.closedAt == Self.at(5, 10, 0))
        #expect(a.feeAmount == 75_000)
        #expect(a.supplementRequests == 0)
        #expect(l.procedures.labels[Int(l.procedures.index(of: "1.004227") ?? 0)] == "Cấp giấy phép")
        let b = l.dossier(at: try #require(l.position(of: "000.00.17.H12-240302-0002")))
        #expect(b.channel == .inPerson && b.status == .pending)
        #expect(b.dueAt == Self.at(20, 17, 0))
        #expect(b.supplementRequests == 1)
        #expect(b.feeAmount == nil)
        let c = l.dossier(at: try #require(l.position(of: "X-1")))
        #expect(c.status == .notReceived && c.receivedAt == nil && c.channel == .postal)
        #expect(c.agencyCode == "000.00.18.H12")
    }

    /// Each container, plain, gzip and zstd: the same three dossiers.
    @Test(arguments: ["lines", "array", "wrapped"], ["plain", "gzip", "zstd"])
    func containersAndCompression(container: String, compression: String) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let text = try #require(Self.containers().first { $0.0 == container }?.1)
        var bytes = Array(text.utf8)
        if compression != "plain" { bytes = try Self.compressed(bytes, compression, in: dir) }
        let (ingester, _) = try ingest("e.json", bytes: bytes, in: dir)
        try checkThree(ingester, "\(container) \(compression)")
    }

    /// Codes as numbers or strings; every KenhThucHien code.
    @Test(arguments: [("1", Channel.inPerson), ("\"1\"", .inPerson), ("\"\"", .inPerson), ("null", .inPerson), ("2", .online), ("\"2\"", .online), ("3", .postal), ("\"3\"", .postal)])
    func channelCodes(value: String, expected: Channel) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let record = #"{"MaHoSo":"A-1","MaTTHC":"1.1","KenhThucHien":\#(value),"TrangThaiHoSo":4,"NgayTiepNhan":"20240301083000"}"#
        let (ingester, _) = try ingest("c.jsonl", bytes: Array(record.utf8), in: dir)
        #expect(ingester.ledger.count == 1)
        #expect(ingester.ledger.dossier(at: 0).channel == expected)
    }

    /// Every TrangThaiHoSo code, as a number and as a string.
    @Test(arguments: 1...10, [false, true])
    func statusCodes(code: Int, quoted: Bool) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let value = quoted ? "\"\(code)\"" : "\(code)"
        let record = #"{"MaHoSo":"A-1","MaTTHC":"1.1","KenhThucHien":2,"TrangThaiHoSo":\#(value),"NgayTiepNhan":"20240301083000","NgayTra":"20240302083000"}"#
        let (ingester, _) = try ingest("s.jsonl", bytes: Array(record.utf8), in: dir)
        let expected: [Int: DossierStatus] = [
            1: .notReceived, 2: .pending, 3: .notReceived, 4: .pending, 5: .pending, 6: .pending, 7: .withdrawn,
            8: .rejected, 9: .resolved, 10: .resolved,
        ]
        #expect(ingester.ledger.dossier(at: 0).status == expected[code])
    }

    /// NFD names (and \u escapes) are stored in NFC; field names match ignoring case.
    @Test func nfdNamesEscapesAndCase() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let nfd = "Cấp giấy phép xây dựng".decomposedStringWithCanonicalMapping
        let record = #"{"mahoso":"A-1","MATTHC":"1.1","TenTTHC":"\#(nfd)","DonViXuLy":"S\u1edf X\u00e2y d\u1ef1ng","KenhThucHien":2,"TrangThaiHoSo":4,"NgayTiepNhan":"20240301083000"}"#
        let (ingester, _) = try ingest("n.jsonl", bytes: Array(record.utf8), in: dir)
        let l = ingester.ledger
        #expect(l.count == 1)
        #expect(Array(l.procedures.labels[0].utf8) == Array("Cấp giấy phép xây dựng".precomposedStringWithCanonicalMapping.utf8))
        #expect(l.agencies.labels[0] == "Sở Xây dựng")
        #expect(l.agencies.codes[0] == "A")
    }

    /// Supplements move the due date only when later; fees: absent, empty, positive, bad.
    @Test func supplementsAndFees() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        func record(_ id: String, _ extra: String) -> String {
            #"{"MaHoSo":"\#(id)","MaTTHC":"1.1","KenhThucHien":2,"TrangThaiHoSo":4,"NgayTiepNhan":"20240301083000","NgayHenTra":"20240310170000"\#(extra)}"#
        }
        let lines = [
            record("A-later", #","DanhSachHoSoBoSung":[{"NgayHenTraMoi":"20240315170000"},{"NgayHenTraMoi":"20240318170000"}]"#),
            record("A-earlier", #","DanhSachHoSoBoSung":[{"NgayHenTraMoi":"20240305170000"}]"#),
            record("A-nolist", ""),
            record("A-emptyfees", #","DanhSachLePhi":[]"#),
            record("A-fees", #","DanhSachLePhi":[{"Gia":10000},{"Gia":"2500.0"},{"TenPhiLePhi":"không giá"}]"#),
            record("A-badfee", #","DanhSachLePhi":[{"Gia":"50.000đ"}]"#),
            record("A-badnewdue", #","DanhSachHoSoBoSung":[{"NgayHenTraMoi":"sắp tới"}]"#),
        ]
        let (ingester, rejects) = try ingest("f.jsonl", bytes: Array(lines.joined(separator: "\n").utf8), in: dir)
        let l = ingester.ledger
        func d(_ id: String) throws -> Dossier { l.dossier(at: try #require(l.position(of: id))) }
        let day = { (d: Int) in Self.at(d, 17, 0) }
        #expect(try d("A-later").dueAt == day(18))
        #expect(try d("A-later").supplementRequests == 2)
        #expect(try d("A-earlier").dueAt == day(10))
        #expect(try d("A-earlier").supplementRequests == 1)
        #expect(try d("A-nolist").supplementRequests == 0)
        #expect(try d("A-nolist").feeAmount == nil)
        #expect(try d("A-emptyfees").feeAmount == 0)
        #expect(try d("A-fees").feeAmount == 12_500)
        #expect(rejects.map { $0.fields[2] } == ["bad_number", "bad_date"])
        #expect(rejects.map { $0.fields[1] } == ["6", "7"])
    }

    /// A malformed line in JSON Lines and a malformed object in an array are rejected with
    /// their line and raw text; the rest of the file is still read.
    @Test func malformedRecordsAreRejectedAndTheRestRead() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let broken = #"{"MaHoSo":"B-1","MaTTHC":"1.1","TrangThaiHoSo":4,"NgayTiepNhan":"20240301083000"#  // quote never closed
        let badValue = #"{"MaHoSo":"B-2","MaTTHC":"1.1","TrangThaiHoSo":4x,"NgayTiepNhan":"20240301083000"}"#
        let lines = [Self.objects[0], broken, badValue, Self.objects[1]].joined(separator: "\n") + "\n"
        let (a, rejectsA) = try ingest("m.jsonl", bytes: Array(lines.utf8), in: dir)
        #expect(a.counts.read == 4 && a.counts.accepted == 2 && a.counts.rejected == 2)
        #expect(rejectsA.map { $0.fields[1] } == ["2", "3"])
        #expect(rejectsA.map { $0.fields[2] } == ["field_count", "field_count"])
        #expect(rejectsA.first?.fields[4] == broken)

        let array = "[\n" + [Self.objects[0], broken, badValue, Self.objects[1], Self.objects[2]].joined(separator: ",\n") + "\n]\n"
        let (b, rejectsB) = try ingest("m.json", bytes: Array(array.utf8), in: dir)
        #expect(b.counts.read == 5 && b.counts.accepted == 3 && b.counts.rejected == 2)
        #expect(rejectsB.map { $0.fields[1] } == ["3", "4"])
        #expect(b.ledger.position(of: "X-1") != nil)
    }

    /// A file that is not JSON stops the run, naming the file.
    @Test(arguments: ["[\n" + #"{"MaHoSo":"A-1"}"# + "\n", #"{"data":[{"MaHoSo":"A-1"}]"#, "[1,2] trailing", "[{\"MaHoSo\":\"A-1\"}]]"])
    func brokenContainerStops(text: String) throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        #expect(throws: JSONError.self) { _ = try ingest("bad.json", bytes: Array(text.utf8), in: dir) }
    }

    /// The same names as CSV headers (a flattened export); agency from the dossier code.
    @Test func flattenedCSV() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let csv = "MaHoSo,MaTTHC,KenhThucHien,TrangThaiHoSo,NgayTiepNhan,NgayKetThucXuLy,ChuHoSo\n"
            + "000.00.17.H12-240301-0001,1.1,2,9,20240301083000,20240302083000,Nguyễn Văn An\n"
            + "000.00.17.H12-240301-0002,1.1,,3,,,Trần Thị B\n"
        let (ingester, _) = try ingest("flat.csv", bytes: Array(csv.utf8), in: dir)
        let l = ingester.ledger
        #expect(l.count == 2)
        #expect(l.dossier(at: 0).agencyCode == "000.00.17.H12" && l.dossier(at: 0).status == .resolved)
        #expect(l.dossier(at: 1).status == .notReceived && l.dossier(at: 1).channel == .inPerson)
    }
}
