import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Expands an `inputs.exports[].path` into files, sorted by path (CONTRACT.md section 3.3).
public enum ExportGlob {
    /// Whether the pattern has shell wildcards; a plain path must exist, a glob may match none.
    public static func isPattern(_ path: String) -> Bool {
        path.contains { $0 == "*" || $0 == "?" || $0 == "[" }
    }

    /// The regular files matching `pattern`, in byte order of their paths, each with its size
    /// and modification time; a plain path as it is, with no status when it does not exist.
    /// One `stat(2)` a file: a night matches every export of five years (1,826 files), and
    /// each further look at a file (FileManager, `access`, another stat) cost 4-7 ms a night.
    public static func expand(_ pattern: String) -> [(path: String, status: FileStatus?)] {
        guard isPattern(pattern) else { return [(pattern, FileStatus(path: pattern))] }
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var files: [(path: String, status: FileStatus?)] = []
        for k in 0..<Int(result.gl_pathc) {
            guard let p = result.gl_pathv[k] else { continue }
            var info = stat()
            if stat(p, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG {
                files.append((String(cString: p), FileStatus(info)))
            }
        }
        // Compared as UTF-8 views, without an array per comparison.
        return files.sorted { $0.path.utf8.lexicographicallyPrecedes($1.path.utf8) }
    }
}
