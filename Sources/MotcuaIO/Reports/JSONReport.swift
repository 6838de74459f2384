public import MotcuaCore

/// Writes a report as one JSON document with the raw figures: counts as integers, rates and
/// changes as shares (0.635, not "63,5%"), dates as `YYYY-MM-DD`, `null` where there is no
/// figure, and each table's rows as objects keyed by the column keys (the summary database's
/// names). Labels in the report's language come along for people who read it.
///
/// Written by hand so that keys keep the columns' order and doubles their shortest form.
public enum JSONReport {
    /// Bumped when a key changes meaning.
    public static let formatVersion = 1

    public static func fileName(stem: String) -> String { stem + ".json" }

    public static func render(_ document: ReportDocument) -> String {
        let data = document.data
        let sections: [JSONValue] = document.sections.map { section in
            .object([
                ("kind", .string(section.kind.rawValue)), ("title", .string(section.title)),
                ("period", .string(section.period)), ("tables", .array(section.tables.map(table))),
            ])
        }
        let root = JSONValue.object([
            ("motcua_report", .number(String(formatVersion))), ("language", .string(document.language.rawValue)),
            ("title", .string(document.title)), ("pipeline", .string(data.pipeline)), ("as_of", .string(data.asOf)),
            ("year", .number(String(data.year))),
            ("years_with_data", .array(data.yearsWithData.map { .number(String($0)) })),
            ("run_id", data.lastRunID.map { .string($0) } ?? .null),
            ("message", document.message.map { .string($0) } ?? .null), ("reports", .array(sections)),
        ])
        var out = ""
        root.write(into: &out, indent: 0)
        return out + "\n"
    }

    static func table(_ t: ReportTable) -> JSONValue {
        func row(_ cells: [ReportValue]) -> JSONValue {
            .object(zip(t.columns, cells).map { ($0.key, value($1)) })
        }
        return .object([
            ("id", .string(t.id)), ("title", .string(t.title)),
            ("columns", .array(t.columns.map { .object([("key", .string($0.key)), ("label", .string($0.label))]) })),
            ("rows", .array(t.rows.map(row))), ("total", t.total.map(row) ?? .null),
            ("empty_message", t.rows.isEmpty ? .string(t.emptyMessage) : .null),
            ("note", t.note.map { .string($0) } ?? .null),
        ])
    }

    static func value(_ v: ReportValue) -> JSONValue {
        switch v {
        case .text(let s), .label(let s), .date(let s), .month(let s): .string(s)
        case .term(let key, _): key.map { .string($0) } ?? .null
        case .count(let n), .ordinal(let n), .level(let n, _): .number(String(n))
        case .rate(let d), .change(let d), .score(let d): d.isFinite ? .number("\(d)") : .null
        case .met(let b): b.map { .bool($0) } ?? .null
        case .missing, .noValue: .null
        }
    }
}

/// A JSON value, written with scalar-only arrays and objects on one line (a table row reads as
/// one line) and the rest indented by two spaces.
enum JSONValue {
    case string(String)
    /// Already in JSON number syntax.
    case number(String)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([(String, JSONValue)])

    var isScalar: Bool {
        switch self {
        case .array, .object: false
        default: true
        }
    }

    func write(into out: inout String, indent: Int) {
        switch self {
        case .string(let s): Self.quote(s, into: &out)
        case .number(let n): out += n
        case .bool(let b): out += b ? "true" : "false"
        case .null: out += "null"
        case .array(let items):
            if items.allSatisfy(\.isScalar) {
                out += "["
                for (k, item) in items.enumerated() {
                    if k > 0 { out += ", " }
                    item.write(into: &out, indent: indent)
                }
                out += "]"
            } else {
                let pad = String(repeating: " ", count: indent + 2)
                out += "[\n"
                for (k, item) in items.enumerated() {
                    out += pad
                    item.write(into: &out, indent: indent + 2)
                    out += k < items.count - 1 ? ",\n" : "\n"
                }
                out += String(repeating: " ", count: indent) + "]"
            }
        case .object(let members):
            if members.allSatisfy({ $0.1.isScalar }) {
                out += "{"
                for (k, (key, value)) in members.enumerated() {
                    if k > 0 { out += ", " }
                    Self.quote(key, into: &out)
                    out += ": "
                    value.write(into: &out, indent: indent)
                }
                out += "}"
            } else {
                let pad = String(repeating: " ", count: indent + 2)
                out += "{\n"
                for (k, (key, value)) in members.enumerated() {
                    out += pad
                    Self.quote(key, into: &out)
                    out += ": "
                    value.write(into: &out, indent: indent + 2)
                    out += k < members.count - 1 ? ",\n" : "\n"
                }
                out += String(repeating: " ", count: indent) + "}"
            }
        }
    }

    /// RFC 8259 string escaping: quote, backslash and control characters.
    static func quote(_ s: String, into out: inout String) {
        out += "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 {
                    let hex = String(scalar.value, radix: 16)
                    out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        out += "\""
    }
}
