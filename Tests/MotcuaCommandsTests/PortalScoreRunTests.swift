import Foundation
import Testing

/// The portal score and planner lists end to end (CONTRACT.md 2.3, 2.4, 3.1, 3.3): a bad weight
/// is a config error (2) naming the key; a run publishes the tables and view, and says the
/// latest quarter's estimate.
@Suite(.serialized) struct PortalScoreRunTests {
    @Test func aBadWeightIsTwoAndNamesTheKey() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
        try (pipeline + "portal_score:\n  online: { full_at: 1.5 }\n").write(
            toFile: fx.path("bad.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("bad.yaml")])
        #expect(r.status == 2)
        #expect(r.stderr.contains("portal_score.online.full_at"))
        #expect(!FileManager.default.fileExists(atPath: fx.path("out/summary.sqlite")))
    }

    @Test func aRunPublishesTheScoresAndSaysTheQuarter() throws {
        let fx = try FixtureCopy("e2e")
        defer { fx.remove() }
        let pipeline = try String(contentsOfFile: fx.path("pipeline.yaml"), encoding: .utf8)
        try (pipeline + "planning:\n  upgrade_min_dossiers: 1\nportal_score:\n  payment_cap: 9\n").write(
            toFile: fx.path("p.yaml"), atomically: true, encoding: .utf8)
        let r = try CLI.run(["run", fx.path("p.yaml")])
        #expect(r.status == 0, "\(r.stderr)")
        // As of 2025-06-30 the latest finished calendar quarter is 2025-Q2; 20 + 12 + 9 = 41.
        #expect(r.stdout.contains("portal score 2025-Q2 (estimate):"), "\(r.stdout)")
        #expect(r.stdout.contains(" of 41"))
        let db = try SQLiteReader(fx.path("out/summary.sqlite"))
        #expect(db.value("SELECT max_points FROM portal_score_totals WHERE period = '2025-Q2' AND scope = 'province'") == "41.0")
        #expect(db.value("SELECT COUNT(DISTINCT criterion) FROM portal_scores") == "5")
        #expect(db.value("SELECT value FROM metadata WHERE key = 'portal_score.payment_cap'") == "9.0")
        // Every procedure of the fixture with a dossier in the year and below level 4 is a candidate at 1.
        #expect(Int(db.value("SELECT COUNT(*) FROM upgrade_candidates")) ?? 0 > 0)
        #expect(db.value("SELECT COUNT(*) FROM online_services_without_online_dossiers") != "none")
        let report = try CLI.run([
                "report", fx.path("p.yaml"), "--kind", "portal-score", "--format", "json", "--out", fx.path("reports"),
            ])
        #expect(report.status == 0, "\(report.stderr)")
        let json = try String(contentsOfFile: fx.path("reports/report-2025.json"), encoding: .utf8)
        #expect(json.contains("portal_score_by_agency") && json.contains("portal_score_sources"))
    }
}
