import Foundation
import MotcuaCore
import MotcuaIO

/// How an export row is written into its file: as a CSV row (`ExportRowEncoder`) or as a national
/// sync record (`SyncRecordEncoder`).
protocol ExportRecordEncoder: AnyObject {
    func write(_ d: SyntheticDossier, _ state: DossierRowState, bad: BadRow?, to f: ExportFileWriter)
        throws(SampleGeneratorError)
}

extension ExportRowEncoder: ExportRecordEncoder {}

/// Writes a dossier's state as one national sync record (CONTRACT.md section 1.6, profile
/// `dvcqg`): a JSON object with the `DongBoHoSoMC` field names, the same facts as the CSV shapes.
///
/// Every spelling the profile reads comes up, chosen from the dossier's own numbers (never drawn,
/// so a `dvcqg` run and a canonical run of the same seed hold the same dossiers):
/// - codes as JSON numbers and as strings; `KenhThucHien` 1, 2, 3, empty or absent (in person);
///   `TrangThaiHoSo` 2, 4, 5, 6 (pending), 7, 8, 9, 10, and 1 or 3 on the first of two records of
///   a dossier (submitted online, or refused at intake, before the record that wins);
/// - dates as `dd/MM/yyyy HH:mm:ss` or `yyyyMMddHHmmss`; the end of processing in `NgayKetThucXuLy`,
///   `NgayTra` or `NgayTuChoi`;
/// - `MaDonViXuLy` absent on a third of the records (the agency is then MaHoSo's prefix);
/// - `DanhSachLePhi` absent (fee unknown), empty or one item (fee 0), one to three items whose
///   `Gia` add up to the fee (numbers, strings, `25000.0`);
/// - `DanhSachHoSoBoSung` with one item per supplement request; when the dossier has a due date,
///   either every `NgayHenTraMoi` is earlier than `NgayHenTra`, or `NgayHenTra` is the first
///   promise and the last `NgayHenTraMoi` is the due date (so the due date read is the same);
/// - names in NFD on a sixth of the records; made-up personal data (`ChuHoSo`, `SoDinhDanh`,
///   `SoDienThoai`, `Email`, `DiaChiThuongTru`, `TrichYeuHoSo`) that the product must skip.
/// Bad records (`BadRow`) are broken the JSON way: invalid JSON (`field_count`), a `Gia` that is
/// not a whole number (`bad_number`), an unreadable `NgayHenTraMoi` (`bad_date`), and so on.
final class SyncRecordEncoder: ExportRecordEncoder {
    let archive: SyncArchive
    private let calendar: SyntheticCalendar
    private let catalogCount: Int

    private let procedureCodes: LabelTable
    /// JSON strings with their quotes: NFC, NFD, odd (quotes and a line break).
    private let procedureNames: LabelTable
    private let procedureNamesNFD: LabelTable
    private let procedureNamesOdd: LabelTable
    private let agencyCodes: LabelTable
    private let agencyNames: LabelTable
    private let agencyNamesNFD: LabelTable
    private let familyNames: LabelTable
    private let middleNames: LabelTable
    private let givenNames: LabelTable
    private let familyNamesNFD: LabelTable
    private let givenNamesNFD: LabelTable
    /// ASCII folds of the names, for e-mail addresses.
    private let familyFolded: LabelTable
    private let givenFolded: LabelTable
    private let streets: LabelTable
    private let places: LabelTable
    private let placeCount: Int
    private let province: [UInt8]

    /// The reject reasons a sync record can be broken for: no service level is synced, so never
    /// `unknown_level`.
    static let badReasons = RejectReason.allCases.filter { $0 != .unknownLevel }

    init(archive: SyncArchive, calendar: SyntheticCalendar, catalog: SyntheticCatalog, agencies: SyntheticAgencies) {
        self.archive = archive
        self.calendar = calendar
        let all = catalog.procedures + catalog.unknownProcedures
        catalogCount = catalog.procedures.count
        func json(_ text: String) -> [UInt8] { Self.jsonString(text) }
        func nfd(_ text: String) -> [UInt8] { Self.jsonString(text.decomposedStringWithCanonicalMapping) }
        func bare(_ text: String) -> [UInt8] { Array(Self.jsonString(text).dropFirst().dropLast()) }
        func fold(_ text: String) -> [UInt8] {
            let plain = text.decomposedStringWithCanonicalMapping.unicodeScalars.compactMap { s -> UInt8? in
                if s == "đ" || s == "Đ" { return UInt8(ascii: "d") }
                guard s.isASCII, s.properties.isAlphabetic else { return nil }
                return UInt8(ascii: s) | 0x20
            }
            return plain.isEmpty ? Array("cd".utf8) : plain
        }
        procedureCodes = LabelTable(all.map { json($0.code) })
        procedureNames = LabelTable(all.map { json($0.name) })
        procedureNamesNFD = LabelTable(all.map { nfd($0.name) })
        procedureNamesOdd = LabelTable(all.map { json("Thủ tục \"" + $0.name + "\"\n(áp dụng từ 01/7/2024)") })
        agencyCodes = LabelTable(agencies.agencies.map { Array($0.code.utf8) })
        agencyNames = LabelTable(agencies.agencies.map { json($0.name) })
        agencyNamesNFD = LabelTable(agencies.agencies.map { nfd($0.name) })
        familyNames = LabelTable(SyntheticLexicon.familyNames.map(bare))
        middleNames = LabelTable(SyntheticLexicon.middleNames.map(bare))
        givenNames = LabelTable(SyntheticLexicon.givenNames.map(bare))
        familyNamesNFD = LabelTable(SyntheticLexicon.familyNames.map { bare($0.decomposedStringWithCanonicalMapping) })
        givenNamesNFD = LabelTable(SyntheticLexicon.givenNames.map { bare($0.decomposedStringWithCanonicalMapping) })
        familyFolded = LabelTable(SyntheticLexicon.familyNames.map(fold))
        givenFolded = LabelTable(SyntheticLexicon.givenNames.map(fold))
        streets = LabelTable(SyntheticLexicon.streets.map(bare))
        let placeNames = agencies.placeNames.isEmpty ? ["thành phố Vĩnh Yên"] : agencies.placeNames
        places = LabelTable(placeNames.map(bare))
        placeCount = placeNames.count
        province = bare(SyntheticLexicon.provinceName)
    }

    // MARK: - Records

    /// Writes one record of `d` in `state`, broken as `bad` says when given.
    /// - Complexity: O(record length).
    func write(_ d: SyntheticDossier, _ state: DossierRowState, bad: BadRow?, to f: ExportFileWriter)
        throws(SampleGeneratorError)
    {
        let p = d.procedure >= 0 ? d.procedure : catalogCount - 1 - d.procedure
        let nfd = d.nfd || d.spelling == 5
        let compact = (d.sequence ^ d.spelling) & 1 == 1  // yyyyMMddHHmmss dates
        let asText = (d.sequence + d.spelling) & 1 == 1  // codes as JSON strings
        // The serial part of the citizen ID is uniform; the daily counter is nearly always 1.
        let mix = d.citizenID / 13
        let fault = bad.map { SyncFault($0) }
        f.append(archive.separator(after: f.rows))

        f.append("{\"MaHoSo\":")
        f.append(0x22)
        d.writeID(agencyCodes: agencyCodes, calendar: calendar, to: f)
        f.append(0x22)
        f.append(",\"MaTTHC\":")
        if fault == .empty(.procedureCode) { f.append(Self.emptyString) } else { procedureCodes.write(p, to: f) }
        f.append(",\"TenTTHC\":")
        if d.oddName { procedureNamesOdd.write(p, to: f) } else { (nfd ? procedureNamesNFD : procedureNames).write(p, to: f) }
        if mix % 3 != 0 {
            f.append(",\"MaDonViXuLy\":\"")
            agencyCodes.write(d.agency, to: f)
            f.append(0x22)
        }
        f.append(",\"DonViXuLy\":")
        (nfd ? agencyNamesNFD : agencyNames).write(d.agency, to: f)
        personalData(d, nfd: nfd, f)

        // KenhThucHien: 1 in person (or empty, or absent), 2 online, 3 postal.
        if case .text(.channel, let text) = fault {
            f.append(",\"KenhThucHien\":")
            f.append(text)
        } else if d.channel == .inPerson, d.spelling < 2, fault != .missingComma {
            if d.spelling == 0 { f.append(",\"KenhThucHien\":\"\"") }
        } else {
            f.append(fault == .missingComma ? " \"KenhThucHien\":" : ",\"KenhThucHien\":")
            code(d.channel == .online ? 2 : d.channel == .postal ? 3 : 1, asText, f)
        }

        f.append(",\"TrangThaiHoSo\":")
        switch fault {
        case .empty(.status)?: f.append(Self.emptyString)
        case .text(.status, let text)?: f.append(text)
        default: code(statusCode(d, state), asText, f)
        }

        f.append(",\"NgayTiepNhan\":")
        switch fault {
        case .empty(.receivedAt)?: f.append(Self.emptyString)
        case .text(.receivedAt, let text)?: f.append(text)
        default: date(d.receivedDateOnly ? Self.startOfDay(d.received) : d.received, compact, f)
        }

        let supplements = fault == .badSupplementDate ? max(1, d.supplements) : bad == nil ? d.supplements : 0
        let moved = supplements > 0 && d.citizenID % 2 == 0
        if let due = d.due {
            f.append(",\"NgayHenTra\":")
            date(moved ? due - 2 * SyntheticCalendar.secondsPerDay * supplements : due, compact, f)
        } else if d.spelling == 1 {
            f.append(",\"NgayHenTra\":\"\"")
        }
        closing(d, state, compact, f)

        // DuocThanhToanTrucTuyen: 1 or 2 paid online, 0 not, empty/null/absent unknown.
        switch d.paid {
        case 1:
            f.append(",\"DuocThanhToanTrucTuyen\":")
            code(1 + mix / 9 % 2, asText, f)
        case 2:
            f.append(",\"DuocThanhToanTrucTuyen\":")
            code(0, asText, f)
        default:
            if d.spelling % 3 == 0 { f.append(",\"DuocThanhToanTrucTuyen\":\"\"") }
            if d.spelling % 3 == 1 { f.append(",\"DuocThanhToanTrucTuyen\":null") }
        }

        fees(d, variant: mix / 3 % 3, fault, f)
        if supplements > 0 { supplementList(d, count: supplements, moved: moved, compact, fault, f) }
        f.append(",\"TrichYeuHoSo\":\"Đề nghị giải quyết hồ sơ của ông/bà ")
        name(d, nfd: nfd, f)
        f.append(", ")
        address(d, f)
        f.append("\"}")
        f.append(archive.recordEnd)
        try f.endRow()
    }

    // MARK: - Codes and dates

    /// TrangThaiHoSo of a row: the state's status in one of its national codes.
    private func statusCode(_ d: SyntheticDossier, _ state: DossierRowState) -> Int {
        switch state.status {
        case .pending, .notReceived:
            if state.laterRowFollows {
                if d.finalStatus == .rejected { return 3 }
                if d.channel == .online, d.spelling % 2 == 0 { return 1 }
            }
            return [2, 4, 5, 6][d.spelling % 4]
        case .resolved: return d.spelling % 2 == 0 ? 9 : 10
        case .rejected: return 8
        case .withdrawn: return 7
        }
    }

    /// The end of processing: NgayKetThucXuLy, NgayTra (a result returned) or NgayTuChoi (refused).
    private func closing(_ d: SyntheticDossier, _ state: DossierRowState, _ compact: Bool, _ f: ExportFileWriter) {
        guard var closed = state.closed else {
            if d.spelling == 2 { f.append(",\"NgayKetThucXuLy\":\"\",\"NgayTra\":\"\"") }
            return
        }
        // A date written without a time in the CSV shapes is the start of its day: the same here.
        if d.closedDateOnly { closed = Self.startOfDay(closed) }
        switch state.status {
        case .rejected where d.spelling % 2 == 0:
            f.append(",\"NgayTuChoi\":")
            date(closed, compact, f)
        case .resolved where d.spelling == 3:
            f.append(",\"NgayTra\":")
            date(closed, compact, f)
        default:
            f.append(",\"NgayKetThucXuLy\":")
            date(closed, compact, f)
            if state.status == .resolved, d.spelling == 1 {
                f.append(",\"NgayTra\":")
                date(closed + 3600, compact, f)
            }
        }
    }

    /// A JSON number, or the same digits as a JSON string.
    @inline(__always)
    private func code(_ n: Int, _ asText: Bool, _ f: ExportFileWriter) {
        if asText { f.append(0x22) }
        f.appendDigits(n, width: 1)
        if asText { f.append(0x22) }
    }

    /// A local time as a JSON string, `dd/MM/yyyy HH:mm:ss` or `yyyyMMddHHmmss`.
    private func date(_ seconds: Int, _ compact: Bool, _ f: ExportFileWriter) {
        let perDay = SyntheticCalendar.secondsPerDay
        let c = calendar.civil(seconds / perDay)
        let s = seconds % perDay
        f.append(0x22)
        if compact {
            f.appendDigits(c.year, width: 4)
            f.appendTwoDigits(c.month)
            f.appendTwoDigits(c.day)
            f.appendTwoDigits(s / 3600)
            f.appendTwoDigits(s / 60 % 60)
            f.appendTwoDigits(s % 60)
        } else {
            f.appendTwoDigits(c.day)
            f.append(UInt8(ascii: "/"))
            f.appendTwoDigits(c.month)
            f.append(UInt8(ascii: "/"))
            f.appendDigits(c.year, width: 4)
            f.append(0x20)
            f.appendTwoDigits(s / 3600)
            f.append(UInt8(ascii: ":"))
            f.appendTwoDigits(s / 60 % 60)
            f.append(UInt8(ascii: ":"))
            f.appendTwoDigits(s % 60)
        }
        f.append(0x22)
    }

    // MARK: - Lists

    /// DanhSachLePhi: absent or null (unknown), `[]` or one item of 0, or items adding up to the fee.
    private func fees(_ d: SyntheticDossier, variant: Int, _ fault: SyncFault?, _ f: ExportFileWriter) {
        if case .badFee(let text)? = fault {
            f.append(",\"DanhSachLePhi\":[{\"TenPhiLePhi\":\"Lệ phí\",\"Gia\":15000},{\"TenPhiLePhi\":\"Phí thẩm định\",\"Gia\":")
            f.append(text)
            f.append("}]")
            return
        }
        guard let fee = d.fee else {
            if d.spelling == 4 { f.append(",\"DanhSachLePhi\":null") }
            return
        }
        f.append(",\"DanhSachLePhi\":[")
        let parts: [Int]
        switch (fee, variant) {
        case (0, 0): parts = []
        case (0, _): parts = [0]
        case (_, 0): parts = [fee]
        case (_, 1): parts = [fee * 3 / 5, fee - fee * 3 / 5]
        default: parts = [fee / 2, fee / 4, fee - fee / 2 - fee / 4]
        }
        for (k, part) in parts.enumerated() {
            f.append(k == 0 ? "{\"TenPhiLePhi\":\"Lệ phí\",\"Gia\":" : ",{\"TenPhiLePhi\":\"Phí thẩm định\",\"Gia\":")
            switch k {
            case 1:
                f.append(0x22)
                f.appendDigits(part, width: 1)
                f.append(0x22)
            case 2:
                f.appendDigits(part, width: 1)
                f.append(".0")
            default: f.appendDigits(part, width: 1)
            }
            f.append(UInt8(ascii: "}"))
        }
        f.append(UInt8(ascii: "]"))
    }

    /// DanhSachHoSoBoSung: one item per request; see the type's comment for NgayHenTraMoi.
    private func supplementList(
        _ d: SyntheticDossier, count: Int, moved: Bool, _ compact: Bool, _ fault: SyncFault?, _ f: ExportFileWriter
    ) {
        let perDay = SyntheticCalendar.secondsPerDay
        f.append(",\"DanhSachHoSoBoSung\":[")
        for k in 0..<count {
            f.append(k == 0 ? "{\"NoiDungBoSung\":\"Bổ sung bản sao giấy tờ\"" : ",{\"NoiDungBoSung\":\"Bổ sung bản sao giấy tờ\"")
            if case .badSupplementDate = fault, k == count - 1 {
                f.append(",\"NgayHenTraMoi\":\"32/01/2024 17:00:00\"")
            } else if let due = d.due {
                f.append(",\"NgayHenTraMoi\":")
                date(moved ? due - perDay * (count - 1 - k) : due - perDay * (k + 1), compact, f)
            }
            f.append(UInt8(ascii: "}"))
        }
        f.append(UInt8(ascii: "]"))
    }

    // MARK: - Personal data (never read by the product)

    private func personalData(_ d: SyntheticDossier, nfd: Bool, _ f: ExportFileWriter) {
        f.append(",\"ChuHoSo\":\"")
        name(d, nfd: nfd, f)
        f.append("\",\"SoDinhDanh\":\"")
        f.appendDigits(d.citizenID, width: 12)
        f.append("\",\"SoDienThoai\":\"0")
        f.appendDigits(d.phone, width: 9)
        f.append("\",\"Email\":\"")
        givenFolded.write(d.givenName, to: f)
        f.append(UInt8(ascii: "."))
        familyFolded.write(d.familyName, to: f)
        f.appendDigits(d.phone % 1000, width: 3)
        f.append("@gmail.com\",\"DiaChiThuongTru\":\"")
        address(d, f)
        f.append(0x22)
    }

    private func name(_ d: SyntheticDossier, nfd: Bool, _ f: ExportFileWriter) {
        (nfd ? familyNamesNFD : familyNames).write(d.familyName, to: f)
        f.append(0x20)
        middleNames.write(d.middleName, to: f)
        f.append(0x20)
        (nfd ? givenNamesNFD : givenNames).write(d.givenName, to: f)
    }

    private func address(_ d: SyntheticDossier, _ f: ExportFileWriter) {
        f.append("Số ")
        f.appendDigits(d.houseNumber, width: 1)
        f.append(UInt8(ascii: ","), 0x20)
        streets.write(d.street, to: f)
        f.append(UInt8(ascii: ","), 0x20)
        places.write(d.place % placeCount, to: f)
        f.append(UInt8(ascii: ","), 0x20)
        f.append(province)
    }

    // MARK: - Bytes

    private static let emptyString: [UInt8] = [0x22, 0x22]

    private static func startOfDay(_ seconds: Int) -> Int {
        seconds / SyntheticCalendar.secondsPerDay * SyntheticCalendar.secondsPerDay
    }

    /// `text` as a JSON string with its quotes (RFC 8259 escapes).
    static func jsonString(_ text: String) -> [UInt8] {
        var out: [UInt8] = [0x22]
        for b in text.utf8 {
            switch b {
            case 0x22: out += [0x5C, 0x22]
            case 0x5C: out += [0x5C, 0x5C]
            case 0x0A: out += [0x5C, UInt8(ascii: "n")]
            case 0x0D: out += [0x5C, UInt8(ascii: "r")]
            case 0x09: out += [0x5C, UInt8(ascii: "t")]
            case 0..<0x20: out += Array(String(format: "\\u%04x", b).utf8)
            default: out.append(b)
            }
        }
        out.append(0x22)
        return out
    }
}

extension ExportFileWriter {
    /// Literal text (JSON keys and fixed values); a `StaticString` costs no allocation.
    @inline(__always)
    func append(_ text: StaticString) {
        append(text.utf8Start, count: text.utf8CodeUnitCount)
    }
}

/// How a bad row (`BadRow`) is broken in a sync record: a JSON value in place of a field's, an
/// empty required field, invalid JSON, a bad fee or supplement date; `structural` when the fault
/// is in the dossier's dates or status (`BadRow.apply`), written as usual.
enum SyncFault: Equatable {
    case structural
    case missingComma
    case empty(DossierColumn)
    case text(DossierColumn, [UInt8])
    case badFee([UInt8])
    case badSupplementDate

    init(_ bad: BadRow) {
        let v = bad.variant
        func pick(_ forms: [String]) -> [UInt8] { Array(forms[v % forms.count].utf8) }
        switch bad.reason {
        case .fieldCount: self = v % 2 == 0 ? .text(.status, Array("4x".utf8)) : .missingComma
        case .emptyRequired: self = .empty([DossierColumn.procedureCode, .status, .receivedAt][v % 3])
        case .badDate:
            self =
                v % 4 == 3
                ? .badSupplementDate
                : .text(.receivedAt, pick(["\"31/02/2024 09:15:00\"", "\"20241301081500\"", "\"không rõ\""]))
        case .dateOutOfRange:
            self = .text(.receivedAt, pick(["\"30/12/1899 00:00:00\"", "\"21050601080000\"", "\"01/01/1900 00:00:00\""]))
        case .unknownChannel: self = .text(.channel, pick(["9", "\"Fax\"", "\"0\""]))
        case .unknownStatus: self = .text(.status, pick(["11", "\"0\"", "\"Lưu trữ\""]))
        case .badNumber: self = .badFee(pick(["\"50.000 đ\"", "-5000", "\"miễn phí\""]))
        case .unknownLevel, .closedBeforeReceived, .dueBeforeReceived, .missingClosedAt: self = .structural
        }
    }
}
