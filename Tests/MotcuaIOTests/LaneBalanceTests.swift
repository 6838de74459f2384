import Testing
@testable import MotcuaIO

/// The cut between the two lanes: the lane that also merges gets less to parse, so that both
/// cores finish the block together (worked by hand below).
@Suite struct LaneBalanceTests {
    @Test func halvesUntilBothCostsAreMeasured() {
        var balance = LaneBalance()
        #expect(balance.firstShare(blockBytes: 1000, mergingBytes: 1000) == 0.5)
        balance.noteParse(bytes: 1000, nanoseconds: 3000)
        #expect(balance.firstShare(blockBytes: 1000, mergingBytes: 1000) == 0.5)
    }

    @Test func theMergingLaneParsesLess() {
        var balance = LaneBalance()
        // Parse 3 ns a byte, merge 1 ns a byte: a block of 1,000 bytes is 3,000 ns of parsing,
        // its merge 1,000 ns. The first lane gets (3,000 + 1,000) / 2 = 2,000 ns of parsing,
        // 2/3 of the block; the second 1,000 ns, then the merge: both end at 2,000 ns.
        balance.noteParse(bytes: 1000, nanoseconds: 3000)
        balance.noteMerge(bytes: 500, nanoseconds: 500)
        #expect(abs(balance.firstShare(blockBytes: 1000, mergingBytes: 1000) - 2.0 / 3.0) < 1e-12)
        // Merging a smaller block (the file's last rows): (3,000 + 300) / 6,000.
        #expect(abs(balance.firstShare(blockBytes: 1000, mergingBytes: 300) - 0.55) < 1e-12)
        // Nothing to merge (the first block): halves.
        #expect(balance.firstShare(blockBytes: 1000, mergingBytes: 0) == 0.5)
    }

    @Test func aSpoiledMeasurementMovesTheCutOnlySoFar() {
        var balance = LaneBalance()
        balance.noteParse(bytes: 1000, nanoseconds: 1000)
        balance.noteMerge(bytes: 1000, nanoseconds: 50_000)
        #expect(balance.firstShare(blockBytes: 1000, mergingBytes: 1000) == LaneBalance.shares.upperBound)
        // Costs are averaged with the ones before: half of each new measurement.
        balance.noteMerge(bytes: 1000, nanoseconds: 0)
        #expect(balance.mergeCost == 25)
        balance.noteParse(bytes: 1000, nanoseconds: 3000)
        #expect(balance.parseCost == 2)
    }

    @Test func theCutIsJustPastALineEndAtOrAfterTheShare() {
        let text = Array("aaaa\nbbbb\ncccc\ndddd\n".utf8)
        text.withUnsafeBytes { region in
            #expect(BlockReader.cut(region, at: 0x0A) == 15)  // middle 10 is 'c': past "cccc\n"
            #expect(BlockReader.cut(region, at: 0x0A, share: 0.7) == 15)  // 14 is the line end itself
            #expect(BlockReader.cut(region, at: 0x0A, share: 0.75) == 20)
            #expect(BlockReader.cut(region, at: 0x0A, share: 0.2) == 5)
            #expect(BlockReader.cut(region, at: 0x0A, share: 1.0) == 20)
        }
    }
}
