import Testing

@testable import MotcuaCore

/// CONTRACT.md section 1.2: one catalog row into a `Procedure`, and the catalog's unique codes.
@Suite struct CatalogStagerTests {
    static func stageRow(_ values: [CatalogColumn: String]) -> Result<Procedure, CatalogRowError> {
        withFieldBuffers(CatalogColumn.allCases.map { values[$0] ?? "" }) { CatalogStager.stage(fields: $0) }
    }

    @Test func fullRow() throws {
        let p = try Self.stageRow([
            .procedureCode: " 1.004227 ", .procedureName: "Cấp giấy chứng nhận", .field: "Đất đai",
            .adminLevel: "Tỉnh", .onlineLevel: "Toàn trình", .publishedOn: "15/3/2021", .abolishedOn: "2025-01-01",
        ]).get()
        #expect(
            p
                == Procedure(
                    code: "1.004227", name: "Cấp giấy chứng nhận", field: "Đất đai", adminLevel: .province,
                    onlineLevel: level(4), publishedOn: day(2021, 3, 15), abolishedOn: day(2025, 1, 1)))
    }

    @Test(arguments: [
        ("province", AdminLevel.province), ("huyện", .district), ("HUYEN", .district), ("xã", .commune),
        ("bộ", .ministry), ("ministry", .ministry),
    ])
    func adminLevels(text: String, expected: AdminLevel) throws {
        let p = try Self.stageRow([.procedureCode: "P", .publishedOn: "2020-01-01", .adminLevel: text]).get()
        #expect(p.adminLevel == expected)
    }

    @Test(arguments: [("mức độ 3", UInt8(3)), ("một phần", 3), ("2", 2), ("muc 4", 4)])
    func onlineLevels(text: String, expected: UInt8) throws {
        let p = try Self.stageRow([.procedureCode: "P", .publishedOn: "2020-01-01", .onlineLevel: text]).get()
        #expect(p.onlineLevel?.rawValue == expected)
    }

    @Test func optionalColumnsEmpty() throws {
        let p = try Self.stageRow([.procedureCode: "P", .publishedOn: "2020-01-01"]).get()
        #expect(p.adminLevel == nil)
        #expect(p.onlineLevel == nil)
        #expect(p.abolishedOn == nil)
        #expect(p.name == "")
    }

    @Test func badRowsAreErrors() {
        func failed(_ values: [CatalogColumn: String]) -> Bool {
            if case .failure = Self.stageRow(values) { return true }
            return false
        }
        #expect(failed([.publishedOn: "2020-01-01"]))
        #expect(failed([.procedureCode: "P"]))
        #expect(failed([.procedureCode: "P", .publishedOn: "2020-02-30"]))
        #expect(failed([.procedureCode: "P", .publishedOn: "2020-01-01", .abolishedOn: "soon"]))
        #expect(failed([.procedureCode: "P", .publishedOn: "2020-01-01", .adminLevel: "village"]))
        #expect(failed([.procedureCode: "P", .publishedOn: "2020-01-01", .onlineLevel: "5"]))
    }

    @Test func catalogRejectsADuplicateCode() {
        #expect(throws: CatalogRowError.self) {
            try Catalog([procedure("P", published: day(2020, 1, 1)), procedure("P", published: day(2021, 1, 1))])
        }
    }

    @Test func catalogLooksUpByCode() throws {
        let c = try catalog([
            procedure("P1", level: 3, published: day(2020, 1, 1)), procedure("P2", published: day(2020, 1, 1)),
        ])
        #expect(c.count == 2)
        #expect(c["P1"]?.onlineLevel == level(3))
        #expect(c["P3"] == nil)
    }

    @Test func activeOnADate() {
        let p = procedure("P", published: day(2020, 1, 1), abolished: day(2024, 1, 1))
        #expect(!p.isActive(on: day(2019, 12, 31)))
        #expect(p.isActive(on: day(2020, 1, 1)))
        #expect(p.isActive(on: day(2023, 12, 31)))
        #expect(!p.isActive(on: day(2024, 1, 1)))
    }
}
