/// The two payment shares of the portal score that count procedures, not dossiers (CONTRACT.md
/// 2.3): among catalog procedures with `has_fee` active on the period's last day E, those with a
/// dossier received in the period (`payment_coverage`) and those with one paid online
/// (`payment_procedures`). For an agency, the procedures of which it received a dossier on or
/// before E; for the province, all of them.
///
/// Read from the monthly totals' keys (month, agency, procedure) that received a dossier: a
/// month lies in one month, one quarter and at most one year of the periods, so each key marks
/// at most three periods, and keys sorted by month mark each period once per procedure.
struct PortalProcedureShares {
    /// Agencies then the province (index = agency count).
    let stride: Int
    var received: [Int]
    var paid: [Int]
    var denominators: [Int]

    func received(period k: Int, agency a: Int) -> (Int, Int) { (received[k * stride + a], denominators[k * stride + a]) }
    func paidOnline(period k: Int, agency a: Int) -> (Int, Int) { (paid[k * stride + a], denominators[k * stride + a]) }

    /// - Complexity: O(k log k) over the k fee-bearing keys with a dossier, plus O(fee-bearing
    ///   (agency, procedure) pairs x periods) for the agencies' denominators.
    static func count(
        monthly: MonthlyTotals, catalog: Catalog, procedureOf: [Procedure?], agencies: Int, periods: [Period],
        firstMonth: Int32, lastMonth: Int32
    ) -> PortalProcedureShares {
        let stride = agencies + 1
        var result = PortalProcedureShares(
            stride: stride, received: .init(repeating: 0, count: periods.count * stride),
            paid: .init(repeating: 0, count: periods.count * stride),
            denominators: .init(repeating: 0, count: periods.count * stride))
        var periodsOfMonth = [[Int]](repeating: [], count: Int(lastMonth - firstMonth) + 1)
        for (k, p) in periods.enumerated() {
            for m in p.startsOn.month.index...p.endsOn.month.index where m >= firstMonth && m <= lastMonth {
                periodsOfMonth[Int(m - firstMonth)].append(k)
            }
        }
        let spanSlot: [Int] = periods.map { p in
            switch p.span {
            case .month: 0
            case .quarter: 1
            case .half, .nineMonths, .year: 2
            }
        }
        func isCounted(_ procedure: Int, _ k: Int) -> Bool {
            procedureOf[procedure].map { $0.hasFee && $0.isActive(on: periods[k].endsOn) } ?? false
        }

        // (agency, procedure, month) with a dossier, the low bit saying paid online.
        var keys: [UInt64] = []
        monthly.table.forEach { key, s in
            let procedure = Int(key & 0xFFFFF)
            guard procedureOf[procedure]?.hasFee == true,
                monthly.table.counts[s + MonthlyCounts.Column.received.rawValue] > 0
            else { return }
            let month = UInt64(UInt32(bitPattern: Int32(truncatingIfNeeded: key >> 40)))
            let paid: UInt64 = monthly.table.counts[s + MonthlyCounts.Column.receivedPaidOnline.rawValue] > 0 ? 1 : 0
            keys.append((key >> 20 & 0xFFFFF) << 44 | UInt64(procedure) << 24 | month << 1 | paid)
        }

        /// Marks the periods of sorted `keys`, grouped by `group` (the bits above the month).
        func mark(_ keys: [UInt64], group: (UInt64) -> UInt64, agency: (UInt64) -> Int) {
            var current = UInt64.max
            var lastReceived = [-1, -1, -1]
            var lastPaid = [-1, -1, -1]
            for key in keys {
                if group(key) != current {
                    current = group(key)
                    lastReceived = [-1, -1, -1]
                    lastPaid = [-1, -1, -1]
                }
                let month = Int32(truncatingIfNeeded: key >> 1 & 0x7F_FFFF)
                guard month >= firstMonth && month <= lastMonth else { continue }
                let a = agency(key)
                let procedure = Int(key >> 24 & 0xFFFFF)
                for k in periodsOfMonth[Int(month - firstMonth)] where isCounted(procedure, k) {
                    if lastReceived[spanSlot[k]] != k {
                        lastReceived[spanSlot[k]] = k
                        result.received[k * stride + a] += 1
                    }
                    if key & 1 == 1 && lastPaid[spanSlot[k]] != k {
                        lastPaid[spanSlot[k]] = k
                        result.paid[k * stride + a] += 1
                    }
                }
            }
        }
        keys.sort()
        mark(keys, group: { $0 >> 24 }, agency: { Int($0 >> 44) })
        // The province: one procedure's months across agencies, in month order.
        let byProcedure = keys.map { $0 & (1 << 44 - 1) }.sorted()
        mark(byProcedure, group: { $0 >> 24 }, agency: { _ in agencies })

        // Denominators: the province's from the catalog, an agency's from its first dossier.
        for p in catalog.procedures where p.hasFee {
            for (k, period) in periods.enumerated() where p.isActive(on: period.endsOn) {
                result.denominators[k * stride + agencies] += 1
            }
        }
        var previous = UInt64.max
        for key in keys where key >> 24 != previous {
            previous = key >> 24  // keys are sorted: this is the pair's first month
            let month = Int32(truncatingIfNeeded: key >> 1 & 0x7F_FFFF)
            let procedure = Int(key >> 24 & 0xFFFFF)
            let a = Int(key >> 44)
            for (k, period) in periods.enumerated() where period.endsOn.month.index >= month && isCounted(procedure, k) {
                result.denominators[k * stride + a] += 1
            }
        }
        return result
    }
}
