public import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// The rejects file of a run: one row per rejected record with the source file, the line where
/// the record starts, the reason code, a readable message and the raw record
/// (CONTRACT.md section 1.4).
///
/// It is the only output holding raw records, personal data included, so it is created with
/// owner-only permissions (0600) and never copied into snapshots.
public final class RejectsFile {
    public static let header = ["source_file", "line", "reason", "message", "raw_record"]
    private let writer: AtomicFileWriter
    private var csv = CSVWriter()
    public private(set) var count = 0
    public var path: String { writer.path }

    public init(path: String) throws(FileAccessError) {
        writer = try AtomicFileWriter(path: path, permissions: 0o600)
        csv.writeRow(Self.header)
    }

    public func append(source: String, line: Int, rejection: Rejection, raw: UnsafeRawBufferPointer) throws(FileAccessError) {
        csv.writeField(source)
        csv.writeDelimiter()
        csv.writeField(String(line))
        csv.writeDelimiter()
        csv.writeField(rejection.reason.code)
        csv.writeDelimiter()
        csv.writeField(rejection.message)
        csv.writeDelimiter()
        csv.writeField(bytes: raw)
        csv.endRow()
        count += 1
        if csv.buffer.count >= 1 << 20 { try writer.write(csv.take()) }
    }

    /// Puts the file in place; without it the file never appears.
    public func commit() throws(FileAccessError) {
        try writer.write(csv.take())
        try writer.commit()
    }
}
