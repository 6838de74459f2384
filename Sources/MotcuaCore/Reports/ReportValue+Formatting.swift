/// How each format writes a value.
extension ReportValue {
    /// As people read it, in the terminal and in HTML: `1.234`, `63,5%`, `+5,2`, `30/06/2025`.
    public func display(_ format: ReportNumberFormat) -> String {
        let labels = ReportLabels(language: format.language)
        switch self {
        case .text(let s), .label(let s), .term(_, let s), .level(_, let s), .noValue(let s): return s
        case .count(let n): return format.count(n)
        case .ordinal(let n): return String(n)
        case .rate(let r): return format.percent(r)
        case .change(let d): return format.points(d)
        case .score(let p): return format.decimal(p, decimals: 1)
        case .date(let d): return format.date(d)
        case .month(let m): return format.month(m)
        case .met(let m): return m.map(labels.met) ?? labels.noFigure
        case .missing: return labels.missing
        }
    }

    /// As a CSV cell a spreadsheet reads right: counts without grouping (a spreadsheet in
    /// another locale would read `1.234` as a fraction), percentages with the language's decimal
    /// mark, changes unsigned on a rise, ISO dates (every spreadsheet reads them), an empty cell
    /// for no figure, and text neutralised against formulas (`SpreadsheetCell`).
    public func csv(_ format: ReportNumberFormat) -> String {
        switch self {
        case .text(let s), .label(let s), .term(_, let s), .level(_, let s): return SpreadsheetCell.neutralised(s)
        case .count(let n): return format.count(n, grouped: false)
        case .ordinal(let n): return String(n)
        case .rate(let r): return format.percent(r)
        case .change(let d): return format.points(d, signed: false)
        case .score(let p): return format.decimal(p, decimals: 1)
        case .date(let d), .month(let d): return SpreadsheetCell.neutralised(d)
        case .met(let m):
            let labels = ReportLabels(language: format.language)
            return m.map(labels.met) ?? labels.noFigure
        case .missing, .noValue: return ""
        }
    }
}
