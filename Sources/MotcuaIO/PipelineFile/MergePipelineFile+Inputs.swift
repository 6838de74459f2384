public import MotcuaCore

/// The province each input of a merge is reported under, from the pipeline's crosswalk.
extension MergePipelineFile {
    /// The crosswalk the file names: the built-in table, the user's file, or none.
    public func crosswalkTable() throws -> ProvinceCrosswalk? {
        switch crosswalk {
        case .none: return nil
        case .builtIn(let name):
            guard let table = try ProvinceCrosswalkFile.builtIn(named: name) else {
                throw PipelineFileError(path: path, key: "merge.crosswalk", message: "no built-in crosswalk '\(name)'")
            }
            return table
        case .file(let file): return try ProvinceCrosswalkFile.read(path: file)
        }
    }

    /// Each input with the code it is reported under. A code the crosswalk does not know stops
    /// the merge (exit 2): reporting it under its own code would split a province's history.
    public func mergeInputs(crosswalk table: ProvinceCrosswalk?) throws(PipelineFileError) -> [SummaryDatabase
        .MergeInput]
    {
        var result: [SummaryDatabase.MergeInput] = []
        for (k, input) in inputs.enumerated() {
            var reported = input.province
            if let table {
                guard let new = table.province(for: input.province) else {
                    throw PipelineFileError(
                        path: path, key: "merge.inputs[\(k)].province",
                        message: "province \(input.province) is not in the crosswalk \(crosswalk.description)")
                }
                reported = new
            }
            result.append(
                SummaryDatabase.MergeInput(province: input.province, reportedProvince: reported, path: input.database))
        }
        return result
    }
}
