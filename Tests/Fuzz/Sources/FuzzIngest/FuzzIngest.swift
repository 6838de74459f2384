import Foundation
import FuzzSupport
import MotcuaCore
import MotcuaIO

/// libFuzzer target: arbitrary bytes as a whole export through `ExportIngester`, the path a
/// nightly run takes (reader, header binding, block splitting, two parsing lanes, staging,
/// ledger, rejects file).
///
/// The first byte picks the profile (bit 0) and how the fuzzed run reads: a block size from 64
/// bytes up (bits 1-3), so records cross block ends, and lanes forced parallel on every block
/// (bit 4). Properties:
/// - the counts balance (CONTRACT.md section 1.4: read = accepted + rejected, accepted = kept +
///   superseded), and the rejects file reads back with one row per rejected record;
/// - a file refused as a whole throws an error that names it;
/// - **the fuzzed reading (small blocks, speculative two-lane cuts) gives exactly what one lane
///   reading the file in one 8 MiB block gives**: the same counts, the same dossiers in the
///   same order, the same names, the same rejects file.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = pointer else { return 0 }
    guard size >= 1 else { return 0 }
    let mode = data[0]
    let profile: ColumnProfile = mode & 1 == 0 ? .canonical : .igateVi
    let blockSizes = [64, 97, 128, 256, 1000, 4096, 65536, 8 << 20]
    let path = Fuzz.scratchFile("export.csv", UnsafeRawBufferPointer(start: data + 1, count: size - 1))

    let reference = run(path: path, profile: profile, rejectsName: "rejects-a.csv") { ingester in
        ingester.parallel = false
    }
    let fuzzed = run(path: path, profile: profile, rejectsName: "rejects-b.csv") { ingester in
        ingester.blockSize = blockSizes[Int((mode >> 1) & 7)]
        if mode & 0x10 != 0 {
            ingester.parallel = true
            ingester.minimumParallelBytes = 0
        }
    }
    switch (reference, fuzzed) {
    case (.refused(let a), .refused(let b)):
        Fuzz.check(a == b, "refused differently: \(a) vs \(b)")
    case (.read(let a), .read(let b)):
        Fuzz.check(a.counts == b.counts, "counts differ: \(a.counts) vs \(b.counts)")
        Fuzz.check(a.dossiers == b.dossiers, "dossiers differ")
        Fuzz.check(a.names == b.names, "names differ: \(a.names) vs \(b.names)")
        Fuzz.check(a.rejects == b.rejects, "rejects files differ")
    default:
        Fuzz.fail("one reading refused the file, the other read it: \(reference) vs \(fuzzed)")
    }
    return 0
}

struct Reading: Equatable {
    var counts: IngestCounts
    var dossiers: [Dossier]
    var names: [[String]]
    var rejects: [[String]]
}

enum Outcome: CustomStringConvertible {
    case refused(String)
    case read(Reading)

    var description: String {
        switch self {
        case .refused(let e): "refused: \(e)"
        case .read(let r): "read: \(r.counts.read) records"
        }
    }
}

func run(path: String, profile: ColumnProfile, rejectsName: String, configure: (ExportIngester) -> Void) -> Outcome {
    let rejectsPath = (Fuzz.scratchFolder as NSString).appendingPathComponent(rejectsName)
    do {
        let rejects = try RejectsFile(path: rejectsPath)
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        configure(ingester)
        do {
            try ingester.ingest(path: path, displayPath: "export.csv", profile: profile)
        } catch let error as CSVError {
            Fuzz.check(error.description.contains("export.csv"), "the error does not name the file: \(error)")
            return .refused(error.description.replacingOccurrences(of: path, with: "export.csv"))
        }
        let counts = ingester.counts
        Fuzz.check(counts.invariantViolation == nil, counts.invariantViolation ?? "")
        let ledger = ingester.ledger
        Fuzz.check(counts.keptAfter == ledger.count, "kept count \(counts.keptAfter) vs ledger \(ledger.count)")
        try rejects.commit()
        var rows: [[String]] = []
        // The rejects file holds raw records as they came, control bytes included, and the reader
        // may then refuse it as binary (crasher crash-cc872e9b…); it is for people, not re-read.
        if counts.rejected > 0, let back = try? CSVReader(path: rejectsPath) {
            while try back.next() {
                rows.append((0..<back.fieldCount).map { String(decoding: back.field($0), as: UTF8.self) })
            }
            Fuzz.check(rows.count == counts.rejected, "rejects file has \(rows.count) rows for \(counts.rejected) rejected")
        }
        try? FileManager.default.removeItem(atPath: rejectsPath)
        return .read(
            Reading(
                counts: counts, dossiers: (0..<ledger.count).map { ledger.dossier(at: $0) },
                names: [ledger.procedures.codes, ledger.procedures.labels, ledger.agencies.codes, ledger.agencies.labels],
                rejects: rows))
    } catch {
        Fuzz.fail("unexpected error: \(error)")
    }
}
