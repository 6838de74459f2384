/// A whole report in one language: its header and the tables of each kind asked for. Every
/// format (terminal, CSV, JSON, HTML) lays out this one document, so they cannot disagree.
public struct ReportDocument: Sendable, Equatable {
    public var language: ReportLanguage
    public var title: String
    /// "Số liệu đến ngày 30/06/2025"-style lines under the title.
    public var subtitle: [String]
    /// Set when the year has no dossiers (issue 5: an empty report with a clear message).
    public var message: String?
    public var sections: [ReportSection]
    /// The figures behind the tables, for charts.
    public var data: ReportData

    public init(data: ReportData, language: ReportLanguage) {
        let labels = ReportLabels(language: language)
        self.language = language
        self.data = data
        title = labels.documentTitle(year: data.year)
        var subtitle = [labels.asOf(data.asOf), "\(labels.pipeline): \(data.pipeline)"]
        if let id = data.lastRunID {
            subtitle.append("\(labels.lastRun): \(id)" + (data.lastRunFinishedAt.map { " (\($0))" } ?? ""))
        }
        self.subtitle = subtitle
        // The retire list is as of a date, not of a year: a year without data concerns it not.
        let yearly = data.targets != nil || data.onTime != nil || data.adoption != nil
        message =
            data.yearHasData || !yearly ? nil : labels.noData(year: data.year, yearsWithData: data.yearsWithData)
        var sections: [ReportSection] = []
        if let r = data.targets { sections.append(Self.section(r, labels)) }
        if let r = data.retire { sections.append(Self.section(r, labels)) }
        if let r = data.onTime { sections.append(Self.section(r, labels)) }
        if let r = data.adoption { sections.append(Self.section(r, labels)) }
        if let r = data.portalScore { sections.append(Self.section(r, labels)) }
        self.sections = sections
    }

    /// Every table of every section, in order.
    public var tables: [ReportTable] { sections.flatMap(\.tables) }
}
