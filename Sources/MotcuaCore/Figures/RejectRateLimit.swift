/// The pipeline's `limits.max_reject_rate` (CONTRACT.md 3.3): above it, the run fails with exit
/// 65 and publishes nothing, since a wholesale failure to read (a vendor changed its export) must
/// not pass as a night with few dossiers.
public struct RejectRateLimit: Sendable, Equatable {
    /// The largest share of records read that may be rejected, 0 to 1.
    public var maximum: Double

    public init(maximum: Double) { self.maximum = maximum }

    /// Why the run must stop, or `nil` when `rejected` of `read` is within the limit (a run that
    /// read nothing rejected nothing: within).
    /// - Parameter reasons: the count per reject reason, named in the message.
    public func violation(read: Int, rejected: Int, reasons: [RejectReason: Int]) -> String? {
        guard read > 0 else { return nil }
        let rate = Double(rejected) / Double(read)
        guard rate > maximum else { return nil }
        let listed = reasons.sorted { $0.key < $1.key }.map { "\($0.key.code) \($0.value)" }.joined(separator: ", ")
        return "\(Self.percent(rate)) of records were rejected, over the limit of \(Self.percent(maximum)) "
            + "(limits.max_reject_rate); nothing was published. Reasons: \(listed)"
    }

    /// `12.34%`: two decimals, without Foundation's formatters.
    static func percent(_ share: Double) -> String {
        let hundredths = Int((share * 10_000).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)%"
    }
}
