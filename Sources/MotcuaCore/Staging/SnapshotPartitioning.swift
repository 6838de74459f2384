/// How the kept dossiers are cut into snapshot parts: by year received (CONTRACT.md 3.2), then,
/// within a year, in ledger order, `rowsPerPart` rows a part.
///
/// Dossiers not received and without a received date go to year 0 (`year=0/`), so `year` stays
/// an integer for DuckDB's and Spark's hive partitioning (docs/operations.md).
///
/// Ledger order is stable: new dossiers are appended, a replaced one keeps its position. So a
/// part's rows change only when one of its own dossiers changed, or when a dossier moved between
/// years (its received_at was corrected), which shifts the parts after it. `changedParts` names
/// exactly those, and a nightly run rewrites them and hard-links every other part from the
/// previous snapshot: the cost follows the day's export, not the years of history.
public struct SnapshotPartitioning: Sendable {
    public let rowsPerPart: Int
    /// Ledger positions of each year's dossiers, ascending.
    public private(set) var positionsByYear: [Int: [Int32]] = [:]

    public init(ledger: DossierLedger, rowsPerPart: Int) {
        precondition(rowsPerPart > 0)
        self.rowsPerPart = rowsPerPart
        // Two passes over plain arrays (a year per record, then each year's positions), not a
        // dictionary look-up per record: this runs over every kept dossier on every night.
        let records = ledger.records
        var yearIndex = [UInt8](repeating: 0, count: records.count)
        var perYear = [Int](repeating: 0, count: 256)
        var lastDay = Int64.min
        var lastYear = 0
        for (k, r) in records.enumerated() {
            guard r.receivedAt != DossierRecord.none else {
                yearIndex[k] = Self.unreceivedSlot
                perYear[Int(Self.unreceivedSlot)] += 1
                continue
            }
            let day = LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay)
            if day != lastDay {
                lastDay = day
                // The contract's range is 1990-2100; the store holds only accepted dossiers.
                lastYear = min(max(Month(index: MonthTable.month(ofDay: day)).year - 1990, 0), 254)
            }
            yearIndex[k] = UInt8(lastYear)
            perYear[lastYear] += 1
        }
        var lists: [[Int32]] = perYear.map { count in
            var list: [Int32] = []
            list.reserveCapacity(count)
            return list
        }
        for (k, y) in yearIndex.enumerated() { lists[Int(y)].append(Int32(k)) }
        for (y, list) in lists.enumerated() where !list.isEmpty {
            positionsByYear[y == Int(Self.unreceivedSlot) ? Self.unreceivedYear : 1990 + y] = list
        }
    }

    /// The partition of dossiers without a received date.
    public static let unreceivedYear = 0
    /// Its slot among the years 1990 + 0...110 (the contract's range), well past 2100.
    static let unreceivedSlot: UInt8 = 255

    public var years: [Int] { positionsByYear.keys.sorted() }

    public func partCount(year: Int) -> Int {
        ((positionsByYear[year]?.count ?? 0) + rowsPerPart - 1) / rowsPerPart
    }

    /// The ledger positions of part `part` of `year`, in order.
    public func positions(year: Int, part: Int) -> ArraySlice<Int32> {
        guard let all = positionsByYear[year] else { return [] }
        let start = part * rowsPerPart
        return all[start..<min(start + rowsPerPart, all.count)]
    }

    /// The parts (year, part number) whose rows differ from what the ledger held at load.
    public func changedParts(_ changes: LedgerChanges, ledger: DossierLedger) -> Set<PartKey> {
        var changed = Set<PartKey>()
        /// From a year's part holding `rank` on, every part shifted (a dossier left or joined
        /// the year in the middle).
        func shifted(year: Int, from rank: Int) {
            for part in (rank / rowsPerPart)..<max(partCount(year: year), rank / rowsPerPart + 1) {
                changed.insert(PartKey(year: year, part: part))
            }
        }
        for (k, position) in changes.replacedPositions.enumerated() {
            let now = Self.year(of: ledger.records[Int(position)])
            let then = Self.year(of: changes.originals[k])
            let rank = lowerBound(position, in: positionsByYear[now] ?? [])
            if now == then {
                changed.insert(PartKey(year: now, part: rank / rowsPerPart))
            } else {
                shifted(year: now, from: rank)
                shifted(year: then, from: lowerBound(position, in: positionsByYear[then] ?? []))
            }
        }
        // Added dossiers come after every loaded one, so they fill the last parts of their year.
        for position in changes.loadedCount..<ledger.count {
            let year = Self.year(of: ledger.records[position])
            let rank = lowerBound(Int32(position), in: positionsByYear[year] ?? [])
            changed.insert(PartKey(year: year, part: rank / rowsPerPart))
        }
        return changed
    }

    public struct PartKey: Hashable, Sendable {
        public var year: Int
        public var part: Int

        public init(year: Int, part: Int) {
            self.year = year
            self.part = part
        }
    }

    static func year(of record: DossierRecord) -> Int {
        guard record.receivedAt != DossierRecord.none else { return unreceivedYear }
        return Month(index: MonthTable.month(ofDay: LocalDateTime.floorDiv(record.receivedAt, LocalDateTime.millisPerDay))).year
    }

    private func lowerBound(_ position: Int32, in sorted: [Int32]) -> Int {
        var lo = 0
        var hi = sorted.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if sorted[mid] < position { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
