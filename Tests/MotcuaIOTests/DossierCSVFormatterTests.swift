import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

/// The snapshot's row formatter writes through a pointer with a cache of day texts; a second,
/// plain formatting here (`LocalDateTime.description`, `CSVWriter.writeRow` over Strings) must
/// give the same bytes for random dossiers: quoted ids and names, milliseconds, dates before
/// 1970 and near the contract's bounds, unknown values, and a row that outgrows the 2 MB buffer.
@Suite struct DossierCSVFormatterTests {
    static func randomText(_ rng: inout SeededGenerator) -> String {
        let pieces = ["A", "b", "7", "-", ".", ",", "\"", "\n", "\r", " ", "Hồ sơ", "Sở", "x y"]
        return (0..<Int.random(in: 1...8, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
    }

    static func randomInstant(_ rng: inout SeededGenerator) -> LocalDateTime? {
        switch Int.random(in: 0..<6, using: &rng) {
        case 0: return nil
        case 1: return LocalDateTime(date: LocalDate(year: Int.random(in: 1990...2100, using: &rng), month: 12, day: 31)!)
        default:
            // 1900 to 2100, any millisecond: neighbouring days share and evict cache slots.
            return LocalDateTime(millis: Int64.random(in: -2_208_988_800_000...4_102_444_800_000, using: &rng))
        }
    }

    @Test(arguments: 0..<10) func rowsEqualAPlainFormatting(seed: UInt64) throws {
        var rng = SeededGenerator(seed: seed &+ 77)
        var ledger = DossierLedger()
        var expected = CSVWriter()
        expected.writeRow(DossierCSVFormatter.columns.map(\.canonicalName))
        for k in 0..<2_000 {
            let d = Dossier(
                id: k == 0 && seed == 0 ? String(repeating: "A", count: 1_100_000) : "\(k)-" + Self.randomText(&rng),
                procedureCode: Self.randomText(&rng), agencyCode: Self.randomText(&rng),
                channel: Channel.allCases.randomElement(using: &rng)!, status: DossierStatus.allCases.randomElement(using: &rng)!,
                receivedAt: Self.randomInstant(&rng), closedAt: Self.randomInstant(&rng), dueAt: Self.randomInstant(&rng),
                serviceLevel: ServiceLevel(rawValue: UInt8.random(in: 0...4, using: &rng)),
                paidOnline: [nil, true, false].randomElement(using: &rng)!, updatedAt: Self.randomInstant(&rng),
                procedureName: Self.randomText(&rng), agencyName: Self.randomText(&rng),
                feeAmount: Bool.random(using: &rng) ? nil : Int64.random(in: 0...10_000_000_000, using: &rng),
                supplementRequests: Int.random(in: 0...1_000, using: &rng))
            ledger.merge(d)
        }
        var formatter = DossierCSVFormatter(ledger: ledger)
        formatter.writeHeader()
        for p in 0..<ledger.count {
            let r = ledger.records[p]
            let d = ledger.dossier(at: p)
            let instant = { (millis: Int64) in millis == DossierRecord.none ? "" : LocalDateTime(millis: millis).description }
            expected.writeRow([
                d.id, ledger.procedures.codes[Int(r.procedure)], ledger.agencies.codes[Int(r.agency)], d.channel.description,
                instant(r.receivedAt), d.status.description, instant(r.closedAt), instant(r.dueAt),
                r.serviceLevel == 0 ? "" : String(r.serviceLevel), r.paidOnline == 0 ? "" : (r.paidOnline == 2 ? "true" : "false"),
                instant(r.updatedAt), ledger.procedures.labels[Int(r.procedure)], ledger.agencies.labels[Int(r.agency)],
                r.feeAmount == DossierRecord.unknownFee ? "" : String(r.feeAmount), String(r.supplementRequests),
            ])
            ledger.ids.withBytes(at: p) { formatter.write(id: $0, record: r) }
        }
        let got = Array(formatter.buffer)
        #expect(got.count == expected.buffer.count)
        if let k = zip(got, expected.buffer).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
            Issue.record("seed \(seed): first difference at byte \(k): \(String(decoding: got[max(0, k - 40)..<min(got.count, k + 40)], as: UTF8.self))")
        }
        formatter.clear()
        #expect(formatter.count == 0)
    }
}
