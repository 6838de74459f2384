import MotcuaCore
import MotcuaIO

/// One receiving agency of the synthetic province.
struct SyntheticAgency: Sendable {
    var code: String
    var name: String
    var level: AdminLevel
    /// The field whose province-level procedures it receives; -1: any.
    var field: Int
    var weight: Double
}

/// The receiving agencies of one synthetic province, with codes in the national form
/// (QCVN 102:2016 style, province suffix `H12`):
/// - province departments `000.00.DD.H12` (`000.00.10.H12` is the public administration centre),
/// - district People's Committees `000.DD.30.H12`,
/// - commune People's Committees `CC.DD.30.H12` (commune `CC` of district `DD`).
///
/// About a fifth of the agencies are province departments (at most 20), a fifth districts (at most
/// 99), the rest communes spread over the districts (at most 99 each).
struct SyntheticAgencies: Sendable {
    static let maximumCount = 20 + 99 + 99 * 99

    var agencies: [SyntheticAgency]
    /// Agencies that can receive a procedure of admin level `l` and field `f`, at
    /// `l * fieldCount + f`, with their weights.
    private var candidates: [[Int]]
    private var tables: [WeightedTable]
    private var anyTable: WeightedTable

    init(count: Int, random: inout SeededRandom) {
        let provinceCount = min(SyntheticLexicon.departments.count, max(1, (count + 2) / 5))
        let districtCount = count >= 2 ? min(99, max(1, (count + 2) / 5), count - provinceCount) : 0
        let communeCount = max(0, count - provinceCount - districtCount)

        var list: [SyntheticAgency] = []
        list.reserveCapacity(count)
        for k in 0..<provinceCount {
            let dept = SyntheticLexicon.departments[k]
            list.append(
                SyntheticAgency(
                    code: "000.00.\(10 + k).H12", name: dept.name, level: .province,
                    field: dept.field, weight: 0.5 + random.unit()))
        }
        let first = SyntheticLexicon.placeFirst
        let second = SyntheticLexicon.placeSecond
        let places = first.count * second.count
        var districtNames: [String] = []
        for d in 0..<districtCount {
            let k = (d * 17 + 5) % places
            let place = first[k / second.count] + " " + second[k % second.count]
            let kind = random.pick(SyntheticLexicon.districtKinds)
            districtNames.append(kind + " " + place)
            list.append(
                SyntheticAgency(
                    code: "000.\(Self.twoDigits(d + 1)).30.H12", name: "UBND " + kind + " " + place,
                    level: .district, field: -1, weight: 0.5 + 1.5 * random.unit()))
        }
        for c in 0..<communeCount {
            let district = c % max(1, districtCount)
            let number = c / max(1, districtCount) + 1
            let k = (number * 7 + district * 3) % places
            let place = first[k / second.count] + " " + second[k % second.count]
            let kind = random.pick(SyntheticLexicon.communeKinds)
            list.append(
                SyntheticAgency(
                    code: "\(Self.twoDigits(number)).\(Self.twoDigits(district + 1)).30.H12",
                    name: "UBND " + kind + " " + place, level: .commune, field: -1,
                    weight: 0.3 + 1.2 * random.unit()))
        }
        agencies = list

        let fieldCount = SyntheticLexicon.fields.count
        var candidates: [[Int]] = []
        var tables: [WeightedTable] = []
        for level in [AdminLevel.province, .district, .commune] {
            for f in 0..<fieldCount {
                var pool = list.indices.filter {
                    list[$0].level == level && (list[$0].field == f || list[$0].field == -1)
                }
                if pool.isEmpty { pool = list.indices.filter { list[$0].level == level } }
                if pool.isEmpty { pool = Array(list.indices) }
                candidates.append(pool)
                tables.append(WeightedTable(weights: pool.map { list[$0].weight }))
            }
        }
        self.candidates = candidates
        self.tables = tables
        anyTable = WeightedTable(weights: list.map(\.weight))
    }

    /// The agency receiving a dossier of `procedure`, drawn by agency size among those of the
    /// procedure's level (and field, for province departments).
    /// - Complexity: O(log A).
    func draw(for procedure: ProcedureTraits, random: inout SeededRandom) -> Int {
        let level: Int
        switch procedure.adminLevel {
        case .province, .ministry: level = 0
        case .district: level = 1
        case .commune: level = 2
        }
        let k = level * SyntheticLexicon.fields.count + procedure.field
        return candidates[k][tables[k].draw(&random)]
    }

    /// Any agency, by size (for procedures missing from the catalog).
    func drawAny(random: inout SeededRandom) -> Int {
        anyTable.draw(&random)
    }

    /// Names of the district and commune places, for addresses.
    var placeNames: [String] {
        agencies.filter { $0.level != .province }.map {
            $0.name.hasPrefix("UBND ") ? String($0.name.dropFirst(5)) : $0.name
        }
    }

    static func twoDigits(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
}
