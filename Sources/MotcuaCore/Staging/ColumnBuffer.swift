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
public struct ColumnBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline
    final class Storage {
        @usableFromInline let base: UnsafeMutablePointer<Element>
        @usableFromInline var count: Int
        @usableFromInline let capacity: Int
        /// Frees adopted memory; `nil` for memory this storage allocated.
        let release: (() -> Void)?

        @usableFromInline
        init(capacity: Int) {
            self.capacity = Swift.max(capacity, 1)
            base = UnsafeMutablePointer<Element>.allocate(capacity: self.capacity)
            count = 0
            release = nil
        }

        init(adopting base: UnsafeMutablePointer<Element>, count: Int, capacity: Int, release: @escaping () -> Void) {
            self.base = base
            self.count = count
            self.capacity = capacity
            self.release = release
        }

        deinit {
            if let release { release() } else { base.deallocate() }
        }

        @usableFromInline
        func copy(capacity: Int) -> Storage {
            let copy = Storage(capacity: Swift.max(capacity, count))
            copy.base.initialize(from: base, count: count)
            copy.count = count
            return copy
        }
    }

    @usableFromInline var storage: Storage

    public init() { storage = Storage(capacity: 16) }

    public init(repeating value: Element, count: Int) {
        storage = Storage(capacity: count)
        storage.base.initialize(repeating: value, count: count)
        storage.count = count
    }

    public init<S: Sequence>(_ elements: S) where S.Element == Element {
        let array = Array(elements)
        storage = Storage(capacity: array.count)
        array.withUnsafeBufferPointer { storage.base.initialize(from: $0.baseAddress!, count: $0.count) }
        storage.count = array.count
    }

    /// A column of `count` values with room for `capacity`, its bytes written by `fill` (which
    /// must write all `count * stride` of them).
    public init<E: Error>(
        count: Int, capacity: Int, filling fill: (UnsafeMutableRawBufferPointer) throws(E) -> Void
    ) throws(E) {
        let storage = Storage(capacity: Swift.max(capacity, count))
        try fill(UnsafeMutableRawBufferPointer(start: storage.base, count: count * MemoryLayout<Element>.stride))
        storage.count = count
        self.storage = storage
    }

    /// Adopts memory holding `count` values and room for `capacity`; `release` is called when
    /// the last copy of this column lets go of it.
    public init(
        adopting base: UnsafeMutablePointer<Element>, count: Int, capacity: Int, release: @escaping () -> Void
    ) {
        precondition(count <= capacity)
        storage = Storage(adopting: base, count: count, capacity: capacity, release: release)
    }

    @inlinable public var capacity: Int { storage.capacity }

    @inlinable @inline(__always)
    mutating func makeUnique(capacity: Int) {
        if !isKnownUniquelyReferenced(&storage) || capacity > storage.capacity {
            storage = storage.copy(capacity: capacity > storage.capacity ? Swift.max(capacity, storage.capacity * 2) : storage.capacity)
        }
    }

    public mutating func reserveCapacity(_ n: Int) {
        if n > storage.capacity { storage = storage.copy(capacity: n) }
    }

    @inlinable @inline(__always)
    public mutating func append(_ value: Element) {
        makeUnique(capacity: storage.count + 1)
        (storage.base + storage.count).initialize(to: value)
        storage.count += 1
    }

    public mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        guard !values.isEmpty else { return }
        makeUnique(capacity: storage.count + values.count)
        // swift-format-ignore: NeverForceUnwrap
        (storage.base + storage.count).initialize(from: values.baseAddress!, count: values.count)
        storage.count += values.count
    }

    public mutating func append<S: Sequence>(contentsOf values: S) where S.Element == Element {
        for v in values { append(v) }
    }

    @inlinable
    public func withUnsafeBufferPointer<R, E: Error>(_ body: (UnsafeBufferPointer<Element>) throws(E) -> R) throws(E) -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: storage.count))
    }

    @inlinable
    public func withUnsafeBytes<R, E: Error>(_ body: (UnsafeRawBufferPointer) throws(E) -> R) throws(E) -> R {
        try body(UnsafeRawBufferPointer(UnsafeBufferPointer(start: storage.base, count: storage.count)))
    }

    public mutating func withUnsafeMutableBufferPointer<R>(_ body: (UnsafeMutableBufferPointer<Element>) throws -> R) rethrows -> R {
        makeUnique(capacity: storage.count)
        return try body(UnsafeMutableBufferPointer(start: storage.base, count: storage.count))
    }
}

extension ColumnBuffer: RandomAccessCollection, MutableCollection {
    public typealias Index = Int
    @inlinable public var startIndex: Int { 0 }
    @inlinable public var endIndex: Int { storage.count }

    @inlinable @inline(__always)
    public subscript(position: Int) -> Element {
        get {
            precondition(position >= 0 && position < storage.count, "index out of range")
            return storage.base[position]
        }
        set {
            precondition(position >= 0 && position < storage.count, "index out of range")
            makeUnique(capacity: storage.count)
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
