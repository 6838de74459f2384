import FuzzSupport
import MotcuaIO

/// libFuzzer target: arbitrary text through `PipelineFile.parse(yaml:path:)`.
///
/// Property beyond "no crash": a file that parses has a name, at least one export, outputs,
/// reject limit and targets inside their documented ranges; every path is absolute.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzz(_ pointer: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data = pointer else { return 0 }
    let text = String(decoding: UnsafeRawBufferPointer(start: data, count: size), as: UTF8.self)
    let pipeline: PipelineFile
    do {
        pipeline = try PipelineFile.parse(yaml: text, path: "/fuzz/Pipelines/p.yaml")
    } catch {
        Fuzz.check(!error.description.isEmpty, "an error without a message")
        return 0
    }
    Fuzz.check(!pipeline.exports.isEmpty, "a pipeline without exports was accepted")
    Fuzz.check(pipeline.maxRejectRate >= 0 && pipeline.maxRejectRate <= 1, "max_reject_rate out of range")
    Fuzz.check(pipeline.outputs.keepSnapshots >= 1, "keep_snapshots below 1")
    for t in pipeline.targets {
        Fuzz.check(t.target >= 0 && t.target <= 1 && (1990...2100).contains(t.year), "target out of range: \(t)")
    }
    for p in [pipeline.catalogPath, pipeline.outputs.store, pipeline.outputs.database] + pipeline.exports.map(\.pattern) {
        Fuzz.check(p.hasPrefix("/"), "path '\(p)' was not made absolute")
    }
    return 0
}
