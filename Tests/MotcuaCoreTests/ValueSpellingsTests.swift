import Foundation
import Testing

@testable import MotcuaCore

/// CONTRACT.md section 1.1, accepted value spellings. Each spelling is tried as written (NFC), in
/// NFD, upper case, and without diacritics (the last written by hand).
@Suite struct ValueSpellingsTests {
    /// The forms a clerk's export may use for one spelling.
    static func variants(_ spelling: String, plain: String) -> [String] {
        [
            spelling,
            spelling.decomposedStringWithCanonicalMapping,
            spelling.uppercased(),
            spelling.uppercased().decomposedStringWithCanonicalMapping,
            plain,
            plain.uppercased(),
            "  " + spelling + " ",
        ]
    }

    static let channels: [(String, String, Channel)] = [
        ("online", "online", .online),
        ("trực tuyến", "truc tuyen", .online),
        ("qua mạng", "qua mang", .online),
        ("dvc trực tuyến", "dvc truc tuyen", .online),
        ("in_person", "in_person", .inPerson),
        ("trực tiếp", "truc tiep", .inPerson),
        ("tại quầy", "tai quay", .inPerson),
        ("một cửa", "mot cua", .inPerson),
        ("postal", "postal", .postal),
        ("bưu chính", "buu chinh", .postal),
        ("bưu chính công ích", "buu chinh cong ich", .postal),
        ("bưu điện", "buu dien", .postal),
        ("bcci", "bcci", .postal),
    ]

    @Test(arguments: channels)
    func channel(spelling: String, plain: String, expected: Channel) {
        for text in Self.variants(spelling, plain: plain) {
            #expect(ValueSpellings.channel(folded: TextFolding.folded(text)) == expected, "\(text)")
        }
    }

    static let statuses: [(String, String, DossierStatus)] = [
        ("pending", "pending", .pending),
        ("đang xử lý", "dang xu ly", .pending),
        ("đang giải quyết", "dang giai quyet", .pending),
        ("chờ bổ sung", "cho bo sung", .pending),
        ("tạm dừng", "tam dung", .pending),
        ("resolved", "resolved", .resolved),
        ("đã giải quyết", "da giai quyet", .resolved),
        ("hoàn thành", "hoan thanh", .resolved),
        ("đã trả kết quả", "da tra ket qua", .resolved),
        ("rejected", "rejected", .rejected),
        ("từ chối", "tu choi", .rejected),
        ("không giải quyết", "khong giai quyet", .rejected),
        ("trả lại", "tra lai", .rejected),
        ("withdrawn", "withdrawn", .withdrawn),
        ("rút hồ sơ", "rut ho so", .withdrawn),
        ("công dân rút", "cong dan rut", .withdrawn),
        ("hủy", "huy", .withdrawn),
    ]

    @Test(arguments: statuses)
    func status(spelling: String, plain: String, expected: DossierStatus) {
        for text in Self.variants(spelling, plain: plain) {
            #expect(ValueSpellings.status(folded: TextFolding.folded(text)) == expected, "\(text)")
        }
    }

    static let levels: [(String, String, UInt8)] = [
        ("1", "1", 1), ("2", "2", 2), ("3", "3", 3), ("4", "4", 4),
        ("mức độ 1", "muc do 1", 1), ("mức độ 2", "muc do 2", 2),
        ("mức độ 3", "muc do 3", 3), ("mức độ 4", "muc do 4", 4),
        ("mức 1", "muc 1", 1), ("mức 2", "muc 2", 2), ("mức 3", "muc 3", 3), ("mức 4", "muc 4", 4),
        ("một phần", "mot phan", 3),
        ("toàn trình", "toan trinh", 4),
    ]

    @Test(arguments: levels)
    func serviceLevel(spelling: String, plain: String, expected: UInt8) {
        for text in Self.variants(spelling, plain: plain) {
            #expect(
                ValueSpellings.serviceLevel(folded: TextFolding.folded(text))?.rawValue == expected, "\(text)")
        }
    }

    @Test(arguments: [
        "0", "5", "9", "34", "mức độ 0", "mức độ 5", "mức", "mức độ", "ba", "three", "một", "-1",
    ])
    func serviceLevelRejects(text: String) {
        #expect(ValueSpellings.serviceLevel(folded: TextFolding.folded(text)) == nil)
    }

    static let booleans: [(String, String, Bool)] = [
        ("true", "true", true), ("yes", "yes", true), ("1", "1", true), ("có", "co", true), ("x", "x", true),
        ("false", "false", false), ("no", "no", false), ("0", "0", false), ("không", "khong", false),
    ]

    @Test(arguments: booleans)
    func paidOnline(spelling: String, plain: String, expected: Bool) {
        for text in Self.variants(spelling, plain: plain) {
            #expect(ValueSpellings.boolean(folded: TextFolding.folded(text)) == expected, "\(text)")
        }
    }

    @Test(arguments: ["maybe", "2", "y", "n", "đã"])
    func paidOnlineUnreadable(text: String) {
        #expect(ValueSpellings.boolean(folded: TextFolding.folded(text)) == nil)
    }

    @Test(arguments: ["fax", "email", "1", "2", "3", "in person", "tructuyen", ""])
    func unknownChannels(text: String) {
        // Numeric codes differ by vendor: they belong in a profile's value map, not here.
        #expect(ValueSpellings.channel(folded: TextFolding.folded(text)) == nil)
    }

    @Test(arguments: ["done", "closed", "đã", "1", ""])
    func unknownStatuses(text: String) {
        #expect(ValueSpellings.status(folded: TextFolding.folded(text)) == nil)
    }

    @Test func adminLevels() {
        #expect(ValueSpellings.adminLevel(folded: TextFolding.folded("Tỉnh")) == .province)
        #expect(ValueSpellings.adminLevel(folded: TextFolding.folded("HUYỆN")) == .district)
        #expect(ValueSpellings.adminLevel(folded: TextFolding.folded("xa")) == .commune)
        #expect(ValueSpellings.adminLevel(folded: TextFolding.folded("Bộ")) == .ministry)
        #expect(ValueSpellings.adminLevel(folded: TextFolding.folded("commune")) == .commune)
        #expect(ValueSpellings.adminLevel(folded: TextFolding.folded("village")) == nil)
    }

    @Test func acceptsForProfileValueMaps() {
        #expect(ValueSpellings.accepts("online", for: .channel))
        #expect(ValueSpellings.accepts("trực tuyến", for: .channel))
        #expect(!ValueSpellings.accepts("fax", for: .channel))
        #expect(ValueSpellings.accepts("resolved", for: .status))
        #expect(ValueSpellings.accepts("toàn trình", for: .serviceLevel))
        #expect(!ValueSpellings.accepts("5", for: .serviceLevel))
        #expect(ValueSpellings.accepts("true", for: .paidOnline))
        #expect(!ValueSpellings.accepts("online", for: .dossierID))
    }
}
