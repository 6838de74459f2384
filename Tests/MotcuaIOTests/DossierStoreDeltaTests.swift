import Foundation
import MotcuaCore
import Testing

@testable import MotcuaIO

/// The store as a nightly run uses it (issue 6): a base file, a delta beside it for what later
/// runs changed, a new base when the delta grows, and the big tables mapped from the file.
@Suite struct DossierStoreDeltaTests {
    static let catalog: Catalog = {
        let procedures = ["P1", "P2", "P3"].enumerated().map { k, code in
            Procedure(
                code: code, name: code, field: "F", onlineLevel: ServiceLevel(rawValue: UInt8(k + 2)),
                publishedOn: LocalDate(year: 2015, month: 1, day: 1)!)
        }
        // swift-format-ignore: NeverUseForceTry
        return try! Catalog(procedures)
    }()

    static func dossier(_ n: Int, version: Int) -> Dossier {
        let received = LocalDateTime(date: LocalDate(year: 2020 + n % 5, month: 1 + n % 12, day: 1 + n % 28)!, hour: 8, minute: 0, second: 0)
        return Dossier(
            id: "HS-\(n)", procedureCode: "P\(1 + n % 3)", agencyCode: "A\(n % 4)", channel: Channel.allCases[n % 3],
            status: version == 0 ? .pending : .resolved, receivedAt: received,
            closedAt: version == 0 ? nil : LocalDateTime(millis: received.millis + Int64(version) * 86_400_000),
            updatedAt: LocalDateTime(millis: received.millis + Int64(version) * 3_600_000),
            procedureName: "Thủ tục \(1 + n % 3)", agencyName: version > 1 ? "Cơ quan \(n % 4) (mới)" : "Cơ quan \(n % 4)")
    }

    /// Merges dossiers `ids` at `version` into `state` as a run would, with its totals updated.
    static func run(_ state: inout StoreState, _ ids: some Sequence<Int>, version: Int, runID: String) {
        for n in ids { state.ledger.merge(dossier(n, version: version)) }
        state.monthlyTotals =
            state.monthlyTotals?.updated(ledger: state.ledger, catalog: catalog)
            ?? MonthlyTotals.count(ledger: state.ledger, catalog: catalog)
        state.form06Totals = state.form06Totals?.updated(ledger: state.ledger) ?? Form06Totals.count(ledger: state.ledger)
        state.portalTotals =
            state.portalTotals?.updated(ledger: state.ledger, catalog: catalog)
            ?? PortalTotals.count(ledger: state.ledger, catalog: catalog)
        state.inputs.append(IngestedInput(path: "/in/\(runID).csv", bytes: 10, sha256: String(repeating: "b", count: 64), runID: runID))
    }

    static func expectSame(_ a: StoreState, _ b: StoreState) throws {
        #expect(a.ledger.ids == b.ledger.ids)
        #expect(a.ledger.records == b.ledger.records)
        #expect(a.ledger.procedures == b.ledger.procedures)
        #expect(a.ledger.agencies == b.ledger.agencies)
        #expect(a.inputs == b.inputs)
        let ta = try #require(a.monthlyTotals)
        let tb = try #require(b.monthlyTotals)
        #expect(MonthlyCounts(totals: ta, ledger: a.ledger) == MonthlyCounts(totals: tb, ledger: b.ledger))
        // Form 06's totals come back too (store v6), base and delta alike.
        let fa = try #require(a.form06Totals)
        let fb = try #require(b.form06Totals)
        let asOf = LocalDate(year: 2025, month: 12, day: 31)!
        #expect(
            Form06Table.compute(totals: fa, ledger: a.ledger, catalog: catalog, asOf: asOf)
                == Form06Table.compute(totals: fb, ledger: b.ledger, catalog: catalog, asOf: asOf))
        #expect(Form06Table.compute(totals: fb, ledger: b.ledger, catalog: catalog, asOf: asOf).rows.count > 0)
        // And the portal score's (store v7).
        let pa = try #require(a.portalTotals)
        let pb = try #require(b.portalTotals)
        #expect(pa.feeProcedures == pb.feeProcedures)
        #expect(pa.supplementedKeys == pb.supplementedKeys && pa.supplementedCounts == pb.supplementedCounts)
        #expect(pa.obligationKeys == pb.obligationKeys && pa.obligationCounts == pb.obligationCounts)
        for k in 0..<a.ledger.count { #expect(a.ledger.position(of: a.ledger.ids[k]) == k) }
    }

    @Test func nightlyRunsWriteADeltaThatReadsBackToTheSameState() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file(DossierStore.fileName)
        var state = StoreState()
        Self.run(&state, 0..<400, version: 0, runID: "r0")
        try DossierStore.write(state, to: path)
        #expect(!FileManager.default.fileExists(atPath: DossierStore.deltaPath(of: path)))
        let baseBytes = try Data(contentsOf: URL(fileURLWithPath: path))

        // Night 1: 10 dossiers closed, 20 new.
        var night = try DossierStore.read(from: path)
        Self.run(&night, Array(0..<10) + Array(400..<420), version: 1, runID: "r1")
        try DossierStore.write(night, to: path)
        #expect(FileManager.default.fileExists(atPath: DossierStore.deltaPath(of: path)))
        #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == baseBytes)  // the base is untouched
        let back1 = try DossierStore.read(from: path)
        try Self.expectSame(back1, night)
        #expect(back1.base?.replaced == Array(0..<10).map(Int32.init))

        // Night 2 on top: the delta holds both nights' changes.
        var night2 = back1
        Self.run(&night2, Array(5..<15) + Array(400..<405) + Array(420..<430), version: 2, runID: "r2")
        try DossierStore.write(night2, to: path)
        let back2 = try DossierStore.read(from: path)
        try Self.expectSame(back2, night2)
        #expect(back2.base?.replaced == Array(0..<15).map(Int32.init))
        // The totals still equal counting from scratch.
        #expect(
            MonthlyCounts(totals: try #require(back2.monthlyTotals), ledger: back2.ledger)
                == MonthlyCounts.compute(ledger: back2.ledger, catalog: Self.catalog))

        // A big night: the delta would pass a quarter of the base, so a new base replaces both.
        var big = back2
        Self.run(&big, 430..<600, version: 0, runID: "r3")
        try DossierStore.write(big, to: path)
        #expect(!FileManager.default.fileExists(atPath: DossierStore.deltaPath(of: path)))
        try Self.expectSame(try DossierStore.read(from: path), big)
    }

    /// A base of 100 dossiers and one night's delta beside it; returns the store path and the
    /// state the base holds.
    static func baseAndOneNight(in dir: TemporaryFolder, tonight: Range<Int>, version: Int) throws -> (String, StoreState) {
        let path = dir.file(DossierStore.fileName)
        var state = StoreState()
        run(&state, 0..<100, version: 0, runID: "r0")
        try DossierStore.write(state, to: path)
        var night = try DossierStore.read(from: path)
        run(&night, tonight, version: version, runID: "r1")
        try DossierStore.write(night, to: path)
        #expect(FileManager.default.fileExists(atPath: DossierStore.deltaPath(of: path)))
        return (path, state)
    }

    @Test func aDeltaLeftBesideANewerBaseIsIgnored() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let (path, state) = try Self.baseAndOneNight(in: dir, tonight: 100..<110, version: 0)
        let stale = try Data(contentsOf: URL(fileURLWithPath: DossierStore.deltaPath(of: path)))
        // A crash between a new base and removing the delta leaves this pair.
        try DossierStore.write(state, to: path)
        try stale.write(to: URL(fileURLWithPath: DossierStore.deltaPath(of: path)))
        let back = try DossierStore.read(from: path)
        #expect(back.ledger.count == 100)
        try Self.expectSame(back, state)
    }

    /// A base file as `DossierStore.encodeBase` writes it, with `meta` for its header and the
    /// small tables written by `smallTables` (the tests change one of them).
    static func writeBase(
        _ state: StoreState, meta: DossierStore.Meta, to path: String, smallTables: (SectionEmitter) throws -> Void
    ) throws {
        let writer = try AtomicFileWriter(path: path)
        let out = SectionEmitter { try writer.write($0) }
        try DossierStore.magic.withUnsafeBytes { try out.raw($0) }
        try Array("base-1".utf8).withUnsafeBytes { try out.section($0) }
        try DossierStore.header(meta, out)
        try state.ledger.ids.bytes.withUnsafeBytes { try out.section($0) }
        try state.ledger.ids.ends.withUnsafeBytes { try out.section($0) }
        try smallTables(out)
        try state.ledger.records.withUnsafeBytes { try out.section($0) }
        try state.ledger.ids.slots.withUnsafeBytes { try out.section($0) }
        try writer.commit()
    }

    /// A store whose form 06 and portal counters have another width (another release, since
    /// they carry no names): they are counted again with a line in the log, not called damaged.
    @Test func countersOfAnotherWidthAreCountedAgain() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        var state = StoreState()
        Self.run(&state, 0..<100, version: 0, runID: "r0")
        let path = dir.file(DossierStore.fileName)
        // `DossierStore.encodeBase` with `smallTables` written out, two tables one counter wider.
        try Self.writeBase(state, meta: DossierStore.Meta(state, baseCount: nil), to: path) { out in
            try DossierStore.strings(state.ledger.procedures.codes, out)
            try DossierStore.strings(state.ledger.procedures.labels, out)
            try DossierStore.strings(state.ledger.agencies.codes, out)
            try DossierStore.strings(state.ledger.agencies.labels, out)
            let totals = try #require(state.monthlyTotals)
            try totals.catalogLevels.withUnsafeBytes { try out.section($0) }
            try totals.keys.withUnsafeBytes { try out.section($0) }
            try totals.counts.withUnsafeBytes { try out.section($0) }
            let form06 = try #require(state.form06Totals)
            // One counter more than the keys hold (a table with no key still gets one).
            func wider(_ counts: [Int32], keys: Int) -> [Int32] { counts + [Int32](repeating: 0, count: max(keys, 1)) }
            try [UInt8(1)].withUnsafeBytes { try out.section($0) }
            try form06.keys.withUnsafeBytes { try out.section($0) }
            try wider(form06.counts, keys: form06.keys.count).withUnsafeBytes { try out.section($0) }
            let portal = try #require(state.portalTotals)
            try [UInt8(1)].withUnsafeBytes { try out.section($0) }
            try portal.feeProcedures.map { $0 ? UInt8(1) : 0 }.withUnsafeBytes { try out.section($0) }
            try portal.supplementedKeys.withUnsafeBytes { try out.section($0) }
            try wider(portal.supplementedCounts, keys: portal.supplementedKeys.count).withUnsafeBytes { try out.section($0) }
            try portal.obligationKeys.withUnsafeBytes { try out.section($0) }
            try portal.obligationCounts.withUnsafeBytes { try out.section($0) }
        }

        let back = try DossierStore.read(from: path)
        #expect(back.recount?.contains("counting them again") == true)
        #expect(back.form06Totals == nil && back.portalTotals == nil)
        #expect(back.monthlyTotals != nil)
        #expect(back.ledger.records == state.ledger.records)
    }

    /// A store whose monthly counters another release named otherwise: they are counted again
    /// (one line in the log), and the form 06 totals stored after them are still read in place.
    @Test func renamedMonthlyCountersAreCountedAgainAndTheRestIsRead() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        var state = StoreState()
        Self.run(&state, 0..<100, version: 0, runID: "r0")
        let path = dir.file(DossierStore.fileName)
        // `DossierStore.encodeBase`, with one counter name more in the header.
        var meta = DossierStore.Meta(state, baseCount: nil)
        meta.monthlyColumns = (meta.monthlyColumns ?? []) + ["counted_by_a_later_release"]
        try Self.writeBase(state, meta: meta, to: path) { out in try DossierStore.smallTables(state, out) }

        let back = try DossierStore.read(from: path)
        #expect(back.recount != nil)
        #expect(back.monthlyTotals == nil)
        let form06 = try #require(back.form06Totals)
        let stored = try #require(state.form06Totals)
        #expect(form06.keys == stored.keys && form06.counts == stored.counts)
        #expect(back.ledger.records == state.ledger.records)
    }

    @Test func aDamagedDeltaIsRefused() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let (path, _) = try Self.baseAndOneNight(in: dir, tonight: 0..<5, version: 1)
        var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: DossierStore.deltaPath(of: path))))
        bytes[bytes.count - 20] ^= 0x10
        try Data(bytes).write(to: URL(fileURLWithPath: DossierStore.deltaPath(of: path)))
        #expect(throws: StoreError.self) { try DossierStore.read(from: path) }
    }

    @Test func aStateReadFromAFileSurvivesTheFileBeingReplaced() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = dir.file(DossierStore.fileName)
        var state = StoreState()
        Self.run(&state, 0..<3000, version: 0, runID: "r0")  // big enough for page-aligned, mapped tables
        try DossierStore.write(state, to: path)
        var mapped = try DossierStore.read(from: path)
        var other = StoreState()
        Self.run(&other, 5000..<5010, version: 0, runID: "x")
        try DossierStore.write(other, to: path)  // a new file renamed over the mapped one
        try Self.expectSame(mapped, state)
        // Writing into a mapped table copies the page; the file on disk does not change.
        Self.run(&mapped, 0..<3, version: 1, runID: "r1")
        #expect(try DossierStore.read(from: path).ledger.count == 10)
        #expect(mapped.ledger.dossier(at: 0).status == .resolved)
    }

    /// Version 6 widened the record (issue 13): an older store is refused as another version,
    /// never misread; the run then rebuilds (the lead's change, merged separately).
    @Test func anOlderStoreVersionIsNotMisread() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let path = try dir.write(DossierStore.fileName, bytes: Array("MOTCUA-STORE\u{0}v5\n".utf8) + [UInt8](repeating: 0, count: 64))
        #expect(throws: StoreError.self) { try DossierStore.read(from: path) }
    }
}
