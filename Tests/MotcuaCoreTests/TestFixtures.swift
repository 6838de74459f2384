@testable import MotcuaCore

// Builders shared by the Core tests: dates, dossiers, catalogs, ledgers, and a way to stage a
// record given as a `[DossierColumn: String]` dictionary. Only model initialisers are used here;
// expected figures are always written by hand in the tests themselves.

// MARK: - Dates

/// A local calendar date; traps on a day that does not exist (a mistake in the fixture).
func day(_ year: Int, _ month: Int, _ dayOfMonth: Int) -> LocalDate {
    guard let date = LocalDate(year: year, month: month, day: dayOfMonth) else {
        fatalError("fixture date \(year)-\(month)-\(dayOfMonth) does not exist")
    }
    return date
}

/// A local wall-clock instant (Viet Nam time).
func at(
    _ year: Int, _ month: Int, _ dayOfMonth: Int, _ hour: Int = 0, _ minute: Int = 0, _ second: Int = 0,
    ms: Int = 0
) -> LocalDateTime {
    LocalDateTime(date: day(year, month, dayOfMonth), hour: hour, minute: minute, second: second, millisecond: ms)
}

// MARK: - Dossiers, procedures, catalogs, ledgers

func level(_ n: Int?) -> ServiceLevel? {
    n.flatMap { ServiceLevel(rawValue: UInt8($0)) }
}

func dossier(
    _ id: String, procedure: String = "P1", agency: String = "A1", channel: Channel = .online,
    status: DossierStatus = .pending, received: LocalDateTime, closed: LocalDateTime? = nil,
    due: LocalDateTime? = nil, level serviceLevel: Int? = nil, paid: Bool? = nil,
    updated: LocalDateTime? = nil, procedureName: String? = nil, agencyName: String? = nil
) -> Dossier {
    Dossier(
        id: id, procedureCode: procedure, agencyCode: agency, channel: channel, status: status,
        receivedAt: received, closedAt: closed, dueAt: due, serviceLevel: level(serviceLevel),
        paidOnline: paid, updatedAt: updated, procedureName: procedureName, agencyName: agencyName)
}

func procedure(
    _ code: String, level onlineLevel: Int? = nil, published: LocalDate, abolished: LocalDate? = nil,
    name: String = "", field: String = ""
) -> Procedure {
    Procedure(
        code: code, name: name, field: field, onlineLevel: level(onlineLevel), publishedOn: published,
        abolishedOn: abolished)
}

func catalog(_ procedures: [Procedure]) throws -> Catalog {
    try Catalog(procedures)
}

/// A ledger holding `dossiers`, merged in order.
func ledger(_ dossiers: [Dossier]) -> DossierLedger {
    var result = DossierLedger()
    for d in dossiers { result.merge(d) }
    return result
}

// MARK: - Staging a record

/// Stages one record given column by column with a fresh stager.
func stage(
    _ values: [DossierColumn: String], profile: ColumnProfile = .canonical, fieldCount: Int? = nil,
    expectedFieldCount: Int = DossierColumn.allCases.count
) -> Result<Dossier, Rejection> {
    var stager = DossierStager(profile: profile)
    return stage(values, with: &stager, fieldCount: fieldCount, expectedFieldCount: expectedFieldCount)
}

/// Stages one record with a given stager (whose spelling caches persist between calls).
///
/// The field bytes are copied into one allocation that lives until the stager returns, so every
/// `UnsafeRawBufferPointer` handed to it stays valid during the call.
func stage(
    _ values: [DossierColumn: String], with stager: inout DossierStager, fieldCount: Int? = nil,
    expectedFieldCount: Int = DossierColumn.allCases.count
) -> Result<Dossier, Rejection> {
    return withFieldBuffers(DossierColumn.allCases.map { values[$0] ?? "" }) { buffer in
        stager.stage(
            fields: buffer, fieldCount: fieldCount ?? expectedFieldCount, expectedFieldCount: expectedFieldCount)
    }
}

extension Result where Success == Dossier, Failure == Rejection {
    /// The reject reason, or `nil` when the record was accepted.
    var reason: RejectReason? {
        if case .failure(let rejection) = self { return rejection.reason }
        return nil
    }

    /// The staged dossier, or `nil` when the record was rejected.
    var dossier: Dossier? {
        if case .success(let d) = self { return d }
        return nil
    }
}

/// The UTF-8 bytes of a string, to compare normalisation forms (String `==` ignores them).
func utf8(_ text: String) -> [UInt8] { Array(text.utf8) }

/// Calls `body` with one raw byte buffer per string, all kept alive for the call: how the
/// stagers receive the fields of a record.
func withFieldBuffers<R>(_ values: [String], _ body: (UnsafeBufferPointer<UnsafeRawBufferPointer>) -> R) -> R {
    let byteArrays = values.map { Array($0.utf8) }
    let total = byteArrays.reduce(0) { $0 + $1.count }
    let storage = UnsafeMutableRawBufferPointer.allocate(byteCount: max(total, 1), alignment: 1)
    defer { storage.deallocate() }
    var fields: [UnsafeRawBufferPointer] = []
    var offset = 0
    for bytes in byteArrays {
        let slot = UnsafeMutableRawBufferPointer(rebasing: storage[offset..<(offset + bytes.count)])
        slot.copyBytes(from: bytes)
        fields.append(UnsafeRawBufferPointer(slot))
        offset += bytes.count
    }
    return fields.withUnsafeBufferPointer(body)
}
