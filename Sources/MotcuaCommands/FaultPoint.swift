import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Named points between the steps of a publish where the crash tests kill the process
/// (`MOTCUA_FAULT_POINT=after-snapshot`), to prove that a rerun repairs every partial state.
/// Outside tests the variable is unset and this does nothing. Documented in docs/operations.md.
enum FaultPoint: String, CaseIterable {
    case afterIngest = "after-ingest"
    case afterDatabaseBuild = "after-database-build"
    case afterSnapshot = "after-snapshot"
    case afterDatabasePlaced = "after-database-placed"
    case afterStore = "after-store"

    func reach() {
        guard ProcessInfo.processInfo.environment["MOTCUA_FAULT_POINT"] == rawValue else { return }
        kill(getpid(), SIGKILL)
    }
}
