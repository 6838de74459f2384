/// Whether a resolved dossier met its promised date (CONTRACT.md section 2, resolved_*).
///
/// The national portal's rule: on time means closed_at <= due_at at full precision. A due_at at
/// exactly local midnight (a bare date, as many systems export it) means the end of that day.
public enum Timeliness: Sendable, Equatable {
    case early, onTime, late

    /// - Complexity: O(1), integer comparisons only.
    public static func classify(closed: LocalDateTime, due: LocalDateTime) -> Timeliness {
        let late =
            due.isMidnight
            ? closed.millis >= due.millis + LocalDateTime.millisPerDay
            : closed.millis > due.millis
        if late { return .late }
        return closed.date < due.date ? .early : .onTime
    }
}
