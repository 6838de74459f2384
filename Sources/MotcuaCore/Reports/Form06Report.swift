/// Form 06 for one period, as read from the summary database (or counted from the store for
/// any dates), before any language or format: one block of lines per agency.
public struct Form06Report: Sendable, Equatable {
    /// One row of `form06_by_level`.
    public struct Line: Sendable, Equatable {
        public var agencyCode: String
        public var group: Form06Table.Group
        /// Indexed by `Form06.Column.rawValue`.
        public var values: [Int]

        public init(agencyCode: String, group: Form06Table.Group, values: [Int]) {
            self.agencyCode = agencyCode
            self.group = group
            self.values = values
        }
    }

    /// The named period, `nil` for a `--from`/`--to` range.
    public var period: Period?
    public var startsOn: LocalDate
    public var endsOn: LocalDate
    public var pipeline: String
    /// Agency codes with their names, in code order: one sheet each.
    public var agencies: [(code: String, name: String)]
    public var lines: [Line]

    public init(
        period: Period?, startsOn: LocalDate, endsOn: LocalDate, pipeline: String,
        agencies: [(code: String, name: String)], lines: [Line]
    ) {
        self.period = period
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.pipeline = pipeline
        self.agencies = agencies
        self.lines = lines
    }

    public static func == (a: Form06Report, b: Form06Report) -> Bool {
        a.period == b.period && a.startsOn == b.startsOn && a.endsOn == b.endsOn && a.pipeline == b.pipeline
            && a.agencies.map(\.code) == b.agencies.map(\.code) && a.agencies.map(\.name) == b.agencies.map(\.name)
            && a.lines == b.lines
    }

    /// `form06-2025-Q2-official`, `form06-2025-03-15-2025-06-14`: the files' base name.
    public var fileStem: String {
        guard let period else { return "form06-\(startsOn)-\(endsOn)" }
        return "form06-\(period.name)-\(period.kind.rawValue)"
    }

    /// Only the lines of `agency` (`--agency CODE`).
    public func only(agency: String) -> Form06Report {
        var copy = self
        copy.agencies = agencies.filter { $0.code == agency }
        copy.lines = lines.filter { $0.agencyCode == agency }
        return copy
    }
}

/// Form 06 laid out as the official form: one sheet for the province, then one per agency; in
/// each, the fields grouped by level (I. Cấp tỉnh, II. Cấp huyện, III. Cấp xã) with a subtotal
/// per level and a grand total. Every format (workbook, HTML, CSV, JSON, terminal) lays out this
/// one document.
public struct Form06Document: Sendable, Equatable {
    public enum RowKind: String, Sendable {
        case level, field, total
    }

    public struct Row: Sendable, Equatable {
        public var kind: RowKind
        /// "I", "1", or empty for the total.
        public var number: String
        public var label: String
        /// Indexed by `Form06.Column.rawValue`.
        public var values: [Int]
        /// The admin level (`province`...) or field this row is, for JSON; `nil` for the total.
        public var key: String?
    }

    public struct Sheet: Sendable, Equatable {
        /// `province`, or the agency code.
        public var id: String
        /// The sheet's tab and the reporting unit: "Toàn tỉnh" or the agency's name.
        public var title: String
        public var agencyCode: String?
        public var rows: [Row]
    }

    public var language: ReportLanguage
    public var report: Form06Report
    public var formNumber: String
    public var circular: String
    public var title: String
    public var periodLine: String
    public var unit: String
    public var sheets: [Sheet]

    public init(report: Form06Report, language: ReportLanguage, includeProvince: Bool = true) {
        let l = Form06Labels(language: language)
        self.language = language
        self.report = report
        formNumber = l.formNumber
        circular = l.circular
        title = l.title
        periodLine = l.periodLine(
            name: report.period.map { l.periodName($0) + (language == .en ? " (\(l.kind($0.kind)))" : "") },
            from: report.startsOn.description, to: report.endsOn.description)
        unit = l.unit
        var sheets: [Sheet] = []
        if includeProvince {
            sheets.append(Sheet(id: "province", title: l.province, agencyCode: nil, rows: Self.rows(report.lines, l)))
        }
        for agency in report.agencies {
            let lines = report.lines.filter { $0.agencyCode == agency.code }
            sheets.append(
                Sheet(
                    id: agency.code, title: agency.name.isEmpty ? agency.code : agency.name, agencyCode: agency.code,
                    rows: Self.rows(lines, l)))
        }
        self.sheets = sheets
    }

    /// The form's rows: per level, a subtotal row then its fields; then the grand total.
    /// - Complexity: O(lines log lines).
    static func rows(_ lines: [Form06Report.Line], _ l: Form06Labels) -> [Row] {
        let width = Form06Table.width
        var byGroup: [Form06Table.Group: [Int]] = [:]
        for line in lines {
            var v = byGroup[line.group] ?? [Int](repeating: 0, count: width)
            for c in 0..<width { v[c] += line.values[c] }
            byGroup[line.group] = v
        }
        var rows: [Row] = []
        var total = [Int](repeating: 0, count: width)
        var levelNumber = 0
        let levels: [AdminLevel?] = AdminLevel.allCases.map { $0 } + [nil]
        for level in levels {
            let groups = byGroup.keys.filter { $0.adminLevel == level }.sorted()
            guard !groups.isEmpty else { continue }
            levelNumber += 1
            var subtotal = [Int](repeating: 0, count: width)
            var fieldRows: [Row] = []
            for (k, g) in groups.enumerated() {
                let v = byGroup[g] ?? []
                for c in 0..<width { subtotal[c] += v[c] }
                fieldRows.append(
                    Row(kind: .field, number: String(k + 1), label: g.field.isEmpty ? l.common.unknownField : g.field, values: v, key: g.field))
            }
            for c in 0..<width { total[c] += subtotal[c] }
            rows.append(
                Row(kind: .level, number: Form06Labels.roman(levelNumber), label: l.level(level), values: subtotal,
                    key: level?.rawValue ?? ""))
            rows += fieldRows
        }
        rows.append(Row(kind: .total, number: "", label: l.common.total, values: total, key: nil))
        return rows
    }

    /// A sheet as a plain table (CSV, terminal, JSON): the row number, the heading, and the
    /// eleven counts headed "(3) Tổng số"... with their group.
    public func table(_ sheet: Sheet) -> ReportTable {
        let l = Form06Labels(language: language)
        var columns = [
            ReportTable.Column(key: "number", label: "(1) " + l.number, numeric: false),
            ReportTable.Column(key: "field", label: "(2) " + l.fieldHeading, numeric: false),
        ]
        for c in Form06.Column.allCases {
            columns.append(
                ReportTable.Column(key: c.name, label: "(\(c.number)) \(l.group(c.group)): \(l.column(c))", numeric: true))
        }
        let body = sheet.rows.filter { $0.kind != .total }.map { row in
            [row.kind == .level ? ReportValue.label(row.number) : .ordinal(Int(row.number) ?? 0),
             row.kind == .level ? ReportValue.label(row.label) : .text(row.label)] + row.values.map { ReportValue.count($0) }
        }
        let total = sheet.rows.last.map { [ReportValue.missing, .label($0.label)] + $0.values.map { ReportValue.count($0) } }
        return ReportTable(
            id: "form06_" + sheet.id.map { $0.isLetter || $0.isNumber ? $0 : "_" }.map(String.init).joined(),
            title: "\(title) — \(sheet.title)", columns: columns, rows: body, total: total, emptyMessage: l.noRows,
            note: periodLine)
    }
}
