public import MotcuaCore

/// Reads the procedure catalog (CONTRACT.md section 1.2). A wrong row stops the run with the
/// file and line, since a guessed catalog would move procedures on or off the retire list.
public enum CatalogFile {
    public static func read(path: String) throws -> Catalog {
        let reader = try CSVReader(path: path)
        let binding = try HeaderBinding.bind(
            header: reader.header, candidates: { (c: CatalogColumn) in [c.canonicalName] }, canonicalName: \.canonicalName,
            path: path,
            profileName: "catalog", isRequired: { $0.isRequired })
        let fields = UnsafeMutableBufferPointer<UnsafeRawBufferPointer>.allocate(capacity: CatalogColumn.allCases.count)
        defer { fields.deallocate() }
        var catalog = Catalog()
        while try reader.next() {
            for (k, index) in binding.enumerated() {
                fields[k] = index.map { reader.field($0) } ?? UnsafeRawBufferPointer(start: nil, count: 0)
            }
            let line = reader.recordLine
            if reader.fieldCount != reader.header.count {
                throw CatalogFileError(path: path, line: line, message: "the row has \(reader.fieldCount) fields, the header \(reader.header.count)")
            }
            switch CatalogStager.stage(fields: UnsafeBufferPointer(fields)) {
            case .success(let procedure):
                do { try catalog.add(procedure) } catch {
                    throw CatalogFileError(path: path, line: line, message: error.message)
                }
            case .failure(let error):
                throw CatalogFileError(path: path, line: line, message: error.message)
            }
        }
        return catalog
    }
}

/// A catalog row that cannot be used, with its file and line.
public struct CatalogFileError: Error, CustomStringConvertible, Sendable {
    public var path: String
    public var line: Int
    public var message: String
    public var description: String { "\(path):\(line): \(message); correct the catalog and run again" }
}
