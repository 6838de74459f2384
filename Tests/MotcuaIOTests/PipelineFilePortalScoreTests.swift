import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

/// `portal_score:` and `planning:` (CONTRACT.md 3.3): every key optional, each value checked,
/// the error naming the dotted key.
@Suite struct PipelineFilePortalScoreTests {
    static func yaml(_ tail: String) -> String {
        """
        name: t
        inputs:
          catalog: c.csv
          exports:
            - path: e/*.csv
        outputs:
          store: s
          database: d.sqlite
        \(tail)
        """
    }

    @Test func defaultsWhenAbsent() throws {
        let p = try PipelineFile.parse(yaml: Self.yaml(""), path: "/x/p.yaml")
        #expect(p.portalScore == .defaults)
        #expect(p.upgradeMinDossiers == 1000)
    }

    @Test func readsEveryKey() throws {
        let p = try PipelineFile.parse(
            yaml: Self.yaml(
                """
                planning:
                  upgrade_min_dossiers: 500
                portal_score:
                  progress: { max: 25 }
                  online: { max: 10, full_at: 0.6 }
                  payment_dossiers: { max: 5.5 }
                  payment_procedures: { max: 2, factor: 3 }
                  payment_coverage: { max: 2.5 }
                  payment_cap: 9
                """), path: "/x/p.yaml")
        #expect(p.upgradeMinDossiers == 500)
        #expect(p.portalScore.max(.progress) == 25)
        #expect(p.portalScore.value(.online, .fullAt) == 0.6)
        #expect(p.portalScore.max(.paymentDossiers) == 5.5)
        #expect(p.portalScore.value(.paymentProcedures, .factor) == 3)
        #expect(p.portalScore.paymentCap == 9)
    }

    @Test(arguments: [
        ("portal_score: { progress: { max: -1 } }", "portal_score.progress.max"),
        ("portal_score: { progress: { max: lots } }", "portal_score.progress.max"),
        ("portal_score: { online: { full_at: 0 } }", "portal_score.online.full_at"),
        ("portal_score: { online: { full_at: 1.5 } }", "portal_score.online.full_at"),
        ("portal_score: { progress: { full_at: 0.5 } }", "portal_score.progress.full_at"),
        ("portal_score: { timeliness: { max: 5 } }", "portal_score.timeliness"),
        ("portal_score: { payment_procedures: { factor: 0 } }", "portal_score.payment_procedures.factor"),
        ("portal_score: { payment_cap: -2 }", "portal_score.payment_cap"),
        ("planning: { upgrade_min_dossiers: 0 }", "planning.upgrade_min_dossiers"),
        ("planning: { min: 3 }", "planning.min"),
    ])
    func refusesABadSetting(tail: String, key: String) {
        #expect(throws: PipelineFileError.self) { try PipelineFile.parse(yaml: Self.yaml(tail), path: "/x/p.yaml") }
        do {
            _ = try PipelineFile.parse(yaml: Self.yaml(tail), path: "/x/p.yaml")
        } catch {
            #expect(error.key == key)
        }
    }
}
