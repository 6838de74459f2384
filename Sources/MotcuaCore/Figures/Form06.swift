/// The report form on handling administrative procedures, Biểu số 06/VPCP/KSTT of Circular
/// 01/2020/TT-VPCP (CONTRACT.md section 2.2): its columns, its identities, and where one dossier
/// falls in one period.
///
/// The one vocabulary of the form (STYLE.md habit 13): the `form06` table's columns, the report
/// headers, the identity check and the workbook are all generated from `Column`.
public enum Form06 {
    /// The counted columns, by the form's numbers 3-13 (1 is the row number, 2 the field).
    public enum Column: Int, CaseIterable, Sendable {
        case receivedTotal, receivedOnline, receivedOther, carriedOver
        case settledTotal, settledEarly, settledOnTime, settledLate
        case pendingTotal, pendingInTime, pendingOverdue

        /// The form's column number (3-13).
        public var number: Int { rawValue + 3 }

        /// The column name in the summary database.
        public var name: String {
            switch self {
            case .receivedTotal: "received_total"
            case .receivedOnline: "received_online"
            case .receivedOther: "received_other"
            case .carriedOver: "carried_over"
            case .settledTotal: "settled_total"
            case .settledEarly: "settled_early"
            case .settledOnTime: "settled_on_time"
            case .settledLate: "settled_late"
            case .pendingTotal: "pending_total"
            case .pendingInTime: "pending_in_time"
            case .pendingOverdue: "pending_overdue"
            }
        }

        /// The header group above the column (the form's merged upper header row).
        public var group: Group {
            switch self {
            case .receivedTotal, .receivedOnline, .receivedOther, .carriedOver: .received
            case .settledTotal, .settledEarly, .settledOnTime, .settledLate: .settled
            case .pendingTotal, .pendingInTime, .pendingOverdue: .pending
            }
        }
    }

    /// The form's three column groups: dossiers to handle, settled, pending at the period's end.
    public enum Group: String, CaseIterable, Sendable {
        case received, settled, pending

        public var columns: [Column] { Column.allCases.filter { $0.group == self } }
    }

    /// The four identities of the form, checked on every run: total = sum of parts.
    public static let identities: [(total: Column, parts: [Column])] = [
        (.receivedTotal, [.receivedOnline, .receivedOther, .carriedOver]),
        (.settledTotal, [.settledEarly, .settledOnTime, .settledLate]),
        (.pendingTotal, [.pendingInTime, .pendingOverdue]),
        (.receivedTotal, [.settledTotal, .pendingTotal]),
    ]

    /// `"3 = 4 + 5 + 6"`, as the form numbers them.
    public static func identityText(_ identity: (total: Column, parts: [Column])) -> String {
        "\(identity.total.number) = " + identity.parts.map { String($0.number) }.joined(separator: " + ")
    }

    /// The first broken identity or negative count of `values` (indexed by `Column.rawValue`),
    /// described; `nil` when the row is sound.
    public static func violation(_ values: some RandomAccessCollection<Int>) -> String? {
        let v = Array(values)
        for c in Column.allCases where v[c.rawValue] < 0 {
            return "column \(c.number) (\(c.name)) is \(v[c.rawValue])"
        }
        for identity in identities {
            let sum = identity.parts.reduce(0) { $0 + v[$1.rawValue] }
            if v[identity.total.rawValue] != sum {
                return "\(identityText(identity)) fails: \(v[identity.total.rawValue]) against \(sum)"
            }
        }
        return nil
    }

    // MARK: - One dossier in one period

    /// Where a dossier counts in a period: one intake column (4, 5 or 6) and one outcome column
    /// (8, 9, 10, 12 or 13); the totals 3, 7 and 11 follow from them.
    public struct Placement: Sendable, Equatable {
        public var intake: Column
        public var outcome: Column

        /// The columns this dossier adds one to, totals included.
        public var columns: [Column] {
            let total: Column = outcome.group == .settled ? .settledTotal : .pendingTotal
            return [.receivedTotal, intake, total, outcome]
        }
    }

    /// Whether a status counts in the form at all. Dossiers not received (`not_received`, being
    /// added to `DossierStatus`) are left out here, the one place that decides it.
    @inline(__always)
    public static func isReceived(status: UInt8) -> Bool {
        // Dossiers not received are left out of the form (CONTRACT.md 2.2).
        DossierStatus.isReceived(status)
    }

    /// Whether the dossier is closed (a result, a refusal or a withdrawal, with its closed_at).
    @inline(__always)
    static func isClosed(_ r: DossierRecord) -> Bool {
        r.closedAt != DossierRecord.none && r.status != DossierStatus.pending.rawValue
    }

    /// Early, on time or late by section 2's rule; a withdrawn dossier, or one without due_at,
    /// is on time (CONTRACT.md 2.2).
    @inline(__always)
    static func settlement(_ r: DossierRecord) -> Column {
        guard r.dueAt != DossierRecord.none, r.status != DossierStatus.withdrawn.rawValue else { return .settledOnTime }
        switch Timeliness.classify(closed: LocalDateTime(millis: r.closedAt), due: LocalDateTime(millis: r.dueAt)) {
        case .early: return .settledEarly
        case .onTime: return .settledOnTime
        case .late: return .settledLate
        }
    }

    /// Where `record` counts in `period` [S, E], or `nil` when it is out of scope: not received,
    /// received after E, or closed before S (CONTRACT.md 2.2). The per-dossier rule that
    /// `Form06Totals` applies in bulk, kept whole here for other figures that count by it (the
    /// portal score's progress criterion) and for tests.
    /// - Complexity: O(1).
    public static func placement(of record: DossierRecord, in period: Period) -> Placement? {
        placement(of: record, from: period.startsOn, to: period.endsOn)
    }

    /// The same for any dates `from`...`to` (`motcua report --from D --to D`).
    public static func placement(of r: DossierRecord, from start: LocalDate, to end: LocalDate) -> Placement? {
        guard isReceived(status: r.status) else { return nil }
        let received = LocalDateTime(millis: r.receivedAt).date
        guard received <= end else { return nil }
        let closed = isClosed(r) ? LocalDateTime(millis: r.closedAt).date : nil
        if let closed, closed < start { return nil }
        let intake: Column =
            received < start ? .carriedOver : r.channel == Channel.online.rawValue ? .receivedOnline : .receivedOther
        if let closed, closed <= end { return Placement(intake: intake, outcome: settlement(r)) }
        let overdue = r.dueAt != DossierRecord.none && LocalDateTime(millis: r.dueAt).date < end
        return Placement(intake: intake, outcome: overdue ? .pendingOverdue : .pendingInTime)
    }
}
