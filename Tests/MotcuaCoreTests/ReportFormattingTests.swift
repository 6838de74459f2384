import Testing

@testable import MotcuaCore

/// Issue 5: Vietnamese number formats by default (`63,5%`, `1.234`), English on request; tables
/// aligned by display width; text made safe for spreadsheets and HTML.
@Suite struct ReportFormattingTests {
    let vi = ReportNumberFormat(language: .vi)
    let en = ReportNumberFormat(language: .en)

    // MARK: - Numbers and dates

    @Test func countsAreGroupedByLanguage() {
        #expect(vi.count(1234) == "1.234")
        #expect(en.count(1234) == "1,234")
        #expect(vi.count(1_234_567) == "1.234.567")
        #expect(en.count(1_234_567) == "1,234,567")
        #expect(vi.count(999) == "999")
        #expect(vi.count(0) == "0")
        #expect(vi.count(-12345) == "-12.345")
        #expect(vi.count(1234, grouped: false) == "1234")
    }

    @Test func percentagesHaveOneDecimalInTheLanguagesMark() {
        #expect(vi.percent(0.635) == "63,5%")
        #expect(en.percent(0.635) == "63.5%")
        #expect(vi.percent(0.8) == "80,0%")
        #expect(vi.percent(1) == "100,0%")
        #expect(vi.percent(0) == "0,0%")
        // 2/3 rounds to 66.7; 0.0005 rounds half away from zero.
        #expect(vi.percent(2.0 / 3.0) == "66,7%")
        #expect(en.percent(0.0005) == "0.1%")
        #expect(en.percent(0.00049) == "0.0%")
    }

    @Test func changesAreSignedPoints() {
        #expect(vi.points(0.052) == "+5,2")
        #expect(vi.points(-0.1) == "-10,0")
        #expect(en.points(0.0) == "0.0")
        #expect(en.points(-0.00001) == "0.0")
        #expect(en.points(0.05, signed: false) == "5.0")
    }

    @Test func datesAndMonthsAsPeopleWriteThem() {
        #expect(vi.date("2025-06-30") == "30/06/2025")
        #expect(en.date("2025-06-30") == "2025-06-30")
        #expect(vi.month("2025-03") == "03/2025")
        #expect(en.month("2025-03") == "2025-03")
        #expect(vi.date("never") == "never")
    }

    // MARK: - Display width

    @Test func vietnameseLettersTakeOneColumnInNFCAndNFD() {
        let nfc = "Hộ tịch"
        let nfd = "Ho\u{0302}\u{0323} ti\u{0323}ch"
        #expect(nfd.unicodeScalars.count == 10)
        #expect(DisplayWidth.of(nfc) == 7)
        #expect(DisplayWidth.of(nfd) == 7)
        #expect(DisplayWidth.of("Đăng ký khai sinh") == 17)
    }

    @Test func combiningMarksWithoutPrecomposedFormTakeNoColumn() {
        // a + dot below + acute + an extra combining tilde that has no precomposed form with them.
        let text = "a\u{0323}\u{0301}\u{0330}"
        #expect(DisplayWidth.of(text) == 1)
        #expect(DisplayWidth.of("\u{200B}") == 0)
        #expect(DisplayWidth.of("漢字") == 4)
    }

    @Test func truncationKeepsWholeLettersAndEndsInEllipsis() {
        #expect(DisplayWidth.truncated("Chứng thực bản sao", to: 8) == "Chứng t…")
        #expect(DisplayWidth.of(DisplayWidth.truncated("Chứng thực bản sao", to: 8)) == 8)
        #expect(DisplayWidth.truncated("Hộ tịch", to: 7) == "Hộ tịch")
        #expect(DisplayWidth.truncated("Ho\u{0302}\u{0323} ti\u{0323}ch", to: 3) == "Hộ…")
    }

    @Test func tableColumnsLineUpByDisplayWidth() {
        let lines = TextTableLayout().lines(
            header: ["Lĩnh vực", "Hồ sơ"],
            rows: [["Ho\u{0302}\u{0323} ti\u{0323}ch", "1.234"], ["Xây dựng", "5"]],
            alignments: [.left, .right])
        #expect(
            lines == [
                "Lĩnh vực  Hồ sơ",
                "--------  -----",
                "Hộ tịch   1.234",
                "Xây dựng      5",
            ])
        // Every line has the same display width, whatever the scalars.
        #expect(Set(lines.map(DisplayWidth.of)).count == 1)
    }

    @Test func longCellsAreCutToTheMaximumWidth() {
        let lines = TextTableLayout(maxColumnWidth: 10).lines(
            header: ["Tên"], rows: [["Cấp giấy chứng nhận quyền sử dụng đất"]], alignments: [.left])
        #expect(lines[2] == "Cấp giấy …")
    }

    // MARK: - Escaping

    @Test(arguments: [
        "=HYPERLINK(\"http://x\",\"y\")", "+1", "-1+2", "@SUM(A1)", "\tx", "\rx", "\u{FF1D}1+1",
    ])
    func formulaStartsAreNeutralised(text: String) {
        #expect(SpreadsheetCell.neutralised(text) == "'" + text)
    }

    @Test func ordinaryTextIsLeftAlone() {
        for text in ["Đăng ký khai sinh", "1.001", "", "a=b", " =x", "'quoted"] {
            #expect(SpreadsheetCell.neutralised(text) == text)
        }
    }

    @Test func htmlEscapesTheFiveCharacters() {
        #expect(HTMLText.escaped("<script>alert(1)</script>") == "&lt;script&gt;alert(1)&lt;/script&gt;")
        #expect(HTMLText.escaped("a & b \"c\" 'd'") == "a &amp; b &quot;c&quot; &#39;d&#39;")
        #expect(HTMLText.escaped("Hộ tịch") == "Hộ tịch")
    }

    // MARK: - Values

    @Test func valuesAreWrittenPerFormat() {
        #expect(ReportValue.count(1234).display(vi) == "1.234")
        #expect(ReportValue.count(1234).csv(vi) == "1234")
        #expect(ReportValue.ordinal(2025).display(vi) == "2025")
        #expect(ReportValue.rate(0.635).display(vi) == "63,5%")
        #expect(ReportValue.rate(0.635).csv(en) == "63.5%")
        #expect(ReportValue.change(-0.05).csv(vi) == "-5,0")
        #expect(ReportValue.change(0.05).display(en) == "+5.0")
        #expect(ReportValue.change(0.05).csv(en) == "5.0")
        #expect(ReportValue.missing.display(vi) == "—")
        #expect(ReportValue.missing.csv(vi) == "")
        #expect(ReportValue.met(true).display(vi) == "Đạt")
        #expect(ReportValue.met(false).display(en) == "Not met")
        #expect(ReportValue.text("=1+1").csv(vi) == "'=1+1")
        #expect(ReportValue.text("=1+1").display(vi) == "=1+1")
        #expect(ReportValue.date("2025-06-30").csv(vi) == "2025-06-30")
    }
}
