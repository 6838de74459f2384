"""Reads motcua's workbooks back with openpyxl, a reader other than the writer (libxlsxwriter).

Form 06 of the hand-counted fixture (Tests/MotcuaCommandsTests/Fixtures/form06, the dossiers of
Tests/MotcuaCoreTests/Form06Tests.swift), official 2025-Q2: cells, merged ranges, numbers stored
as numbers; then the workbook of the other reports: a sheet per table, header repeated on print.
Usage: check_workbooks.py FORM06.xlsx REPORT.xlsx
"""
import sys

import openpyxl

form06_path, report_path = sys.argv[1], sys.argv[2]
failures = []


def expect(condition, what):
    if not condition:
        failures.append(what)


wb = openpyxl.load_workbook(form06_path)
expect(wb.sheetnames == ["Toàn tỉnh", "A1", "A2"], f"sheets {wb.sheetnames}")
ws = wb["Toàn tỉnh"]
expect(ws["A1"].value == "Biểu số 06/VPCP/KSTT", f"A1 {ws['A1'].value!r}")
expect(ws["A2"].value == "Ban hành kèm theo Thông tư số 01/2020/TT-VPCP", f"A2 {ws['A2'].value!r}")
expect(ws["A4"].value == "TÌNH HÌNH, KẾT QUẢ GIẢI QUYẾT THỦ TỤC HÀNH CHÍNH", f"A4 {ws['A4'].value!r}")
expect(ws["A5"].value == "Kỳ báo cáo: Quý II/2025 (Từ ngày 15/03/2025 đến ngày 14/06/2025)", f"A5 {ws['A5'].value!r}")
expect(ws["J6"].value == "Đơn vị tính: Số hồ sơ TTHC", f"J6 {ws['J6'].value!r}")
merged = {str(r) for r in ws.merged_cells.ranges}
for needed in ["A1:C1", "A2:C2", "A4:M4", "A5:M5", "A7:A8", "B7:B8", "C7:F7", "G7:J7", "K7:M7"]:
    expect(needed in merged, f"merged {needed} missing from {sorted(merged)}")
expect(ws["C7"].value == "Số hồ sơ nhận giải quyết", f"C7 {ws['C7'].value!r}")
expect(ws["G7"].value == "Số hồ sơ đã giải quyết", f"G7 {ws['G7'].value!r}")
expect(ws["K7"].value == "Số hồ sơ đang giải quyết", f"K7 {ws['K7'].value!r}")
expect([c.value for c in ws[8]][2:6] == ["Tổng số", "Trực tuyến", "Trực tiếp, dịch vụ bưu chính", "Từ kỳ trước chuyển qua"], "row 8")
expect([c.value for c in ws[9]] == [f"({k})" for k in range(1, 14)], f"column numbers {[c.value for c in ws[9]]}")
expect(ws.print_title_rows == "7:9" or ws.print_title_rows == "$7:$9", f"print titles {ws.print_title_rows!r}")

# Rows 10..: I. Cấp tỉnh / 1 Tư pháp / II. Cấp huyện / 1 Đất đai / III. not in the catalog / 1 (no field) / total.
expected = [
    ("I", "Cấp tỉnh", [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
    ("1", "Tư pháp", [1, 1, 0, 0, 1, 1, 0, 0, 0, 0, 0]),
    ("II", "Cấp huyện", [12, 5, 4, 3, 6, 1, 3, 2, 6, 4, 2]),
    ("1", "Đất đai", [12, 5, 4, 3, 6, 1, 3, 2, 6, 4, 2]),
    ("III", "Thủ tục ngoài danh mục", [1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]),
    ("1", "(không rõ lĩnh vực)", [1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0]),
    (None, "Tổng cộng", [14, 6, 5, 3, 7, 2, 3, 2, 7, 5, 2]),
]
for k, (number, label, values) in enumerate(expected):
    row = [c.value for c in ws[10 + k]]
    if number is None:
        expect(row[0] == label and f"A{10 + k}:B{10 + k}" in merged, f"total row {row}")
    else:
        expect(row[0] == number and row[1] == label, f"row {10 + k} heading {row[:2]}")
    expect(row[2:] == values, f"row {10 + k} counts {row[2:]} != {values}")
    for cell in ws[10 + k][2:]:
        expect(cell.data_type == "n" and isinstance(cell.value, int), f"{cell.coordinate} is not a number: {cell.value!r}")
        expect("#,##0" in cell.number_format, f"{cell.coordinate} format {cell.number_format!r}")
expect(ws.max_row == 16, f"max_row {ws.max_row}")
for r in range(10, 16):  # level numerals and field numbers alike are centred under "STT"
    expect(ws.cell(row=r, column=1).alignment.horizontal == "center", f"A{r} alignment {ws.cell(row=r, column=1).alignment.horizontal!r}")
expect(wb["A2"]["A1"].value == "Biểu số 06/VPCP/KSTT", "agency sheet")
expect(wb["A2"]["J1"].value == "Đơn vị báo cáo: UBND xã Hai", f"A2 J1 {wb['A2']['J1'].value!r}")
expect([c.value for c in wb["A2"][12]][2:] == [1, 0, 1, 0, 0, 0, 0, 0, 1, 1, 0], "A2 total")

report = openpyxl.load_workbook(report_path)
expect("targets" in report.sheetnames and "backlog_by_agency" in report.sheetnames, f"report sheets {report.sheetnames}")
backlog = report["backlog_by_agency"]
header = [c.value for c in backlog[4]]
expect(header[:2] == ["Mã cơ quan", "Cơ quan"] or len(header) == 4, f"backlog header {header}")
pending = [backlog.cell(row=r, column=3) for r in range(5, backlog.max_row + 1) if backlog.cell(row=r, column=3).value is not None]
expect(pending and all(c.data_type == "n" for c in pending), f"backlog counts {[c.value for c in pending]}")
expect(backlog.print_title_rows in ("4:4", "$4:$4"), f"backlog print titles {backlog.print_title_rows!r}")
expect(backlog.page_setup.orientation == "landscape", "landscape")

if failures:
    print("workbook check FAILED:")
    for f in failures:
        print("  -", f)
    sys.exit(1)
print(f"workbook check passed: {form06_path}, {report_path}")
