import Foundation
import Testing

@testable import MotcuaCore

/// CONTRACT.md sections 1.1, 1.3 and 1.4: staging one raw record into a dossier or a rejection.
@Suite struct DossierStagerTests {
    /// A valid resolved record; tests change one or two fields of it.
    static let base: [DossierColumn: String] = [
        .dossierID: "000.00.17.H12-240301-0001",
        .procedureCode: "1.004227",
        .agencyCode: "000.00.17.H12",
        .channel: "online",
        .receivedAt: "2024-03-01 09:00",
        .status: "resolved",
        .closedAt: "2024-03-05 16:00",
        .dueAt: "2024-03-08",
    ]

    static func record(_ changes: [DossierColumn: String]) -> [DossierColumn: String] {
        base.merging(changes) { _, new in new }
    }

    // MARK: - Accepted

    @Test func validRecord() {
        let expected = Dossier(
            id: "000.00.17.H12-240301-0001", procedureCode: "1.004227", agencyCode: "000.00.17.H12",
            channel: .online, status: .resolved, receivedAt: at(2024, 3, 1, 9, 0),
            closedAt: at(2024, 3, 5, 16, 0), dueAt: at(2024, 3, 8))
        #expect(stage(Self.base).dossier == expected)
    }

    @Test func allOptionalColumns() {
        let result = stage(
            Self.record([
                .serviceLevel: "Mức độ 4", .paidOnline: "có", .updatedAt: "2024-03-05T10:00:00Z",
                .procedureName: "Cấp giấy chứng nhận", .agencyName: "Sở Tài nguyên",
            ]))
        let d = result.dossier
        #expect(d?.serviceLevel == level(4))
        #expect(d?.paidOnline == true)
        #expect(d?.updatedAt == at(2024, 3, 5, 17, 0))
        #expect(d?.procedureName == "Cấp giấy chứng nhận")
        #expect(d?.agencyName == "Sở Tài nguyên")
    }

    @Test func emptyOptionalColumnsAreNil() {
        let d = stage(Self.record([.status: "pending", .closedAt: "", .dueAt: ""])).dossier
        #expect(d != nil)
        #expect(d?.closedAt == nil)
        #expect(d?.dueAt == nil)
        #expect(d?.serviceLevel == nil)
        #expect(d?.paidOnline == nil)
        #expect(d?.updatedAt == nil)
        #expect(d?.procedureName == nil)
        #expect(d?.agencyName == nil)
    }

    @Test func valuesAreTrimmed() {
        let d = stage(
            Self.record([
                .dossierID: "  X-1 ", .procedureCode: " 1.004227\t", .channel: " Trực tuyến ",
                .status: " Hoàn thành ",
            ])
        ).dossier
        #expect(d?.id == "X-1")
        #expect(d?.procedureCode == "1.004227")
        #expect(d?.channel == .online)
        #expect(d?.status == .resolved)
    }

    @Test func vietnameseSpellingsInNFD() {
        let d = stage(
            Self.record([
                .channel: "tr\u{1EF1}c ti\u{1EBF}p".decomposedStringWithCanonicalMapping,
                .status: "đã trả kết quả".decomposedStringWithCanonicalMapping,
                .serviceLevel: "toàn trình".decomposedStringWithCanonicalMapping,
                .paidOnline: "KHÔNG".decomposedStringWithCanonicalMapping,
            ])
        ).dossier
        #expect(d?.channel == .inPerson)
        #expect(d?.status == .resolved)
        #expect(d?.serviceLevel == level(4))
        #expect(d?.paidOnline == false)
    }

    @Test func nfdTextIsStoredAsNFC() {
        // "Hồ sơ" and "Sở Tư pháp" decomposed by hand.
        let idNFD = "HO\u{0302}\u{0300}-1"
        let nameNFD = "Ca\u{0302}\u{0301}p ba\u{0309}n sao"
        let agencyNFD = "So\u{031B}\u{0309} Tu\u{031B} pha\u{0301}p"
        let d = stage(Self.record([.dossierID: idNFD, .procedureName: nameNFD, .agencyName: agencyNFD])).dossier
        #expect(d.map { utf8($0.id) } == utf8("H\u{1ED2}-1"))
        #expect(d?.procedureName.map(utf8) == utf8("C\u{1EA5}p b\u{1EA3}n sao"))
        #expect(d?.agencyName.map(utf8) == utf8("S\u{1EDF} T\u{01B0} ph\u{00E1}p"))
    }

    @Test(arguments: [
        ("một phần", UInt8(3)), ("toàn trình", 4), ("mức 2", 2), ("MUC DO 1", 1), ("3", 3),
    ])
    func serviceLevelSpellings(text: String, expected: UInt8) {
        #expect(stage(Self.record([.serviceLevel: text])).dossier?.serviceLevel?.rawValue == expected)
    }

    @Test(arguments: [
        ("true", Bool?.some(true)), ("Yes", true), ("1", true), ("Có", true), ("X", true),
        ("false", false), ("NO", false), ("0", false), ("không", false), ("khong", false),
        ("", nil), ("maybe", nil), ("2", nil), ("chưa rõ", nil),
    ])
    func paidOnline(text: String, expected: Bool?) {
        // An unreadable spelling is unknown: the record is still accepted.
        let result = stage(Self.record([.paidOnline: text]))
        #expect(result.reason == nil)
        #expect(result.dossier?.paidOnline == expected)
    }

    @Test func pendingMayHaveNoClosedAt() {
        #expect(stage(Self.record([.status: "đang xử lý", .closedAt: ""])).dossier?.status == .pending)
    }

    @Test func closedExactlyAtReceivedIsAccepted() {
        let d = stage(Self.record([.closedAt: "2024-03-01 09:00:00"])).dossier
        #expect(d?.closedAt == at(2024, 3, 1, 9, 0))
    }

    @Test func dueAtMidnightOfReceivedDayIsNotBeforeIt() {
        #expect(stage(Self.record([.dueAt: "2024-03-01"])).reason == nil)
        #expect(stage(Self.record([.dueAt: "2024-03-01 00:00:00"])).reason == nil)
        #expect(stage(Self.record([.dueAt: "01/03/2024 08:00"])).reason == nil)
    }

    // MARK: - Each reject reason

    @Test(arguments: [DossierColumn.dossierID, .procedureCode, .agencyCode, .channel, .receivedAt, .status])
    func emptyRequired(column: DossierColumn) {
        #expect(stage(Self.record([column: ""])).reason == .emptyRequired)
        #expect(stage(Self.record([column: "  \t "])).reason == .emptyRequired)
    }

    @Test func fieldCount() {
        #expect(stage(Self.base, fieldCount: 12, expectedFieldCount: 13).reason == .fieldCount)
        #expect(stage(Self.base, fieldCount: 14, expectedFieldCount: 13).reason == .fieldCount)
        #expect(stage(Self.base, fieldCount: 20, expectedFieldCount: 20).reason == nil)
    }

    @Test(arguments: [
        (DossierColumn.receivedAt, "32/1/2024"),
        (.closedAt, "2023-02-29"),
        (.dueAt, "ngày mai"),
        (.updatedAt, "2024/01/02"),
        (.receivedAt, "12/2024"),
        (.closedAt, "2024-03-05 24:00"),
    ])
    func badDate(column: DossierColumn, text: String) {
        #expect(stage(Self.record([column: text])).reason == .badDate)
    }

    @Test func dateOutOfRange() {
        let pending: [DossierColumn: String] = [.status: "pending", .closedAt: "", .dueAt: ""]
        func received(_ text: String) -> Result<Dossier, Rejection> {
            stage(Self.record(pending.merging([.receivedAt: text]) { _, b in b }))
        }
        #expect(received("1989-12-31").reason == .dateOutOfRange)
        #expect(received("1989-12-31 23:59:59").reason == .dateOutOfRange)
        #expect(received("2101-01-01").reason == .dateOutOfRange)
        #expect(received("1990-01-01").dossier?.receivedAt == at(1990, 1, 1))
        #expect(received("2100-12-31 23:59:59").dossier?.receivedAt == at(2100, 12, 31, 23, 59, 59))
        // 17:00 UTC on 31 Dec 1989 is midnight local on 1 Jan 1990: in range after conversion.
        #expect(received("1989-12-31T17:00:00Z").dossier?.receivedAt == at(1990, 1, 1))
        // One second earlier is still 1989 locally.
        #expect(received("1989-12-31T16:59:59Z").reason == .dateOutOfRange)
        // 17:00 UTC on 31 Dec 2100 is 2101 locally.
        #expect(received("2100-12-31T17:00:00Z").reason == .dateOutOfRange)
        #expect(received("2100-12-31T16:59:59Z").reason == nil)
        // Other date columns are checked too.
        #expect(stage(Self.record([.updatedAt: "2101-01-02"])).reason == .dateOutOfRange)
        #expect(stage(Self.record([.dueAt: "1/1/2200"])).reason == .dateOutOfRange)
        #expect(stage(Self.record([.closedAt: "2150-01-01"])).reason == .dateOutOfRange)
    }

    @Test(arguments: ["fax", "1", "email", "trực", "in person"])
    func unknownChannel(text: String) {
        #expect(stage(Self.record([.channel: text])).reason == .unknownChannel)
    }

    @Test(arguments: ["done", "closed", "2", "đã"])
    func unknownStatus(text: String) {
        #expect(stage(Self.record([.status: text])).reason == .unknownStatus)
    }

    @Test(arguments: ["5", "0", "mức độ 7", "cao", "34"])
    func unknownLevel(text: String) {
        #expect(stage(Self.record([.serviceLevel: text])).reason == .unknownLevel)
    }

    @Test func closedBeforeReceived() {
        // Same day, one second earlier.
        #expect(stage(Self.record([.closedAt: "2024-03-01 08:59:59"])).reason == .closedBeforeReceived)
        // A date-only closed_at is midnight at the start of the day: before 09:00 that day.
        #expect(stage(Self.record([.closedAt: "2024-03-01"])).reason == .closedBeforeReceived)
        #expect(stage(Self.record([.closedAt: "1/3/2024"])).reason == .closedBeforeReceived)
        // 01:30 UTC is 08:30 local, before 09:00.
        #expect(stage(Self.record([.closedAt: "2024-03-01T01:30:00Z"])).reason == .closedBeforeReceived)
        // 02:00 UTC is 09:00 local: equal, accepted.
        #expect(stage(Self.record([.closedAt: "2024-03-01T02:00:00Z"])).reason == nil)
        // Milliseconds count.
        #expect(
            stage(Self.record([.receivedAt: "2024-03-01 09:00:00.500", .closedAt: "2024-03-01 09:00:00.499"]))
                .reason == .closedBeforeReceived)
    }

    @Test func dueBeforeReceived() {
        #expect(stage(Self.record([.dueAt: "2024-02-29"])).reason == .dueBeforeReceived)
        #expect(stage(Self.record([.dueAt: "2024-02-29 23:59:59"])).reason == .dueBeforeReceived)
        // 16:59 UTC on 29 Feb is 23:59 local on 29 Feb: the previous local day.
        #expect(stage(Self.record([.dueAt: "2024-02-29T16:59:00Z"])).reason == .dueBeforeReceived)
        // 17:00 UTC on 29 Feb is midnight local on 1 March: the same day, not before.
        #expect(stage(Self.record([.dueAt: "2024-02-29T17:00:00Z"])).reason == nil)
    }

    @Test(arguments: ["resolved", "rejected", "withdrawn", "hoàn thành", "từ chối", "hủy"])
    func missingClosedAt(status: String) {
        #expect(stage(Self.record([.status: status, .closedAt: ""])).reason == .missingClosedAt)
    }

    // MARK: - The first reason in the contract's list wins

    /// A short row's empty "required" field may only be a shift of its values: field_count is
    /// decided first (CONTRACT.md 1.4, changed in issue 12).
    @Test func fieldCountBeatsEmptyRequired() {
        #expect(stage(Self.record([.dossierID: ""]), fieldCount: 5, expectedFieldCount: 13).reason == .fieldCount)
    }

    @Test func fieldCountBeatsBadDate() {
        #expect(stage(Self.record([.receivedAt: "soon"]), fieldCount: 5, expectedFieldCount: 13).reason == .fieldCount)
    }

    @Test func badDateBeatsDateOutOfRange() {
        // The out-of-range date comes first in column order; bad_date still wins.
        #expect(stage(Self.record([.receivedAt: "1980-01-01", .updatedAt: "garbage"])).reason == .badDate)
    }

    @Test func badDateBeatsUnknownChannel() {
        #expect(stage(Self.record([.channel: "fax", .dueAt: "32/1/2024"])).reason == .badDate)
    }

    @Test func dateOutOfRangeBeatsUnknownChannel() {
        #expect(stage(Self.record([.channel: "fax", .updatedAt: "1900-01-01"])).reason == .dateOutOfRange)
    }

    @Test func unknownChannelBeatsUnknownStatusAndLevel() {
        #expect(stage(Self.record([.channel: "fax", .status: "done", .serviceLevel: "9"])).reason == .unknownChannel)
        #expect(stage(Self.record([.status: "done", .serviceLevel: "9"])).reason == .unknownStatus)
    }

    @Test func unknownChannelBeatsClosedBeforeReceived() {
        #expect(stage(Self.record([.channel: "fax", .closedAt: "2024-02-01"])).reason == .unknownChannel)
    }

    @Test func unknownLevelBeatsClosedBeforeReceived() {
        #expect(stage(Self.record([.serviceLevel: "7", .closedAt: "2024-02-01"])).reason == .unknownLevel)
    }

    @Test func closedBeforeReceivedBeatsDueBeforeReceived() {
        #expect(
            stage(Self.record([.closedAt: "2024-02-01", .dueAt: "2024-02-01"])).reason == .closedBeforeReceived)
    }

    @Test func dueBeforeReceivedBeatsMissingClosedAt() {
        #expect(stage(Self.record([.closedAt: "", .dueAt: "2024-02-01"])).reason == .dueBeforeReceived)
    }

    @Test func reasonOrderIsTheContractOrder() {
        #expect(
            RejectReason.allCases.map(\.code) == [
                "field_count", "empty_required", "bad_date", "date_out_of_range", "unknown_channel",
                "unknown_status", "unknown_level", "bad_number", "closed_before_received", "due_before_received",
                "missing_closed_at",
            ])
        #expect(RejectReason.fieldCount < .emptyRequired)
        #expect(RejectReason.unknownLevel < .badNumber && RejectReason.badNumber < .closedBeforeReceived)
        #expect(RejectReason.dueBeforeReceived < .missingClosedAt)
    }

    // MARK: - Profiles

    static let vendor = ColumnProfile(
        name: "vendor-x",
        values: [
            .channel: ["A7": "online", "B2": "postal"],
            .status: ["X": "resolved", "P": "đang xử lý"],
            .serviceLevel: ["L4": "toàn trình", "L3": "3"],
            .paidOnline: ["Đã TT": "true", "Chưa TT": "false"],
        ])

    @Test func profileValueMapWithUnseenCodes() {
        let d = stage(
            Self.record([.channel: "A7", .status: "X", .serviceLevel: "L4", .paidOnline: "Đã TT"]),
            profile: Self.vendor
        ).dossier
        #expect(d?.channel == .online)
        #expect(d?.status == .resolved)
        #expect(d?.serviceLevel == level(4))
        #expect(d?.paidOnline == true)
    }

    @Test func profileValueMapMatchesFolded() {
        let d = stage(
            Self.record([.channel: " b2 ", .status: "p", .closedAt: "", .serviceLevel: "l3", .paidOnline: "chua tt"]),
            profile: Self.vendor
        ).dossier
        #expect(d?.channel == .postal)
        #expect(d?.status == .pending)
        #expect(d?.serviceLevel == level(3))
        #expect(d?.paidOnline == false)
    }

    @Test func profileKeepsTheContractSpellings() {
        let d = stage(Self.record([.channel: "Trực tuyến", .status: "hoàn thành"]), profile: Self.vendor).dossier
        #expect(d?.channel == .online)
        #expect(d?.status == .resolved)
    }

    @Test func profileCodesNotInMapAreUnknown() {
        #expect(stage(Self.record([.channel: "A8"]), profile: Self.vendor).reason == .unknownChannel)
        #expect(stage(Self.record([.status: "Y"]), profile: Self.vendor).reason == .unknownStatus)
        #expect(stage(Self.record([.serviceLevel: "L9"]), profile: Self.vendor).reason == .unknownLevel)
    }

    @Test func nationalSyncCodesInIgateProfile() {
        let profile = ColumnProfile.igateVi
        #expect(stage(Self.record([.channel: "1"]), profile: profile).dossier?.channel == .inPerson)
        #expect(stage(Self.record([.channel: "2"]), profile: profile).dossier?.channel == .online)
        #expect(stage(Self.record([.channel: "3"]), profile: profile).dossier?.channel == .postal)
        #expect(stage(Self.record([.channel: "4"]), profile: profile).reason == .unknownChannel)
        // Without the profile the codes mean nothing.
        #expect(stage(Self.record([.channel: "2"])).reason == .unknownChannel)
    }

    // MARK: - One stager, many records

    @Test func reusedStagerGivesTheSameAnswers() {
        var stager = DossierStager(profile: Self.vendor)
        let spellings: [(String, Channel?)] = [
            ("A7", .online), ("fax", nil), ("a7", .online), ("fax", nil), ("bưu điện", .postal), ("A7", .online),
            ("B2", .postal), ("fax", nil),
        ]
        for (text, expected) in spellings {
            let result = stage(Self.record([.channel: text]), with: &stager)
            #expect(result.dossier?.channel == expected, "\(text)")
            #expect((result.reason == .unknownChannel) == (expected == nil), "\(text)")
        }
        // Many distinct spellings, past the cache's capacity, still read correctly.
        for k in 0..<100 {
            let result = stage(Self.record([.channel: "code\(k)"]), with: &stager)
            #expect(result.reason == .unknownChannel)
        }
        #expect(stage(Self.record([.channel: "A7"]), with: &stager).dossier?.channel == .online)
        #expect(stage(Self.record([.channel: "online "]), with: &stager).dossier?.channel == .online)
    }
}
