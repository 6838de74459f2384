import MotcuaCore
import MotcuaIO

/// The one-stop shops of the synthetic province: receives dossiers day by day and decides each
/// one's life at once (procedure, agency, channel, due date, outcome, closing time).
///
/// The mix is chosen so every figure of CONTRACT.md section 2 has something to count:
/// - the online share rises from about 15 % in the first year to about 65 % in the last, mostly on
///   level-3 and level-4 procedures; about 4 % comes by post;
/// - 3 % of dossiers have no due date; due dates are a procedure's working days after reception,
///   at 17:00 (55 %), as a bare date (15 %), at exactly midnight (15 %) or at the time of
///   reception;
/// - of the resolved, about 7 % are late (a fifth of them on the due day just after 17:00), 38 %
///   on the due day and the rest early; 4 % are rejected, 3 % withdrawn, 0.4 % never closed;
/// - 0.5 % of dossiers use a procedure code that is not in the catalog.
struct SyntheticOffice {
    let calendar: SyntheticCalendar
    let catalog: SyntheticCatalog
    let agencies: SyntheticAgencies
    private var random: SeededRandom
    /// The dossier-id counter of each agency and the day it counts.
    private var counters: [Int]
    private var counterDays: [Int]
    private let placeCount: Int
    private let firstSequence: Int

    static let unknownProcedureShare = 0.005

    init(
        calendar: SyntheticCalendar, catalog: SyntheticCatalog, agencies: SyntheticAgencies,
        random: SeededRandom, firstSequence: Int = 1
    ) {
        self.firstSequence = firstSequence
        self.calendar = calendar
        self.catalog = catalog
        self.agencies = agencies
        self.random = random
        counters = Array(repeating: 0, count: agencies.agencies.count)
        counterDays = Array(repeating: Int.min, count: agencies.agencies.count)
        placeCount = max(1, agencies.placeNames.count)
    }

    // MARK: - Reception

    /// Receives one dossier on `day`; `fraction` (0..<1) places it within the day's office hours,
    /// so dossiers made in order get increasing times and counters.
    /// - Complexity: O(log P + log A) plus O(processing days) for the due date.
    mutating func receive(day: Int, fraction: Double) -> SyntheticDossier {
        var r = random
        defer { random = r }

        // What and where.
        let procedureIndex: Int
        let procedure: ProcedureTraits
        let agency: Int
        if r.chance(Self.unknownProcedureShare) {
            let k = r.below(catalog.unknownTraits.count)
            procedureIndex = -1 - k
            procedure = catalog.unknownTraits[k]
            agency = agencies.drawAny(random: &r)
        } else {
            procedureIndex = catalog.draw(on: day, random: &r)
            procedure = catalog.traits[procedureIndex]
            agency = agencies.draw(for: procedure, random: &r)
        }
        if counterDays[agency] != day {
            counterDays[agency] = day
            counters[agency] = firstSequence - 1
        }
        counters[agency] += 1

        // How.
        let progress = Double(day - calendar.firstDay) / Double(max(1, calendar.dayCount - 1))
        let onlineShare = 0.08 + 0.64 * progress
        let level = procedure.level(on: day)
        let weekday = SyntheticCalendar.weekday(day)
        let channel: Channel
        if weekday == 0 || (weekday == 6 && r.chance(0.6)) {
            channel = .online
        } else if r.chance(0.04) {
            channel = .postal
        } else {
            let pOnline =
                level >= 4 ? min(0.97, onlineShare * 1.2) : level == 3 ? onlineShare : 0.03
            channel = r.chance(pOnline) ? .online : .inPerson
        }

        // When.
        var secondOfDay = Self.officeSecond(fraction)
        if channel == .online, r.chance(0.05) {
            secondOfDay = r.chance(0.7) ? r.within(68_400...86_399) : r.within(18_000...25_199)
        }
        let received = day * SyntheticCalendar.secondsPerDay + secondOfDay

        // Due.
        var due: Int?
        var dueDateOnly = false
        var dueEnd = Int.max  // the last second that is still on time
        var dueHasClock = false  // a time of day other than midnight
        let dueDay = SyntheticCalendar.addingWorkingDays(procedure.processingDays, to: day)
        if !r.chance(0.03) {
            let u = r.unit()
            let dayStart = dueDay * SyntheticCalendar.secondsPerDay
            if u < 0.55 || (u >= 0.85 && procedure.processingDays == 0) {
                due = dayStart + 17 * 3600
                dueEnd = dayStart + 17 * 3600
                dueHasClock = true
            } else if u < 0.85 {
                due = dayStart
                dueDateOnly = u < 0.70
                dueEnd = dayStart + SyntheticCalendar.secondsPerDay - 1
            } else {
                due = dayStart + secondOfDay
                dueEnd = dayStart + secondOfDay
                dueHasClock = true
            }
        }

        // Outcome.
        let outcome = r.unit()
        var status = DossierStatus.resolved
        var closed: Int?
        if outcome < 0.004 {
            status = .pending
        } else if outcome < 0.074 {
            status = outcome < 0.034 ? .withdrawn : .rejected
            let closeDay = day + r.within(0...max(0, dueDay - day))
            closed = closeDay * SyntheticCalendar.secondsPerDay + Self.officeSecond(r.unit())
        } else if due == nil {
            let days = max(0, procedure.processingDays + r.within(-1...3))
            let closeDay = SyntheticCalendar.addingWorkingDays(days, to: day)
            closed = closeDay * SyntheticCalendar.secondsPerDay + Self.officeSecond(r.unit())
        } else {
            closed = Self.resolution(
                day: day, dueDay: dueDay, dueEnd: dueEnd, dueHasClock: dueHasClock, random: &r)
        }
        if let c = closed, c < received + 60 { closed = received + r.within(60...5400) }
        let closedDay = closed.map { $0 / SyntheticCalendar.secondsPerDay } ?? day

        // Stated level and payment.
        var stated = 0
        if r.chance(0.55) { stated = level }
        var paid: UInt8 = 0
        if !r.chance(0.25) {
            paid = channel == .online && level >= 4 && r.chance(0.5 + 0.4 * progress) ? 1 : 2
        }

        let styleDraw = r.unit()
        return SyntheticDossier(
            agency: agency, procedure: procedureIndex, sequence: counters[agency], receivedDay: day,
            channel: channel, received: received, due: due, dueDateOnly: dueDateOnly,
            finalStatus: status, closed: closed, level: stated, paid: paid,
            receivedDateOnly: r.chance(0.005),
            closedDateOnly: closedDay > day && r.chance(0.02),
            dateStyle: styleDraw < 0.80 ? 0 : styleDraw < 0.88 ? 1 : styleDraw < 0.96 ? 2 : 3,
            nfd: r.chance(0.02), oddName: r.chance(0.005), textChannel: r.chance(0.02),
            spelling: r.below(6),
            familyName: r.below(SyntheticLexicon.familyNames.count),
            middleName: r.below(SyntheticLexicon.middleNames.count),
            givenName: r.below(SyntheticLexicon.givenNames.count),
            citizenID: Self.citizenID(&r), phone: Self.phone(&r), phoneStyle: r.below(4),
            houseNumber: r.within(1...250), street: r.below(SyntheticLexicon.streets.count),
            place: r.below(placeCount))
    }

    /// A resolved dossier's closing time: late, on the due day, or early.
    private static func resolution(
        day: Int, dueDay: Int, dueEnd: Int, dueHasClock: Bool, random r: inout SeededRandom
    ) -> Int {
        let perDay = SyntheticCalendar.secondsPerDay
        let u = r.unit()
        if u < 0.07 {
            if dueHasClock, r.chance(0.2) {
                return dueEnd + r.within(60...2700)
            }
            let lateDay = SyntheticCalendar.addingWorkingDays(r.within(1...10), to: dueDay)
            return lateDay * perDay + officeSecond(r.unit())
        }
        if u < 0.45 || dueDay <= day {
            // On the due day, no later than promised.
            let start = dueDay * perDay + 27_000
            let latest = min(dueEnd, dueDay * perDay + 61_200)
            return latest > start ? r.within(start...latest) : latest
        }
        var closeDay = day + r.below(dueDay - day)
        while closeDay > day, SyntheticCalendar.weekday(closeDay) % 6 == 0 { closeDay -= 1 }
        return closeDay * perDay + officeSecond(r.unit())
    }

    // MARK: - Parts

    /// Office hours 07:30-11:30 and 13:30-17:00 as one line from 0 to 1.
    @inline(__always)
    static func officeSecond(_ fraction: Double) -> Int {
        let x = Int(max(0, min(0.99999, fraction)) * 27_000)
        return x < 14_400 ? 27_000 + x : 48_600 + (x - 14_400)
    }

    private static let birthProvinces = [1, 26, 25, 22, 24, 30, 35, 36, 79]
    private static let mobilePrefixes = [
        32, 33, 34, 35, 36, 37, 38, 39, 70, 76, 77, 78, 79, 81, 83, 84, 85, 86, 88, 90, 91, 93, 94,
        96, 97, 98,
    ]

    /// A 12-digit citizen ID: province of birth, century and sex, year of birth, serial.
    private static func citizenID(_ r: inout SeededRandom) -> Int {
        let province = r.pick(birthProvinces)
        let centurySex = r.below(4)
        let year = r.within(40...99) % 100
        return ((province * 10 + centurySex) * 100 + year) * 1_000_000 + r.below(1_000_000)
    }

    /// A 9-digit mobile number without its leading 0.
    private static func phone(_ r: inout SeededRandom) -> Int {
        let prefix = r.pick(mobilePrefixes)
        return prefix * 10_000_000 + r.below(10_000_000)
    }
}
