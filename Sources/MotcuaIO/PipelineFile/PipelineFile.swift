import Foundation
public import MotcuaCore
import Yams

/// A pipeline file (CONTRACT.md section 3.3), read and checked. Relative paths are resolved
/// against the folder of the file, so cron can run it from anywhere.
public struct PipelineFile: Sendable {
    public var path: String
    public var name: String
    public var asOf: AsOfDate
    public var catalogPath: String
    public var exports: [ExportSource]
    public var outputs: Outputs
    public var targets: [Target]
    public var maxRejectRate: Double
    /// `portal_score:` (CONTRACT.md 2.3): the portal's weights and thresholds, defaults where unset.
    public var portalScore = PortalScoreSettings.defaults
    /// `planning.upgrade_min_dossiers` (CONTRACT.md 2.4).
    public var upgradeMinDossiers = PlannerLists.defaultUpgradeMinDossiers

    /// One `inputs.exports` entry: a path or glob and the profile its files are read with.
    public struct ExportSource: Sendable {
        public var pattern: String
        public var profile: ColumnProfile
        /// `optional: true`: a pattern that matches no file is a warning, not an error. By default
        /// it is an error (exit 65), because a mistyped folder would otherwise pass every night
        /// unnoticed, and on a first night publish an empty database.
        public var isOptional = false
        /// The worksheet to read from the entry's workbooks (CONTRACT.md section 1.7); `nil`:
        /// the first. Text exports matched by the same pattern ignore it.
        public var sheet: String? = nil
    }

    public struct Outputs: Sendable {
        public var store: String
        public var database: String
        public var snapshots: String?
        public var keepSnapshots: Int
        public var reports: String?
    }

    /// A yearly target for the whole pipeline (scope `province`).
    public struct Target: Sendable, Equatable {
        public var year: Int
        public var scope: String
        public var metric: Ratio
        public var target: Double
    }

    // MARK: - Reading

    public static func load(path: String) throws(PipelineFileError) -> PipelineFile {
        let (root, reader) = try document(path: path)
        var r = reader
        return try r.pipeline(root)
    }

    public static func parse(yaml text: String, path: String) throws(PipelineFileError) -> PipelineFile {
        let (root, reader) = try document(yaml: text, path: path)
        var r = reader
        return try r.pipeline(root)
    }

    /// The YAML tree of a pipeline file (run or merge) and a reader that resolves its paths.
    static func document(path: String) throws(PipelineFileError) -> (Node, NodeReader) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw PipelineFileError(path: path, key: "", message: "cannot read the pipeline file")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw PipelineFileError(path: path, key: "", message: "the pipeline file is not UTF-8 text")
        }
        return try document(yaml: text, path: path)
    }

    static func document(yaml text: String, path: String) throws(PipelineFileError) -> (Node, NodeReader) {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch {
            throw PipelineFileError(path: path, key: "", message: "not valid YAML: \(error)")
        }
        guard let root else { throw PipelineFileError(path: path, key: "", message: "the file is empty") }
        let folder = (URL(fileURLWithPath: path).deletingLastPathComponent().path)
        return (root, NodeReader(path: path, folder: folder))
    }
}

/// Walks the YAML tree, checking every key, with errors that name the key and its line.
struct NodeReader {
    let path: String
    let folder: String

    func fail(_ key: String, _ node: Node?, _ message: String) -> PipelineFileError {
        PipelineFileError(path: path, key: key, line: node?.mark.map { $0.line }, message: message)
    }

    func mapping(_ node: Node, _ key: String, allowed: Set<String>) throws(PipelineFileError) -> [String: Node] {
        guard let map = node.mapping else { throw fail(key, node, "expected a mapping of keys") }
        var result: [String: Node] = [:]
        for (k, v) in map {
            guard let name = k.string else { throw fail(key, k, "a key is not text") }
            let dotted = key.isEmpty ? name : "\(key).\(name)"
            if !allowed.isEmpty && !allowed.contains(name) {
                throw fail(dotted, k, "unknown key; expected one of \(allowed.sorted().joined(separator: ", "))")
            }
            if result[name] != nil { throw fail(dotted, k, "the key is given twice") }
            result[name] = v
        }
        return result
    }

    func string(_ node: Node?, _ key: String, required: Bool = true) throws(PipelineFileError) -> String? {
        guard let node, node.null == nil || node.string.map({ !$0.isEmpty && $0 != "~" && $0 != "null" }) == true else {
            if required { throw fail(key, node, "is required") }
            return nil
        }
        guard let s = node.scalar?.string else { throw fail(key, node, "expected a single value") }
        return s
    }

    func resolve(_ p: String) -> String {
        p.hasPrefix("/") ? p : URL(fileURLWithPath: folder).appendingPathComponent(p).standardized.path
    }

    mutating func pipeline(_ root: Node) throws(PipelineFileError) -> PipelineFile {
        if let key = root.mapping?.keys.first(where: { $0.string == "merge" }) {
            throw fail("merge", key, "this is a merge pipeline; run it with motcua merge")
        }
        let top = try mapping(root, "", allowed: [
                "name", "as_of", "inputs", "outputs", "targets", "limits", "planning", "portal_score",
            ])
        // swift-format-ignore: NeverForceUnwrap
        let name = try string(top["name"], "name")!
        let asOfText = try string(top["as_of"], "as_of", required: false) ?? "today"
        guard let asOf = AsOfDate(asOfText) else {
            throw fail("as_of", top["as_of"], "'\(asOfText)' is not 'today' or a date such as 2025-12-31")
        }
        guard let inputsNode = top["inputs"] else { throw fail("inputs", root, "is required") }
        let inputs = try mapping(inputsNode, "inputs", allowed: ["catalog", "exports"])
        // swift-format-ignore: NeverForceUnwrap
        let catalog = resolve(try string(inputs["catalog"], "inputs.catalog")!)
        guard let exportsNode = inputs["exports"], let list = exportsNode.sequence else {
            throw fail("inputs.exports", inputs["exports"] ?? inputsNode, "expected a list of {path, profile}")
        }
        var exports: [PipelineFile.ExportSource] = []
        for (k, item) in list.enumerated() {
            exports.append(try exportSource(item, "inputs.exports[\(k)]"))
        }
        if exports.isEmpty { throw fail("inputs.exports", exportsNode, "lists no exports") }

        guard let outputsNode = top["outputs"] else { throw fail("outputs", root, "is required") }
        let out = try mapping(
            outputsNode, "outputs", allowed: ["store", "database", "snapshots", "keep_snapshots", "reports"])
        var keep = 7
        if let keepNode = out["keep_snapshots"] {
            guard let k = keepNode.int, k >= 1 else {
                throw fail("outputs.keep_snapshots", keepNode, "expected a whole number of at least 1")
            }
            keep = k
        }
        let outputs = PipelineFile.Outputs(
            store: resolve(try string(out["store"], "outputs.store")!),
            database: resolve(try string(out["database"], "outputs.database")!),
            snapshots: try string(out["snapshots"], "outputs.snapshots", required: false).map(resolve),
            keepSnapshots: keep,
            reports: try string(out["reports"], "outputs.reports", required: false).map(resolve))

        let targets = try targets(top["targets"], scope: "province")

        var maxRejectRate = 0.05
        if let limitsNode = top["limits"] {
            let limits = try mapping(limitsNode, "limits", allowed: ["max_reject_rate"])
            if let node = limits["max_reject_rate"] {
                guard let v = node.float, v >= 0, v <= 1 else {
                    throw fail("limits.max_reject_rate", node, "expected a share from 0 to 1, e.g. 0.05")
                }
                maxRejectRate = v
            }
        }
        var upgradeMinDossiers = PlannerLists.defaultUpgradeMinDossiers
        if let planningNode = top["planning"] {
            let planning = try mapping(planningNode, "planning", allowed: ["upgrade_min_dossiers"])
            if let node = planning["upgrade_min_dossiers"] {
                guard let v = node.int, v >= 1 else {
                    throw fail("planning.upgrade_min_dossiers", node, "expected a whole number of dossiers of at least 1, e.g. 1000")
                }
                upgradeMinDossiers = v
            }
        }
        return PipelineFile(
            path: path, name: name, asOf: asOf, catalogPath: catalog, exports: exports, outputs: outputs,
            targets: targets, maxRejectRate: maxRejectRate, portalScore: try portalScore(top["portal_score"]),
            upgradeMinDossiers: upgradeMinDossiers)
    }

    /// `portal_score:`, its keys generated from `PortalCriterion` and `PortalParameter`; each
    /// value checked by the parameter's own rule, the error naming the dotted key.
    func portalScore(_ node: Node?) throws(PipelineFileError) -> PortalScoreSettings {
        var settings = PortalScoreSettings.defaults
        guard let node else { return settings }
        let capKey = "payment_cap"
        let map = try mapping(node, "portal_score", allowed: Set(PortalCriterion.allCases.map(\.name) + [capKey]))
        for (name, valueNode) in map {
            let key = "portal_score.\(name)"
            guard let criterion = PortalCriterion(rawValue: name) else {
                guard let cap = valueNode.float, cap.isFinite, cap >= 0 else {
                    throw fail(key, valueNode, "expected points of at least 0, e.g. 10")
                }
                settings.paymentCap = cap
                continue
            }
            for (parameterName, parameterNode) in try mapping(
                valueNode, key, allowed: Set(criterion.parameters.map(\.name)))
            {
                // swift-format-ignore: NeverForceUnwrap
                let parameter = PortalParameter(rawValue: parameterName)!
                let dotted = "\(key).\(parameterName)"
                guard let value = parameterNode.float else { throw fail(dotted, parameterNode, "expected a number") }
                if let problem = parameter.problem(with: value) { throw fail(dotted, parameterNode, problem) }
                settings.set(criterion, parameter, value)
            }
        }
        return settings
    }

    /// `targets:` (year -> metric -> share), sorted by year and metric; none when absent.
    func targets(_ node: Node?, scope: String) throws(PipelineFileError) -> [PipelineFile.Target] {
        guard let targetsNode = node else { return [] }
        var targets: [PipelineFile.Target] = []
        for (yearKey, metrics) in try mapping(targetsNode, "targets", allowed: []) {
            guard let year = Int(yearKey), (1990...2100).contains(year) else {
                throw fail("targets.\(yearKey)", targetsNode, "expected a year such as 2025")
            }
            let allowed = Set(Ratio.allCases.map(\.name))
            for (metricName, valueNode) in try mapping(metrics, "targets.\(yearKey)", allowed: allowed) {
                guard let value = valueNode.float, value >= 0, value <= 1 else {
                    throw fail("targets.\(yearKey).\(metricName)", valueNode, "expected a share from 0 to 1, e.g. 0.5")
                }
                // swift-format-ignore: NeverForceUnwrap
                targets.append(.init(year: year, scope: scope, metric: Ratio(rawValue: metricName)!, target: value))
            }
        }
        return targets.sorted { ($0.year, $0.metric.rawValue) < ($1.year, $1.metric.rawValue) }
    }

    func exportSource(_ node: Node, _ key: String) throws(PipelineFileError) -> PipelineFile.ExportSource {
        let entry = try mapping(node, key, allowed: ["path", "profile", "optional", "sheet"])
        // swift-format-ignore: NeverForceUnwrap
        let pattern = resolve(try string(entry["path"], "\(key).path")!)
        var isOptional = false
        if let optionalNode = entry["optional"] {
            guard let flag = optionalNode.bool else {
                throw fail("\(key).optional", optionalNode, "expected true or false")
            }
            isOptional = flag
        }
        var sheet: String?
        if let sheetNode = entry["sheet"] {
            guard let name = sheetNode.scalar?.string, !name.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw fail("\(key).sheet", sheetNode, "expected the name of a worksheet, as on its tab in Excel")
            }
            sheet = name
        }
        guard let profileNode = entry["profile"] else {
            return .init(pattern: pattern, profile: .canonical, isOptional: isOptional, sheet: sheet)
        }
        if let name = profileNode.scalar?.string {
            guard let profile = ColumnProfile.builtIn(named: name) else {
                throw fail("\(key).profile", profileNode,
                    "unknown profile '\(name)'; built in: \(ColumnProfile.builtInNames.joined(separator: ", ")), or give a mapping")
            }
            return .init(pattern: pattern, profile: profile, isOptional: isOptional, sheet: sheet)
        }
        return .init(pattern: pattern, profile: try customProfile(profileNode, "\(key).profile"), isOptional: isOptional, sheet: sheet)
    }

    func customProfile(_ node: Node, _ key: String) throws(PipelineFileError) -> ColumnProfile {
        let map = try mapping(node, key, allowed: ["delimiter", "columns", "values", "base"])
        var base = ColumnProfile.canonical
        if let baseName = try string(map["base"], "\(key).base", required: false) {
            guard let b = ColumnProfile.builtIn(named: baseName) else {
                throw fail("\(key).base", map["base"], "unknown profile '\(baseName)'")
            }
            base = b
        }
        var delimiter: UInt8?
        if let d = try string(map["delimiter"], "\(key).delimiter", required: false) {
            let named: [String: UInt8] = [",": 0x2C, ";": 0x3B, "\t": 0x09, "\\t": 0x09, "tab": 0x09, "|": 0x7C]
            guard let byte = named[d] else {
                throw fail("\(key).delimiter", map["delimiter"], "expected one of , ; tab |")
            }
            delimiter = byte
        }
        var columns = base.columns
        if let columnsNode = map["columns"] {
            for (canonical, headerNode) in try mapping(columnsNode, "\(key).columns", allowed: Set(DossierColumn.allCases.map(\.canonicalName))) {
                // swift-format-ignore: NeverForceUnwrap
                let column = DossierColumn(canonicalName: canonical)!
                if let list = headerNode.sequence {
                    var names: [String] = []
                    for item in list {
                        guard let s = item.scalar?.string else { throw fail("\(key).columns.\(canonical)", item, "expected a header name") }
                        names.append(s)
                    }
                    columns[column] = names
                } else if let s = headerNode.scalar?.string, !s.isEmpty {
                    columns[column] = [s]
                } else {
                    throw fail("\(key).columns.\(canonical)", headerNode, "expected a header name")
                }
            }
        }
        var values: [DossierColumn: [String: String]] = [:]
        for (column, map) in base.values {
            values[column] = map
        }
        if let valuesNode = map["values"] {
            let allowed = Set(DossierColumn.allCases.filter(\.acceptsValueMap).map(\.canonicalName))
            for (canonical, mapNode) in try mapping(valuesNode, "\(key).values", allowed: allowed) {
                // swift-format-ignore: NeverForceUnwrap
                let column = DossierColumn(canonicalName: canonical)!
                var table: [String: String] = [:]
                for (raw, targetNode) in try mapping(mapNode, "\(key).values.\(canonical)", allowed: []) {
                    guard let target = targetNode.scalar?.string,
                        ValueSpellings.accepts(target, for: column)
                    else {
                        throw fail("\(key).values.\(canonical).\(raw)", targetNode,
                            "'\(targetNode.scalar?.string ?? "")' is not a value \(canonical) accepts")
                    }
                    table[raw] = target
                }
                // Added to the base profile's codes for that column, overriding equal ones.
                values[column] = (values[column] ?? [:]).merging(table) { _, new in new }
            }
        }
        return ColumnProfile(
            name: "custom", columns: columns, values: values, delimiter: delimiter, defaults: base.defaults,
            agencyFromDossierID: base.agencyFromDossierID, readsJSON: base.readsJSON)
    }
}
