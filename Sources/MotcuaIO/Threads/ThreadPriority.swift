#if canImport(Glibc)
    import Glibc
#endif

/// Work that should take the cores only when the run's other threads leave them: the export's
/// hash beside the parse lanes, the snapshot's parts beside the database, the store and the
/// reports (issue 16).
enum ThreadPriority {
    /// Raises the calling thread's nice value to `nice` (Linux keeps one per thread). Only for a
    /// thread of its own that ends with its work: a thread cannot lower its nice value again
    /// without privileges. Elsewhere than Linux, the priority is left alone.
    static func lowerThisThread(to nice: Int32) {
        #if canImport(Glibc)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice)  // 0: this thread
        #endif
    }
}
