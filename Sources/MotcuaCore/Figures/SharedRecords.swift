/// The kept dossiers' records shared with the threads that count them.
struct SharedRecords: @unchecked Sendable {
    let records: UnsafeBufferPointer<DossierRecord>

    /// Counts every record with `body` into `counter` (laid out already, every counter zero):
    /// on this thread, or on `threads` threads each with a copy, added up after (dense
    /// counters add up array by array, not key by key).
    static func count(
        _ records: ColumnBuffer<DossierRecord>, into counter: consuming DensePeriodCounter, threads: Int,
        minimumPerThread: Int, _ body: (DossierRecord, inout DensePeriodCounter) -> Void
    ) -> DensePeriodCounter {
        guard partCount(records.count, threads: threads, minimumPerThread: minimumPerThread) > 1 else {
            // The caller's counter, taken over: no copy of its array (up to 64 MB).
            records.withUnsafeBufferPointer { for r in $0 { body(r, &counter) } }
            return counter
        }
        let counters = slices(of: records, threads: threads, minimumPerThread: minimumPerThread) { slice in
            var mine = counter.emptyCopy()
            for r in slice { body(r, &mine) }
            return mine
        }
        var total = counters[0]
        for other in counters.dropFirst() { total.add(other) }
        return total
    }

    static func partCount(_ count: Int, threads: Int, minimumPerThread: Int) -> Int {
        max(1, min(threads, count / max(minimumPerThread, 1) + 1))
    }

    /// `body` over consecutive slices of `records`, one per thread: at most `threads`, and fewer
    /// when a slice would hold under `minimumPerThread` records (the totals' full counts).
    static func slices<Value>(
        of records: ColumnBuffer<DossierRecord>, threads: Int, minimumPerThread: Int,
        _ body: (UnsafeBufferPointer<DossierRecord>) -> Value
    ) -> [Value] {
        let parts = partCount(records.count, threads: threads, minimumPerThread: minimumPerThread)
        return records.withUnsafeBufferPointer { all in
            let shared = SharedRecords(records: all)
            return WorkScope.parallel(count: parts) { k in
                let lo = shared.records.count * k / parts
                let hi = shared.records.count * (k + 1) / parts
                return body(UnsafeBufferPointer(rebasing: shared.records[lo..<hi]))
            }
        }
    }
}
