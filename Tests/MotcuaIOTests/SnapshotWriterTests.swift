import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

/// The snapshot is written in steps (parts beside the database build, then the rest): a draft
/// that is never finished leaves nothing behind, and a finished one holds every file.
@Suite struct SnapshotWriterTests {
    static func input(_ id: String, dossiers: Int) -> SnapshotWriter.Input {
        var ledger = DossierLedger()
        let day = LocalDateTime(date: LocalDate(year: 2024, month: 5, day: 1)!)
        for k in 0..<dossiers {
            ledger.merge(
                Dossier(
                    id: "D-\(k)", procedureCode: "P\(k % 7)", agencyCode: "A\(k % 3)", channel: .online, status: .pending,
                    receivedAt: LocalDateTime(millis: day.millis + Int64(k) * 3_600_000)))
        }
        return SnapshotWriter.Input(
            id: id, pipeline: "t", asOf: LocalDate(year: 2025, month: 12, day: 31)!, state: StoreState(ledger: ledger),
            catalog: Catalog(), previous: nil)
    }

    /// The digest that decides whether parts may be linked follows the codes and names, not the
    /// order the codes were first seen (a store rebuilt from a snapshot sees them in another).
    @Test func theNamesDigestIgnoresTheOrderCodesWereFirstSeen() {
        func ledger(_ rows: [(String, String, String, String)]) -> DossierLedger {
            var l = DossierLedger()
            let day = LocalDateTime(date: LocalDate(year: 2024, month: 5, day: 1)!)
            for (k, (procedure, procedureName, agency, agencyName)) in rows.enumerated() {
                l.merge(
                    Dossier(
                        id: "D-\(k)", procedureCode: procedure, agencyCode: agency, channel: .online, status: .pending,
                        receivedAt: day, procedureName: procedureName, agencyName: agencyName))
            }
            return l
        }
        let rows = [("P2", "Hai", "A1", "Một"), ("P1", "Một", "A2", "Hai"), ("P3", "Ba", "A1", "Một")]
        let digest = SnapshotWriter.labelsDigest(ledger(rows))
        #expect(SnapshotWriter.labelsDigest(ledger(rows.reversed())) == digest)
        #expect(SnapshotWriter.labelsDigest(ledger([rows[1], rows[2], rows[0]])) == digest)
        var renamed = rows
        renamed[2].1 = "Ba (mới)"
        #expect(SnapshotWriter.labelsDigest(ledger(renamed)) != digest)
        var moved = rows
        moved[1].3 = "Hai đổi tên"
        #expect(SnapshotWriter.labelsDigest(ledger(moved)) != digest)
    }

    /// With a gate, one part thread works at once and the others join when it opens; every part
    /// is written either way, the same bytes as without the gate.
    @Test func partThreadsBehindAGateJoinWhenItOpens() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        var writer = SnapshotWriter(rowsPerPart: 50)
        writer.partThreads = 2
        let plain = try writer.begin(Self.input("g1", dossiers: 1_000), root: dir.file("plain"))
        try writer.writeParts(of: plain)
        let gated = try writer.begin(Self.input("g1", dossiers: 1_000), root: dir.file("gated"))
        let gate = WorkGate()
        try WorkScope.run { scope in
            let opener = scope.start { _ in
                usleep(20_000)
                gate.open()
            }
            try writer.writeParts(of: gated, othersAfter: gate)
            try opener.wait()
        }
        let names = try FileManager.default.subpathsOfDirectory(atPath: dir.file("plain/.tmp-g1")).sorted()
        #expect(names.filter { $0.hasSuffix(".csv.zst") }.count == 20)
        for name in names where name.hasSuffix(".csv.zst") {
            #expect(
                FileManager.default.contentsEqual(
                    atPath: dir.file("plain/.tmp-g1/\(name)"), andPath: dir.file("gated/.tmp-g1/\(name)")), "\(name)")
        }
        plain.discard()
        gated.discard()
    }

    @Test func aGateLetsEveryWaiterThroughOnceOpen() throws {
        let gate = WorkGate()
        // Waiters on threads of their own (a pool of two could be taken by waiters alone).
        let passed = try WorkScope.run { scope in
            let waiters = (1...3).map { k in
                scope.start { _ -> Int in
                    gate.wait()
                    return k
                }
            }
            usleep(10_000)
            gate.open()
            gate.open()
            return try waiters.map { try $0.wait() }
        }
        #expect(passed == [1, 2, 3])
        gate.wait()  // an open gate does not block
    }

    @Test func aDraftDiscardedLeavesNothing() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let writer = SnapshotWriter(rowsPerPart: 100)
        let draft = try writer.begin(Self.input("s1", dossiers: 1_000), root: dir.path)
        try writer.writeParts(of: draft)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [".tmp-s1"])
        draft.discard()
        draft.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty)
        #expect(throws: SnapshotWriterError.partsNotWritten) { try writer.finish(draft, databasePath: "/nonexistent") }
    }

    /// A step before placing that fails leaves the snapshot unplaced (discarding removes it);
    /// a finished draft holds every file.
    @Test func aFinishedDraftHoldsEveryFileAndAFailedOneNone() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let database = try dir.write("db.sqlite", bytes: Array("not really a database".utf8))
        let writer = SnapshotWriter(rowsPerPart: 100)
        let failed = try writer.begin(Self.input("s3", dossiers: 300), root: dir.file("snapshots"))
        try writer.writeParts(of: failed)
        struct ReportFailed: Error {}
        #expect(throws: ReportFailed.self) { try writer.finish(failed, databasePath: database) { throw ReportFailed() } }
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots")) == [".tmp-s3"])
        failed.discard()
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots")).isEmpty)

        let draft = try writer.begin(Self.input("s2", dossiers: 1_000), root: dir.file("snapshots"))
        #expect(throws: SnapshotWriterError.partsNotWritten) { try writer.finish(draft, databasePath: database) }
        try writer.writeParts(of: draft)
        let manifest = try writer.finish(draft, databasePath: database)
        #expect(manifest.files.count == 10 + 2)
        #expect(manifest.files.filter { $0.path.hasPrefix("dossiers/") }.reduce(0) { $0 + $1.rows } == 1_000)
        #expect(manifest.files.suffix(2).map(\.path) == ["catalog.csv.zst", "summary.sqlite.zst"])
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.file("snapshots")) == ["s2"])
        let verified = try SnapshotFolder(root: dir.file("snapshots")).verify("s2")
        #expect(verified.snapshotID == "s2")
    }

    /// The database's copy written from the caller's thread while the parts are written is the
    /// file `finish` would have written; a closed draft takes no more files.
    @Test func theDatabaseCopiedBesideThePartsIsTheOneFinishWrites() throws {
        let dir = try TemporaryFolder()
        defer { dir.remove() }
        let database = try dir.write("db.sqlite", bytes: (0..<300_000).map { UInt8(truncatingIfNeeded: $0 * 7 % 251) })
        let writer = {
            var w = SnapshotWriter(rowsPerPart: 50)
            w.partThreads = 2
            return w
        }()
        let late = try writer.begin(Self.input("d1", dossiers: 1_000), root: dir.file("late"))
        try writer.writeParts(of: late)
        let lateManifest = try writer.finish(late, databasePath: database)
        let early = try writer.begin(Self.input("d1", dossiers: 1_000), root: dir.file("early"))
        try WorkScope.run { scope in
            let parts = scope.start { _ in try writer.writeParts(of: early) }
            try writer.writeDatabase(of: early, from: database)
            try parts.wait()
        }
        let earlyManifest = try writer.finish(early, databasePath: "/nonexistent")
        let copy = { (m: SnapshotManifest) in m.files.first { $0.path == "summary.sqlite.zst" } }
        #expect(copy(earlyManifest) != nil)
        #expect(copy(earlyManifest) == copy(lateManifest))
        #expect(earlyManifest.files.map(\.sha256) == lateManifest.files.map(\.sha256))
        #expect(try SnapshotFolder(root: dir.file("early")).verify("d1").snapshotID == "d1")

        let discarded = try writer.begin(Self.input("d2", dossiers: 10), root: dir.file("late"))
        discarded.discard()
        #expect(throws: SnapshotWriterError.draftClosed) { try writer.writeDatabase(of: discarded, from: database) }
    }
}
