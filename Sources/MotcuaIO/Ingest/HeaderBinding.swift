import MotcuaCore

/// Finds, in one file's header, the field index of each canonical column a profile names.
///
/// Exact match (after NFC and trimming) first, in the profile's order of candidates; then the
/// folded form (case and diacritics ignored) when exactly one header field has it.
public struct HeaderBinding: Sendable, Equatable {
    /// Field index per column (`rawValue`), or `nil` when the file lacks that column.
    public var fieldIndex: [Int?]

    public static func bind<Column: RawRepresentable & CaseIterable>(
        header: [String], candidates: (Column) -> [String], canonicalName: (Column) -> String, path: String,
        profileName: String, isRequired: (Column) -> Bool
    ) throws(CSVError) -> [Int?] where Column.RawValue == Int {
        let names = header.map(TextFolding.normalized)
        let folded = names.map(TextFolding.folded)
        var result = [Int?](repeating: nil, count: Column.allCases.count)
        var missing: [CSVError.MissingColumn] = []
        for column in Column.allCases {
            var found: Int?
            for candidate in candidates(column) {
                let exact = names.indices.filter { names[$0] == TextFolding.normalized(candidate) }
                if exact.count > 1 { throw CSVError.duplicateColumn(path: path, header: candidate) }
                if let k = exact.first {
                    found = k
                    break
                }
                let loose = folded.indices.filter { folded[$0] == TextFolding.folded(candidate) }
                if loose.count > 1 { throw CSVError.duplicateColumn(path: path, header: candidate) }
                if let k = loose.first {
                    found = k
                    break
                }
            }
            result[column.rawValue] = found
            if found == nil && isRequired(column) {
                missing.append(.init(canonicalName: canonicalName(column), headerNames: candidates(column)))
            }
        }
        if !missing.isEmpty {
            throw CSVError.missingColumns(path: path, columns: missing, header: names, profile: profileName)
        }
        return result
    }
}
