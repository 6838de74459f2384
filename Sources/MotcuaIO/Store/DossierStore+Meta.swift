import MotcuaCore

extension DossierStore.Meta {
    /// The header for `state` (its memberwise initialiser stays for the decoder).
    init(_ state: StoreState, baseCount: Int?) {
        inputs = state.inputs
        totalAccepted = state.totalAccepted
        totalSuperseded = state.totalSuperseded
        recordStride = MemoryLayout<DossierRecord>.stride
        runs = state.runs
        snapshotID = state.snapshotID
        self.baseCount = baseCount
        hasMonthlyTotals = state.monthlyTotals != nil
        databaseBytes = state.publishedDatabase?.bytes
        databaseChecksum = state.publishedDatabase?.checksum
        recordFields = DossierRecord.layout
        monthlyColumns = MonthlyCounts.Column.allCases.map(\.name)
    }
}

extension DossierStore.Meta {
    var databaseFingerprint: DatabaseFingerprint? {
        guard let databaseBytes, let databaseChecksum else { return nil }
        return DatabaseFingerprint(bytes: databaseBytes, checksum: databaseChecksum)
    }
}
