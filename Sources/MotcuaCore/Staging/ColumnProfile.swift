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
    /// The canonical value of an empty field, per column (the sync format's empty
    /// `KenhThucHien` means in person). Applied before any check.
    public var defaults: [DossierColumn: String]
    /// An empty agency_code is the part of dossier_id before its first `-` (the national dossier
    /// code is `AGENCY-YYMMDD-NNNN`, CONTRACT.md section 1.6).
    public var agencyFromDossierID: Bool
    /// Files whose content starts with `[` or `{` are read as JSON dossier records (arrays, a
    /// `data` member, or JSON Lines); any other file as a CSV table with the same names.
    public var readsJSON: Bool

    public init(
        name: String, columns: [DossierColumn: [String]] = [:],
        values: [DossierColumn: [String: String]] = [:], delimiter: UInt8? = nil,
        defaults: [DossierColumn: String] = [:], agencyFromDossierID: Bool = false, readsJSON: Bool = false
    ) {
        self.name = name
        self.columns = columns
        self.defaults = defaults
        self.agencyFromDossierID = agencyFromDossierID
        self.readsJSON = readsJSON
        self.values = values.mapValues { map in
            Dictionary(map.map { (TextFolding.folded($0.key), $0.value) }, uniquingKeysWith: { _, b in b })
        }
        self.delimiter = delimiter
    }

    /// The header names this column may go by, in order of preference.
    public func headerCandidates(for column: DossierColumn) -> [String] {
        columns[column] ?? [column.canonicalName]
    }

    /// Whether a file must have this column: agency_code may come from the dossier id.
    public func requiresColumn(_ column: DossierColumn) -> Bool {
        column.isRequired && !(column == .agencyCode && agencyFromDossierID)
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
            .feeAmount: ["Phí, lệ phí", "Lệ phí", "Tổng phí"],
            .supplementRequests: ["Số lần bổ sung", "Số lần yêu cầu bổ sung"],
        ],
        values: [.channel: ["1": "in_person", "2": "online", "3": "postal"]])

    /// The records provincial systems send to the national portal's dossier sync service
    /// (`DongBoHoSoMC`), CONTRACT.md section 1.6: JSON (read by MotcuaIO's `DossierJSONScanner`,
    /// which also flattens the fee and supplement lists) or a CSV with the same field names.
    /// Where a column lists several names, a JSON record takes the first that is not empty
    /// (closed_at: the end of processing, else the return, else the refusal); a CSV header the
    /// first it has.
    public static let dvcqg = ColumnProfile(
        name: "dvcqg",
        columns: [
            .dossierID: ["MaHoSo"],
            .procedureCode: ["MaTTHC"],
            .procedureName: ["TenTTHC"],
            .agencyCode: ["MaDonViXuLy"],
            .agencyName: ["DonViXuLy"],
            .channel: ["KenhThucHien"],
            .status: ["TrangThaiHoSo"],
            .receivedAt: ["NgayTiepNhan"],
            .dueAt: ["NgayHenTra"],
            .closedAt: ["NgayKetThucXuLy", "NgayTra", "NgayTuChoi"],
            .paidOnline: ["DuocThanhToanTrucTuyen"],
        ],
        values: [
            .channel: ["1": "in_person", "2": "online", "3": "postal"],
            // TrangThaiHoSo: 1 Mới đăng ký, 2 Được tiếp nhận, 3 Không được tiếp nhận, 4 Đang xử lý,
            // 5 Yêu cầu bổ sung giấy tờ, 6 Yêu cầu thực hiện nghĩa vụ tài chính, 7 Công dân yêu cầu
            // rút hồ sơ, 8 Dừng xử lý, 9 Đã xử lý xong, 10 Đã trả kết quả.
            .status: [
                "1": "not_received", "2": "pending", "3": "not_received", "4": "pending", "5": "pending",
                "6": "pending", "7": "withdrawn", "8": "rejected", "9": "resolved", "10": "resolved",
            ],
            // 1 paid on the national portal, 2 on the provincial one, 0 not paid online.
            .paidOnline: ["1": "true", "2": "true", "0": "false"],
        ],
        defaults: [.channel: "in_person"], agencyFromDossierID: true, readsJSON: true)

    public static func builtIn(named name: String) -> ColumnProfile? {
        switch name {
        case "canonical": .canonical
        case "igate-vi": .igateVi
        case "dvcqg": .dvcqg
        default: nil
        }
    }

    public static let builtInNames = ["canonical", "igate-vi", "dvcqg"]
}
