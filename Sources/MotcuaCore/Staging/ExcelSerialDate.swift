/// Excel's serial date numbers as local date-times (CONTRACT.md section 1.7).
///
/// A workbook stores a date as a number of days, the fraction being the time of day, with no time
/// zone: it is the local time the clerk saw, so Viet Nam local time here. In the 1900 date system
/// (Excel's default) serial 1 is 1900-01-01, and Excel counts a 29 February 1900 that never was
/// (serial 60, kept for Lotus 1-2-3), so from serial 61 on the days count from 1899-12-30. In the
/// 1904 system (old Mac workbooks, `date1904` in workbook.xml) serial 0 is 1904-01-01.
/// Times are rounded to the second, as Excel shows them.
///
/// See https://learn.microsoft.com/en-us/office/troubleshoot/excel/wrongly-assumes-1900-is-leap-year
public enum ExcelSerialDate {
    /// The largest serial Excel shows as a date: 9999-12-31.
    static let maximum = 2_958_465.0

    /// The local date-time of `serial`; `nil` for a number that is no date Excel shows (below 1
    /// in the 1900 system, the phantom 1900-02-29, past 9999, not finite).
    public static func localDateTime(serial: Double, date1904: Bool = false) -> LocalDateTime? {
        guard serial.isFinite, serial < maximum else { return nil }
        let seconds = (serial * 86_400).rounded()
        let day = Int((seconds / 86_400).rounded(.down))
        let secondOfDay = Int64(seconds - Double(day) * 86_400)
        let epoch: Int
        if date1904 {
            guard day >= 0 else { return nil }
            epoch = LocalDate.days(fromCivilYear: 1904, month: 1, day: 1)
        } else {
            guard day >= 1, day != 60 else { return nil }
            epoch = LocalDate.days(fromCivilYear: 1899, month: 12, day: day < 60 ? 31 : 30)
        }
        let date = LocalDate(daysSinceEpoch: Int32(epoch + day))
        return LocalDateTime(millis: LocalDateTime(date: date).millis + secondOfDay * 1000)
    }

    /// Appends `YYYY-MM-DD HH:MM:SS` (a form DateParser reads as local time) for `serial`;
    /// `false`, appending nothing, when it is no date.
    /// - Complexity: O(1), no allocation beyond `out`'s growth.
    public static func appendText(serial: Double, date1904: Bool = false, to out: inout [UInt8]) -> Bool {
        guard let value = localDateTime(serial: serial, date1904: date1904) else { return false }
        let (y, m, d) = value.date.civil
        let s = Int(value.millisOfDay / 1000)
        func two(_ v: Int) {
            out.append(UInt8(truncatingIfNeeded: 0x30 + v / 10))
            out.append(UInt8(truncatingIfNeeded: 0x30 + v % 10))
        }
        two(y / 100)
        two(y % 100)
        out.append(0x2D)
        two(m)
        out.append(0x2D)
        two(d)
        out.append(0x20)
        two(s / 3600)
        out.append(0x3A)
        two(s / 60 % 60)
        out.append(0x3A)
        two(s % 60)
        return true
    }
}
