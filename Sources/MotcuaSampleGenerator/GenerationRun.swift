import MotcuaCore
import MotcuaIO

/// The day-by-day loop of one `SampleGenerator` run: spreads exactly `rows` rows over the days of
/// the range by their volume, receives dossiers in order, and writes each dossier's rows at once
/// into the files of the periods where its states were recorded.
///
/// Exactness: day `d` may write rows until the running total reaches `rows × (weight of days up to
/// d) / (total weight)`; a dossier's optional rows (an early pending row, a pending update, a
/// repeat) are dropped when fewer rows are left than they need, so the total is exactly `rows`.
/// Bad rows are slotted in whenever the share written so far falls below `badRate`.
struct GenerationRun {
    let options: SampleGeneratorOptions
    let calendar: SyntheticCalendar
    let periods: [ExportPeriod]
    var office: SyntheticOffice
    var random: SeededRandom

    private(set) var emitted = 0
    private(set) var dossiers = 0
    private(set) var badRows: [RejectReason: Int] = [:]
    private var badCount = 0
    private var dossierRows = 0
    /// The first second after the range: a dossier closed later is still pending in the exports.
    private let rangeEnd: Int

    init(
        options: SampleGeneratorOptions, calendar: SyntheticCalendar, periods: [ExportPeriod],
        office: SyntheticOffice, random: SeededRandom
    ) {
        self.options = options
        self.calendar = calendar
        self.periods = periods
        self.office = office
        self.random = random
        rangeEnd = (calendar.lastDay + 1) * SyntheticCalendar.secondsPerDay
    }

    mutating func generate() throws(SampleGeneratorError) {
        let total = calendar.weights.reduce(0, +)
        let rows = options.rows
        var cumulative = 0.0
        for day in calendar.firstDay...calendar.lastDay {
            cumulative += calendar.weights[day - calendar.firstDay]
            let target =
                day == calendar.lastDay ? rows : min(rows, Int(Double(rows) * cumulative / total))
            guard emitted < target else { continue }
            let perDossier = (Double(dossierRows) + 12) / (Double(dossiers) + 10)
            let expected = max(1, Double(target - emitted) / perDossier)
            var k = 0.0
            while emitted < target {
                let fraction = (k + random.unit()) / expected
                k += 1
                if Int(Double(emitted + 1) * options.badRate) > badCount {
                    try writeBadRow(day: day, fraction: fraction)
                } else {
                    try writeDossier(office.receive(day: day, fraction: fraction))
                }
            }
        }
    }

    // MARK: - Periods

    /// The period holding `day` (0-based); days after the range belong to none.
    @inline(__always)
    private func period(ofDay day: Int) -> Int? {
        guard day <= calendar.lastDay else { return nil }
        let x = day - calendar.firstDay
        return min(periods.count - 1, ((x + 1) * periods.count - 1) / calendar.dayCount)
    }

    @inline(__always)
    private mutating func put(
        _ d: SyntheticDossier, _ state: DossierRowState, in p: Int, bad: BadRow? = nil
    ) throws(SampleGeneratorError) {
        try periods[p].encoder.write(d, state, bad: bad, to: periods[p].writer)
        emitted += 1
    }

    // MARK: - Dossiers

    /// Writes the rows of one valid dossier (1 to 3, fewer when the budget is nearly spent).
    private mutating func writeDossier(_ d: SyntheticDossier) throws(SampleGeneratorError) {
        let perDay = SyntheticCalendar.secondsPerDay
        let left = options.rows - emitted
        let received = period(ofDay: d.receivedDay) ?? (periods.count - 1)
        let pendingUpdated = d.received + random.within(30...1800)
        let pending = DossierRowState(status: .pending, closed: nil, updated: pendingUpdated)

        var early: (period: Int, state: DossierRowState)?
        var main: (period: Int, state: DossierRowState)
        if let closed = d.closed, closed < rangeEnd {
            let closedPeriod = period(ofDay: closed / perDay) ?? received
            let updated = max(closed + random.within(0...5400), pendingUpdated + 60)
            let final = DossierRowState(status: d.finalStatus, closed: closed, updated: updated)
            main = (closedPeriod, final)
            if left >= 2, closedPeriod != received || random.chance(0.15) {
                early = (received, pending)
            }
        } else {
            // Still open at the end of the range: pending, sometimes updated in a later export.
            main = (received, pending)
            if left >= 2, received < periods.count - 1, random.chance(0.3) {
                let later = random.within((received + 1)...(periods.count - 1))
                let updated = max(
                    pendingUpdated + 60,
                    periods[later].firstDay * perDay + random.within(27_000...61_200))
                early = main
                main = (later, DossierRowState(status: .pending, closed: nil, updated: updated))
            }
        }
        // A lone row sometimes has no updated_at; never when another row of the dossier exists,
        // since a row without it loses to any row with it (CONTRACT.md section 1.5).
        if early == nil, random.chance(0.08) { main.state.updated = nil }
        let repeated = left >= (early == nil ? 2 : 3) && random.chance(0.01)

        if var early {
            early.state.laterRowFollows = true
            // A sync record has no updated_at, and a row without one loses to any row with one
            // (CONTRACT.md 1.5): when the final state is a sync record, the earlier row has none
            // either, so the final state wins by input order (sync files come last).
            if periods[main.period].isSync, !periods[early.period].isSync { early.state.updated = nil }
            try put(d, early.state, in: early.period)
        }
        try put(d, main.state, in: main.period)
        if repeated { try put(d, main.state, in: main.period) }
        dossiers += 1
        dossierRows += (early == nil ? 1 : 2) + (repeated ? 1 : 0)
    }

    /// Writes one row broken for the next reject reason in turn, with a fresh dossier id.
    private mutating func writeBadRow(day: Int, fraction: Double) throws(SampleGeneratorError) {
        var d = office.receive(day: day, fraction: fraction)
        let p = period(ofDay: day) ?? (periods.count - 1)
        // A sync record carries no service level, so it is never broken as unknown_level.
        let reasons = periods[p].isSync ? SyncRecordEncoder.badReasons : RejectReason.allCases
        let reason = reasons[badCount % reasons.count]
        let bad = BadRow(reason: reason, variant: badCount / reasons.count)
        let updated = d.received + random.within(30...1800)
        var state = DossierRowState(status: .pending, closed: nil, updated: updated)
        if let closed = d.closed {
            state = DossierRowState(
                status: d.finalStatus, closed: closed, updated: max(closed, updated))
        }
        bad.apply(to: &d, state: &state)
        try put(d, state, in: p, bad: bad)
        badCount += 1
        badRows[reason, default: 0] += 1
    }
}
