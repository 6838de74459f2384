import MotcuaCore
import MotcuaIO

/// One synthetic dossier's whole life, decided when it is received: what it is, when it is due and
/// closed, and how its rows are spelled.
///
/// Times are seconds since 1970-01-01 00:00 in Viet Nam local time. A dossier is a plain value of
/// integers so that making ten million of them allocates nothing.
struct SyntheticDossier: Sendable {
    // MARK: Identity
    var agency: Int
    /// Index into the catalog's procedures, or `-1 - k` for unknown procedure `k`.
    var procedure: Int
    /// The per-agency, per-day counter of the dossier id (`AGENCY-YYMMDD-NNNN`).
    var sequence: Int
    var receivedDay: Int

    // MARK: Facts
    var channel: Channel
    var received: Int
    /// The promised result as written: a time (17:00, 00:00 or the time of reception) or, when
    /// `dueDateOnly`, the day alone; `nil`: no due date.
    var due: Int?
    var dueDateOnly: Bool
    /// The status the dossier ends in; `pending` when it is never closed (stuck).
    var finalStatus: DossierStatus
    var closed: Int?
    /// The service level stated on the rows (1-4), or 0 when left empty (the catalog decides).
    var level: Int
    /// 0 unknown (empty), 1 paid online, 2 not paid online.
    var paid: UInt8

    /// Fees due in VND, or `nil` (unknown, left empty); derived from the facts above, not drawn,
    /// so adding it kept every earlier sample byte for byte.
    var fee: Int? {
        switch (procedure & 0xF0) >> 4 {
        case 0, 1, 2: nil
        case 3, 4, 5, 6, 7: 0
        default: [15_000, 50_000, 100_000, 250_000][sequence % 4]
        }
    }
    /// How many times more documents were asked for.
    var supplements: Int { citizenID % 11 == 0 ? 1 + citizenID % 3 : 0 }

    // MARK: Spelling
    var receivedDateOnly: Bool
    var closedDateOnly: Bool
    /// Canonical: 0 `YYYY-MM-DD HH:MM:SS`, 1 with `T` and `+07:00`, 2 in UTC with `Z`, 3 with `T`
    /// and no offset. iGate: 0 zero-padded `dd/MM/yyyy`, 1 unpadded `d/M/yyyy`.
    var dateStyle: UInt8
    /// iGate only: labels and status in NFD, an odd procedure name (`;`, quotes, line break), the
    /// channel as text instead of its code, which of the status spellings.
    var nfd: Bool
    var oddName: Bool
    var textChannel: Bool
    var spelling: Int

    // MARK: Personal data (only ever written to the exports)
    var familyName: Int
    var middleName: Int
    var givenName: Int
    var citizenID: Int
    var phone: Int
    var phoneStyle: Int
    var houseNumber: Int
    var street: Int
    var place: Int
}

/// The state of a dossier that one export row records.
struct DossierRowState: Sendable {
    var status: DossierStatus
    var closed: Int?
    /// When the state was recorded; `nil` leaves `updated_at` empty.
    var updated: Int?
    /// A later row of the same dossier wins over this one (a sync record may then say it was
    /// not yet received; see `SyncRecordEncoder`).
    var laterRowFollows = false
}

extension SyntheticDossier {
    /// The national dossier code `AGENCY-YYMMDD-NNNN` (CONTRACT.md 1.6), as both the CSV shapes
    /// and the sync records write it.
    func writeID(agencyCodes: LabelTable, calendar: SyntheticCalendar, to f: ExportFileWriter) {
        agencyCodes.write(agency, to: f)
        f.append(UInt8(ascii: "-"))
        let c = calendar.civil(receivedDay)
        f.appendTwoDigits(c.year % 100)
        f.appendTwoDigits(c.month)
        f.appendTwoDigits(c.day)
        f.append(UInt8(ascii: "-"))
        f.appendDigits(sequence, width: 4)
    }
}
