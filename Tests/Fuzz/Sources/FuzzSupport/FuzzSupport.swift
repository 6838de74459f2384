import CFuzzDriver
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What every harness shares: a way to report a broken property as a crash libFuzzer keeps, and
/// a scratch file for code that only reads paths.
public enum Fuzz {
    /// Stops the process so libFuzzer saves the input as a crasher; the message says which
    /// property broke.
    public static func fail(_ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) -> Never {
        FileHandle.standardError.write(Data("fuzz property broken at \(file):\(line): \(message())\n".utf8))
        abort()
    }

    /// Checks a property; a false one stops the process.
    public static func check(
        _ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID,
        line: UInt = #line
    ) {
        if !condition() { fail(message(), file: file, line: line) }
    }

    /// A per-process scratch file in memory-backed /dev/shm when there is one.
    public static let scratchFolder: String = {
        let base = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        let folder = (base as NSString).appendingPathComponent("motcua-fuzz-\(getpid())")
        try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: Fuzz.scratchFolder) }
        return folder
    }()

    /// Writes `bytes` to a scratch file named `name` and returns its path.
    public static func scratchFile(_ name: String, _ bytes: UnsafeRawBufferPointer) -> String {
        let path = (scratchFolder as NSString).appendingPathComponent(name)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        if fd < 0 { fail("cannot write scratch file \(path)") }
        var offset = 0
        while offset < bytes.count {
            let n = write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            if n <= 0 { fail("cannot write scratch file \(path)") }
            offset += n
        }
        close(fd)
        return path
    }
}

extension Fuzz {
    /// Runs libFuzzer on `target` with the process's arguments.
    public static func runDriver(
        _ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
        _ target: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
    ) -> CInt {
        var count = argc
        var arguments = argv
        return LLVMFuzzerRunDriver(&count, &arguments, target)
    }
}
