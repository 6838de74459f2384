import Dispatch
import Foundation
import MotcuaCore

#if canImport(Glibc)
    import Glibc
#endif

/// Reads a store file section by section straight into its tables: no whole-file buffer, one
/// copy from the page cache, each section checked against its checksum.
/// Shared by the two reading threads only through its non-mutating `array(at:)`, which reads
/// with `pread` and touches no state.
struct SectionFileReader: @unchecked Sendable {
    let file: ReadableFile
    let path: String
    let size: Int
    var offset = 0

    init(path: String, magic: [UInt8], magicPrefix: [UInt8], displayPath: String? = nil) throws(StoreError) {
        self.path = displayPath ?? path
        do {
            file = try ReadableFile(path: path)
        } catch {
            throw StoreError.unreadable(path: displayPath ?? path)
        }
        size = FileStatus(path: path)?.size ?? 0
        guard size >= magic.count else { throw StoreError.corrupt(path: displayPath ?? path, detail: "not a motcua store") }
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: magic.count, alignment: 8)
        defer { buffer.deallocate() }
        try readExact(buffer)
        let head = Array(buffer)
        guard Array(head.prefix(magicPrefix.count)) == magicPrefix else { throw corrupt("not a motcua store") }
        // Older versions are still read, so an upgrade keeps the store (deltas exist since v5);
        // any other version is not damage: the caller rebuilds the store.
        let oldest = magicPrefix == DossierStore.magicPrefix ? 4 : 5
        let found = (oldest...DossierStore.currentVersion).first { head == magicPrefix + Array("v\($0)\n".utf8) }
        guard let found else {
            throw StoreError.otherVersion(
                path: displayPath ?? path,
                detail: "its format is \(String(decoding: head.dropFirst(magicPrefix.count).prefix(4), as: UTF8.self)), "
                    + "this motcua reads v\(oldest) to v\(DossierStore.currentVersion)")
        }
        version = found
    }

    /// The file's format version.
    private(set) var version = DossierStore.currentVersion

    func corrupt(_ detail: String) -> StoreError { StoreError.corrupt(path: path, detail: detail) }

    /// Fills `buffer` from the file at `position` (`pread`: no shared file position, so two
    /// threads can read two sections at once).
    func readExact(_ buffer: UnsafeMutableRawBufferPointer, at position: Int) throws(StoreError) {
        var filled = 0
        while filled < buffer.count {
            let n: Int
            do {
                n = try file.read(into: UnsafeMutableRawBufferPointer(rebasing: buffer[filled...]), at: position + filled)
            } catch {
                throw StoreError.unreadable(path: path)
            }
            guard n > 0 else { throw corrupt("truncated") }
            filled += n
        }
    }

    mutating func readExact(_ buffer: UnsafeMutableRawBufferPointer) throws(StoreError) {
        try readExact(buffer, at: offset)
        offset += buffer.count
    }

    func word(at position: Int) throws(StoreError) -> UInt64 {
        let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: 8, alignment: 8)
        defer { buffer.deallocate() }
        try readExact(buffer, at: position)
        return UInt64(littleEndian: buffer.load(as: UInt64.self))
    }

    /// Where a section's bytes are in the file.
    struct Location: Sendable {
        var offset: Int
        var length: Int
    }

    /// The next section's place; the reader moves past it without reading it.
    mutating func locate() throws(StoreError) -> Location {
        let length = try word(at: offset)
        guard length <= UInt64(size) else { throw corrupt("bad length") }
        let n = Int(length)
        var body = offset + 8
        if version >= 5 {
            let alignment = DossierStore.bodyAlignment(length: n)
            body = (body + alignment - 1) / alignment * alignment
        }
        guard body + n + 8 <= size else { throw corrupt("bad length") }
        offset = body + n + 8
        return Location(offset: body, length: n)
    }

    /// The section at `location` as a column, mapped from the file when it starts on a page
    /// (version 5), else read; checked against its checksum either way.
    ///
    /// - Parameter scattered: the column will be written at scattered places (a hash index): it
    ///   is read into memory of its own. A mapped page that is written is copied, and the copy of
    ///   a page already read flushes the page from the other core's TLB: a night's inserts into a
    ///   mapped 64 MB id index cost 7 µs each, 0.1 s of the night (perf: `do_wp_page`,
    ///   `smp_call_function_many_cond`). Not on 2 MB pages: asking for them made the load wait
    ///   on the kernel's compaction (load 0.14-0.32 s against 0.16-0.18 s on 4 KB pages).
    func column<T: BitwiseCopyable>(at location: Location, headroom: Bool = false, scattered: Bool = false) throws(StoreError)
        -> ColumnBuffer<T>
    {
        let n = location.length
        let stride = MemoryLayout<T>.stride
        guard n % stride == 0 else { throw corrupt("bad table size") }
        let count = n / stride
        let capacity = headroom ? count + count / 8 + 1024 : Swift.max(count, 16)
        let column: ColumnBuffer<T>
        if !scattered, let mapped = file.mapPrivately(offset: location.offset, length: n, reserving: capacity * stride) {
            column = ColumnBuffer(
                adopting: mapped.base.bindMemory(to: T.self, capacity: capacity), count: count, capacity: capacity,
                release: mapped.release)
        } else {
            column = try ColumnBuffer(count: count, capacity: capacity) { (buffer) throws(StoreError) in
                try readExact(buffer, at: location.offset)
            }
        }
        let sum = try word(at: location.offset + n)
        let matches = column.withUnsafeBytes { Checksum64.of($0) == sum }
        guard matches else { throw corrupt("its checksum does not match (torn or damaged file)") }
        return column
    }

    /// Asks Linux to back a large, fresh table with 2 MB pages: filling 250 MB of 4 KB pages
    /// took a page fault (and a zeroed page) every 4 KB, a fifth of a nightly run's time.
    static func preferHugePages(_ start: UnsafeMutableRawPointer?, bytes: Int) {
        #if os(Linux)
            guard let start, bytes >= 8 << 20 else { return }
            let huge = 2 << 20
            let first = (Int(bitPattern: start) + huge - 1) / huge * huge
            let last = (Int(bitPattern: start) + bytes) / huge * huge
            guard last > first, let aligned = UnsafeMutableRawPointer(bitPattern: first) else { return }
            _ = madvise(aligned, last - first, 14)  // MADV_HUGEPAGE; a refusal only costs speed
        #endif
    }

    /// The next section as an array of `T`, checked; with `headroom`, capacity for an eighth
    /// more (a store's tables grow a little every night).
    mutating func array<T: BitwiseCopyable>(headroom: Bool = false) throws(StoreError) -> [T] {
        try array(at: try locate(), headroom: headroom)
    }

    /// The section at `location` as an array of `T`, checked against its checksum.
    func array<T: BitwiseCopyable>(at location: Location, headroom: Bool = false) throws(StoreError) -> [T] {
        let n = location.length
        let stride = MemoryLayout<T>.stride
        guard n % stride == 0 else { throw corrupt("bad table size") }
        let count = n / stride
        var failure: StoreError?
        let result = [T](unsafeUninitializedCapacity: headroom ? count + count / 8 + 1024 : count) { buffer, initialized in
            Self.preferHugePages(UnsafeMutableRawPointer(buffer.baseAddress), bytes: buffer.count * stride)
            do {
                try readExact(
                    UnsafeMutableRawBufferPointer(start: UnsafeMutableRawPointer(buffer.baseAddress), count: n),
                    at: location.offset)
                initialized = count
            } catch {
                failure = (error as? StoreError) ?? corrupt("truncated")
                initialized = 0
            }
        }
        if let failure { throw failure }
        let sum = try word(at: location.offset + n)
        let matches = result.withUnsafeBytes { Checksum64.of($0) == sum }
        guard matches else { throw corrupt("its checksum does not match (torn or damaged file)") }
        return result
    }

    /// The base id a version 5 file starts with (`nil` in version 4, which had none).
    mutating func fileID() throws(StoreError) -> String? {
        guard version >= 5 else { return nil }
        let bytes: [UInt8] = try array()
        return String(decoding: bytes, as: UTF8.self)
    }

    mutating func meta() throws(StoreError) -> DossierStore.Meta {
        let bytes: [UInt8] = try array()
        let decoded =
            version >= 5
            ? StoreMetaCoding.decode(bytes, version: version)
            : try? JSONDecoder().decode(DossierStore.Meta.self, from: Data(bytes))
        guard let meta = decoded else { throw corrupt("unreadable header") }
        // Records of another layout cannot be read as today's: rebuilt, never misread.
        let sameLayout =
            meta.recordFields.map { $0 == DossierRecord.layout }
            ?? (meta.recordStride == MemoryLayout<DossierRecord>.stride && Self.layoutBeforeNames == DossierRecord.layout)
        guard sameLayout else {
            throw StoreError.otherVersion(path: path, detail: "its dossiers have another layout (written by another version of motcua)")
        }
        return meta
    }

    /// The record layout of the stores written before they named it (versions 4 and 5).
    static let layoutBeforeNames = [
        "procedure:UInt32", "agency:UInt32", "channel:UInt8", "status:UInt8", "serviceLevel:UInt8", "paidOnline:UInt8",
        "receivedAt:Int64", "closedAt:Int64", "dueAt:Int64", "updatedAt:Int64", "stride:48",
    ]

    mutating func strings() throws(StoreError) -> [String] {
        let lengths: [UInt32] = try array()
        let blob: [UInt8] = try array()
        var result: [String] = []
        result.reserveCapacity(lengths.count)
        var at = 0
        for n in lengths {
            let e = at + Int(n)
            guard e <= blob.count else { throw corrupt("truncated") }
            result.append(blob.withUnsafeBufferPointer { String(decoding: $0[at..<e], as: UTF8.self) })
            at = e
        }
        return result
    }

    /// Codes, names and monthly totals, into `state`. With `totals` false the totals are read
    /// past but not rebuilt (a base whose delta holds newer ones: rebuilding both tables of
    /// hundreds of thousands of keys twice was a tenth of a night's load).
    mutating func smallTables(_ meta: DossierStore.Meta, into state: inout StoreState, totals: Bool = true) throws(StoreError) -> (
        CodeDictionary, CodeDictionary
    ) {
        let procedureCodes = try strings()
        let procedureLabels = try strings()
        let agencyCodes = try strings()
        let agencyLabels = try strings()
        guard procedureCodes.count == procedureLabels.count, agencyCodes.count == agencyLabels.count else {
            throw corrupt("its code tables do not match")
        }
        state.monthlyTotals = nil
        guard version >= 5 else {
            return (CodeDictionary(codes: procedureCodes, labels: procedureLabels), CodeDictionary(codes: agencyCodes, labels: agencyLabels))
        }
        let levels: [UInt8] = try array()
        let keys: [UInt64] = try array()
        let counts: [Int32] = try array()
        if meta.hasMonthlyTotals == true, totals {
            // Counters named otherwise (a release added or removed one) are counted again from
            // the kept dossiers, with a line in the log; only a mismatch under the same names
            // is damage. The sections after them (form 06's) are read on either way.
            if meta.monthlyColumns == MonthlyCounts.Column.allCases.map(\.name) {
                guard levels.count <= procedureCodes.count,
                    let totals = MonthlyTotals(catalogLevels: levels, keys: keys, counts: counts)
                else { throw corrupt("its monthly totals do not match") }
                state.monthlyTotals = totals
            } else {
                state.recount = Self.recount("monthly totals")
            }
        }
        state.form06Totals = nil
        if version >= 6 {
            let present: [UInt8] = try array()
            let form06Keys: [UInt64] = try array()
            let form06Counts: [Int32] = try array()
            if present == [1], totals {
                // Checksummed counters of another width were written by another release (these
                // carry no names): counted again, like monthly totals named otherwise.
                if let totals = Form06Totals(keys: form06Keys, counts: form06Counts) {
                    state.form06Totals = totals
                } else {
                    state.recount = Self.recount("form 06 totals")
                }
            }
        }
        state.portalTotals = nil
        if version >= 7 {
            let present: [UInt8] = try array()
            let fees: [UInt8] = try array()
            let supplementedKeys: [UInt64] = try array()
            let supplementedCounts: [Int32] = try array()
            let obligationKeys: [UInt64] = try array()
            let obligationCounts: [Int32] = try array()
            if present == [1], totals {
                if fees.count == procedureCodes.count,
                    let portal = PortalTotals(
                        feeProcedures: fees.map { $0 != 0 }, supplementedKeys: supplementedKeys,
                        supplementedCounts: supplementedCounts, obligationKeys: obligationKeys,
                        obligationCounts: obligationCounts)
                {
                    state.portalTotals = portal
                } else {
                    state.recount = Self.recount("portal score totals")
                }
            }
        }
        return (CodeDictionary(codes: procedureCodes, labels: procedureLabels), CodeDictionary(codes: agencyCodes, labels: agencyLabels))
    }

    /// The log line of stored counters another release kept (named or sized otherwise).
    static func recount(_ totals: String) -> String {
        "the store's \(totals) were kept by another version of motcua; counting them again"
    }

    func checkCodes<C: Collection<DossierRecord>>(_ records: C, procedures: CodeDictionary, agencies: CodeDictionary) throws(StoreError) {
        let (p, a) = (procedures.count, agencies.count)
        for r in records where Int(r.procedure) >= p || Int(r.agency) >= a {
            throw corrupt("a record points outside the code tables")
        }
    }

    func finish() throws(StoreError) {
        guard offset == size else { throw corrupt("trailing bytes") }
    }
}
