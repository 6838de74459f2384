import Foundation

/// Turns the raw bytes of a repetitive column (procedure and agency codes and names) into its
/// normalised `String` once per distinct value, not once per row.
///
/// A province has hundreds of procedures and agencies but millions of rows; without this, NFC
/// normalisation of Vietnamese names was 25% of ingest time (perf profile of `motcua run` on a
/// 100k-row generated export, docs/performance.md). An open-addressing table keyed by FNV-1a of
/// the bytes; past `capacity` distinct values it stops remembering and just normalises.
public struct TextInterner: Sendable {
    private var slots: [Int32]
    private var keys: [[UInt8]] = []
    private var values: [String] = []
    private var hashes: [UInt64] = []
    private let mask: Int
    public let capacity: Int

    public init(capacity: Int = 1 << 15) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = [Int32](repeating: -1, count: size)
        mask = size - 1
        self.capacity = capacity
    }

    /// The trimmed NFC string of `bytes`.
    /// - Complexity: O(n) to hash and compare; the normalisation runs once per distinct value.
    public mutating func string(_ bytes: UnsafeRawBufferPointer) -> String { intern(bytes).value }

    /// The string and a small dense key for it (0, 1, 2, ... in order of first sight), or key -1
    /// once past `capacity`; callers use the key to index their own per-value tables.
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (key: Int32, value: String) {
        let trimmed = TextFolding.trim(bytes)
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for b in trimmed { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            let k = Int(slot)
            if hashes[k] == h, keys[k].count == trimmed.count,
                keys[k].withUnsafeBytes({ memcmpEqual($0, trimmed) })
            {
                return (Int32(k), values[k])
            }
            i = (i + 1) & mask
        }
        let value = TextFolding.normalized(utf8: trimmed)
        guard values.count < capacity else { return (-1, value) }
        let key = Int32(values.count)
        slots[i] = key
        keys.append(Array(trimmed))
        values.append(value)
        hashes.append(h)
        return (key, value)
    }
}

@inline(__always)
func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    if a.count == 0 { return true }
    // swift-format-ignore: NeverForceUnwrap
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
}
