import Foundation
import FuzzSupport
import MotcuaCore
import MotcuaIO

/// libFuzzer target: arbitrary bytes as a whole export through `ExportIngester`, the path a
/// nightly run takes (reader, header binding, staging, ledger, rejects file).
///
/// The first byte picks the profile. Properties: the counts balance (CONTRACT.md section 1.4:
/// read = accepted + rejected, accepted = kept + superseded); the rejects file reads back with
/// one row per rejected record; a file refused as a whole throws an error that names it.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = pointer else { return 0 }
    guard size >= 1 else { return 0 }
    let profile: ColumnProfile = data[0] & 1 == 0 ? .canonical : .igateVi
    let path = Fuzz.scratchFile("export.csv", UnsafeRawBufferPointer(start: data + 1, count: size - 1))
    let rejectsPath = (Fuzz.scratchFolder as NSString).appendingPathComponent("rejects.csv")
    do {
        let rejects = try RejectsFile(path: rejectsPath)
        let ingester = ExportIngester(ledger: DossierLedger(), rejects: rejects)
        do {
            try ingester.ingest(path: path, displayPath: "export.csv", profile: profile)
        } catch let error as CSVError {
            Fuzz.check(error.path == "export.csv" || error.path == path, "error names another file: \(error)")
            Fuzz.check(error.description.contains("export.csv"), "error text does not name the file: \(error)")
            return 0
        }
        let counts = ingester.counts
        Fuzz.check(counts.invariantViolation == nil, counts.invariantViolation ?? "")
        Fuzz.check(counts.keptAfter == ingester.ledger.count, "kept count \(counts.keptAfter) vs ledger \(ingester.ledger.count)")
        try rejects.commit()
        if counts.rejected > 0 {
            let back = try CSVReader(path: rejectsPath)
            var rows = 0
            while try back.next() { rows += 1 }
            Fuzz.check(rows == counts.rejected, "rejects file has \(rows) rows for \(counts.rejected) rejected")
        }
    } catch {
        Fuzz.fail("unexpected error: \(error)")
    }
    return 0
}
