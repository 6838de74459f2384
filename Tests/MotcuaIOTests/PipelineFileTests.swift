import Foundation
import MotcuaCore
import Testing
@testable import MotcuaIO

@Suite struct PipelineFileTests {
    let full = """
        name: t
        as_of: 2025-12-31
        inputs:
          catalog: data/catalog.csv
          exports:
            - path: data/a/*.csv
              profile: canonical
            - path: /srv/in/*.csv
              profile:
                delimiter: ";"
                columns: { dossier_id: "Số hồ sơ", received_at: "Ngày nộp" }
                values:  { channel: { "1": online, "2": in_person, "3": postal } }
        outputs:
          store: ../var/store
          database: ../var/db.sqlite
          keep_snapshots: 3
        targets:
          2024: { online_rate: 0.50, procedures_level34_share: 0.80 }
        limits:
          max_reject_rate: 0.1
        """

    @Test func readsEveryKeyAndResolvesPathsAgainstTheFile() throws {
        let p = try PipelineFile.parse(yaml: full, path: "/etc/motcua/p.yaml")
        #expect(p.name == "t")
        #expect(p.asOf == .date(LocalDate(year: 2025, month: 12, day: 31)!))
        #expect(p.catalogPath == "/etc/motcua/data/catalog.csv")
        #expect(p.exports[0].pattern == "/etc/motcua/data/a/*.csv")
        #expect(p.exports[1].pattern == "/srv/in/*.csv")
        #expect(p.exports[1].profile.delimiter == UInt8(ascii: ";"))
        #expect(p.exports[1].profile.headerCandidates(for: .dossierID) == ["Số hồ sơ"])
        #expect(p.exports[1].profile.headerCandidates(for: .status) == ["status"])
        #expect(p.exports[1].profile.values[.channel]?["2"] == "in_person")
        #expect(p.outputs.store == "/etc/var/store")
        #expect(p.outputs.keepSnapshots == 3)
        #expect(p.targets.count == 2)
        #expect(p.targets[0] == .init(year: 2024, scope: "province", metric: .onlineRate, target: 0.5))
        #expect(p.maxRejectRate == 0.1)
    }

    @Test(arguments: [
        ("name: t\nas_of: yesterday\n", "as_of"),
        ("name: t\ninputs: {catalog: c.csv, exports: []}\noutputs: {store: s, database: d}\n", "inputs.exports"),
        ("name: t\ninputs: {catalog: c.csv, exports: [{path: a, profile: nope}]}\noutputs: {store: s, database: d}\n", "inputs.exports[0].profile"),
        ("name: t\ninputs: {catalog: c.csv, exports: [{path: a}]}\noutputs: {store: s, databse: d}\n", "outputs.databse"),
        ("name: t\ninputs: {catalog: c.csv, exports: [{path: a}]}\noutputs: {store: s, database: d}\ntargets: {2024: {online_rate: 50}}\n", "targets.2024.online_rate"),
        ("name: t\ninputs: {catalog: c.csv, exports: [{path: a, profile: {values: {channel: {'1': fax}}}}]}\noutputs: {store: s, database: d}\n", "inputs.exports[0].profile.values.channel.1"),
    ])
    func namesTheBadKey(yaml: String, key: String) {
        do {
            _ = try PipelineFile.parse(yaml: yaml, path: "p.yaml")
            Issue.record("accepted a bad file")
        } catch {
            #expect(error.key == key)
            #expect(error.description.hasPrefix("p.yaml"))
        }
    }
}

/// `merge:` pipeline files (CONTRACT.md section 3.5).
struct MergePipelineFileTests {
    @Test func readsInputsCrosswalkAndNationalTargets() throws {
        let file = try MergePipelineFile.parse(
            yaml: """
                name: national
                merge:
                  inputs:
                    - { province: "01", database: a/summary.sqlite }
                    - { province: "26", database: /srv/26.sqlite }
                  crosswalk: 2025
                outputs:
                  database: ../var/national/summary.sqlite
                targets:
                  2025: { online_rate: 0.65 }
                """, path: "/etc/motcua/national.yaml")
        #expect(file.inputs == [.init(province: "01", database: "/etc/motcua/a/summary.sqlite"), .init(province: "26", database: "/srv/26.sqlite")])
        #expect(file.crosswalk == .builtIn("2025"))
        #expect(file.database == "/etc/var/national/summary.sqlite")
        #expect(file.targets.map(\.scope) == ["national"])
    }

    @Test func theSameProvinceTwiceIsRefused() {
        #expect(throws: PipelineFileError.self) {
            try MergePipelineFile.parse(
                yaml: """
                    name: n
                    merge:
                      inputs:
                        - { province: "01", database: a.sqlite }
                        - { province: "01", database: b.sqlite }
                    outputs: { database: n.sqlite }
                    """, path: "/x/n.yaml")
        }
    }

    @Test func runAndMergeFilesAreNotConfused() {
        let merge = "name: n\nmerge:\n  inputs:\n    - { province: \"01\", database: a.sqlite }\noutputs: { database: n.sqlite }\n"
        #expect(throws: PipelineFileError.self) { try PipelineFile.parse(yaml: merge, path: "/x/n.yaml") }
        #expect(throws: PipelineFileError.self) {
            try MergePipelineFile.parse(yaml: "name: n\noutputs: { database: n.sqlite }\n", path: "/x/n.yaml")
        }
        #expect(
            (try? MergePipelineFile.parse(yaml: merge.replacingOccurrences(of: "outputs", with: "  crosswalk: my.csv\noutputs"), path: "/x/n.yaml"))?
                .crosswalk == .file("/x/my.csv"))
        // Reports of a merged database are refused rather than written from the wrong views.
        #expect(throws: PipelineFileError.self) {
            try MergePipelineFile.parse(yaml: merge.replacingOccurrences(of: "database: n.sqlite", with: "database: n.sqlite, reports: r"), path: "/x/n.yaml")
        }
    }
}
