/// The portal's service index, estimated from case logs, for every calendar period a run
/// computes, for the province and each agency (CONTRACT.md section 2.3): the `portal_scores`
/// mart. What each criterion counts is declared in `PortalCriterion`; the weights are
/// `PortalScoreSettings`.
///
/// Every calendar period is a run of whole months, so each criterion's numerator and
/// denominator are differences of running sums by month and agency (as `Form06Table` answers
/// form 06 from half-months):
/// - progress reuses form 06's counters (`Form06Totals`, its per-dossier classification kept in
///   `Form06.placement`), less the same counters over the dossiers with more than one supplement
///   request, which the portal counts late or overdue whatever their dates;
/// - online reads `received_level4` and `received_online_level4` of the monthly totals;
/// - payment_dossiers counts, in one pass, dossiers with a financial obligation and those of
///   them paid online;
/// - the two procedure shares read which (agency, procedure, month) keys of the monthly totals
///   received any dossier, and any paid online.
///
/// Cost at 5M dossiers (docs/performance.md): one pass over the records (a branch each, a
/// table look-up for a dossier with an obligation or two supplement requests), then work in
/// keys x 3 periods and agencies x months x periods, independent of the dossier count.
public struct PortalScores: Sendable, Equatable {
    /// A row of `portal_scores`.
    public struct Row: Sendable, Equatable {
        public var period: Period
        /// `nil` for the province.
        public var agencyCode: String?
        public var criterion: PortalCriterion
        public var numerator: Int
        public var denominator: Int
        /// `nil` when the denominator is 0.
        public var ratio: Double?
        public var points: Double
        public var maxPoints: Double
        /// The fewest more dossiers in the numerator for full points; `nil` for procedure shares.
        public var dossiersNeeded: Int?

        public var pointsLost: Double { maxPoints - points }
        /// `province` or `agency`, as `portal_scores.scope` spells it.
        public var scope: String { agencyCode == nil ? "province" : "agency" }
    }

    public var settings: PortalScoreSettings
    /// The calendar periods scored, sorted.
    public private(set) var periods: [Period] = []
    /// By period, the province first, then agencies by code, criteria in `allCases` order.
    public private(set) var rows: [Row] = []

    public init(settings: PortalScoreSettings = .defaults) { self.settings = settings }

    /// The rows of one scope in one period (`agencyCode` nil: the province).
    public func rows(of period: Period, agencyCode: String?) -> [Row] {
        rows.filter { $0.period == period && $0.agencyCode == agencyCode }
    }

    /// Points and maximum of one scope in one period, the payment group capped (as the
    /// `portal_score_totals` view adds them); `nil` when the scope has no row.
    public func total(of period: Period, agencyCode: String?) -> (points: Double, max: Double)? {
        let scoped = rows(of: period, agencyCode: agencyCode)
        guard !scoped.isEmpty else { return nil }
        return settings.total(scoped.map { ($0.criterion, $0.points) })
    }

    // MARK: - Computing

    /// Counters per agency and month, running sums after `compute` adds them up.
    enum Counter: Int, CaseIterable {
        // Form 06's seven events over every dossier (0..<7), then over the supplemented (7..<14).
        case level4 = 14, level4Online, obligation, obligationPaidOnline
        static let allEvents = 0
        static let supplementedEvents = 7
        static let width = 18
    }

    /// - Parameter portal: the supplement rule's and the obligations' counters of these dossiers
    ///   (`PortalTotals`, kept with the store and updated by difference).
    /// - Complexity: O(keys + agencies x (months + periods) + fee-bearing (agency, procedure)
    ///   pairs x periods); no pass over the dossiers.
    public static func compute(
        ledger: DossierLedger, catalog: Catalog, asOf: LocalDate, monthly: MonthlyTotals, form06: Form06Totals,
        portal: PortalTotals, settings: PortalScoreSettings = .defaults
    ) -> PortalScores {
        var result = PortalScores(settings: settings)
        let procedureOf: [Procedure?] = ledger.procedures.codes.map { catalog[$0] }

        // The months covered: from the first with a received dossier to the as-of date's.
        var firstHalf = Int32.max
        form06.table.forEach { key, s in
            if form06.table.counts[s + Form06Totals.Event.receivedOnline.rawValue] != 0
                || form06.table.counts[s + Form06Totals.Event.receivedOther.rawValue] != 0
            {
                firstHalf = min(firstHalf, Int32(truncatingIfNeeded: key >> 40))
            }
        }
        let last = asOf.month.index
        let first = firstHalf == .max ? Int32.max : firstHalf >> 1
        guard first <= last else { return result }

        // The supplement rule's counters come from the portal totals as they are; the
        // obligations go into a dense (agency, month) table over the months covered: a month
        // before the first counts in the first, as `add` below does, and one after the as-of
        // date's is not counted.
        let supplemented = portal.supplemented
        let span = Int(last - first) + 1
        var dense = [Int32](repeating: 0, count: max(ledger.agencies.count, 1) * span * 2)
        portal.obligations.forEach { key, s in
            let agency = Int(key >> 20 & 0xFFFFF)
            let month = Int32(truncatingIfNeeded: key >> 40)
            let m = Int(max(month, first) - first)
            guard m < span, agency < ledger.agencies.count else { return }
            dense[(agency * span + m) * 2] += portal.obligations.counts[s + PortalTotals.Obligation.all.rawValue]
            dense[(agency * span + m) * 2 + 1] += portal.obligations.counts[s + PortalTotals.Obligation.paidOnline.rawValue]
        }

        let earliest = LocalDate(
            daysSinceEpoch: Int32(
                LocalDate.days(
                    fromCivilYear: Int(firstHalf / 24), month: Int(firstHalf % 24 / 2) + 1, day: firstHalf % 2 == 0 ? 1 : 15)))
        let periods = Period.all(kinds: [.calendar], endingBy: asOf, notBefore: earliest)
        result.periods = periods
        let months = Int(last - first) + 1
        let agencies = ledger.agencies.count
        let province = agencies  // the province's counters follow the agencies'
        let width = Counter.width
        var sums = [Int32](repeating: 0, count: (agencies + 1) * months * width)

        func add(agency: Int, month: Int32, counter: Int, _ value: Int32) {
            let m = max(month, first)
            // A key of an agency the ledger does not have (a damaged store) counts nowhere.
            guard m <= last, value != 0, agency < agencies else { return }
            sums[(agency * months + Int(m - first)) * width + counter] += value
            sums[(province * months + Int(m - first)) * width + counter] += value
        }
        for (table, base) in [(form06.table, Counter.allEvents), (supplemented, Counter.supplementedEvents)] {
            table.forEach { key, s in
                let agency = Int(key >> 20 & 0xFFFFF)
                let month = Int32(truncatingIfNeeded: key >> 40) >> 1
                for c in 0..<Form06Totals.width { add(agency: agency, month: month, counter: base + c, table.counts[s + c]) }
            }
        }
        monthly.table.forEach { key, s in
            let agency = Int(key >> 20 & 0xFFFFF)
            let month = Int32(truncatingIfNeeded: key >> 40)
            add(agency: agency, month: month, counter: Counter.level4.rawValue,
                monthly.table.counts[s + MonthlyCounts.Column.receivedLevel4.rawValue])
            add(agency: agency, month: month, counter: Counter.level4Online.rawValue,
                monthly.table.counts[s + MonthlyCounts.Column.receivedOnlineLevel4.rawValue])
        }
        for agency in 0..<ledger.agencies.count {
            for m in 0..<span where dense[(agency * span + m) * 2] != 0 {
                let s = (agency * span + m) * 2
                let month = first + Int32(m)
                add(agency: agency, month: month, counter: Counter.obligation.rawValue, dense[s])
                add(agency: agency, month: month, counter: Counter.obligationPaidOnline.rawValue, dense[s + 1])
            }
        }
        for a in 0...agencies {
            for m in 1..<months {
                let base = (a * months + m) * width
                for c in 0..<width { sums[base + c] += sums[base - width + c] }
            }
        }

        let shares = PortalProcedureShares.count(
            monthly: monthly, catalog: catalog, procedureOf: procedureOf, agencies: agencies, periods: periods, firstMonth: first,
            lastMonth: last)

        let codes = ledger.agencies.codes
        let agencyOrder = (0..<agencies).sorted { codes[$0] < codes[$1] }
        for (k, period) in periods.enumerated() {
            let s = Int(period.startsOn.month.index - first)
            let e = Int(period.endsOn.month.index - first)
            for a in [province] + agencyOrder {
                func value(_ counter: Int, at m: Int) -> Int { m < 0 ? 0 : Int(sums[(a * months + m) * width + counter]) }
                func events(_ base: Int, at m: Int) -> [Int] { (0..<Form06Totals.width).map { value(base + $0, at: m) } }
                func inPeriod(_ counter: Counter) -> Int { value(counter.rawValue, at: e) - value(counter.rawValue, at: s - 1) }
                let all = Form06Table.columns(
                    atEnd: events(Counter.allEvents, at: e), beforeStart: events(Counter.allEvents, at: s - 1))
                let inScope = all[Form06.Column.receivedTotal.rawValue]
                guard a == province || inScope > 0 else { continue }
                let late = Form06Table.columns(
                    atEnd: events(Counter.supplementedEvents, at: e),
                    beforeStart: events(Counter.supplementedEvents, at: s - 1))
                let inTime = [Form06.Column.settledEarly, .settledOnTime, .pendingInTime]
                let counts: [PortalCriterion: (Int, Int)] = [
                    .progress: (inTime.reduce(0) { $0 + all[$1.rawValue] - late[$1.rawValue] }, inScope),
                    .online: (inPeriod(.level4Online), inPeriod(.level4)),
                    .paymentDossiers: (inPeriod(.obligationPaidOnline), inPeriod(.obligation)),
                    .paymentProcedures: shares.paidOnline(period: k, agency: a),
                    .paymentCoverage: shares.received(period: k, agency: a),
                ]
                for criterion in PortalCriterion.allCases {
                    // swift-format-ignore: NeverForceUnwrap
                    let (n, d) = counts[criterion]!
                    let ratio = d == 0 ? nil : Double(n) / Double(d)
                    result.rows.append(
                        Row(
                            period: period, agencyCode: a == province ? nil : codes[a], criterion: criterion,
                            numerator: n, denominator: d, ratio: ratio, points: settings.points(criterion, ratio: ratio),
                            maxPoints: settings.max(criterion),
                            dossiersNeeded: settings.dossiersNeeded(criterion, numerator: n, denominator: d)))
                }
            }
        }
        return result
    }
}
