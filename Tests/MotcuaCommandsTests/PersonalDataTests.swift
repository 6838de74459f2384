import Foundation
import Testing
@testable import MotcuaIO

/// Personal data never reaches an output (CONTRACT.md sections 1.1 and 1.4; issue 7, security).
///
/// The generator's exports carry made-up applicants: names, citizen IDs, phones, addresses, under
/// canonical and Vietnamese headers, and in the national sync records (ChuHoSo, SoDinhDanh,
/// SoDienThoai, Email, DiaChiThuongTru, TrichYeuHoSo; gzip-compressed JSON here). A full run (ingest, database, snapshot) and every report
/// format are made from them; then every output file, decompressed where it is zstd, and what the
/// commands printed are searched for every personal value of the input. The rejects file is the
/// one output allowed to hold raw records: it must be owner-only (0600), and it is also the
/// positive control that the search finds personal values where they are.
@Suite(.serialized) struct PersonalDataTests {
    static let personalHeaders: Set<String> = [
        "applicant_name", "citizen_id", "phone", "address", "Họ tên người nộp", "Số CCCD", "Số điện thoại", "Địa chỉ",
    ]

    /// Finds any of many byte strings in a haystack in one pass (8-byte prefixes in a table),
    /// so thousands of values are searched in megabytes of output in well under a second.
    struct NeedleSet {
        private var byPrefix: [UInt64: [[UInt8]]] = [:]
        private var filter = [Bool](repeating: false, count: 1 << 16)
        private(set) var count = 0
        private(set) var tooShort = 0

        init(_ values: Set<String>) {
            for value in values {
                let bytes = Array(value.utf8)
                guard bytes.count >= 8 else {
                    tooShort += 1
                    continue
                }
                let key = bytes.withUnsafeBytes { $0.loadUnaligned(as: UInt64.self) }
                byPrefix[key, default: []].append(bytes)
                filter[Int(key & 0xFFFF)] = true
                count += 1
            }
        }

        func hits(in hay: [UInt8], limit: Int = 5) -> [String] {
            guard hay.count >= 8 else { return [] }
            var found: [String] = []
            hay.withUnsafeBytes { p in
                for i in 0...(p.count - 8) {
                    let key = p.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                    guard filter[Int(key & 0xFFFF)], let candidates = byPrefix[key] else { continue }
                    for needle in candidates where i + needle.count <= p.count {
                        if memcmp(p.baseAddress! + i, needle, needle.count) == 0 {
                            found.append(String(decoding: needle, as: UTF8.self))
                            if found.count >= limit { return }
                        }
                    }
                }
            }
            return found
        }
    }

    /// The personal fields of a national sync record (CONTRACT.md 1.6).
    static let personalSyncFields = ["ChuHoSo", "SoDinhDanh", "SoDienThoai", "Email", "DiaChiThuongTru", "TrichYeuHoSo"]

    /// The personal values of the sync records (JSON, any container, plain or compressed) in `folder`.
    static func personalSyncValues(inFilesUnder folder: String) throws -> Set<String> {
        var values: Set<String> = []
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        let pattern = try Regex("\"(" + personalSyncFields.joined(separator: "|") + ")\":\"([^\"\\\\]*)\"")
        for name in names where name.hasPrefix("export-") {
            let source = try openDecompressed(path: (folder as NSString).appendingPathComponent(name))
            var bytes: [UInt8] = []
            var block = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { break }
                bytes += block[0..<n]
            }
            for match in String(decoding: bytes, as: UTF8.self).matches(of: pattern) {
                guard let value = match.output[2].substring.map(String.init), !value.isEmpty else { continue }
                values.insert(value)
                values.insert(value.precomposedStringWithCanonicalMapping)
            }
        }
        return values
    }

    static func personalValues(inExportsUnder folder: String) throws -> Set<String> {
        var values: Set<String> = []
        let files = ((FileManager.default.enumerator(atPath: folder)?.allObjects as? [String]) ?? []).filter { $0.hasSuffix(".csv") }
        for file in files {
            let reader = try CSVReader(path: (folder as NSString).appendingPathComponent(file))
            let columns = reader.header.indices.filter {
                Self.personalHeaders.contains(reader.header[$0].trimmingCharacters(in: .whitespaces).precomposedStringWithCanonicalMapping)
            }
            while try reader.next() {
                for k in columns {
                    let value = String(decoding: reader.field(k), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                    if !value.isEmpty {
                        values.insert(value)
                        values.insert(value.precomposedStringWithCanonicalMapping)
                    }
                }
            }
        }
        return values
    }

    /// The decompressed bytes of a .zst file: with the `zstd` command, an independent reader,
    /// when the machine has it (Debian package zstd), else with motcua's own stream reader.
    static func zstdcat(_ path: String) throws -> [UInt8] {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/zstd") else {
            let source = try openDecompressed(path: path)
            var out: [UInt8] = []
            var block = [UInt8](repeating: 0, count: 1 << 16)
            while true {
                let n = try block.withUnsafeMutableBytes { try source.read(into: $0) }
                if n == 0 { return out }
                out += block[0..<n]
            }
        }
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = ["zstd", "-dc", path]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return [UInt8](data)
    }

    @Test func personalDataReachesNoOutputButTheOwnerOnlyRejectsFile() throws {
        let root = NSTemporaryDirectory() + "motcua-personal-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: root) }
        let data = (root as NSString).appendingPathComponent("data")
        // Four periods: canonical, sync records (--sync-every 4: the second of every four), canonical, iGate.
        let generated = try CLI.run([
            "generate", "--rows", "3000", "--seed", "7", "--out", data, "--format", "mixed", "--files", "4", "--sync-every", "4",
        ])
        try #require(generated.status == 0, "\(generated.stderr)")
        let pipeline = (root as NSString).appendingPathComponent("pipeline.yaml")
        try """
            name: personal-data
            as_of: 2025-12-31
            inputs:
              catalog: data/catalog.csv
              exports:
                - path: data/exports/canonical/*.csv
                  profile: canonical
                - path: data/exports/igate/*.csv
                  profile: igate-vi
                - path: data/exports/dvcqg/*
                  profile: dvcqg
            outputs:
              store: out/store
              database: out/summary.sqlite
              snapshots: out/snapshots
              reports: out/reports
            limits:
              max_reject_rate: 0.5

            """.write(toFile: pipeline, atomically: true, encoding: .utf8)

        var printed: [UInt8] = []
        for arguments in [
            ["run", pipeline], ["run", pipeline, "--json"], ["report", pipeline, "--format", "html"],
            ["report", pipeline, "--format", "json"], ["report", pipeline, "--format", "csv"], ["report", pipeline],
            ["snapshot", "list", pipeline], ["snapshot", "verify", pipeline],
        ] {
            let r = try CLI.run(arguments)
            #expect(r.status == 0, "\(arguments): \(r.stderr)")
            printed += Array((r.stdout + r.stderr).utf8)
        }

        let exports = (data as NSString).appendingPathComponent("exports")
        let syncValues = try Self.personalSyncValues(inFilesUnder: (exports as NSString).appendingPathComponent("dvcqg"))
        // About 700 records of the second period, each with a name, ID, phone, e-mail, address and summary.
        #expect(syncValues.count > 2000, "only \(syncValues.count) personal values in the sync records")
        let needles = NeedleSet(try Self.personalValues(inExportsUnder: exports).union(syncValues))
        #expect(needles.count > 3000, "only \(needles.count) personal values collected (\(needles.tooShort) too short)")
        let syncNeedles = NeedleSet(syncValues)

        #expect(needles.hits(in: printed).isEmpty, "the commands printed personal data: \(needles.hits(in: printed))")
        let out = (root as NSString).appendingPathComponent("out")
        var scanned = 0
        var rejectsFiles = 0
        for rel in (FileManager.default.enumerator(atPath: out)?.allObjects as? [String]) ?? [] {
            let path = (out as NSString).appendingPathComponent(rel)
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), !isFolder.boolValue else { continue }
            let raw = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            if rel.hasPrefix("store/rejects/") {
                rejectsFiles += 1
                let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
                #expect(mode == 0o600, "\(rel) has mode \(String(mode ?? 0, radix: 8))")
                #expect(!needles.hits(in: raw).isEmpty, "the search found nothing in the rejects file: it would miss leaks too")
                #expect(!syncNeedles.hits(in: raw).isEmpty, "no sync record's personal data in the rejects file: the search would miss leaks")
                continue
            }
            scanned += 1
            #expect(needles.hits(in: raw).isEmpty, "\(rel) holds personal data: \(needles.hits(in: raw))")
            if rel.hasSuffix(".zst") {
                let plain = try Self.zstdcat(path)
                #expect(!plain.isEmpty, "\(rel) did not decompress")
                #expect(needles.hits(in: plain).isEmpty, "\(rel) (decompressed) holds personal data: \(needles.hits(in: plain))")
            }
        }
        #expect(rejectsFiles >= 1, "the generator's bad rows made no rejects file")
        #expect(scanned >= 6, "only \(scanned) output files scanned")
        // Nothing outside out/ was written but what the test wrote.
        let top = Set(try FileManager.default.contentsOfDirectory(atPath: root))
        #expect(top == ["data", "out", "pipeline.yaml"], "\(top)")
    }
}
