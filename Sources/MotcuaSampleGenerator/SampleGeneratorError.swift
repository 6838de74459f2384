#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why `motcua generate` could not produce its files.
public enum SampleGeneratorError: Error, Equatable, CustomStringConvertible {
    /// An option is out of range; `option` is its command-line name without dashes.
    case invalidOption(option: String, message: String)
    case cannotCreateDirectory(path: String, errno: Int32)
    case cannotWrite(path: String, errno: Int32)
    /// libxlsxwriter could not write a workbook; `detail` is its own message.
    case cannotWriteWorkbook(path: String, detail: String)

    public var description: String {
        switch self {
        case .invalidOption(let option, let message):
            return "--\(option): \(message)"
        case .cannotCreateDirectory(let path, let code):
            return "cannot create directory \(path): \(Self.reason(code))"
        case .cannotWrite(let path, let code):
            return "cannot write \(path): \(Self.reason(code))"
        case .cannotWriteWorkbook(let path, let detail):
            return "cannot write workbook \(path): \(detail)"
        }
    }

    private static func reason(_ code: Int32) -> String {
        guard let text = strerror(code) else { return "error \(code)" }
        return String(cString: text)
    }
}
