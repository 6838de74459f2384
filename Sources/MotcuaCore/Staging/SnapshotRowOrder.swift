/// The order of the rows inside one snapshot part: by agency code, then procedure code, then
/// ledger order.
///
/// Which dossiers form a part is `SnapshotPartitioning`'s business and is not changed here, so
/// a nightly run still links every part none of whose dossiers changed. Only their order within
/// the part is chosen, which the contract leaves free (CONTRACT.md 3.2 lists a part's rows, not
/// their order). Rows of one agency and procedure repeat the same codes and names; side by side,
/// zstd finds them at short distances, and a long-row part compresses faster and smaller
/// (docs/performance.md, issue 16).
///
/// The order uses the codes' text, not the ledger's dictionary indexes, which follow the order
/// codes were first seen: a store rebuilt from a snapshot writes the same parts byte for byte.
public struct SnapshotRowOrder: Sendable {
    private let agencyRank: [UInt32]
    private let procedureRank: [UInt32]

    public init(ledger: DossierLedger) {
        agencyRank = ledger.agencies.ranks
        procedureRank = ledger.procedures.ranks
    }

    /// `positions` (a part's ledger positions, ascending) in the part's row order.
    /// - Complexity: O(n + codes): two stable counting sorts, by procedure and then by agency.
    public func ordered(_ positions: ArraySlice<Int32>, in ledger: DossierLedger) -> [Int32] {
        let byProcedure = Self.countingSort(positions, buckets: procedureRank.count) { p in
            Int(procedureRank[Int(ledger.records[Int(p)].procedure)])
        }
        return Self.countingSort(byProcedure[...], buckets: agencyRank.count) { p in
            Int(agencyRank[Int(ledger.records[Int(p)].agency)])
        }
    }

    /// A stable sort of `items` by `key`, each key below `buckets`.
    private static func countingSort(
        _ items: ArraySlice<Int32>, buckets: Int, key: (Int32) -> Int
    ) -> [Int32] {
        var start = [Int](repeating: 0, count: buckets + 1)
        var keys = [Int](repeating: 0, count: items.count)
        for (k, item) in items.enumerated() {
            let b = key(item)
            keys[k] = b
            start[b + 1] += 1
        }
        for b in 0..<buckets { start[b + 1] += start[b] }
        var out = [Int32](repeating: 0, count: items.count)
        for (k, item) in items.enumerated() {
            out[start[keys[k]]] = item
            start[keys[k]] += 1
        }
        return out
    }
}
