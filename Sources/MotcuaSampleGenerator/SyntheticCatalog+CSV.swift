import MotcuaCore
import MotcuaIO

extension SyntheticCatalog {
    /// The header of `catalog.csv`, as CONTRACT.md section 1.2 names the columns.
    static let header = [
        "procedure_code", "procedure_name", "field", "admin_level", "online_level", "published_on",
        "abolished_on",
    ]

    /// `catalog.csv`: canonical columns, `,`, LF, no BOM, with the spellings a real catalog mixes
    /// (`tỉnh` beside `province`, `mức độ 3`, `toàn trình`, day-first dates).
    func csvBytes(calendar: SyntheticCalendar, random: inout SeededRandom) -> [UInt8] {
        var writer = CSVWriter(
            delimiter: UInt8(ascii: ","), reservingCapacity: procedures.count * 160)
        writer.writeRow(Self.header)
        for p in procedures {
            let published = Self.dateText(p.publishedOn, calendar: calendar, random: &random)
            let abolished =
                p.abolishedOn.map { Self.dateText($0, calendar: calendar, random: &random) } ?? ""
            writer.writeRow([
                p.code, p.name, SyntheticLexicon.fields[p.field].name,
                Self.adminLevelText(p.adminLevel, random: &random),
                Self.levelText(p.onlineLevel, random: &random), published, abolished,
            ])
        }
        return writer.take()
    }

    private static func adminLevelText(_ level: AdminLevel, random: inout SeededRandom) -> String {
        let vietnamese = random.chance(0.2)
        switch level {
        case .province: return vietnamese ? "tỉnh" : "province"
        case .district: return vietnamese ? "huyện" : "district"
        case .commune: return vietnamese ? "xã" : "commune"
        case .ministry: return vietnamese ? "bộ" : "ministry"
        }
    }

    private static func levelText(_ level: Int, random: inout SeededRandom) -> String {
        let u = random.unit()
        if u < 0.6 { return String(level) }
        if u < 0.8 { return "mức độ \(level)" }
        switch level {
        case 4: return u < 0.9 ? "toàn trình" : "Toàn trình"
        case 3: return u < 0.9 ? "một phần" : "Mức độ 3"
        default: return "Mức \(level)"
        }
    }

    private static func dateText(
        _ day: Int, calendar: SyntheticCalendar, random: inout SeededRandom
    ) -> String {
        let c = calendar.civil(day)
        if random.chance(0.1) { return "\(c.day)/\(c.month)/\(c.year)" }
        return LocalDate(daysSinceEpoch: Int32(day)).description
    }
}
