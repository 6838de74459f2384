import MotcuaCore
import MotcuaIO

/// A deliberately broken export row, of one reject kind of CONTRACT.md section 1.4.
///
/// Each is made from a valid dossier with a fresh id and broken in exactly one way, chosen so that
/// the contract's first-match order reports exactly `reason`: nothing earlier in the list applies
/// (a `field_count` row keeps every required field, a `closed_before_received` row has valid dates
/// and spellings, and so on). The generator cycles through `RejectReason.allCases`; `variant` picks
/// among a few spellings of the same fault.
struct BadRow: Sendable {
    var reason: RejectReason
    var variant: Int

    /// Changes to the dossier and the recorded state that make the fault (the structural kinds);
    /// also pins plain spellings so that no other reason can apply.
    func apply(to d: inout SyntheticDossier, state: inout DossierRowState) {
        d.dateStyle = 0
        d.receivedDateOnly = false
        d.closedDateOnly = false
        d.oddName = false
        d.textChannel = false
        let day = SyntheticCalendar.secondsPerDay
        switch reason {
        case .closedBeforeReceived:
            state.status = .resolved
            state.closed = d.received - (variant % 2 == 0 ? 2 * day : 3600)
        case .dueBeforeReceived:
            d.dueDateOnly = variant % 2 == 0
            d.due = (d.received / day - 1 - variant % 3) * day + (d.dueDateOnly ? 0 : 17 * 3600)
        case .missingClosedAt:
            state.status = variant % 2 == 0 ? .resolved : .rejected
            state.closed = nil
        case .emptyRequired, .fieldCount, .badDate, .dateOutOfRange, .unknownChannel,
            .unknownStatus, .unknownLevel, .badNumber:
            break
        }
        if reason != .dueBeforeReceived, let due = d.due, due / day < d.received / day {
            d.due = nil
        }
    }

    /// The raw text written in place of `field`, or `nil` to write it as usual.
    func text(for field: ExportField, shape: ExportShape) -> [UInt8]? {
        switch (reason, field) {
        case (.emptyRequired, _):
            let emptied: [ExportField] = [
                .procedureCode, .channel, .agencyCode, .status, .receivedAt,
            ]
            return emptied[variant % emptied.count] == field ? [] : nil
        case (.badDate, .receivedAt):
            let forms =
                shape == .canonical
                ? ["2024-02-30 09:15:00", "N/A", "2023-13-01", "15.03.2024 08:00"]
                : ["31/02/2024 09:15:00", "không rõ", "12/25/2023 08:00:00", "2024/03/15"]
            return Array(forms[variant % forms.count].utf8)
        case (.dateOutOfRange, .receivedAt):
            let forms =
                shape == .canonical
                ? ["1899-12-30 00:00:00", "2105-06-01 08:00:00", "1970-01-01"]
                : ["30/12/1899 00:00:00", "01/06/2105 08:00:00", "01/01/1900"]
            return Array(forms[variant % forms.count].utf8)
        case (.unknownChannel, .channel):
            let forms = shape == .canonical ? ["fax", "email", "kiosk"] : ["9", "Fax", "0"]
            return Array(forms[variant % forms.count].utf8)
        case (.unknownStatus, .status):
            let forms =
                shape == .canonical
                ? ["archived", "lưu trữ", "done?"] : ["Lưu trữ", "Đã nhận", "99"]
            return Array(forms[variant % forms.count].utf8)
        case (.badNumber, .feeAmount) where variant % 2 == 0:
            let forms = shape == .canonical ? ["-5000", "50000.5", "1e3"] : ["50.000 đ", "-1", "miễn phí"]
            return Array(forms[variant / 2 % forms.count].utf8)
        case (.badNumber, .supplementRequests) where variant % 2 == 1:
            let forms = ["-1", "hai", "1.5"]
            return Array(forms[variant / 2 % forms.count].utf8)
        case (.unknownLevel, .serviceLevel):
            let forms = shape == .canonical ? ["5", "cao", "level 9"] : ["Mức độ 5", "Cao", "0"]
            return Array(forms[variant % forms.count].utf8)
        default:
            return nil
        }
    }

    /// For `field_count`: true to add a field, false to drop the last one.
    var addsField: Bool { variant % 2 == 0 }
}
