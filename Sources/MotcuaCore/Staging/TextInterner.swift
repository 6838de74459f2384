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
    /// Every remembered value's trimmed bytes, one after another, and where each ends: one
    /// buffer, so a look-up compares bytes without retaining a per-value array (the retain and
    /// release of `[[UInt8]]` elements were 3% of a long-row run's CPU, perf, issue 16).
    private var keyBytes: [UInt8] = []
    private var keyEnds: [Int] = []
    private var values: [String] = []
    private var hashes: [UInt64] = []
    private var mask: Int
    public let capacity: Int

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for k in values.indices {  // only called below capacity: every entry is a real one
            var i = Int(truncatingIfNeeded: hashes[k]) & mask
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(k)
        }
    }

    /// The string of a key returned by `intern` or `key`.
    public func value(_ key: Int32) -> String { values[Int(key)] }

    /// Starts small and doubles as values arrive: a stager is made per export file, and a
    /// nightly run over two thousand daily exports paid for a 2 MB table per file.
    public init(capacity: Int = 1 << 18) {
        slots = [Int32](repeating: -1, count: 64)
        mask = 63
        self.capacity = capacity
    }

    /// The trimmed NFC string of `bytes` and a small dense key for it (0, 1, 2, ... in order of first sight); past
    /// `capacity` every call gets a new key. Callers use the key to index their own tables.
    /// - Complexity: O(n) to hash and compare; the normalisation runs once per distinct value.
    public mutating func intern(_ bytes: UnsafeRawBufferPointer) -> (key: Int32, value: String) {
        let k = key(bytes)
        return (k, value(k))
    }

    /// The key `intern` gives, without handing out (and so retaining) the string: what the
    /// ingest's per-row path calls.
    public mutating func key(_ bytes: UnsafeRawBufferPointer) -> Int32 {
        let trimmed = TextFolding.trim(bytes)
        let h = ByteHash.hash(trimmed)
        var i = Int(truncatingIfNeeded: h) & mask
        while true {
            let slot = slots[i]
            if slot < 0 { break }
            let k = Int(slot)
            if hashes[k] == h, remembered(k, equals: trimmed) { return slot }
            i = (i + 1) & mask
        }
        return learn(trimmed, hash: h, slot: i)
    }

    /// `key(bytes)`, tried first against `hint` (the key a related value had last time): one
    /// comparison instead of a hash and a probe when it matches. A procedure's name follows its
    /// code, so the stager passes the key that code's name had on the row before.
    public mutating func key(_ bytes: UnsafeRawBufferPointer, hint: Int32) -> Int32 {
        // Keys from `capacity` on were given past capacity and are never found again.
        if hint >= 0 && Int(hint) < min(keyEnds.count, capacity),
            remembered(Int(hint), equals: TextFolding.trim(bytes))
        {
            return hint
        }
        return key(bytes)
    }

    @inline(__always)
    private func remembered(_ k: Int, equals bytes: UnsafeRawBufferPointer) -> Bool {
        let start = k == 0 ? 0 : keyEnds[k - 1]
        guard keyEnds[k] - start == bytes.count else { return false }
        return keyBytes.withUnsafeBytes { all in
            memcmpEqual(UnsafeRawBufferPointer(rebasing: all[start..<(start + bytes.count)]), bytes)
        }
    }

    /// A value not seen before (or past capacity): normalised once and remembered.
    private mutating func learn(_ trimmed: UnsafeRawBufferPointer, hash h: UInt64, slot i: Int) -> Int32 {
        let key = Int32(values.count)
        if (values.count + 1) * 2 > slots.count && values.count < capacity {
            grow()
            return self.key(trimmed)
        }
        let value = TextFolding.normalized(utf8: trimmed)
        guard values.count < capacity else {
            // Past capacity a value is kept (so its key can be looked up) but not found again.
            keyEnds.append(keyBytes.count)
            values.append(value)
            hashes.append(0)
            return key
        }
        slots[i] = key
        keyBytes.append(contentsOf: trimmed)
        keyEnds.append(keyBytes.count)
        values.append(value)
        hashes.append(h)
        return key
    }
}

@inline(__always)
public func memcmpEqual(_ a: UnsafeRawBufferPointer, _ b: UnsafeRawBufferPointer) -> Bool {
    guard a.count == b.count else { return false }
    if a.count == 0 { return true }
    // swift-format-ignore: NeverForceUnwrap
    return memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0
}
