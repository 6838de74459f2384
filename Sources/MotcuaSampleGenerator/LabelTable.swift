/// Byte strings (labels already encoded and quoted for one file shape) packed into one block of
/// memory, so that writing label `k` is a single copy with no reference counting.
///
/// A `[[UInt8]]` costs a retain and a release of the inner array per access; at a few million
/// labels a second that was a fifth of the generator's time (perf, `motcua generate --rows
/// 1000000`).
final class LabelTable {
    private let bytes: UnsafeMutablePointer<UInt8>
    /// `offsets[k]..<offsets[k + 1]` is label `k`.
    private let offsets: UnsafeMutablePointer<Int>
    let count: Int

    init(_ labels: [[UInt8]]) {
        count = labels.count
        let total = labels.reduce(0) { $0 + $1.count }
        bytes = UnsafeMutablePointer<UInt8>.allocate(capacity: max(1, total))
        offsets = UnsafeMutablePointer<Int>.allocate(capacity: labels.count + 1)
        var at = 0
        for (k, label) in labels.enumerated() {
            offsets[k] = at
            label.withUnsafeBufferPointer { src in
                if let base = src.baseAddress {
                    (bytes + at).update(from: base, count: label.count)
                }
            }
            at += label.count
        }
        offsets[labels.count] = at
    }

    deinit {
        bytes.deallocate()
        offsets.deallocate()
    }

    /// Appends label `k` to `file`.
    @inline(__always)
    func write(_ k: Int, to file: ExportFileWriter) {
        let start = offsets[k]
        file.append(bytes + start, count: offsets[k + 1] - start)
    }

    /// Appends label `k` of a group of `width` labels per row (e.g. spellings of one status).
    @inline(__always)
    func write(row: Int, column: Int, width: Int, to file: ExportFileWriter) {
        write(row * width + column, to: file)
    }
}
