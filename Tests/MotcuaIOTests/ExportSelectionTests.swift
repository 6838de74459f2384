import MotcuaIO
import Testing

/// Which exports a run reads and when it hashes them (issue 12: the rule lives in a type of IO,
/// called directly here).
@Suite struct ExportSelectionTests {
    static func input(_ path: String, bytes: Int, sha: String, modified: Int64?) -> IngestedInput {
        var input = IngestedInput(path: path, bytes: bytes, sha256: sha, runID: "r1")
        input.modifiedMillis = modified
        return input
    }

    @Test func anUnchangedExportIsSkippedUnread() {
        let known = Self.input("/in/a.csv", bytes: 100, sha: "aa", modified: 5)
        let selection = ExportSelection(known: [known])
        #expect(selection.decide(path: "/in/a.csv", size: 100, modifiedMillis: 5) == .unchanged(known))
        // Touched (another time) or grown: it may hold new rows, and its size is known: hash first.
        #expect(selection.decide(path: "/in/a.csv", size: 100, modifiedMillis: 6) == .hashFirst)
        #expect(selection.decide(path: "/in/a.csv", size: 120, modifiedMillis: 5) == .hashWhileIngesting)
        // No modification time: never trusted as unchanged.
        #expect(selection.decide(path: "/in/a.csv", size: 100, modifiedMillis: nil) == .hashFirst)
    }

    @Test func aRenamedCopyIsHashedFirstAndKnownByItsContent() {
        var selection = ExportSelection(known: [Self.input("/in/a.csv", bytes: 100, sha: "aa", modified: 5)])
        #expect(selection.decide(path: "/in/copy-of-a.csv", size: 100, modifiedMillis: 9) == .hashFirst)
        #expect(selection.isKnown(sha256: "aa"))
        #expect(!selection.isKnown(sha256: "bb"))
        // A new export of a new size cannot be a copy.
        #expect(selection.decide(path: "/in/b.csv", size: 250, modifiedMillis: 9) == .hashWhileIngesting)
        // Once read in this run, a second file of its size is hashed first, and its copy is known.
        selection.ingested(size: 250, sha256: "bb")
        #expect(selection.decide(path: "/in/b-again.csv", size: 250, modifiedMillis: 9) == .hashFirst)
        #expect(selection.isKnown(sha256: "bb"))
    }
}
