import MotcuaIO
public import MotcuaCore

/// The two file shapes the generator writes, one per built-in column profile (CONTRACT.md 1.3).
///
/// - `canonical`: the contract's header names, `,`, LF, no BOM, ISO dates (some with `+07:00`,
///   some in UTC with `Z`, some date-only), English value spellings.
/// - `igateVi`: the first header name of each column in `ColumnProfile.igateVi`, `;`, a UTF-8 BOM,
///   CRLF, `dd/MM/yyyy HH:mm:ss` dates, national channel codes (1 in person, 2 online,
///   3 postal) and Vietnamese statuses, levels and yes/no.
///
/// Both add the personal columns an export really carries (applicant, citizen ID, phone,
/// address), which the product must never read beyond its parser.
public enum ExportShape: String, Sendable, CaseIterable {
    case canonical
    case igateVi = "igate-vi"

    /// The folder under `exports/` that holds files of this shape.
    public var directoryName: String {
        switch self {
        case .canonical: "canonical"
        case .igateVi: "igate"
        }
    }

    public var delimiter: UInt8 {
        switch self {
        case .canonical: UInt8(ascii: ",")
        case .igateVi: UInt8(ascii: ";")
        }
    }

    public var hasByteOrderMark: Bool { self == .igateVi }
    public var usesCRLF: Bool { self == .igateVi }

    /// The column profile that reads this shape.
    public var profile: ColumnProfile {
        switch self {
        case .canonical: .canonical
        case .igateVi: .igateVi
        }
    }

    /// The header names, in file order.
    public var header: [String] { header(width: .long) }

    /// The header names of rows of `width`, in file order.
    public func header(width: RowWidth) -> [String] {
        ExportField.allCases.filter { width == .long || $0.isInShortRows }.map { field in
            if let column = field.column {
                return profile.headerCandidates(for: column).first ?? column.canonicalName
            }
            return field.personalHeader(self)
        }
    }

    /// The header line, with BOM and line end, as bytes.
    func headerBytes(width: RowWidth) -> [UInt8] {
        var writer = CSVWriter(delimiter: delimiter)
        writer.writeRow(header(width: width))
        var bytes = writer.take()
        if usesCRLF, bytes.last == 0x0A { bytes.insert(0x0D, at: bytes.count - 1) }
        return (hasByteOrderMark ? [0xEF, 0xBB, 0xBF] : []) + bytes
    }
}

/// The columns of a generated export, in file order: the contract's columns shuffled among the
/// personal ones. The last column is always personal (`address`), so a record cut short on
/// purpose (`field_count`) never loses a required field.
enum ExportField: Int, CaseIterable, Sendable {
    case dossierID, receivedAt, agencyCode, agencyName, procedureCode, procedureName
    case applicantName, citizenID, channel, status, serviceLevel, paidOnline, dueAt, closedAt
    case phone, updatedAt, feeAmount, supplementRequests, address

    /// The canonical column, or `nil` for personal data.
    var column: DossierColumn? {
        switch self {
        case .dossierID: .dossierID
        case .receivedAt: .receivedAt
        case .agencyCode: .agencyCode
        case .agencyName: .agencyName
        case .procedureCode: .procedureCode
        case .procedureName: .procedureName
        case .channel: .channel
        case .status: .status
        case .serviceLevel: .serviceLevel
        case .paidOnline: .paidOnline
        case .dueAt: .dueAt
        case .closedAt: .closedAt
        case .updatedAt: .updatedAt
        case .feeAmount: .feeAmount
        case .supplementRequests: .supplementRequests
        case .applicantName, .citizenID, .phone, .address: nil
        }
    }

    /// Whether short rows (`RowWidth.short`) carry the column: the canonical ones but the names.
    var isInShortRows: Bool {
        switch self {
        case .agencyName, .procedureName, .applicantName, .citizenID, .phone, .address: false
        default: true
        }
    }

    func personalHeader(_ shape: ExportShape) -> String {
        switch (self, shape) {
        case (.applicantName, .canonical): "applicant_name"
        case (.applicantName, .igateVi): "Họ tên người nộp"
        case (.citizenID, .canonical): "citizen_id"
        case (.citizenID, .igateVi): "Số CCCD"
        case (.phone, .canonical): "phone"
        case (.phone, .igateVi): "Số điện thoại"
        case (.address, .canonical): "address"
        case (.address, .igateVi): "Địa chỉ"
        default: ""
        }
    }
}
