#if canImport(Glibc)
    import Glibc
#endif

/// A growable column of plain values (dossier records, id bytes, index slots), with value
/// semantics like `Array`, whose memory may also be adopted from elsewhere: the store maps its
/// file's sections straight into a ledger's columns.
///
/// Why not `Array`: an array must own fresh memory, and on the machines this runs on, a fresh
/// page costs a fault and a zeroing by the kernel: reading a five-million-dossier store into
/// arrays spent most of its time clearing pages (perf: `clear_page_erms`, a third of a nightly
/// run). A mapped column costs nothing until a page is read, and a page written is copied by the
/// kernel alone (a private mapping), so a nightly run pays for the pages it touches.
///
/// The count lives in the value, not in the shared storage: a class property written in a hot
/// loop costs Swift's dynamic exclusivity check (`swift_beginAccess`, 5% of ingest in perf).
public struct ColumnBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline let capacity: Int
        /// Frees adopted memory; `nil` for memory this storage allocated.
        let release: (() -> Void)?

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
            release = nil
        }

        init(adopting base: UnsafeMutablePointer<Element>, capacity: Int, release: @escaping () -> Void) {
            self.base = base
            self.capacity = capacity
            self.release = release
        }

        deinit {
            if let release { release() } else { base.deallocate() }
        }

        /// A copy of the first `count` values with room for `capacity`.
        @usableFromInline
        func copy(count: Int, capacity: Int) -> Storage {
            let copy = Storage(capacity: Swift.max(capacity, count))
            copy.base.initialize(from: base, count: count)
            return copy
        }
    }

    @usableFromInline var storage: Storage
    /// The number of values (`count`).
    @usableFromInline var length: Int

    public init() {
        storage = Storage(capacity: 16)
        length = 0
    }

    public init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        length = count
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let array = Array(elements)
        let storage = Storage(capacity: array.count)
        array.withUnsafeBufferPointer { if let source = $0.baseAddress { storage.base.initialize(from: source, count: $0.count) } }
        self.storage = storage
        length = array.count
    }

    /// A column of `count` values with room for `capacity`, its bytes written by `fill` (which
    /// must write all `count * stride` of them).
    public init<E: Error>(
        count: Int, capacity: Int, filling fill: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        let storage = Storage(capacity: Swift.max(capacity, count))
        try fill(UnsafeMutableRawBufferPointer(start: storage.base, count: count * MemoryLayout<Element>.stride))
        self.storage = storage
        length = count
    }

    /// Adopts memory holding `count` values and room for `capacity`; `release` is called when
    /// the last copy of this column lets go of it.
    public init(
        adopting base: UnsafeMutablePointer<Element>, count: Int, capacity: Int, release: @escaping () -> Void
    ) {
        precondition(count <= capacity)
        storage = Storage(adopting: base, capacity: capacity, release: release)
        length = count
    }

    @inlinable public var capacity: Int { storage.capacity }

    /// Makes the storage this value's own, with room for `capacity` values.
    @inlinable @inline(__always)
    mutating func makeUnique(capacity: Int) {
        if capacity > storage.capacity {
            storage = storage.copy(count: length, capacity: Swift.max(capacity, storage.capacity * 2))
        } else if !isKnownUniquelyReferenced(&storage) {
            storage = storage.copy(count: length, capacity: storage.capacity)
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        if n > storage.capacity { storage = storage.copy(count: length, capacity: n) }
    }

    @inlinable @inline(__always)
    public mutating func append(_ value: Element) {
        makeUnique(capacity: length + 1)
        (storage.base + length).initialize(to: value)
        length += 1
    }

    public mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        guard let source = values.baseAddress, !values.isEmpty else { return }
        makeUnique(capacity: length + values.count)
        (storage.base + length).initialize(from: source, count: values.count)
        length += values.count
    }

    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        for v in values { append(v) }
    }

    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: length))
    }

    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(UnsafeBufferPointer(start: storage.base, count: length)))
    }

    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        makeUnique(capacity: length)
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: length))
    }
}

extension ColumnBuffer: RandomAccessCollection, MutableCollection {
    public typealias Index = Int
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { length }

    @inlinable @inline(__always)
    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < length, "index out of range")
            return storage.base[position]
        }
        set {
            precondition(position >= 0 && position < length, "index out of range")
            makeUnique(capacity: length)
            storage.base[position] = newValue
        }
    }
}

extension ColumnBuffer: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension ColumnBuffer: Equatable where Element: Equatable {
    public static func == (a: ColumnBuffer, b: ColumnBuffer) -> Bool {
        a.count == b.count && a.elementsEqual(b)
    }
}
