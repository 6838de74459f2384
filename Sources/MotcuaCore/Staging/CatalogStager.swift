/// Reads one catalog row (CONTRACT.md section 1.2) into a `Procedure`.
///
/// The catalog is curated by the province, and a wrong row would silently move procedures in or
/// out of the retire list, so a bad row is an error that names the row, not a reject.
public enum CatalogColumn: Int, CaseIterable, Sendable {
    case procedureCode, procedureName, field, adminLevel, onlineLevel, publishedOn, abolishedOn, hasFee

    public var canonicalName: String {
        switch self {
        case .procedureCode: "procedure_code"
        case .procedureName: "procedure_name"
        case .field: "field"
        case .adminLevel: "admin_level"
        case .onlineLevel: "online_level"
        case .publishedOn: "published_on"
        case .abolishedOn: "abolished_on"
        case .hasFee: "has_fee"
        }
    }

    public var isRequired: Bool { self == .procedureCode || self == .publishedOn }
}

public enum CatalogStager {
    /// - Parameter fields: raw bytes per `CatalogColumn.rawValue`, empty when absent.
    /// - Returns: the procedure, or a one-line reason the row is wrong.
    public static func stage(fields: UnsafeBufferPointer<UnsafeRawBufferPointer>) -> Result<Procedure, CatalogRowError> {
        func text(_ c: CatalogColumn) -> String { TextFolding.normalized(utf8: fields[c.rawValue]) }
        func date(_ c: CatalogColumn) -> Result<LocalDate?, CatalogRowError> {
            switch DateParser.parse(fields[c.rawValue]) {
            case .empty: return .success(nil)
            case .value(let v): return .success(v.date)
            case .invalid:
                return .failure(
                    CatalogRowError("\(c.canonicalName) '\(text(c))' is not a date (\(DateParser.acceptedForms))"))
            }
        }
        let code = text(.procedureCode)
        guard !code.isEmpty else { return .failure(CatalogRowError("procedure_code is empty")) }
        let published: LocalDate?
        switch date(.publishedOn) {
        case .success(let d): published = d
        case .failure(let e): return .failure(e)
        }
        guard let published else {
            return .failure(CatalogRowError("published_on is empty for procedure \(code)"))
        }
        let abolished: LocalDate?
        switch date(.abolishedOn) {
        case .success(let d): abolished = d
        case .failure(let e): return .failure(e)
        }
        for (column, day) in [(CatalogColumn.publishedOn, Optional(published)), (.abolishedOn, abolished)] {
            if let day, day.year < 1990 || day.year > 2100 {
                return .failure(CatalogRowError("\(column.canonicalName) \(day) is outside 1990-01-01..2100-12-31"))
            }
        }
        if let abolished, abolished < published {
            return .failure(CatalogRowError("abolished_on \(abolished) is before published_on \(published) for procedure \(code)"))
        }
        var admin: AdminLevel?
        let adminText = text(.adminLevel)
        if !adminText.isEmpty {
            admin = ValueSpellings.adminLevel(folded: TextFolding.folded(adminText))
            if admin == nil {
                return .failure(
                    CatalogRowError("admin_level '\(adminText)' is not province, district, commune or ministry"))
            }
        }
        var level: ServiceLevel?
        let levelText = text(.onlineLevel)
        if !levelText.isEmpty {
            level = ValueSpellings.serviceLevel(folded: TextFolding.folded(levelText))
            if level == nil {
                return .failure(CatalogRowError("online_level '\(levelText)' is not a service level 1-4"))
            }
        }
        // has_fee: the spellings of paid_online; empty is false (CONTRACT.md section 1.2).
        let feeText = text(.hasFee)
        var hasFee = false
        if !feeText.isEmpty {
            guard let flag = ValueSpellings.boolean(folded: TextFolding.folded(feeText)) else {
                return .failure(CatalogRowError("has_fee '\(feeText)' is not true or false (or có/không, 1/0)"))
            }
            hasFee = flag
        }
        return .success(
            Procedure(
                code: code, name: text(.procedureName), field: text(.field), adminLevel: admin,
                onlineLevel: level, publishedOn: published, abolishedOn: abolished, hasFee: hasFee))
    }
}

public struct CatalogRowError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
