import Foundation

/// The ids of the kept dossiers, back to back in one byte buffer, with a hash index.
///
/// Replaces `[String]` plus `[String: Int32]`: a `String` per id cost an allocation and SipHash
/// per row, and the dictionary's resizes were 22% of ingest time on a 1M-row export (perf
/// profile, docs/performance.md). Here an id is appended once as bytes, found again through an
/// open-addressing table of 64-bit slots (a 32-bit hash tag and the position), and the store
/// saves and loads the buffer with one copy.
public struct DossierIDColumn: Sendable, Equatable, ExpressibleByArrayLiteral {
    /// The UTF-8 bytes of every id, in position order.
    public private(set) var bytes = ColumnBuffer<UInt8>()
    /// End offset in `bytes` of each id; id k spans `ends[k-1] ..< ends[k]`.
    public private(set) var ends = ColumnBuffer<Int>()
    /// 0: empty; else (tag << 32) | (position + 1). Saved with the store, so a nightly run does
    /// not rehash millions of ids (10% of a nightly run in perf).
    public private(set) var slots = ColumnBuffer<UInt64>(repeating: 0, count: 16)

    public init() {}

    public init(arrayLiteral elements: String...) {
        for id in elements { _ = append(id) }
    }

    /// Rebuilds the column and its index from stored bytes and ends.
    public init(bytes: ColumnBuffer<UInt8>, ends: ColumnBuffer<Int>) {
        self.bytes = bytes
        self.ends = ends
        rebuildIndex(capacity: ends.count)
    }

    /// Restores a column with its saved index; `nil` when the index does not fit the ids (then
    /// use `init(bytes:ends:)`, which rebuilds it). The index's shape is checked here; its bytes
    /// are the store's, checked there by checksum, and a look-up still compares the id itself
    /// and probes at most one lap, so a wrong slot can only miss, never read outside the ids or
    /// loop for ever. (Counting every slot again
    /// cost a nightly run a full pass over tens of megabytes.)
    public init?(bytes: ColumnBuffer<UInt8>, ends: ColumnBuffer<Int>, slots: ColumnBuffer<UInt64>) {
        guard slots.count >= 16, slots.count & (slots.count - 1) == 0, ends.count * 10 <= slots.count * 7 else {
            return nil
        }
        self.bytes = bytes
        self.ends = ends
        self.slots = slots
    }

    public static func == (a: DossierIDColumn, b: DossierIDColumn) -> Bool {
        a.bytes == b.bytes && a.ends == b.ends
    }

    public var count: Int { ends.count }

    /// The id at `position` as a string.
    public subscript(position: Int) -> String {
        let s = position == 0 ? 0 : ends[position - 1]
        return bytes.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[s..<ends[position]]), as: UTF8.self) }
    }

    /// Calls `body` with the bytes of the id at `position`.
    @inline(__always)
    public func withBytes<R>(at position: Int, _ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        let s = position == 0 ? 0 : ends[position - 1]
        return try bytes.withUnsafeBytes { try body(UnsafeRawBufferPointer(rebasing: $0[s..<ends[position]])) }
    }

    /// Makes room for `count` ids without rehashing on the way.
    public mutating func reserveCapacity(_ count: Int) {
        guard count > ends.capacity else { return }
        ends.reserveCapacity(count)
        let perID = ends.isEmpty ? 24 : max(bytes.count / ends.count, 8)
        if count * perID > bytes.capacity { bytes.reserveCapacity(count * perID) }
        if count * 10 > slots.count * 7 { rebuildIndex(capacity: count) }
    }

    // MARK: - Look-up

    /// The position of an id, if held.
    /// - Complexity: O(1) expected: one hash of the bytes, one or two slot probes.
    public func position(of id: UnsafeRawBufferPointer) -> Int? { position(of: id, hash: Self.hash(id)) }

    /// `position(of:)` with the id's hash made beforehand.
    @inline(__always)
    public func position(of id: UnsafeRawBufferPointer, hash h: UInt64) -> Int? {
        let tag = h >> 32
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        // At most one lap: a saved index with no empty slot (a made-up file) must not hang a run.
        for _ in 0...mask {
            let slot = slots[i]
            if slot == 0 { return nil }
            if slot >> 32 == tag {
                let k = Int(slot & 0xFFFF_FFFF) - 1
                if UInt(bitPattern: k) < UInt(ends.count), withBytes(at: k, { memcmpEqual($0, id) }) { return k }
            }
            i = (i + 1) & mask
        }
        return nil
    }

    /// Where the look-up of `hash` starts, for a caller that knows hashes ahead and prefetches
    /// them (the ingest merge). Only a hint: the address is stale after the next append.
    @inline(__always)
    public func slotAddress(hash: UInt64) -> UnsafeRawPointer? {
        slots.withUnsafeBufferPointer { table in
            table.baseAddress.map { UnsafeRawPointer($0 + (Int(truncatingIfNeeded: hash) & (table.count - 1))) }
        }
    }

    public func position(of id: String) -> Int? {
        var copy = id
        return copy.withUTF8 { position(of: UnsafeRawBufferPointer($0)) }
    }

    /// Appends an id not held yet and returns its position.
    public mutating func append(_ id: UnsafeRawBufferPointer) -> Int { append(id, hash: Self.hash(id)) }

    /// `append(_:)` with the id's hash made beforehand.
    public mutating func append(_ id: UnsafeRawBufferPointer, hash: UInt64) -> Int {
        let k = ends.count
        bytes.append(contentsOf: id.assumingMemoryBound(to: UInt8.self))
        ends.append(bytes.count)
        if (ends.count + 1) * 10 > slots.count * 7 {
            rebuildIndex(capacity: ends.count * 2)
        } else {
            insert(hash: hash, position: k)
        }
        return k
    }

    public mutating func append(_ id: String) -> Int {
        var copy = id
        return copy.withUTF8 { append(UnsafeRawBufferPointer($0)) }
    }

    private mutating func insert(hash h: UInt64, position k: Int) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: h) & mask
        for _ in 0...mask {
            if slots[i] == 0 {
                slots[i] = (h >> 32) << 32 | UInt64(k + 1)
                return
            }
            i = (i + 1) & mask
        }
        // No empty slot (a saved index that does not fit its ids): index them again.
        rebuildIndex(capacity: ends.count * 2)
    }

    private mutating func rebuildIndex(capacity: Int) {
        var size = 16
        while size * 7 < max(capacity, ends.count) * 10 { size <<= 1 }
        slots = ColumnBuffer(repeating: 0, count: size)
        for k in 0..<ends.count {
            let h = withBytes(at: k) { Self.hash($0) }
            insert(hash: h, position: k)
        }
    }

    /// The hash that places an id in the index (the store saves the index, so it never changes
    /// without a new store format).
    @inline(__always)
    public static func hash(_ b: UnsafeRawBufferPointer) -> UInt64 { ByteHash.hash(b) }
}
