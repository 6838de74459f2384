#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// One export file being written: a fixed byte buffer that is appended to a file when it fills.
///
/// The generator keeps one of these per export period, because a dossier's closing row goes to a
/// later period's file than its reception row. The file is not held open between flushes (it is
/// opened, appended to and closed), so thousands of periods cost no file descriptors, only their
/// buffers.
///
/// Appends are unchecked pointer writes after one capacity test, because the generator writes
/// hundreds of megabytes a second through them (measured with `motcua generate --rows 1000000`);
/// no `String` is built per field.
final class ExportFileWriter {
    let path: String
    /// Data rows written so far (header excluded).
    private(set) var rows = 0
    private var storage: UnsafeMutablePointer<UInt8>
    private var allocated: Int
    private var count = 0
    private let flushThreshold: Int
    private var created = false

    /// - Parameter bufferBytes: the buffer is written out once it holds this many bytes.
    init(path: String, bufferBytes: Int) {
        self.path = path
        flushThreshold = bufferBytes
        allocated = bufferBytes + 8 * 1024  // room for the row that crosses the threshold
        storage = UnsafeMutablePointer<UInt8>.allocate(capacity: allocated)
    }

    deinit { storage.deallocate() }

    // MARK: - Appending

    @inline(__always)
    func append(_ byte: UInt8) {
        if count == allocated { grow(1) }
        storage[count] = byte
        count += 1
    }

    @inline(__always)
    func append(_ a: UInt8, _ b: UInt8) {
        if count + 2 > allocated { grow(2) }
        storage[count] = a
        storage[count + 1] = b
        count += 2
    }

    @inline(__always)
    func append(_ bytes: [UInt8]) {
        let n = bytes.count
        if count + n > allocated { grow(n) }
        bytes.withUnsafeBufferPointer { src in
            if let base = src.baseAddress { (storage + count).update(from: base, count: n) }
        }
        count += n
    }

    @inline(__always)
    func append(_ source: UnsafePointer<UInt8>, count n: Int) {
        if count + n > allocated { grow(n) }
        (storage + count).update(from: source, count: n)
        count += n
    }

    /// `value` in decimal, left-padded with zeros to `width` digits (more digits if it needs
    /// them). `value` must not be negative.
    @inline(__always)
    func appendDigits(_ value: Int, width: Int) {
        var digits = 1
        var limit = 10
        while value >= limit, digits < 19 {
            digits += 1
            limit &*= 10
        }
        let n = max(width, digits)
        if count + n > allocated { grow(n) }
        var v = value
        var k = count + n - 1
        while k >= count {
            storage[k] = UInt8(truncatingIfNeeded: 0x30 + v % 10)
            v /= 10
            k -= 1
        }
        count += n
    }

    /// Two digits, `00` to `99`.
    @inline(__always)
    func appendTwoDigits(_ value: Int) {
        append(
            UInt8(truncatingIfNeeded: 0x30 + value / 10),
            UInt8(truncatingIfNeeded: 0x30 + value % 10))
    }

    /// Ends a data row and writes the buffer out once it is full.
    @inline(__always)
    func endRow() throws(SampleGeneratorError) {
        rows += 1
        if count >= flushThreshold { try flush() }
    }

    private func grow(_ needed: Int) {
        let newSize = max(allocated * 2, count + needed)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newSize)
        bigger.update(from: storage, count: count)
        storage.deallocate()
        storage = bigger
        allocated = newSize
    }

    // MARK: - Output

    /// Appends the buffered bytes to the file (creating or truncating it on the first call).
    func flush() throws(SampleGeneratorError) {
        let flags = created ? (O_WRONLY | O_APPEND) : (O_WRONLY | O_CREAT | O_TRUNC)
        let fd = open(path, flags, 0o644)
        guard fd >= 0 else { throw .cannotWrite(path: path, errno: errno) }
        created = true
        var offset = 0
        while offset < count {
            let written = write(fd, storage + offset, count - offset)
            if written < 0 {
                let code = errno
                if code == EINTR { continue }
                close(fd)
                throw .cannotWrite(path: path, errno: code)
            }
            offset += written
        }
        count = 0
        guard close(fd) == 0 else { throw .cannotWrite(path: path, errno: errno) }
    }
}
