import Foundation
import MotcuaCore
import MotcuaIO

/// Writes a dossier's state as one export row of a given shape, straight into a file's buffer.
///
/// Every label is encoded (and quoted where the shape's delimiter requires it) once, when the
/// encoder is built, with the project's one CSV quoting rule (`CSVWriter`); per row only bytes are
/// copied and digits written, which is what lets `motcua generate` write over a million rows a
/// second (STYLE.md habit 11).
final class ExportRowEncoder {
    let shape: ExportShape
    /// Short rows leave out the names and the personal columns.
    private let long: Bool
    private let delimiter: UInt8
    private let crlf: Bool
    private let calendar: SyntheticCalendar

    // Labels, indexed by procedure (catalog, then unknown) and agency.
    private let procedureCodes: LabelTable
    private let procedureNames: LabelTable
    private let procedureNamesNFD: LabelTable
    private let procedureNamesOdd: LabelTable
    private let agencyCodes: LabelTable
    private let agencyNames: LabelTable
    private let agencyNamesNFD: LabelTable
    private let catalogCount: Int

    // Personal data.
    private let familyNames: LabelTable
    private let middleNames: LabelTable
    private let givenNames: LabelTable
    private let streets: LabelTable
    private let places: LabelTable
    private let placeCount: Int
    private let province: [UInt8]

    /// Coded values: status (raw value) x 4 spellings, in NFC and NFD; channel by raw value, as
    /// code and as text; level `2 * n - 1` and `2 * n` for level n; paid yes, no.
    private let statuses: LabelTable
    private let statusesNFD: LabelTable
    private let channels: LabelTable
    private let channelTexts: LabelTable
    private let levels: LabelTable
    private let paid: LabelTable

    /// The text of every day the rows can mention (the range with 800 days either side), so a
    /// date costs one copy; `firstTextDay` is the day of entry 0.
    private let dayTexts: LabelTable
    private let dayTextsShort: LabelTable
    private let firstTextDay: Int
    private let plusSeven = LabelTable([Array("+07:00".utf8)])

    static let spellingsPerStatus = 4

    init(
        shape: ExportShape, width: RowWidth = .long, calendar: SyntheticCalendar, catalog: SyntheticCatalog,
        agencies: SyntheticAgencies
    ) {
        self.shape = shape
        long = width == .long
        self.calendar = calendar
        delimiter = shape.delimiter
        crlf = shape.usesCRLF
        var quoter = CSVWriter(delimiter: shape.delimiter)
        func field(_ text: String) -> [UInt8] {
            quoter.writeField(text)
            return quoter.take()
        }
        func nfd(_ text: String) -> [UInt8] { field(text.decomposedStringWithCanonicalMapping) }

        let all = catalog.procedures + catalog.unknownProcedures
        catalogCount = catalog.procedures.count
        procedureCodes = LabelTable(all.map { Array($0.code.utf8) })
        procedureNames = LabelTable(all.map { field($0.name) })
        procedureNamesNFD = LabelTable(all.map { nfd($0.name) })
        procedureNamesOdd = LabelTable(
            all.indices.map { k in
                let name = all[k].name
                switch k % 3 {
                case 0: return field(name + "; liên thông")
                case 1: return field("Thủ tục \"" + name + "\"")
                default: return field(name + "\n(áp dụng từ 01/7/2024)")
                }
            })
        agencyCodes = LabelTable(agencies.agencies.map { Array($0.code.utf8) })
        agencyNames = LabelTable(agencies.agencies.map { field($0.name) })
        agencyNamesNFD = LabelTable(agencies.agencies.map { nfd($0.name) })

        familyNames = LabelTable(SyntheticLexicon.familyNames.map { Array($0.utf8) })
        middleNames = LabelTable(SyntheticLexicon.middleNames.map { Array($0.utf8) })
        givenNames = LabelTable(SyntheticLexicon.givenNames.map { Array($0.utf8) })
        streets = LabelTable(SyntheticLexicon.streets.map { Array($0.utf8) })
        let placeNames = agencies.placeNames.isEmpty ? ["thành phố Vĩnh Yên"] : agencies.placeNames
        places = LabelTable(placeNames.map { Array($0.utf8) })
        placeCount = placeNames.count
        province = Array(SyntheticLexicon.provinceName.utf8)

        let spellings: [[String]]
        let channelCodes: [String]
        let channelWords: [String]
        let levelWords: [String]
        let yesNo: [String]
        switch shape {
        case .canonical:
            spellings = [["?"], ["pending"], ["resolved"], ["rejected"], ["withdrawn"]]
            channelCodes = ["", "online", "in_person", "postal"]
            channelWords = channelCodes
            levelWords = ["", "1", "1", "2", "2", "3", "3", "4", "4"]
            yesNo = ["true", "false"]
        case .igateVi:
            spellings = [
                ["?"], ["Đang giải quyết", "Đang xử lý", "Chờ bổ sung", "Tạm dừng"],
                ["Đã giải quyết", "Đã trả kết quả", "Hoàn thành"], ["Từ chối", "Không giải quyết"],
                ["Rút hồ sơ", "Công dân rút"],
            ]
            // National sync codes: 1 in person, 2 online, 3 postal.
            channelCodes = ["", "2", "1", "3"]
            channelWords = ["", "Trực tuyến", "Trực tiếp", "Bưu chính công ích"]
            levelWords = [
                "", "Mức độ 1", "Mức độ 1", "Mức độ 2", "Mức độ 2", "Mức độ 3", "Một phần",
                "Mức độ 4", "Toàn trình",
            ]
            yesNo = ["Có", "Không"]
        }
        let width = Self.spellingsPerStatus
        let grid = spellings.flatMap { forms in (0..<width).map { forms[$0 % forms.count] } }
        statuses = LabelTable(grid.map { field($0) })
        statusesNFD = LabelTable(grid.map { nfd($0) })
        channels = LabelTable(channelCodes.map { field($0) })
        channelTexts = LabelTable(channelWords.map { field($0) })
        levels = LabelTable(levelWords.map { field($0) })
        paid = LabelTable(yesNo.map { field($0) })

        firstTextDay = calendar.firstDay - 800
        let days = firstTextDay...(calendar.lastDay + 800)
        dayTexts = LabelTable(
            days.map { Self.dayText(calendar.civil($0), shape: shape, short: false) })
        dayTextsShort = LabelTable(
            days.map { Self.dayText(calendar.civil($0), shape: shape, short: true) })
    }

    // MARK: - Rows

    /// Writes one row of `d` in `state`, broken as `bad` says when given.
    /// - Complexity: O(row length), no allocation.
    func write(
        _ d: SyntheticDossier, _ state: DossierRowState, bad: BadRow? = nil,
        to f: ExportFileWriter
    ) throws(SampleGeneratorError) {
        let p = d.procedure >= 0 ? d.procedure : catalogCount - 1 - d.procedure
        let igate = shape == .igateVi
        let nfd = igate && d.nfd

        @inline(__always) func put(_ field: ExportField, _ write: () -> Void) {
            if let bad, let text = bad.text(for: field, shape: shape) {
                f.append(text)
            } else {
                write()
            }
        }

        // dossier_id: AGENCY-YYMMDD-NNNN
        d.writeID(agencyCodes: agencyCodes, calendar: calendar, to: f)
        f.append(delimiter)
        put(.receivedAt) { date(d.received, dateOnly: d.receivedDateOnly, style: d.dateStyle, f) }
        f.append(delimiter)
        put(.agencyCode) { agencyCodes.write(d.agency, to: f) }
        f.append(delimiter)
        if long {
            (nfd ? agencyNamesNFD : agencyNames).write(d.agency, to: f)
            f.append(delimiter)
        }
        put(.procedureCode) { procedureCodes.write(p, to: f) }
        f.append(delimiter)
        if long {
            if igate, d.oddName {
                procedureNamesOdd.write(p, to: f)
            } else {
                (nfd ? procedureNamesNFD : procedureNames).write(p, to: f)
            }
            f.append(delimiter)
            familyNames.write(d.familyName, to: f)
            f.append(0x20)
            middleNames.write(d.middleName, to: f)
            f.append(0x20)
            givenNames.write(d.givenName, to: f)
            f.append(delimiter)
            f.appendDigits(d.citizenID, width: 12)
            f.append(delimiter)
        }
        put(.channel) {
            (d.textChannel ? channelTexts : channels).write(Int(d.channel.rawValue), to: f)
        }
        f.append(delimiter)
        put(.status) {
            (nfd ? statusesNFD : statuses).write(
                row: Int(state.status.rawValue), column: d.spelling % Self.spellingsPerStatus,
                width: Self.spellingsPerStatus, to: f)
        }
        f.append(delimiter)
        put(.serviceLevel) {
            if d.level > 0 { levels.write(d.level * 2 - 1 + d.spelling % 2, to: f) }
        }
        f.append(delimiter)
        if d.paid != 0 { paid.write(Int(d.paid) - 1, to: f) }
        f.append(delimiter)
        if let due = d.due { date(due, dateOnly: d.dueDateOnly, style: d.dateStyle, f) }
        f.append(delimiter)
        if let closed = state.closed {
            date(closed, dateOnly: d.closedDateOnly, style: d.dateStyle, f)
        }
        f.append(delimiter)
        if long {
            phone(d, f)
            f.append(delimiter)
        }
        if let updated = state.updated { date(updated, dateOnly: false, style: d.dateStyle, f) }
        f.append(delimiter)
        put(.feeAmount) { if let fee = d.fee { f.appendDigits(fee, width: 1) } }
        let cutShort = bad.map { $0.reason == .fieldCount && !$0.addsField } ?? false
        if long || !cutShort {
            f.append(delimiter)
            put(.supplementRequests) { if d.supplements > 0 || !igate { f.appendDigits(d.supplements, width: 1) } }
        }
        if cutShort {
            // Cut the record short: no address field at all (short rows: no supplement_requests).
        } else {
            if long {
                f.append(delimiter)
                address(d, f)
            }
            if let bad, bad.reason == .fieldCount {
                f.append(delimiter)
                f.append(UInt8(ascii: "x"))
            }
        }
        if crlf { f.append(0x0D, 0x0A) } else { f.append(0x0A) }
        try f.endRow()
    }

    // MARK: - Fields

    /// A local time in the shape's date form.
    @inline(__always)
    private func date(_ seconds: Int, dateOnly: Bool, style: UInt8, _ f: ExportFileWriter) {
        let perDay = SyntheticCalendar.secondsPerDay
        if shape == .igateVi {
            day(seconds / perDay, style == 1 ? dayTextsShort : dayTexts, f)
            if !dateOnly {
                f.append(0x20)
                clock(seconds % perDay, f)
            }
            return
        }
        if dateOnly {
            day(seconds / perDay, dayTexts, f)
            return
        }
        let utc = style == 2
        let s = utc ? seconds - 7 * 3600 : seconds
        day(s / perDay, dayTexts, f)
        f.append(style == 0 ? 0x20 : UInt8(ascii: "T"))
        clock(s % perDay, f)
        if style == 1 {
            plusSeven.write(0, to: f)
        } else if utc {
            f.append(UInt8(ascii: "Z"))
        }
    }

    /// A day's text from one of the day tables.
    @inline(__always)
    private func day(_ day: Int, _ table: LabelTable, _ f: ExportFileWriter) {
        let k = day - firstTextDay
        if k >= 0, k < table.count {
            table.write(k, to: f)
        } else {
            let short = table === dayTextsShort
            f.append(Self.dayText(calendar.civil(day), shape: shape, short: short))
        }
    }

    /// `YYYY-MM-DD`, `dd/MM/yyyy` or `d/M/yyyy`.
    private static func dayText(
        _ c: (year: Int, month: Int, day: Int), shape: ExportShape, short: Bool
    ) -> [UInt8] {
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        let year = String(repeating: "0", count: max(0, 4 - String(c.year).count)) + String(c.year)
        switch shape {
        case .canonical: return Array((year + "-" + two(c.month) + "-" + two(c.day)).utf8)
        case .igateVi:
            if short { return Array("\(c.day)/\(c.month)/\(year)".utf8) }
            return Array((two(c.day) + "/" + two(c.month) + "/" + year).utf8)
        }
    }

    @inline(__always)
    private func clock(_ second: Int, _ f: ExportFileWriter) {
        f.appendTwoDigits(second / 3600)
        f.append(UInt8(ascii: ":"))
        f.appendTwoDigits(second / 60 % 60)
        f.append(UInt8(ascii: ":"))
        f.appendTwoDigits(second % 60)
    }

    private func phone(_ d: SyntheticDossier, _ f: ExportFileWriter) {
        switch d.phoneStyle {
        case 1:
            f.append(UInt8(ascii: "+"), UInt8(ascii: "8"))
            f.append(UInt8(ascii: "4"))
            f.appendDigits(d.phone, width: 9)
        case 2:
            f.append(UInt8(ascii: "0"))
            f.appendDigits(d.phone / 1_000_000, width: 3)
            f.append(0x20)
            f.appendDigits(d.phone / 1000 % 1000, width: 3)
            f.append(0x20)
            f.appendDigits(d.phone % 1000, width: 3)
        default:
            f.append(UInt8(ascii: "0"))
            f.appendDigits(d.phone, width: 9)
        }
    }

    /// `Số N, street, place, province`; quoted in the comma-delimited shape.
    private func address(_ d: SyntheticDossier, _ f: ExportFileWriter) {
        let quoted = delimiter == UInt8(ascii: ",")
        if quoted { f.append(0x22) }
        f.append(Self.houseWord)
        f.appendDigits(d.houseNumber, width: 1)
        f.append(UInt8(ascii: ","), 0x20)
        streets.write(d.street, to: f)
        f.append(UInt8(ascii: ","), 0x20)
        places.write(d.place % placeCount, to: f)
        f.append(UInt8(ascii: ","), 0x20)
        f.append(province)
        if quoted { f.append(0x22) }
    }

    private static let houseWord = Array("Số ".utf8)
}
