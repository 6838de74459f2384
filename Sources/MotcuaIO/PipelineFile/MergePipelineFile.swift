import Foundation
import Yams

/// A `merge:` pipeline file (CONTRACT.md section 3.5), read and checked: the provinces' summary
/// databases, each with its province code, the crosswalk, the outputs and national targets.
/// Relative paths resolve against the file's folder.
///
/// ```yaml
/// name: national
/// merge:
///   inputs:
///     - { province: "01", database: /srv/motcua/01/summary.sqlite }
///   crosswalk: 2025      # built in; or a CSV path; or none
/// outputs:
///   database: ../var/national/summary.sqlite
/// targets:
///   2025: { online_rate: 0.65 }
/// ```
public struct MergePipelineFile: Sendable {
    public var path: String
    public var name: String
    public var inputs: [Input]
    public var crosswalk: Crosswalk
    public var database: String
    /// National targets (scope `national`).
    public var targets: [PipelineFile.Target]

    public struct Input: Sendable, Equatable {
        public var province: String
        public var database: String
    }

    public enum Crosswalk: Sendable, Equatable {
        case none
        /// A table carried in the binary, by name (`2025`).
        case builtIn(String)
        /// A user's CSV (old_code,new_code,effective_on), which replaces the built-in one.
        case file(String)

        /// How `metadata.crosswalk` of the merged database names it.
        public var description: String {
            switch self {
            case .none: "none"
            case .builtIn(let name): name
            case .file(let path): path
            }
        }
    }

    public static func load(path: String) throws(PipelineFileError) -> MergePipelineFile {
        let (root, reader) = try PipelineFile.document(path: path)
        return try reader.mergePipeline(root)
    }

    public static func parse(yaml text: String, path: String) throws(PipelineFileError) -> MergePipelineFile {
        let (root, reader) = try PipelineFile.document(yaml: text, path: path)
        return try reader.mergePipeline(root)
    }
}

extension NodeReader {
    func mergePipeline(_ root: Node) throws(PipelineFileError) -> MergePipelineFile {
        let top = try mapping(root, "", allowed: ["name", "merge", "outputs", "targets"])
        // swift-format-ignore: NeverForceUnwrap
        let name = try string(top["name"], "name")!
        guard let mergeNode = top["merge"] else {
            throw fail("merge", root, "is required (a pipeline without merge: is run with motcua run)")
        }
        let merge = try mapping(mergeNode, "merge", allowed: ["inputs", "crosswalk"])
        guard let list = merge["inputs"]?.sequence, !list.isEmpty else {
            throw fail("merge.inputs", merge["inputs"] ?? mergeNode, "expected a list of {province, database}")
        }
        var inputs: [MergePipelineFile.Input] = []
        var seen: [String: Int] = [:]
        for (k, item) in list.enumerated() {
            let key = "merge.inputs[\(k)]"
            let entry = try mapping(item, key, allowed: ["province", "database"])
            // swift-format-ignore: NeverForceUnwrap
            let province = try string(entry["province"], "\(key).province")!.trimmingCharacters(in: .whitespaces)
            // swift-format-ignore: NeverForceUnwrap
            let database = resolve(try string(entry["database"], "\(key).database")!)
            if let first = seen[province] {
                throw fail(
                    "\(key).province", entry["province"],
                    "province \(province) is listed twice (also merge.inputs[\(first)]); each province's database is merged once"
                )
            }
            if let first = inputs.firstIndex(where: { $0.database == database }) {
                throw fail(
                    "\(key).database", entry["database"],
                    "the database \(database) is listed twice (also merge.inputs[\(first)])")
            }
            seen[province] = k
            inputs.append(.init(province: province, database: database))
        }
        let crosswalk: MergePipelineFile.Crosswalk
        switch try string(merge["crosswalk"], "merge.crosswalk", required: false) {
        case nil, "none": crosswalk = .none
        case let name? where ProvinceCrosswalkFile.builtInNames.contains(name): crosswalk = .builtIn(name)
        case let path?: crosswalk = .file(resolve(path))
        }

        guard let outputsNode = top["outputs"] else { throw fail("outputs", root, "is required") }
        let out = try mapping(outputsNode, "outputs", allowed: ["database", "reports"])
        if let reports = out["reports"] {
            // The report writers read one province's views; a merged database's carry
            // province_code. Refused rather than written wrong (docs/scale.md, what is left).
            throw fail(
                "outputs.reports", reports,
                "reports of a merged database are not written yet; query its national_ratios_by_* and target_progress views"
            )
        }
        guard let database = try string(out["database"], "outputs.database") else {
            throw fail("outputs.database", outputsNode, "is required")
        }
        return MergePipelineFile(
            path: path, name: name, inputs: inputs, crosswalk: crosswalk, database: resolve(database),
            targets: try targets(top["targets"], scope: "national"))
    }
}
