/// Maps a vendor's header names and value codes to the canonical ones (CONTRACT.md section 1.3).
///
/// A column maps to one or more candidate header names; the first present in the file wins.
/// Header names match exactly after NFC and trimming, else in folded form when that is
/// unambiguous, so `Mã hồ sơ`, `MÃ HỒ SƠ` and `Ma ho so` all find the same column.
public struct ColumnProfile: Sendable, Equatable {
    public var name: String
    /// Header-name candidates per canonical column; a column not listed uses its canonical name.
    public var columns: [DossierColumn: [String]]
    /// Raw value (folded) -> canonical spelling, per column.
    public var values: [DossierColumn: [String: String]]
    /// The field delimiter; `nil`: detected from the header line.
    public var delimiter: UInt8?

    public init(
        name: String, columns: [DossierColumn: [String]] = [:],
        values: [DossierColumn: [String: String]] = [:], delimiter: UInt8? = nil
    ) {
        self.name = name
        self.columns = columns
        self.values = values.mapValues { map in
            Dictionary(map.map { (TextFolding.folded($0.key), $0.value) }, uniquingKeysWith: { _, b in b })
        }
        self.delimiter = delimiter
    }

    /// The header names this column may go by, in order of preference.
    public func headerCandidates(for column: DossierColumn) -> [String] {
        columns[column] ?? [column.canonicalName]
    }

    // MARK: - Built-in profiles

    /// The canonical header names of CONTRACT.md section 1.1.
    public static let canonical = ColumnProfile(name: "canonical")

    /// Vietnamese headers as iGate-family one-stop-shop systems export them, with the national
    /// sync channel codes (1 = in person, 2 = online, 3 = postal). Documented in docs/profiles.md.
    public static let igateVi = ColumnProfile(
        name: "igate-vi",
        columns: [
            .dossierID: ["Mã hồ sơ", "Số hồ sơ"],
            .procedureCode: ["Mã thủ tục", "Mã TTHC"],
            .agencyCode: ["Mã cơ quan", "Mã đơn vị", "Mã cơ quan tiếp nhận"],
            .channel: ["Kênh nộp", "Hình thức nộp", "Hình thức tiếp nhận"],
            .receivedAt: ["Ngày tiếp nhận", "Ngày nộp"],
            .status: ["Trạng thái", "Tình trạng"],
            .closedAt: ["Ngày trả kết quả", "Ngày kết thúc", "Ngày hoàn thành"],
            .dueAt: ["Ngày hẹn trả"],
            .serviceLevel: ["Mức độ", "Mức độ DVC"],
            .paidOnline: ["Thanh toán trực tuyến", "Đã thanh toán trực tuyến"],
            .updatedAt: ["Ngày cập nhật", "Thời điểm cập nhật"],
            .procedureName: ["Tên thủ tục", "Tên TTHC"],
            .agencyName: ["Tên cơ quan", "Tên đơn vị"],
        ],
        values: [.channel: ["1": "in_person", "2": "online", "3": "postal"]])

    public static func builtIn(named name: String) -> ColumnProfile? {
        switch name {
        case "canonical": .canonical
        case "igate-vi": .igateVi
        default: nil
        }
    }

    public static let builtInNames = ["canonical", "igate-vi"]
}
