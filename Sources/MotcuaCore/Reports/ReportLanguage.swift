/// The language of a report's labels and number formats: Vietnamese by default, since the
/// reports go into official documents (issue 5), English on request (`--lang en`).
public enum ReportLanguage: String, CaseIterable, Sendable {
    case vi
    case en

    /// Picks the text for this language from a pair written side by side, so that every label
    /// has both languages in one place.
    public func pick(vi: String, en: String) -> String {
        switch self {
        case .vi: vi
        case .en: en
        }
    }
}
