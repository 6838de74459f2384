import Foundation

/// Where a block is cut between the two lanes, so that both cores finish it together.
///
/// Each block is parsed by two lanes while the previous block's rows are merged and the next
/// block is read, three jobs on two cores: the lane that finishes first also merges and reads
/// (the "merge" below is both). Cut in the middle, one core waited at
/// the end of every block for as long as the merge took (issue 16's profile: the cores were
/// 75-84% busy through ingest). The lane that merges is given less to parse: with `x` the
/// block's parse time and `m` the merge's, the first lane gets (x + m) / 2 and the second
/// (x - m) / 2, then the merge. Both costs are measured as the file is read (nanoseconds per
/// byte, averaged over the last blocks), so the cut follows the machine and the file's rows.
///
/// Where the cut falls changes no result: the lanes' rows are merged in file order, and a cut
/// inside a quoted line break is caught and parsed again (`ExportIngester`).
struct LaneBalance {
    /// Nanoseconds per byte to parse, and to merge the rows of, when last measured.
    private(set) var parseCost: Double?
    private(set) var mergeCost: Double?
    /// The first lane's share is kept within these bounds: a measurement spoiled by a busy
    /// machine should not hand one lane the whole block.
    static let shares: ClosedRange<Double> = 0.5...0.85

    mutating func noteParse(bytes: Int, nanoseconds: UInt64) {
        Self.note(&parseCost, bytes: bytes, nanoseconds: nanoseconds)
    }

    mutating func noteMerge(bytes: Int, nanoseconds: UInt64) {
        Self.note(&mergeCost, bytes: bytes, nanoseconds: nanoseconds)
    }

    /// The first lane's share of a block of `blockBytes` while rows read from `mergingBytes`
    /// are merged: one half until both costs are known.
    func firstShare(blockBytes: Int, mergingBytes: Int) -> Double {
        guard let parseCost, let mergeCost, blockBytes > 0, parseCost > 0 else { return Self.shares.lowerBound }
        let parse = parseCost * Double(blockBytes)
        let merge = mergeCost * Double(mergingBytes)
        return min(Self.shares.upperBound, max(Self.shares.lowerBound, (parse + merge) / (2 * parse)))
    }

    /// Nanoseconds on a clock that only moves forward, for the measurements.
    @inline(__always)
    static func now() -> UInt64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return UInt64(now.tv_sec) * 1_000_000_000 + UInt64(now.tv_nsec)
    }

    /// Half the new measurement, half the ones before: one slow block moves the cut only halfway.
    private static func note(_ cost: inout Double?, bytes: Int, nanoseconds: UInt64) {
        guard bytes > 0 else { return }
        let measured = Double(nanoseconds) / Double(bytes)
        cost = cost.map { ($0 + measured) / 2 } ?? measured
    }
}
