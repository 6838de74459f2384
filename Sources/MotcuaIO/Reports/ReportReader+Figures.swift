public import MotcuaCore

/// The reports of the run's `report` stage, read from the figures in memory instead of the
/// database just built (issue 16).
///
/// Why: the report queries aggregate `monthly_counts` through the ratio views once per query
/// (about ten passes over every row); on a night whose database was patched, that was 2.5 s of a
/// 3.9-5.0 s run over a 5M-record history, and 0.9 s of a full 2M-row run. Here one pass over the
/// rows of the report's year and the year before gives the same sums. `Benchmarks/compare.sh` and
/// `Benchmarks/nightly.sh` measure it; `ReportReaderFiguresTests` checks that both readings give
/// equal `ReportData`, field for field, so the reports still agree with the users' SQL.
///
/// The planner lists and the portal score come from the database (`completing(_:database:)`).
///
/// Every rule below mirrors a query of `ReportReader` or a view of `SummaryDatabase+Schema`:
/// ratios are `1.0 * numerator / denominator`, absent (NULL) on a zero denominator; names come
/// from the agencies and the catalog written to the same database.
extension ReportReader {
    /// The reports of `kinds` for `year` (`nil`: the default year) from what the run publishes.
    /// - Complexity: O(rows of `monthly_counts`) for the years with data, then O(rows of the two
    ///   years read) with a hash per row.
    public static func read(_ content: SummaryDatabase.Content, year: Int?, kinds: [ReportKind] = ReportKind.allCases)
        -> ReportData
    {
        let f = content.figures
        let monthly = f.monthly
        let asOf = f.asOf.description
        var years = Set<Int>()
        var lastYear = Int.min
        for key in monthly.keys where key.month.year != lastYear {
            lastYear = key.month.year
            years.insert(lastYear)
        }
        let yearsWithData = years.sorted()
        let chosen = year ?? ReportData.defaultYear(yearsWithData: yearsWithData, asOf: asOf)
        var data = ReportData(pipeline: content.pipeline, asOf: asOf, year: chosen, yearsWithData: yearsWithData)
        if let run = content.runs.max(by: { ($0.finishedAt, $0.id) < ($1.finishedAt, $1.id) }) {
            data.lastRunID = run.id
            data.lastRunFinishedAt = run.finishedAt
        }
        let sums = YearSums(content, years: [chosen, chosen - 1])
        if kinds.contains(.targets) { data.targets = targets(content, sums: sums, year: chosen) }
        if kinds.contains(.retire) { data.retire = retire(f.dormancy, asOf: asOf) }
        if kinds.contains(.onTime) { data.onTime = onTime(content, sums: sums, year: chosen, asOf: asOf) }
        if kinds.contains(.adoption) { data.adoption = adoption(content, sums: sums, year: chosen) }
        return data
    }

    /// `data` read from the figures, completed with what only the database holds: the planner
    /// lists and the portal score (issue 15), small tables and views read as `read(database:)`
    /// reads them. With it, the result equals `read(database:year:kinds:)` on that database.
    public static func completing(_ data: ReportData, database path: String, kinds: [ReportKind] = ReportKind.allCases)
        throws(ReportError) -> ReportData
    {
        var data = data
        do {
            let db = try SQLiteConnection(path: path, readOnly: true)
            var metadata: [String: String] = [:]
            for row in try db.prepare("SELECT key, value FROM metadata").query() {
                if let key = row[0].text { metadata[key] = row[1].text ?? "" }
            }
            if kinds.contains(.retire) {
                data.retire?.onlineServicesWithoutOnlineDossiers = try onlineServicesWithoutOnlineDossiers(db)
            }
            if kinds.contains(.adoption) { data.adoption?.upgradeCandidates = try upgradeCandidates(db) }
            if kinds.contains(.portalScore) { data.portalScore = try portalScore(db, year: data.year, metadata: metadata) }
        } catch {
            throw ReportError(kind: .unreadableDatabase, path: path, detail: "\(error.message) (SQLite code \(error.code))")
        }
        return data
    }

    // MARK: - Sums

    /// `monthly_counts` summed by year, by (year, agency), by (year, field) and by month, for a
    /// few years: what the ratio views give for them.
    struct YearSums {
        typealias Counts = [Int]
        var province: [Int: Counts] = [:]
        var agencies: [Int: [String: Counts]] = [:]
        /// Field `nil`: a procedure missing from the catalog (the views' NULL field).
        var fields: [Int: [String?: Counts]] = [:]
        var months: [Month: Counts] = [:]
        /// Every year's sums, for targets of other years (`target_progress` reads all of them).
        var allYears: [Int: Counts] = [:]

        init(_ content: SummaryDatabase.Content, years wanted: Set<Int>) {
            let monthly = content.figures.monthly
            let width = MonthlyCounts.width
            var fieldOf: [String: String] = [:]
            for p in content.catalog.procedures { fieldOf[p.code] = p.field }
            let targetYears = Set(content.targets.map(\.year))
            // Rows come in key order (month first): the year's dictionaries are looked up once
            // per year, the agency's and field's once per row of the wanted years.
            monthly.values.withUnsafeBufferPointer { values in
                for (row, key) in monthly.keys.enumerated() {
                    let year = key.month.year
                    let counts = values[(row * width)..<((row + 1) * width)]
                    if targetYears.contains(year) { Self.add(counts, to: &allYears[year, default: Self.zero]) }
                    guard wanted.contains(year) else { continue }
                    Self.add(counts, to: &province[year, default: Self.zero])
                    Self.add(counts, to: &months[key.month, default: Self.zero])
                    Self.add(counts, to: &agencies[year, default: [:]][key.agencyCode, default: Self.zero])
                    Self.add(counts, to: &fields[year, default: [:]][fieldOf[key.procedureCode], default: Self.zero])
                }
            }
        }

        static let zero = Counts(repeating: 0, count: MonthlyCounts.width)

        @inline(__always)
        static func add(_ counts: Slice<UnsafeBufferPointer<Int>>, to sum: inout Counts) {
            for (k, v) in counts.enumerated() { sum[k] += v }
        }
    }

    private static func sum(_ counts: YearSums.Counts, _ columns: [MonthlyCounts.Column]) -> Int {
        columns.reduce(0) { $0 + counts[$1.rawValue] }
    }

    /// A ratio as the views compute it: NULL (`nil`) on a zero denominator.
    private static func ratio(_ metric: Ratio, _ counts: YearSums.Counts) -> Double? {
        guard let (numerator, denominator) = metric.fraction else { return nil }
        let d = sum(counts, denominator)
        return d == 0 ? nil : Double(sum(counts, numerator)) / Double(d)
    }

    private static func rates(_ counts: YearSums.Counts) -> AdoptionReport.Rates {
        var rates: [Ratio: Double] = [:]
        for metric in AdoptionReport.metrics { if let v = ratio(metric, counts) { rates[metric] = v } }
        return .init(
            received: counts[MonthlyCounts.Column.received.rawValue],
            receivedOnline: counts[MonthlyCounts.Column.receivedOnline.rawValue], rates: rates)
    }

    private static func agencyNames(_ content: SummaryDatabase.Content) -> [String: String] {
        var names: [String: String] = [:]
        for a in content.agencies { names[a.code] = a.name }
        return names
    }

    // MARK: - Reports

    /// `target_progress` for one year.
    static func targets(_ content: SummaryDatabase.Content, sums: YearSums, year: Int) -> TargetsReport {
        let share = content.figures.levelShareByYear[year]
        let rows = content.targets.filter { $0.year == year }.map { t -> TargetsReport.Row in
            var numerator: Int?
            var denominator: Int?
            if t.metric == .proceduresLevel34Share {
                if let share {
                    numerator = share.level34Procedures
                    denominator = share.activeProcedures
                }
            } else if let counts = sums.allYears[year], let (n, d) = t.metric.fraction {
                numerator = sum(counts, n)
                denominator = sum(counts, d)
            }
            var row = TargetsReport.Row(
                year: year, scope: t.scope, metric: t.metric.rawValue, target: t.target, actual: nil, met: nil,
                shortfall: nil, numerator: numerator, denominator: denominator)
            if let numerator, let denominator, denominator > 0 {
                let actual = 1.0 * Double(numerator) / Double(denominator)
                let needed = t.target * Double(denominator)
                row.actual = actual
                row.met = actual >= t.target
                row.shortfall = max(0, Int(needed) + (needed - Double(Int(needed)) > 1e-9 ? 1 : 0) - numerator)
            }
            return row
        }
        return TargetsReport(year: year, rows: rows)
    }

    static func retire(_ dormancy: Dormancy, asOf: String) -> RetireReport {
        func row(_ p: Procedure, last: String?, judgeable: String?, ever: Int) -> RetireReport.ProcedureRow {
            RetireReport.ProcedureRow(
                code: p.code, name: p.name, field: p.field, adminLevel: p.adminLevel?.rawValue,
                onlineLevel: p.onlineLevel.map { Int($0.rawValue) }, publishedOn: p.publishedOn.description,
                lastReceivedOn: last, judgeableOn: judgeable, dossiersEver: ever)
        }
        return RetireReport(
            asOf: asOf,
            dormant: dormancy.dormant.map {
                row($0.procedure, last: $0.lastReceivedOn?.description, judgeable: nil, ever: $0.dossiersEver)
            },
            tooNew: dormancy.tooNew.map {
                row($0.procedure, last: nil, judgeable: $0.judgeableOn.description, ever: $0.dossiersEver)
            },
            unknown: dormancy.unknown.map {
                RetireReport.UnknownRow(
                    code: $0.code, name: $0.name, dossiers: $0.dossiers, firstReceivedOn: $0.firstReceivedOn.description,
                    lastReceivedOn: $0.lastReceivedOn.description)
            })
    }

    static func onTime(_ content: SummaryDatabase.Content, sums: YearSums, year: Int, asOf: String) -> OnTimeReport {
        func timeliness(_ c: YearSums.Counts) -> OnTimeReport.Timeliness {
            .init(
                early: c[MonthlyCounts.Column.resolvedEarly.rawValue], onTime: c[MonthlyCounts.Column.resolvedOnTime.rawValue],
                late: c[MonthlyCounts.Column.resolvedLate.rawValue], noDue: c[MonthlyCounts.Column.resolvedNoDue.rawValue])
        }
        let names = agencyNames(content)
        let agencies = (sums.agencies[year] ?? [:]).compactMap { code, counts -> OnTimeReport.AgencyRow? in
            let t = timeliness(counts)
            guard t.early + t.onTime + t.late + t.noDue > 0 else { return nil }
            return .init(code: code, name: names[code] ?? "", counts: t)
        }
        var backlog: [String: (pending: Int, overdue: Int)] = [:]
        for r in content.figures.backlog.rows {
            backlog[r.agencyCode, default: (0, 0)].pending += r.pending
            backlog[r.agencyCode, default: (0, 0)].overdue += r.pendingOverdue
        }
        return OnTimeReport(
            year: year, asOf: asOf,
            province: sums.province[year].map(timeliness) ?? .init(early: 0, onTime: 0, late: 0, noDue: 0),
            agencies: agencies,
            backlog: backlog.compactMap { code, b in
                b.pending > 0 ? .init(code: code, name: names[code] ?? "", pending: b.pending, overdue: b.overdue) : nil
            })
    }

    static func adoption(_ content: SummaryDatabase.Content, sums: YearSums, year: Int) -> AdoptionReport {
        let names = agencyNames(content)
        let months = sums.months.compactMap { month, counts -> AdoptionReport.MonthRow? in
            guard month.year == year, counts[MonthlyCounts.Column.received.rawValue] > 0 else { return nil }
            return .init(month: month.description, rates: rates(counts))
        }
        let agencies = (sums.agencies[year] ?? [:]).compactMap { code, counts -> AdoptionReport.GroupRow? in
            guard counts[MonthlyCounts.Column.received.rawValue] > 0 else { return nil }
            return .init(
                code: code, name: names[code] ?? "", current: rates(counts), previous: sums.agencies[year - 1]?[code].map(rates))
        }
        let fields = (sums.fields[year] ?? [:]).compactMap { field, counts -> AdoptionReport.GroupRow? in
            guard counts[MonthlyCounts.Column.received.rawValue] > 0 else { return nil }
            return .init(code: nil, name: field, current: rates(counts), previous: sums.fields[year - 1]?[field].map(rates))
        }
        var targets: [Ratio: Double] = [:]
        for t in content.targets where t.year == year && t.scope == "province" && t.metric.isAdoption {
            targets[t.metric] = t.target
        }
        let current = sums.province[year].map(rates).flatMap { $0.received > 0 ? $0 : nil }
        return AdoptionReport(
            year: year, province: current, provincePrevious: sums.province[year - 1].map(rates), months: months,
            agencies: agencies, fields: fields, targets: targets)
    }
}
