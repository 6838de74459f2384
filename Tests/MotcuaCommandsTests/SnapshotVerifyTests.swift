import Foundation
import Testing

/// `motcua snapshot verify` and `prune` as an operator's monitoring calls them: exit 0 whole,
/// 65 damaged, 2 for a snapshot or folder that does not exist, 75 for prune under the lock.
@Suite(.serialized) struct SnapshotVerifyTests {
    /// The e2e fixture with snapshots on, run once.
    func runWithSnapshots() throws -> (fx: FixtureCopy, id: String) {
        let fx = try FixtureCopy("e2e")
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "  database: out/summary.sqlite\n",
                with: "  database: out/summary.sqlite\n  snapshots: out/snapshots\n")
        try pipeline.write(toFile: fx.path("pipeline.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("pipeline.yaml"), "--quiet"])
        #expect(r.status == 0, "\(r.stderr)")
        let id = try #require(try FileManager.default.contentsOfDirectory(atPath: fx.path("out/snapshots")).sorted().last)
        return (fx, id)
    }

    @Test func anUnknownIdIsAUsageErrorThatPointsToTheList() throws {
        let (fx, _) = try runWithSnapshots()
        defer { fx.remove() }
        let r = try CLI.run(["snapshot", "verify", fx.path("pipeline.yaml"), "--id", "nonexistent"])
        #expect(r.status == 2)
        #expect(r.stdout.isEmpty)
        #expect(!r.stderr.contains("DAMAGED") && !r.stderr.contains("damaged"))
        #expect(r.stderr.contains("no snapshot with id nonexistent"))
        #expect(r.stderr.contains("motcua snapshot list"))
    }

    @Test func aCopiedSnapshotFolderIsVerifiedWithoutAPipelineFile() throws {
        let (fx, id) = try runWithSnapshots()
        defer { fx.remove() }
        // A backup: the snapshot folder copied elsewhere, no pipeline file beside it.
        let backup = fx.path("backup/snapshots")
        try FileManager.default.createDirectory(atPath: backup, withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: fx.path("out/snapshots/\(id)"), toPath: backup + "/" + id)
        let one = try CLI.run(["snapshot", "verify", "--folder", backup + "/" + id])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.hasPrefix("ok       \(id) ("))
        let all = try CLI.run(["snapshot", "verify", "--folder", backup])
        #expect(all.status == 0, "\(all.stderr)")
        #expect(all.stdout.contains("ok       \(id)"))

        // Damage one byte of the copy: 65, and the original is untouched.
        let catalog = backup + "/" + id + "/catalog.csv.zst"
        var bytes = try Data(contentsOf: URL(fileURLWithPath: catalog))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: catalog))
        let damaged = try CLI.run(["snapshot", "verify", "--folder", backup + "/" + id])
        #expect(damaged.status == 65)
        #expect(damaged.stdout.contains("DAMAGED"))
        #expect(damaged.stdout.contains("catalog.csv.zst"))
        #expect(try CLI.run(["snapshot", "verify", fx.path("pipeline.yaml")]).status == 0)
    }

    @Test func aFolderThatIsNotThereOrHoldsNoSnapshotIsTwo() throws {
        let (fx, _) = try runWithSnapshots()
        defer { fx.remove() }
        let missing = try CLI.run(["snapshot", "verify", "--folder", fx.path("backup/nothing-here")])
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("no such folder"))
        let empty = try CLI.run(["snapshot", "verify", "--folder", fx.path("exports")])
        #expect(empty.status == 2)
        #expect(empty.stderr.contains("holds no snapshot"))
        let both = try CLI.run(["snapshot", "verify", fx.path("pipeline.yaml"), "--folder", fx.path("out/snapshots")])
        #expect(both.status == 2)
    }

    @Test func pruneUnderTheLockIsSeventyFive() throws {
        let (fx, id) = try runWithSnapshots()
        defer { fx.remove() }
        let holder = try LockHolder(lockFile: fx.path("out/store/motcua.lock"))
        defer { withExtendedLifetime(holder) {} }
        let r = try CLI.run(["snapshot", "prune", fx.path("pipeline.yaml"), "--keep", "1"])
        #expect(r.status == 75)
        #expect(r.stderr.contains("lock"))
        #expect(FileManager.default.fileExists(atPath: fx.path("out/snapshots/\(id)")))
    }
}
