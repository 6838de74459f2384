#if canImport(Glibc)
    import Glibc
#endif

/// Size and modification time of a file, from one `stat(2)`.
///
/// `FileManager.attributesOfItem` also looks up the owner's user and group names (it read
/// /etc/passwd and /etc/group for each of a nightly run's 1,826 exports, strace), which cost
/// more than everything else the run does with a skipped export.
public struct FileStatus: Sendable, Equatable {
    public var size: Int
    /// Modification time, milliseconds since 1970 (UTC).
    public var modifiedMillis: Int64

    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    init(_ info: stat) {
        size = Int(info.st_size)
        modifiedMillis = Int64(info.st_mtim.tv_sec) * 1000 + Int64(info.st_mtim.tv_nsec) / 1_000_000
    }
}
