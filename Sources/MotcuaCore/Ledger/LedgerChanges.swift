/// The dossiers a ledger changed since it was built or loaded: positions at or past
/// `loadedCount` were added; loaded positions that were replaced are listed once each, with the
/// record they held at load.
///
/// A nightly run merges a day's export into years of history. Knowing exactly which records
/// moved lets it subtract their old contribution from the monthly counts and add the new one,
/// write only those records to the store, and rewrite only the snapshot parts that hold them,
/// instead of redoing all of it (issue 6's nightly budget).
public struct LedgerChanges: Sendable {
    /// Dossiers held when the ledger was built or loaded.
    public let loadedCount: Int
    /// Loaded positions replaced since, in order of first replacement.
    public private(set) var replacedPositions: [Int32] = []
    /// The record each of `replacedPositions` held at load.
    public private(set) var originals: [DossierRecord] = []
    /// One bit per loaded position, set once it is listed (allocated on the first replacement).
    private var listed: [UInt64] = []

    public init(loadedCount: Int) {
        self.loadedCount = loadedCount
    }

    public var isEmpty: Bool { replacedPositions.isEmpty }

    @inline(__always)
    mutating func noteReplacement(of position: Int, original: DossierRecord) {
        if listed.isEmpty { listed = [UInt64](repeating: 0, count: (loadedCount + 63) / 64) }
        let (word, bit) = (position >> 6, UInt64(1) << UInt64(position & 63))
        guard listed[word] & bit == 0 else { return }
        listed[word] |= bit
        replacedPositions.append(Int32(position))
        originals.append(original)
    }
}

extension DossierLedger {
    /// Calls `body` with what each change since load did to the ledger's records: `-1` with a
    /// replaced record as loaded and `1` with what replaced it, then `1` with each dossier
    /// added. The totals kept with the store (monthly, form 06, portal score) are brought up to
    /// date this way, in O(changed dossiers).
    @inline(__always)
    public func forEachChange(_ body: (_ record: DossierRecord, _ sign: Int32) -> Void) {
        for (k, position) in changes.replacedPositions.enumerated() {
            body(changes.originals[k], -1)
            body(records[Int(position)], 1)
        }
        for position in changes.loadedCount..<count { body(records[position], 1) }
    }
}
