import ArgumentParser
import MotcuaCore
import MotcuaIO

/// The exit codes of CONTRACT.md section 3.3, from the error that stopped a run.
enum ExitStatus {
    static let usage: Int32 = 2
    static let dataError: Int32 = 65
    /// An invariant of the figures failed: a bug, reported with what failed (CONTRACT.md 3.3).
    static let internalError: Int32 = 70
    static let cannotWrite: Int32 = 73
    static let locked: Int32 = 75

    static func code(for error: any Error) -> Int32 {
        switch error {
        case is PipelineFileError: return usage
        case is ValidationError: return usage
        case is RunLock.Held: return locked
        case let e as FileAccessError: return e.action == .write ? cannotWrite : dataError
        case let e as SummaryDatabaseError: return e.isOutputProblem ? cannotWrite : dataError
        case let e as StageError: return e.exitCode
        case let e as CompressionError: return e.isOutputProblem ? cannotWrite : dataError
        case is ReportError: return dataError
        case is Form06Violation, is SnapshotWriterError: return internalError
        case is WorkbookWriteError: return cannotWrite
        case is MergeError, is CrosswalkFileError: return dataError
        default: return dataError
        }
    }
}

/// A stage refused to go on; the message says why and what to do.
struct StageError: Error, CustomStringConvertible {
    var message: String
    var exitCode: Int32
    var description: String { message }
}
