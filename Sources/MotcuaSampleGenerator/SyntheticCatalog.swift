import MotcuaCore
import MotcuaIO

/// One procedure of the synthetic catalog, with what the generator needs beyond the catalog row:
/// its popularity and the days on which it may receive dossiers.
struct SyntheticProcedure: Sendable {
    var code: String
    var name: String
    var field: Int
    var adminLevel: AdminLevel
    /// The level offered now (2, 3 or 4), as the catalog states it.
    var onlineLevel: Int
    /// The day the procedure reached `onlineLevel`; before it, dossiers were at one level lower.
    var upgradedOn: Int?
    var publishedOn: Int
    var abolishedOn: Int?
    /// First and last day (inclusive) on which dossiers may arrive; `activeUntil < activeFrom`
    /// when the procedure never receives any.
    var activeFrom: Int
    var activeUntil: Int
    /// Relative popularity (Zipf by rank); 0 for procedures that never receive dossiers.
    var weight: Double
    /// Working days between reception and the promised result.
    var processingDays: Int
}

/// The numbers of a procedure that dossier making reads, without its strings, so that reading
/// them per dossier copies plain integers (no reference counting).
struct ProcedureTraits: Sendable {
    var field: Int
    var adminLevel: AdminLevel
    var onlineLevel: Int
    var upgradedOn: Int
    var activeFrom: Int
    var activeUntil: Int
    var processingDays: Int

    init(_ p: SyntheticProcedure) {
        field = p.field
        adminLevel = p.adminLevel
        onlineLevel = p.onlineLevel
        upgradedOn = p.upgradedOn ?? Int.min
        activeFrom = p.activeFrom
        activeUntil = p.activeUntil
        processingDays = p.processingDays
    }

    /// The level at which the procedure was offered on `day`.
    @inline(__always)
    func level(on day: Int) -> Int { day < upgradedOn ? onlineLevel - 1 : onlineLevel }

    @inline(__always)
    func receives(on day: Int) -> Bool { day >= activeFrom && day <= activeUntil }
}

/// The synthetic procedure catalog (CONTRACT.md section 1.2) and the codes that are missing from
/// it.
///
/// Built to exercise every catalog figure of CONTRACT.md section 2, taking the end of the range as
/// the as-of date: the most popular tenth of the procedures runs all the time; of the rest, about
/// 11 % are dormant (dossiers only in the early years, or none), 7 % are too new (published in the
/// last three years; half of them get no dossier), 6 % are abolished during the range, and 10 %
/// are published during the range.
struct SyntheticCatalog: Sendable {
    var procedures: [SyntheticProcedure]
    /// Codes that dossiers use but the catalog does not list (unknown procedures).
    var unknownProcedures: [SyntheticProcedure]
    /// `procedures` and `unknownProcedures` without their strings, for the per-dossier path.
    var traits: [ProcedureTraits]
    var unknownTraits: [ProcedureTraits]
    /// Indices of procedures that receive dossiers on every day of the range.
    var anchors: [Int]
    /// Popularity table over `procedures`.
    var popularity: WeightedTable

    init(count: Int, calendar: SyntheticCalendar, random: inout SeededRandom) {
        let unknownCount = max(3, count / 50)
        let stride = max(2, 890_000 / (count + unknownCount + 1))
        let dormantCutoff = LocalDate(daysSinceEpoch: Int32(calendar.lastDay)).adding(years: -3)
        let cutoff = Int(dormantCutoff.daysSinceEpoch)
        let oldest = LocalDate.days(
            fromCivilYear: min(2010, calendar.fromYear - 5), month: 1, day: 1)

        var ranks = Array(0..<count)
        random.shuffle(&ranks)
        let anchorCount = max(1, count / 10)

        var procedures: [SyntheticProcedure] = []
        procedures.reserveCapacity(count)
        var anchors: [Int] = []
        for i in 0..<count {
            let number = 4000 + i * stride + random.below(max(1, stride / 2))
            var p = Self.makeProcedure(number: number, random: &random, calendar: calendar)
            p.publishedOn = random.within(oldest...(calendar.firstDay - 1))
            p.activeFrom = calendar.firstDay
            p.activeUntil = calendar.lastDay + 1000
            p.weight = 1.0 / Double(ranks[i] + 1)
            if ranks[i] < anchorCount {
                anchors.append(i)
            } else {
                Self.assignLife(to: &p, cutoff: cutoff, calendar: calendar, random: &random)
            }
            procedures.append(p)
        }
        self.procedures = procedures
        self.anchors = anchors
        popularity = WeightedTable(weights: procedures.map(\.weight))

        var unknown: [SyntheticProcedure] = []
        for u in 0..<unknownCount {
            let slot = u * count / unknownCount
            let number = 4000 + slot * stride + stride / 2 + random.below(max(1, stride / 2))
            var p = Self.makeProcedure(number: number, random: &random, calendar: calendar)
            p.name = random.pick(SyntheticLexicon.unknownProcedureNames)
            p.publishedOn = calendar.firstDay
            p.activeFrom = calendar.firstDay
            p.activeUntil = calendar.lastDay + 1000
            p.weight = 1
            unknown.append(p)
        }
        unknownProcedures = unknown
        traits = procedures.map(ProcedureTraits.init)
        unknownTraits = unknown.map(ProcedureTraits.init)
    }

    // MARK: - Building

    private static func makeProcedure(
        number: Int, random: inout SeededRandom, calendar: SyntheticCalendar
    ) -> SyntheticProcedure {
        let fieldIndex = random.below(SyntheticLexicon.fields.count)
        let field = SyntheticLexicon.fields[fieldIndex]
        let name = random.pick(field.procedures) + random.pick(SyntheticLexicon.procedureQualifiers)
        let lw = field.levelWeights
        let x = random.unit() * (lw.province + lw.district + lw.commune)
        let admin: AdminLevel =
            x < lw.province ? .province : x < lw.province + lw.district ? .district : .commune
        let u = random.unit()
        let level = u < 0.25 ? 2 : u < 0.60 ? 3 : 4
        var upgradedOn: Int?
        if (level == 4 && random.chance(0.35)) || (level == 3 && random.chance(0.25)) {
            upgradedOn = random.within(calendar.firstDay...calendar.lastDay)
        }
        let prefix = random.chance(0.7) ? "1." : "2."
        return SyntheticProcedure(
            code: prefix + Self.sixDigits(number), name: name, field: fieldIndex,
            adminLevel: admin, onlineLevel: level, upgradedOn: upgradedOn,
            publishedOn: calendar.firstDay, abolishedOn: nil, activeFrom: calendar.firstDay,
            activeUntil: calendar.lastDay, weight: 1,
            processingDays: random.pick(field.processingDays))
    }

    /// Makes a non-anchor procedure dormant, too new, abolished, published during the range, or
    /// leaves it running.
    private static func assignLife(
        to p: inout SyntheticProcedure, cutoff: Int, calendar: SyntheticCalendar,
        random: inout SeededRandom
    ) {
        let first = calendar.firstDay
        let last = calendar.lastDay
        let u = random.unit()
        if u < 0.115 {
            // Dormant: dossiers only in the early years, or never.
            let until = cutoff - random.within(30...700)
            if random.chance(0.5), until > first + 30 {
                p.activeUntil = until
            } else {
                p.weight = 0
                p.activeUntil = first - 1
            }
        } else if u < 0.185, cutoff + 1 < last - 30 {
            // Too new to judge: published in the last three years.
            p.publishedOn = random.within((cutoff + 1)...(last - 30))
            p.activeFrom = p.publishedOn
            if random.chance(0.5) {
                p.weight = 0
                p.activeUntil = p.activeFrom - 1
            }
        } else if u < 0.245 {
            let earliest = max(p.publishedOn + 365, first + 90)
            if earliest < last - 10 {
                let abolished = random.within(earliest...(last - 10))
                p.abolishedOn = abolished
                p.activeUntil = abolished - 1
            }
        } else if u < 0.345, first + 30 < cutoff - 1 {
            p.publishedOn = random.within((first + 30)...(cutoff - 1))
            p.activeFrom = p.publishedOn
        }
        if let up = p.upgradedOn, up < p.publishedOn { p.upgradedOn = nil }
    }

    static func sixDigits(_ n: Int) -> String {
        let s = String(n)
        return s.count >= 6 ? s : String(repeating: "0", count: 6 - s.count) + s
    }

    // MARK: - Drawing

    /// A procedure index for a dossier received on `day`, drawn by popularity among the
    /// procedures that receive dossiers that day.
    /// - Complexity: O(log P) expected; a handful of retries, then an anchor.
    func draw(on day: Int, random: inout SeededRandom) -> Int {
        for _ in 0..<8 {
            let i = popularity.draw(&random)
            if traits[i].receives(on: day) { return i }
        }
        return anchors[random.below(anchors.count)]
    }
}
