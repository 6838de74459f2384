/// The two lists planners asked for besides dormant procedures, as of A (CONTRACT.md 2.4): online
/// services nobody used online in three years, and busy procedures not yet fully online.
///
/// Why: the Prime Minister's working group asks to cut online services with no dossier in three
/// years (Đắk Lắk offers level 4 only where dossiers arose in the last three years), and Decision
/// 1565/QĐ-TTg of 2025 asks for full online service where a procedure has at least 1,000
/// dossiers a year.
public struct PlannerLists: Sendable, Equatable {
    /// A row of `online_services_without_online_dossiers`.
    public struct OnlineServiceWithoutOnlineDossiers: Sendable, Equatable {
        public var procedure: Procedure
        /// The latest online dossier received on or before A; `nil`: never.
        public var lastOnlineReceivedOn: LocalDate?
        /// Dossiers of any channel received in (A - 3 years, A].
        public var dossiersInWindow: Int
    }

    /// A row of `upgrade_candidates`.
    public struct UpgradeCandidate: Sendable, Equatable {
        public var procedure: Procedure
        /// Dossiers received in (A - 1 year, A].
        public var dossiersLastYear: Int
        public var onlineDossiersLastYear: Int
    }

    /// The yearly volume from which a procedure should be fully online (Decision 1565/QĐ-TTg).
    public static let defaultUpgradeMinDossiers = 1000

    public var asOf: LocalDate
    /// A minus 3 years (29 Feb -> 28 Feb), the dormancy rule's date; the window is (start, A].
    public var threeYearStart: LocalDate
    /// A minus 1 year (29 Feb -> 28 Feb); the year is (start, A].
    public var oneYearStart: LocalDate
    public var upgradeMinDossiers: Int
    /// By procedure code.
    public private(set) var onlineServicesWithoutOnlineDossiers: [OnlineServiceWithoutOnlineDossiers] = []
    /// Most dossiers last year first, then by code.
    public private(set) var upgradeCandidates: [UpgradeCandidate] = []

    /// - Complexity: O(n) over dossiers plus O(p) over the catalog.
    public static func compute(
        ledger: DossierLedger, catalog: Catalog, asOf: LocalDate, upgradeMinDossiers: Int = defaultUpgradeMinDossiers
    ) -> PlannerLists {
        var result = PlannerLists(
            asOf: asOf, threeYearStart: asOf.adding(years: -Dormancy.windowYears), oneYearStart: asOf.adding(years: -1),
            upgradeMinDossiers: upgradeMinDossiers)
        let procedures = ledger.procedures.count
        var inThreeYears = [Int](repeating: 0, count: procedures)
        var onlineInThreeYears = [Int](repeating: 0, count: procedures)
        var inYear = [Int](repeating: 0, count: procedures)
        var onlineInYear = [Int](repeating: 0, count: procedures)
        var lastOnline = [Int32](repeating: .min, count: procedures)
        let a = asOf.daysSinceEpoch
        let three = result.threeYearStart.daysSinceEpoch
        let one = result.oneYearStart.daysSinceEpoch
        for r in ledger.records where r.isReceived {
            let day = Int32(truncatingIfNeeded: LocalDateTime.floorDiv(r.receivedAt, LocalDateTime.millisPerDay))
            guard day <= a else { continue }
            let p = Int(r.procedure)
            let online = r.channel == Channel.online.rawValue
            if online { lastOnline[p] = max(lastOnline[p], day) }
            guard day > three else { continue }
            inThreeYears[p] += 1
            if online { onlineInThreeYears[p] += 1 }
            guard day > one else { continue }
            inYear[p] += 1
            if online { onlineInYear[p] += 1 }
        }
        for procedure in catalog.procedures where procedure.isActive(on: asOf) {
            let k = ledger.procedures.index(of: procedure.code).map(Int.init)
            let level = procedure.onlineLevel?.rawValue ?? 0
            if level >= 3, procedure.publishedOn <= result.threeYearStart, (k.map { onlineInThreeYears[$0] } ?? 0) == 0 {
                result.onlineServicesWithoutOnlineDossiers.append(
                    OnlineServiceWithoutOnlineDossiers(
                        procedure: procedure,
                        lastOnlineReceivedOn: k.flatMap { lastOnline[$0] == .min ? nil : LocalDate(daysSinceEpoch: lastOnline[$0]) },
                        dossiersInWindow: k.map { inThreeYears[$0] } ?? 0))
            }
            // A procedure the catalog gives no level is not fully online either.
            if level < 4, let k, inYear[k] >= upgradeMinDossiers {
                result.upgradeCandidates.append(
                    UpgradeCandidate(procedure: procedure, dossiersLastYear: inYear[k], onlineDossiersLastYear: onlineInYear[k]))
            }
        }
        result.onlineServicesWithoutOnlineDossiers.sort { $0.procedure.code < $1.procedure.code }
        result.upgradeCandidates.sort {
            ($1.dossiersLastYear, $0.procedure.code) < ($0.dossiersLastYear, $1.procedure.code)
        }
        return result
    }
}
