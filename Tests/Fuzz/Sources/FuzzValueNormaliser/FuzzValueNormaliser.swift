import Foundation
import FuzzSupport
import MotcuaCore

/// libFuzzer target: arbitrary bytes as export values, through `TextFolding`, `ValueSpellings`
/// and `DossierStager.stage`.
///
/// The input is cut at 0xFF bytes (never in UTF-8) into at most 13 fields, one per canonical
/// column; the first byte picks the profile and the field count the record claims. Properties:
/// a staged dossier obeys every rule of CONTRACT.md section 1.4 (dates in range, closed not
/// before received, due not before the day received, a closed status has closed_at, stored text
/// is NFC and trimmed); `isSurelyNFC` never vouches for text that NFC would change; folding and
/// normalising never crash on any bytes.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = pointer else { return 0 }
    guard size >= 1 else { return 0 }
    let mode = data[0]
    let body = UnsafeRawBufferPointer(start: data + 1, count: size - 1)

    // Folding and normalising on the whole input.
    let text = String(decoding: body, as: UTF8.self)
    let folded = TextFolding.folded(text)
    _ = ValueSpellings.channel(folded: folded)
    _ = ValueSpellings.status(folded: folded)
    _ = ValueSpellings.serviceLevel(folded: folded)
    _ = ValueSpellings.boolean(folded: folded)
    _ = ValueSpellings.adminLevel(folded: folded)
    let normalized = TextFolding.normalized(utf8: body)
    if TextFolding.isSurelyNFC(TextFolding.trim(body)) {
        let nfc = normalized.precomposedStringWithCanonicalMapping
        Fuzz.check(
            Array(normalized.unicodeScalars) == Array(nfc.unicodeScalars),
            "isSurelyNFC vouched for text that NFC changes: \(Array(TextFolding.trim(body)))")
    }

    // Staging: fields cut at 0xFF.
    var cuts: [Range<Int>] = []
    var start = 0
    for (k, b) in body.enumerated() where b == 0xFF {
        cuts.append(start..<k)
        start = k + 1
    }
    cuts.append(start..<body.count)
    let columns = DossierColumn.allCases.count
    let fields = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: columns)
    defer { fields.deallocate() }
    for k in 0..<columns {
        fields[k] = k < cuts.count ? UnsafeRawBufferPointer(rebasing: body[cuts[k]]) : UnsafeRawBufferPointer(start: nil, count: 0)
    }
    let profile: ColumnProfile = mode & 1 == 0 ? .canonical : .igateVi
    let claimed = mode & 2 == 0 ? columns : Int(mode >> 2)
    var stager = DossierStager(profile: profile)
    // Twice, so the spelling caches answer the second time.
    let first = stager.stage(fields: UnsafeBufferPointer(fields), fieldCount: claimed, expectedFieldCount: columns)
    let second = stager.stage(fields: UnsafeBufferPointer(fields), fieldCount: claimed, expectedFieldCount: columns)
    Fuzz.check(first == second, "staging the same record twice gave \(first) then \(second)")

    switch first {
    case .failure(let rejection):
        Fuzz.check(!rejection.message.isEmpty, "a rejection without a message")
    case .success(let d):
        Fuzz.check(claimed == columns, "accepted a record with the wrong field count")
        for date in [d.receivedAt, d.closedAt, d.dueAt, d.updatedAt].compactMap({ $0 }) {
            Fuzz.check(date >= DossierStager.earliest && date < DossierStager.latestExclusive, "a date out of range")
        }
        // received_at is empty only for a dossier not received (CONTRACT.md 1.6).
        if let received = d.receivedAt {
            if let closed = d.closedAt { Fuzz.check(closed >= received, "closed before received") }
            if let due = d.dueAt { Fuzz.check(due.date >= received.date, "due before received") }
        } else {
            Fuzz.check(d.status == .notReceived, "received_at empty on a dossier received")
        }
        Fuzz.check(
            d.status == .pending || d.status == .notReceived || d.closedAt != nil, "closed status without closed_at")
        for value in [d.id, d.procedureCode, d.agencyCode] {
            Fuzz.check(!value.isEmpty, "an empty required value was accepted")
            Fuzz.check(value == TextFolding.normalized(value), "stored text '\(value)' is not trimmed NFC")
        }
    }
    return 0
}
