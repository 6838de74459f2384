import Foundation

/// The weights and thresholds of the portal's formulas (CONTRACT.md 2.3 and the pipeline file's
/// `portal_score:`, 3.3): the portal changes them, so none is written into the computation.
///
/// Points from a ratio r, by criterion (`PortalCriterion`):
/// - progress, payment_dossiers, payment_coverage: max x r;
/// - online: max x min(1, r / full_at);
/// - payment_procedures: min(max, factor x r).
/// A NULL ratio (empty denominator) gives 0 points.
public struct PortalScoreSettings: Sendable, Equatable {
    /// Each criterion's parameters; every criterion has `max`, `online` `full_at`,
    /// `payment_procedures` `factor` (`PortalCriterion.parameters`).
    public private(set) var values: [PortalCriterion: [PortalParameter: Double]]
    /// The most the payment group can give, in the totals.
    public var paymentCap: Double

    /// The contract's defaults: 20, 12 (full at 0.5), 6, 2 (factor 2.5), 2.5, cap 10.
    public static let defaults = PortalScoreSettings()

    public init() {
        var values: [PortalCriterion: [PortalParameter: Double]] = [:]
        for c in PortalCriterion.allCases {
            for p in c.parameters { values[c, default: [:]][p] = Self.defaultValue(c, p) }
        }
        self.values = values
        self.paymentCap = 10
    }

    static func defaultValue(_ c: PortalCriterion, _ p: PortalParameter) -> Double {
        switch p {
        case .max: c.defaultMax
        case .fullAt: 0.5
        case .factor: 2.5
        }
    }

    /// Sets a parameter the criterion has; `false` (and nothing changed) otherwise.
    @discardableResult
    public mutating func set(_ c: PortalCriterion, _ p: PortalParameter, _ value: Double) -> Bool {
        guard c.parameters.contains(p) else { return false }
        values[c, default: [:]][p] = value
        return true
    }

    public func value(_ c: PortalCriterion, _ p: PortalParameter) -> Double {
        values[c]?[p] ?? Self.defaultValue(c, p)
    }

    public func max(_ c: PortalCriterion) -> Double { value(c, .max) }

    /// The points for `ratio`; 0 for a NULL ratio.
    public func points(_ c: PortalCriterion, ratio: Double?) -> Double {
        guard let r = ratio else { return 0 }
        let top = max(c)
        switch c {
        case .progress, .paymentDossiers, .paymentCoverage: return top * r
        case .online: return top * Swift.min(1, r / value(c, .fullAt))
        case .paymentProcedures: return Swift.min(top, value(c, .factor) * r)
        }
    }

    /// The fewest more dossiers in the numerator (same denominator) that give full points;
    /// `nil` for the shares of procedures. The 1e-9 guard keeps 0.6 x 10 at 6 despite binary
    /// floating point, as `target_progress` does.
    public func dossiersNeeded(_ c: PortalCriterion, numerator: Int, denominator: Int) -> Int? {
        switch c {
        case .progress, .paymentDossiers: return Swift.max(0, denominator - numerator)
        case .online:
            let needed = Int((value(c, .fullAt) * Double(denominator) - 1e-9).rounded(.up))
            return Swift.max(0, needed - numerator)
        case .paymentProcedures, .paymentCoverage: return nil
        }
    }

    /// The total points and maximum of some criteria's points, the capped groups capped.
    public func total(_ points: [(criterion: PortalCriterion, points: Double)]) -> (points: Double, max: Double) {
        var result = (points: 0.0, max: 0.0)
        for group in PortalGroup.allCases {
            let inGroup = points.filter { $0.criterion.group == group }
            guard !inGroup.isEmpty else { continue }
            var p = inGroup.reduce(0) { $0 + $1.points }
            var m = inGroup.reduce(0) { $0 + max($1.criterion) }
            if group.isCapped {
                p = Swift.min(p, paymentCap)
                m = Swift.min(m, paymentCap)
            }
            result.points += p
            result.max += m
        }
        return result
    }
}
