/// Why a record could not be read as a dossier (CONTRACT.md section 1.4).
///
/// The cases are in the contract's order: when several apply, the first wins, so the order of
/// `allCases` is part of the contract.
public enum RejectReason: String, CaseIterable, Sendable, Comparable {
    case fieldCount = "field_count"
    case emptyRequired = "empty_required"
    case badDate = "bad_date"
    case dateOutOfRange = "date_out_of_range"
    case unknownChannel = "unknown_channel"
    case unknownStatus = "unknown_status"
    case unknownLevel = "unknown_level"
    case badNumber = "bad_number"
    case closedBeforeReceived = "closed_before_received"
    case dueBeforeReceived = "due_before_received"
    case missingClosedAt = "missing_closed_at"

    /// The code written to the rejects file and `rejects_summary`.
    public var code: String { rawValue }

    public static func < (lhs: RejectReason, rhs: RejectReason) -> Bool {
        // swift-format-ignore: NeverForceUnwrap
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A record turned away, with a message a clerk can act on.
public struct Rejection: Error, Sendable, Equatable {
    public var reason: RejectReason
    public var message: String

    public init(_ reason: RejectReason, _ message: String) {
        self.reason = reason
        self.message = message
    }
}
