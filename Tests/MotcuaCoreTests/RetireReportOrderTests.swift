import Testing

@testable import MotcuaCore

/// Dormant procedures by field in Vietnamese alphabetical order (Đ after D, accents after the
/// plain letter), then code; and the fields by count: checked against sorting with the folding
/// done inside every comparison, the plain definition.
@Suite struct RetireReportOrderTests {
    @Test(arguments: 1...5)
    func dormantRowsAndFieldsInTheReferenceOrder(seed: Int) {
        let fields = ["Đất đai", "Dân tộc", "Y tế", "y tế", "Ý tế", "Giáo dục", "Giao thông", "Tư pháp", "Đường bộ", "", "Ăn uống"]
        var x = UInt64(seed) &* 0x9E37_79B9_7F4A_7C15
        let rows = (0..<300).map { k -> RetireReport.ProcedureRow in
            x = x &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return RetireReport.ProcedureRow(
                code: "1.\(x >> 50)", name: "P\(k)", field: fields[Int(x >> 33) % fields.count], adminLevel: nil,
                onlineLevel: nil, publishedOn: "2020-01-01", lastReceivedOn: nil, judgeableOn: nil, dossiersEver: 0)
        }
        let report = RetireReport(asOf: "2025-12-31", dormant: rows, tooNew: [], unknown: [])
        let reference = rows.sorted {
            (TextFolding.folded($0.field), $0.field, $0.code) < (TextFolding.folded($1.field), $1.field, $1.code)
        }
        #expect(report.dormant.map(\.code) == reference.map(\.code))
        #expect(report.dormant.map(\.field) == reference.map(\.field))
        var counts: [String: Int] = [:]
        for row in rows { counts[row.field, default: 0] += 1 }
        let fieldReference = counts.sorted {
            ($1.value, TextFolding.folded($0.key), $0.key) < ($0.value, TextFolding.folded($1.key), $1.key)
        }
        #expect(report.dormantByField.map(\.field) == fieldReference.map(\.key))
        #expect(report.dormantByField.map(\.count) == fieldReference.map(\.value))
    }
}
