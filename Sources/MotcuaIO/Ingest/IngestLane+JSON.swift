import MotcuaCore

extension IngestLane {
    /// Scans and stages a share of a block's JSON records (found by `JSONRecordSplitter`), like
    /// `parse` does for CSV rows: same staging, same outputs for the merge. Lines are the
    /// file's own (the merge adds no offset).
    /// - Complexity: O(bytes of the records).
    func stageJSON(_ spans: ArraySlice<JSONRecordSplitter.Span>, in region: UnsafeRawBufferPointer) {
        reset()
        guard let first = spans.first, let last = spans.last else { return }
        // JSON is UTF-8 (RFC 8259); a legacy byte stops the run rather than be published.
        let checked = UnsafeRawBufferPointer(rebasing: region[first.start..<last.end])
        if let bad = TextEncodingSniffer.firstInvalidUTF8Offset(checked, complete: true) {
            var line = first.line
            for b in checked[0..<bad] where b == 0x0A { line += 1 }
            error = JSONError.notUTF8(path: path, line: line)
            return
        }
        if jsonScanner == nil { jsonScanner = DossierJSONScanner(profile: stager.profile) }
        // swift-format-ignore: NeverForceUnwrap
        var scanner = jsonScanner!
        var stager = self.stager
        var rows = self.rows
        var idBytes = self.idBytes
        var idEnds = self.idEnds
        var rejects = self.rejects
        var unreadablePaidOnline = 0
        let count = DossierColumn.allCases.count
        for span in spans {
            let record = UnsafeRawBufferPointer(rebasing: region[span.start..<span.end])
            if let problem = span.problem ?? scanner.scan(record) {
                rejects.append(
                    Reject(line: span.line, rejection: Rejection(.fieldCount, "not a readable JSON object: \(problem)"), raw: Array(record)))
                continue
            }
            let fields = UnsafeBufferPointer(scanner.fields)
            switch stager.stageRow(fields: fields, fieldCount: count, expectedFieldCount: count) {
            case .success(let row):
                let id = TextFolding.trim(fields[DossierColumn.dossierID.rawValue])
                if row.paidOnline == 0, !TextFolding.trim(fields[DossierColumn.paidOnline.rawValue]).isEmpty {
                    unreadablePaidOnline += 1
                }
                Self.append(id: id, isNFC: TextFolding.isSurelyNFC(id), to: &idBytes, ends: &idEnds)
                rows.append(row)
            case .failure(let rejection):
                rejects.append(Reject(line: span.line, rejection: rejection, raw: Array(record)))
            }
        }
        jsonScanner = scanner
        self.stager = stager
        self.rows = rows
        self.idBytes = idBytes
        self.idEnds = idEnds
        hashIDs(idBytes: idBytes, idEnds: idEnds)
        self.rejects = rejects
        self.read = spans.count
        self.unreadablePaidOnline = unreadablePaidOnline
    }
}
