/// Which catalog procedures planners may retire, as of a date (CONTRACT.md section 2).
///
/// Dormant: active on A, published on or before A minus 3 years, and no dossier of any channel or
/// status received in (A - 3 years, A]. Published later with no dossier in the window: too new to
/// judge, listed apart. Dossiers of codes missing from the catalog are listed as unknown.
public struct Dormancy: Sendable, Equatable {
    public struct DormantProcedure: Sendable, Equatable {
        public var procedure: Procedure
        /// The last dossier received on or before A; `nil`: never.
        public var lastReceivedOn: LocalDate?
        /// Dossiers received on or before A.
        public var dossiersEver: Int
    }

    public struct TooNewProcedure: Sendable, Equatable {
        public var procedure: Procedure
        /// The first as-of date on which it could be judged dormant: published_on + 3 years.
        public var judgeableOn: LocalDate
        public var dossiersEver: Int
    }

    public struct UnknownProcedure: Sendable, Equatable {
        public var code: String
        /// The latest name seen in the exports, if any.
        public var name: String
        public var dossiers: Int
        public var firstReceivedOn: LocalDate
        public var lastReceivedOn: LocalDate
    }

    public var asOf: LocalDate
    /// A minus 3 years; the window is (windowStart, asOf].
    public var windowStart: LocalDate
    public private(set) var dormant: [DormantProcedure] = []
    public private(set) var tooNew: [TooNewProcedure] = []
    public private(set) var unknown: [UnknownProcedure] = []

    public static let windowYears = 3

    /// The first as-of date whose window starts on or after `published`. Usually the same day
    /// three years on; for 29 February it is 1 March, because on 28 February three years later the
    /// window still starts on the 28th, before publication (CONTRACT.md section 2).
    public static func judgeableOn(_ published: LocalDate) -> LocalDate {
        var day = published.adding(years: windowYears)
        if day.adding(years: -windowYears) < published { day = day.adding(days: 1) }
        return day
    }

    /// - Complexity: O(n) over dossiers plus O(p) over the catalog.
    public static func compute(ledger: DossierLedger, catalog: Catalog, asOf: LocalDate) -> Dormancy {
        let windowStart = asOf.adding(years: -windowYears)
        let codes = ledger.procedures.codes
        var inWindow = [Int](repeating: 0, count: codes.count)
        var ever = [Int](repeating: 0, count: codes.count)
        var last = [Int32](repeating: .min, count: codes.count)
        var all = [Int](repeating: 0, count: codes.count)
        var first = [Int32](repeating: .max, count: codes.count)
        var lastAny = [Int32](repeating: .min, count: codes.count)
        // A dossier not received is no sign of demand the office served (CONTRACT.md 1.1).
        for r in ledger.records where r.isReceived {
            let p = Int(r.procedure)
            let day = LocalDateTime(millis: r.receivedAt).date
            all[p] += 1
            first[p] = min(first[p], day.daysSinceEpoch)
            lastAny[p] = max(lastAny[p], day.daysSinceEpoch)
            guard day <= asOf else { continue }
            ever[p] += 1
            last[p] = max(last[p], day.daysSinceEpoch)
            if day > windowStart { inWindow[p] += 1 }
        }
        var result = Dormancy(asOf: asOf, windowStart: windowStart)
        for procedure in catalog.procedures where procedure.isActive(on: asOf) {
            let k = ledger.procedures.index(of: procedure.code).map(Int.init)
            let window = k.map { inWindow[$0] } ?? 0
            guard window == 0 else { continue }
            let everCount = k.map { ever[$0] } ?? 0
            if procedure.publishedOn <= windowStart {
                let lastDay = k.flatMap { last[$0] == .min ? nil : LocalDate(daysSinceEpoch: last[$0]) }
                result.dormant.append(
                    DormantProcedure(procedure: procedure, lastReceivedOn: lastDay, dossiersEver: everCount))
            } else {
                result.tooNew.append(
                    TooNewProcedure(
                        procedure: procedure, judgeableOn: judgeableOn(procedure.publishedOn), dossiersEver: everCount))
            }
        }
        for (k, code) in codes.enumerated() where catalog[code] == nil && all[k] > 0 {
            result.unknown.append(
                UnknownProcedure(
                    code: code, name: ledger.procedures.labels[k], dossiers: all[k],
                    firstReceivedOn: LocalDate(daysSinceEpoch: first[k]),
                    lastReceivedOn: LocalDate(daysSinceEpoch: lastAny[k])))
        }
        result.dormant.sort { $0.procedure.code < $1.procedure.code }
        result.tooNew.sort { $0.procedure.code < $1.procedure.code }
        result.unknown.sort { $0.code < $1.code }
        return result
    }
}
