/// The accepted spellings of coded values (CONTRACT.md section 1.1), matched in folded form
/// (see `TextFolding`): Vietnamese with or without diacritics, any case.
public enum ValueSpellings {
    static let channels: [String: Channel] = table([
        (.online, ["online", "trực tuyến", "qua mạng", "dvc trực tuyến"]),
        (.inPerson, ["in_person", "trực tiếp", "tại quầy", "một cửa"]),
        (.postal, ["postal", "bưu chính", "bưu chính công ích", "bưu điện", "bcci"]),
    ])

    static let statuses: [String: DossierStatus] = table([
        (.notReceived, ["not_received", "chưa tiếp nhận", "mới đăng ký", "không tiếp nhận", "không được tiếp nhận"]),
        (.pending, ["pending", "đang xử lý", "đang giải quyết", "chờ bổ sung", "tạm dừng"]),
        (.resolved, ["resolved", "đã giải quyết", "hoàn thành", "đã trả kết quả"]),
        (.rejected, ["rejected", "từ chối", "không giải quyết", "trả lại"]),
        (.withdrawn, ["withdrawn", "rút hồ sơ", "công dân rút", "hủy"]),
    ])

    static let booleans: [String: Bool] = table([
        (true, ["true", "yes", "1", "có", "x"]),
        (false, ["false", "no", "0", "không"]),
    ])

    static let adminLevels: [String: AdminLevel] = table([
        (.province, ["province", "tỉnh"]),
        (.district, ["district", "huyện"]),
        (.commune, ["commune", "xã"]),
        (.ministry, ["ministry", "bộ"]),
    ])

    private static func table<Value>(_ rows: [(Value, [String])]) -> [String: Value] {
        var result: [String: Value] = [:]
        for (value, spellings) in rows {
            for spelling in spellings { result[TextFolding.folded(spelling)] = value }
        }
        return result
    }

    // MARK: - Lookups on folded text

    public static func channel(folded: String) -> Channel? { channels[folded] }
    public static func status(folded: String) -> DossierStatus? { statuses[folded] }
    public static func boolean(folded: String) -> Bool? { booleans[folded] }
    public static func adminLevel(folded: String) -> AdminLevel? { adminLevels[folded] }

    /// `N`, `mức độ N`, `mức N` (N from 1 to 4), `một phần` (3), `toàn trình` (4).
    public static func serviceLevel(folded: String) -> ServiceLevel? {
        switch folded {
        case "mot phan": return ServiceLevel(rawValue: 3)
        case "toan trinh": return ServiceLevel(rawValue: 4)
        default: break
        }
        var rest = Substring(folded)
        for prefix in ["muc do ", "muc ", "level "] where rest.hasPrefix(prefix) {
            rest = rest.dropFirst(prefix.count)
            break
        }
        guard rest.count == 1, let digit = rest.first?.wholeNumberValue else { return nil }
        return ServiceLevel(rawValue: UInt8(digit))
    }

    /// Whether `canonical` is a value `column` accepts, for checking a profile's value map.
    public static func accepts(_ canonical: String, for column: DossierColumn) -> Bool {
        let f = TextFolding.folded(canonical)
        switch column {
        case .channel: return channel(folded: f) != nil
        case .status: return status(folded: f) != nil
        case .serviceLevel: return serviceLevel(folded: f) != nil
        case .paidOnline: return f.isEmpty || boolean(folded: f) != nil
        default: return false
        }
    }
}
