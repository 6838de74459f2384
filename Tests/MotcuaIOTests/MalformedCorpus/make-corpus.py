#!/usr/bin/env python3
"""Writes the malformed-input corpus of issue 7 into this folder, with expected.json.

Run from anywhere: python3 Tests/MotcuaIOTests/MalformedCorpus/make-corpus.py
The same script always writes the same bytes (no clock, no randomness without a seed), so the
corpus in git can be checked against it: `make-corpus.py --check` exits 1 when a file differs.

Each case is one file in cases/ and one entry in expected.json, written from CONTRACT.md, not
from what the code does:
  profile   canonical or igate-vi, the profile the file is ingested with
  records   records in the file (a quoted line break does not start a record)
  error     when the whole file must be refused: the CSVError case (empty, notText, notUTF8,
            missingColumns, duplicateColumn, recordTooLarge, decompression); the message must
            name the file
  mentions  words the error message must hold (the legacy encoding's name, `iconv`)
  accepted, rejected {reason: count}, superseded, lines (start lines of the rejected records)
The big cases (a 1 MB field, 10,000 columns, a 64 MiB record, ten million rows) are made at
test time by MalformedCorpusTests.swift and scripts, never committed.
"""
import gzip
import json
import os
import random
import shutil
import subprocess
import sys
import unicodedata
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = os.path.join(HERE, "cases")

HEADER = ["dossier_id", "procedure_code", "agency_code", "channel", "received_at", "status",
          "closed_at", "due_at", "service_level", "paid_online", "updated_at", "applicant_name"]
IGATE_HEADER = ["Mã hồ sơ", "Mã thủ tục", "Mã cơ quan", "Kênh nộp", "Ngày tiếp nhận", "Trạng thái",
                "Ngày trả kết quả", "Ngày hẹn trả", "Mức độ", "Thanh toán trực tuyến", "Họ tên người nộp"]

cases = {}


def row(i, **over):
    """A good canonical row; keyword arguments replace fields."""
    r = {
        "dossier_id": "000.00.17.H12-240101-%04d" % i, "procedure_code": "1.00%d" % (i % 7 + 1),
        "agency_code": "000.00.17.H12", "channel": ["online", "in_person", "postal"][i % 3],
        "received_at": "2024-01-%02d 08:30" % (i % 28 + 1), "status": "resolved",
        "closed_at": "2024-02-%02d 16:00" % (i % 28 + 1), "due_at": "2024-02-%02d" % (i % 28 + 1),
        "service_level": str(i % 4 + 1), "paid_online": "true", "updated_at": "",
        "applicant_name": "Nguyễn Văn Thử %d" % i,
    }
    r.update(over)
    return r


def quote(field, delim=","):
    if any(c in field for c in (delim, '"', "\n", "\r")):
        return '"' + field.replace('"', '""') + '"'
    return field


def line(fields, delim=","):
    return delim.join(quote(f, delim) for f in fields)


def csv_text(rows, header=HEADER, delim=",", end="\n"):
    out = [line(header, delim)]
    for r in rows:
        out.append(line([r.get(h, "") for h in header], delim) if isinstance(r, dict) else r)
    return end.join(out) + end


def add(name, data, profile="canonical", **expect):
    if isinstance(data, str):
        data = data.encode("utf-8")
    assert name not in cases, name
    cases[name] = (data, dict(profile=profile, **expect))


def ok(name, rows, header=HEADER, delim=",", end="\n", **extra):
    add(name, csv_text(rows, header, delim, end), records=len(rows), accepted=len(rows), rejected={}, **extra)


def reject(name, bad_rows, reason, good=2, lines=None, **extra):
    """`good` good rows, then the bad ones, all rejected with `reason`."""
    rows = [row(k) for k in range(good)] + bad_rows
    add(name, csv_text(rows), records=len(rows), accepted=good, rejected={reason: len(bad_rows)},
        lines=lines or [good + 2 + k for k in range(len(bad_rows))], **extra)


# MARK: - Legacy encodings

VNI_MARKS = {"\u0301": 0, "\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0323": 4}
VNI_LOWER = {  # base letter + shape: (lead bytes, [acute, grave, hook, tilde, dot] mark bytes)
    "a": (b"a", [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]), "â": (b"a\xe2", [0xE1, 0xE0, 0xE5, 0xE3, 0xE4]),
    "ă": (b"a\xea", [0xE9, 0xE8, 0xFA, 0xFC, 0xEB]), "e": (b"e", [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]),
    "ê": (b"e\xe2", [0xE1, 0xE0, 0xE5, 0xE3, 0xE4]), "o": (b"o", [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]),
    "ô": (b"o\xe2", [0xE1, 0xE0, 0xE5, 0xE3, 0xE4]), "ơ": (b"\xf4", [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]),
    "u": (b"u", [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]), "ư": (b"\xf6", [0xF9, 0xF8, 0xFB, 0xF5, 0xEF]),
    "y": (b"y", [0xF9, 0xF8, 0xFB, 0xF5, None]),
}
VNI_I = {None: b"i", 0: b"\xed", 1: b"\xec", 2: b"\xe6", 3: b"\xf3", 4: b"\xf2"}


def vni(text):
    """VNI-Windows bytes: a base letter, then shape and tone bytes (lower case; upper case uses
    the same scheme 0x20 lower, as in the VNI font tables)."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        upper = ch != ch.lower()
        c = ch.lower()
        if c == "đ":
            out += b"\xd1" if upper else b"\xf1"
            continue
        d = unicodedata.normalize("NFD", c)
        tone = next((VNI_MARKS[m] for m in d if m in VNI_MARKS), None)
        base = unicodedata.normalize("NFC", "".join(m for m in d if m not in VNI_MARKS))
        if base == "i":
            b = VNI_I[tone]
            out += bytes([b[0] - 0x20]) if upper and b[0] >= 0xE0 else (b.upper() if upper else b)
            continue
        if base == "y" and tone == 4:
            out += b"\xce" if upper else b"\xee"
            continue
        if base in VNI_LOWER:
            lead, marks = VNI_LOWER[base]
            if tone is not None and len(lead) == 2:
                lead = lead[:1]  # â ă ê ô with a tone: one byte holds shape and tone ("eã" is ễ)
            if upper:
                lead = bytes([lead[0] - 0x20]) + bytes(x - 0x20 for x in lead[1:])
            out += lead
            if tone is not None:
                out.append(marks[tone] - (0x20 if upper else 0))
            continue
        out += ch.encode("ascii")
    return bytes(out)


TCVN3 = {  # TCVN 5712:1993 (VN3, "ABC"): precomposed lower-case letters in single bytes
    "à": 0xB5, "ả": 0xB6, "ã": 0xB7, "á": 0xB8, "ạ": 0xB9, "ă": 0xA8, "ằ": 0xBB, "ẳ": 0xBC, "ẵ": 0xBD,
    "ắ": 0xBE, "ặ": 0xC6, "â": 0xA9, "ầ": 0xC7, "ẩ": 0xC8, "ẫ": 0xC9, "ấ": 0xCA, "ậ": 0xCB, "đ": 0xAE,
    "è": 0xCC, "ẻ": 0xCE, "ẽ": 0xCF, "é": 0xD0, "ẹ": 0xD1, "ê": 0xAA, "ề": 0xD2, "ể": 0xD3, "ễ": 0xD4,
    "ế": 0xD5, "ệ": 0xD6, "ì": 0xD7, "ỉ": 0xD8, "ĩ": 0xDC, "í": 0xDD, "ị": 0xDE, "ò": 0xDF, "ỏ": 0xE1,
    "õ": 0xE2, "ó": 0xE3, "ọ": 0xE4, "ô": 0xAB, "ồ": 0xE5, "ổ": 0xE6, "ỗ": 0xE7, "ố": 0xE8, "ộ": 0xE9,
    "ơ": 0xAC, "ờ": 0xEA, "ở": 0xEB, "ỡ": 0xEC, "ớ": 0xED, "ợ": 0xEE, "ù": 0xEF, "ủ": 0xF1, "ũ": 0xF2,
    "ú": 0xF3, "ụ": 0xF4, "ư": 0xAD, "ừ": 0xF5, "ử": 0xF6, "ữ": 0xF7, "ứ": 0xF8, "ự": 0xF9, "ỳ": 0xFA,
    "ỷ": 0xFB, "ỹ": 0xFC, "ý": 0xFD, "ỵ": 0xFE,
    "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
}


def tcvn3(text):
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        if ch in TCVN3:
            out.append(TCVN3[ch])
        elif ch.lower() in TCVN3:  # ABC fonts draw toned capitals from the lower-case codes
            out.append(TCVN3[ch.lower()])
        else:
            out += ch.encode("ascii")
    return bytes(out)


def cp1258(text):
    """Windows-1258: letters with circumflex, breve and horn precomposed, tones as combining
    bytes after them (how Windows writes Vietnamese in this code page)."""
    out = []
    for ch in unicodedata.normalize("NFC", text):
        d = unicodedata.normalize("NFD", ch)
        shape = "".join(m for m in d if m in "\u0302\u0306\u031b")
        tones = "".join(m for m in d[1:] if m not in "\u0302\u0306\u031b")
        out.append(unicodedata.normalize("NFC", d[0] + shape) + tones)
    return "".join(out).encode("cp1258")


NAMES = ["Nguyễn Văn Hùng", "Trần Thị Hương", "Lê Đức Thắng", "Phạm Minh Tuấn", "Hoàng Thị Lan",
         "Vũ Quốc Việt", "Đặng Thùy Dương", "Bùi Xuân Trường"]
LABELS = ["Cấp giấy chứng nhận quyền sử dụng đất", "Đăng ký khai sinh", "Chứng thực bản sao từ bản chính",
          "Cấp giấy phép xây dựng nhà ở riêng lẻ", "Đăng ký kết hôn"]


def vietnamese_export(n, names=NAMES):
    header = HEADER[:-1] + ["procedure_name", "applicant_name"]
    rows = [row(k, procedure_name=LABELS[k % len(LABELS)], applicant_name=names[k % len(names)]) for k in range(n)]
    return csv_text(rows, header)


for enc, fn, mention in [("cp1258", cp1258, "CP1258"), ("tcvn3", tcvn3, "TCVN3"), ("vni", vni, "VNI")]:
    text = vietnamese_export(8)
    # glibc's iconv knows CP1258 and TCVN3 (as TCVN5712-1) but not VNI: for VNI the message
    # must name it; any iconv command it suggests is run by the tests and must work.
    mentions = [mention, "iconv"] if enc != "vni" else [mention]
    for variant, data in [
        ("whole", fn(text)),
        ("names-only", text.split("\n", 1)[0].encode() + b"\n" + fn(text.split("\n", 1)[1])),
        ("upper-case", fn(vietnamese_export(8, [n.upper() for n in NAMES]))),
        ("one-row", text.split("\n", 1)[0].encode() + b"\n" + fn("\n".join(text.split("\n")[1:3]) + "\n")),
        ("crlf", fn(text.replace("\n", "\r\n"))),
        ("bom", b"\xef\xbb\xbf" + fn(text)),
    ]:
        add("legacy-%s-%s.csv" % (enc, variant), data, error="notUTF8", mentions=mentions)
    # Vietnamese headers of the igate-vi profile in the legacy encoding.
    igate = csv_text([], IGATE_HEADER, ";", "\r\n") + "A1;1.001;H12;2;01/02/2024;Đang xử lý;;;;;Nguyễn Văn A\r\n"
    add("legacy-%s-igate-headers.csv" % enc, fn(igate), profile="igate-vi", error="notUTF8", mentions=mentions)
    # Legacy bytes only after the first 64 KiB: ASCII rows first, then Vietnamese names.
    # (Vietnamese in a kept column, procedure_name, and in the personal column.)
    late_header = HEADER[:-1] + ["procedure_name", "applicant_name"]
    filler = [row(k, procedure_name="Thu tuc %d" % k, applicant_name="Nguyen Van %d" % k) for k in range(700)]
    late = csv_text(filler + [row(700 + k, procedure_name=LABELS[k % len(LABELS)], applicant_name=NAMES[k]) for k in range(8)], late_header)
    head, tail = late[:70000], late[70000:]
    add("legacy-%s-after-64k.csv" % enc, head.encode() + fn(tail), error="notUTF8", mentions=mentions)

# UTF-16 and other byte-order marks.
text = vietnamese_export(3)
add("utf16le-bom.csv", b"\xff\xfe" + text.encode("utf-16-le"), error="notUTF8", mentions=["UTF-16"])
add("utf16be-bom.csv", b"\xfe\xff" + text.encode("utf-16-be"), error="notUTF8", mentions=["UTF-16"])
add("utf16le-no-bom.csv", text.encode("utf-16-le"), error="notText")
add("utf16be-no-bom.csv", text.encode("utf-16-be"), error="notText")
add("utf32le-bom.csv", b"\xff\xfe\x00\x00" + text.encode("utf-32-le"), error="notUTF8|notText")
add("utf8-bom.csv", b"\xef\xbb\xbf" + text.encode(), records=3, accepted=3, rejected={})
add("utf8-bom-crlf.csv", b"\xef\xbb\xbf" + text.replace("\n", "\r\n").encode(), records=3, accepted=3, rejected={})
add("utf8-double-bom.csv", b"\xef\xbb\xbf\xef\xbb\xbf" + text.encode(), error="missingColumns", mentions=["dossier_id"])
add("utf8-bom-only.csv", b"\xef\xbb\xbf", error="empty")
# A second export appended to the first (cat a.csv b.csv): its BOM and header become a record.
add("concatenated-with-bom.csv", text.encode() + b"\xef\xbb\xbf" + text.encode(), records=7, accepted=6,
    rejected={"bad_date": 1}, superseded=3, lines=[5])

# MARK: - Invalid UTF-8 and binary

latin1 = csv_text([row(k, applicant_name=NAMES[k]) for k in range(3)]).encode("utf-8")
for k, (desc, bad) in enumerate([
    ("lone-continuation", b"\x80"), ("overlong-slash", b"\xc0\xaf"), ("truncated-2", b"\xc3"),
    ("truncated-3", b"\xe1\xbb"), ("surrogate", b"\xed\xa0\x80"), ("above-max", b"\xf4\x90\x80\x80"),
    ("ff-byte", b"\xff"), ("fe-byte", b"\xfe"), ("latin1-e-acute", b"Jos\xe9"), ("five-byte", b"\xf8\x88\x80\x80\x80"),
]):
    add("invalid-utf8-%s.csv" % desc, latin1.replace("Thắng".encode(), bad), error="notUTF8")
add("invalid-utf8-in-header.csv", b"dossier_id,procedure_code,agency_code,channel,received_at,status,t\xe9l\n", error="notUTF8")
late_header = HEADER[:-1] + ["procedure_name", "applicant_name"]
ascii_rows = csv_text([row(k, procedure_name="Thu tuc", applicant_name="Nguyen %d" % k) for k in range(700)], late_header).encode()
add("invalid-utf8-after-64k.csv",
    ascii_rows + line([row(800, procedure_name="Jos#", applicant_name="A")[h] for h in late_header]).replace("#", "\xe9").encode("latin-1") + b"\n",
    error="notUTF8")
# Only in the personal column, which is never decoded: refusing the file or reading every
# record are both right (no mojibake can reach an output).
add("invalid-utf8-after-64k-personal-only.csv",
    ascii_rows + line([row(800, procedure_name="Thu tuc", applicant_name="Jos#")[h] for h in late_header]).replace("#", "\xe9").encode("latin-1") + b"\n",
    records=701, accepted=701, rejected={}, or_error=True)
png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89"
add("binary-png.csv", png, error="notText")
add("binary-zip.csv", b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)), error="workbook.notZip")
add("binary-xlsx-named-csv.csv", b"PK\x03\x04\x14\x00\x06\x00\x08\x00\x00\x00!\x00" + b"[Content_Types].xml" + b"\x00" * 20, error="workbook.notZip")
rng = random.Random(7)
add("binary-random.bin", bytes(rng.randrange(256) for _ in range(4096)), error="notText")
add("nul-in-header.csv", b"dossier_id\x00,procedure_code\n", error="notText")
add("nul-in-row.csv", csv_text([row(0), row(1, applicant_name="A\x00B")]).encode(), error="notText")
add("nul-only.csv", b"\x00" * 100, error="notText")
add("nul-after-64k.csv", csv_text([row(k) for k in range(700)] + [row(900, dossier_id="D\x00900")]).encode(), error="notText")
add("nul-after-64k-personal-only.csv", csv_text([row(k) for k in range(700)] + [row(900, applicant_name="A\x00B")]).encode(),
    records=701, accepted=701, rejected={}, or_error=True)

# MARK: - Empty and header-only

add("empty.csv", b"", error="empty")
add("only-newlines.csv", b"\n\n\n", error="empty")
add("only-crlf.csv", b"\r\n\r\n", error="empty")
add("only-spaces.csv", b"   \n  \n", error="missingColumns")
add("header-only.csv", line(HEADER) + "\n", records=0, accepted=0, rejected={})
add("header-only-no-newline.csv", line(HEADER), records=0, accepted=0, rejected={})
add("header-only-crlf.csv", line(HEADER) + "\r\n", records=0, accepted=0, rejected={})
add("header-then-blank-lines.csv", line(HEADER) + "\n\n\n\r\n\n", records=0, accepted=0, rejected={})
add("header-only-igate.csv", line(IGATE_HEADER, ";") + "\r\n", profile="igate-vi", records=0, accepted=0, rejected={})
ok("no-final-newline.csv", [row(k) for k in range(3)])
cases["no-final-newline.csv"] = (cases["no-final-newline.csv"][0].rstrip(b"\n"), cases["no-final-newline.csv"][1])
ok("blank-lines-between-rows.csv", [row(0), row(1)])
cases["blank-lines-between-rows.csv"] = (cases["blank-lines-between-rows.csv"][0].replace(b"\n", b"\n\n"), cases["blank-lines-between-rows.csv"][1])

# MARK: - Headers

add("missing-dossier-id.csv", csv_text([row(0)], HEADER[1:]), error="missingColumns", mentions=["dossier_id"])
add("missing-status.csv", csv_text([row(0)], [h for h in HEADER if h != "status"]), error="missingColumns", mentions=["status"])
add("missing-all-required.csv", "a,b,c\n1,2,3\n", error="missingColumns", mentions=["dossier_id", "procedure_code", "received_at"])
add("header-is-data.csv", line(row(0).values()) + "\n" + line(row(1).values()) + "\n", error="missingColumns")
add("duplicate-dossier-id.csv", csv_text([], HEADER + ["dossier_id"]) + "A,1,H,online,2024-01-01,pending,,,,,,x,B\n", error="duplicateColumn", mentions=["dossier_id"])
add("duplicate-status.csv", csv_text([], HEADER + ["status"]) + "A,1,H,online,2024-01-01,pending,,,,,,x,resolved\n", error="duplicateColumn", mentions=["status"])
add("duplicate-by-case.csv", "Dossier_ID,DOSSIER_ID,procedure_code,agency_code,channel,received_at,status\nA,B,1,H,online,2024-01-01,pending\n", error="duplicateColumn")
add("duplicate-igate-by-diacritics.csv", "Ma ho so;MÃ HỒ SƠ;Mã thủ tục;Mã cơ quan;Kênh nộp;Ngày tiếp nhận;Trạng thái\r\nA;B;1;H;2;01/01/2024;Đang xử lý\r\n", profile="igate-vi", error="duplicateColumn")
ok("duplicate-personal-column.csv", [row(0), row(1)], header=HEADER + ["applicant_name"])
add("header-padded.csv", line(["  %s " % h for h in HEADER]) + "\n" + csv_text([row(0)]).split("\n", 1)[1], records=1, accepted=1, rejected={})
ok("header-reordered.csv", [row(k) for k in range(3)], header=list(reversed(HEADER)))
ok("header-extra-columns.csv", [row(k) for k in range(3)], header=HEADER + ["citizen_id", "phone", "address"])
ok("header-quoted.csv", [row(0)], header=HEADER)
cases["header-quoted.csv"] = (('"' + '","'.join(HEADER) + '"\n').encode() + cases["header-quoted.csv"][0].split(b"\n", 1)[1], cases["header-quoted.csv"][1])
nfd_header = unicodedata.normalize("NFD", ";".join(IGATE_HEADER))
add("header-nfd-igate.csv", nfd_header + "\r\nA1;1.001;H12;2;01/02/2024 08:00;Đang xử lý;;;;;X\r\n", profile="igate-vi", records=1, accepted=1, rejected={})
add("header-no-diacritics-igate.csv", "Ma ho so;Ma thu tuc;Ma co quan;Kenh nop;Ngay tiep nhan;Trang thai\r\nA1;1.001;H12;2;01/02/2024;Dang xu ly\r\n", profile="igate-vi", records=1, accepted=1, rejected={})
add("canonical-header-igate-profile.csv", csv_text([row(0)]), profile="igate-vi", error="missingColumns")
add("header-10-empty-names.csv", "," * 10 + "\n" + "," * 10 + "\n", error="missingColumns")

# MARK: - Delimiters

for name, delim in [("semicolon", ";"), ("tab", "\t"), ("pipe", "|")]:
    ok("delimiter-%s.csv" % name, [row(k) for k in range(3)], delim=delim)
    # Values holding the delimiter, quoted.
    ok("delimiter-%s-quoted-values.csv" % name, [row(k, applicant_name="Lê%s Văn%s A" % (delim, delim)) for k in range(2)], delim=delim)
rows_semicolon = [line([row(k)[h] for h in HEADER], ";") for k in range(3)]
add("mixed-header-comma-rows-semicolon.csv", line(HEADER) + "\n" + "\n".join(rows_semicolon) + "\n", records=3, accepted=0, rejected={"field_count": 3}, lines=[2, 3, 4])
rows_comma = [line([row(k)[h] for h in HEADER]) for k in range(3)]
add("mixed-header-semicolon-rows-comma.csv", line(HEADER, ";") + "\n" + "\n".join(rows_comma) + "\n", records=3, accepted=0, rejected={"field_count": 3}, lines=[2, 3, 4])
add("mixed-rows-some-tab.csv", line(HEADER) + "\n" + rows_comma[0] + "\n" + line([row(1)[h] for h in HEADER], "\t") + "\n" + rows_comma[2] + "\n",
    records=3, accepted=2, rejected={"field_count": 1}, lines=[3])
# Comma-separated rows where a value holds unquoted commas: too many fields.
add("unquoted-comma-in-value.csv", csv_text([row(0)]) + line([row(1)[h] for h in HEADER[:-1]]) + ",Lê, Văn, A\n", records=2, accepted=1, rejected={"field_count": 1}, lines=[3])
add("delimiter-tie-header.csv", "dossier_id;procedure_code,agency_code\nA;1,H\n", error="missingColumns")

# MARK: - Line ends

ok("crlf.csv", [row(k) for k in range(3)], end="\r\n")
mixed = csv_text([row(k) for k in range(4)])
parts = mixed.split("\n")
add("mixed-lf-crlf.csv", parts[0] + "\r\n" + parts[1] + "\n" + parts[2] + "\r\n" + parts[3] + "\n" + parts[4] + "\r\n", records=4, accepted=4, rejected={})
# Old Mac line ends: a whole export on one "line". Nothing may be lost silently.
add("bare-cr.csv", csv_text([row(k) for k in range(3)], end="\r"), records=3, accepted=3, rejected={}, or_error=True)
add("bare-cr-single-row.csv", csv_text([row(0)], end="\r"), records=1, accepted=1, rejected={}, or_error=True)
add("cr-cr-lf.csv", csv_text([row(k) for k in range(2)], end="\r\r\n"), records=2, accepted=2, rejected={})
add("lf-cr.csv", csv_text([row(k) for k in range(2)], end="\n\r"), records=2, accepted=2, rejected={})
ok("line-separator-in-value.csv", [row(0, applicant_name="A\u2028B"), row(1, applicant_name="C\u0085D")])
ok("form-feed-and-vt.csv", [row(0, applicant_name="A\x0cB\x0bC")])

# MARK: - Quoting

add("unterminated-quote-mid-file.csv",
    csv_text([row(0), row(1)]) + '000.00.17.H12-X,"1.001,000.00.17.H12,online,2024-01-01,pending,,,,,,A\n' + "\n".join(rows_comma) + "\n",
    records=3, accepted=2, rejected={"field_count": 1}, lines=[4])
add("unterminated-quote-in-status-at-eof.csv", csv_text([row(0)]) + line([row(1)[h] for h in HEADER[:5]]) + ',"pending,,,,,,,A\n',
    records=2, accepted=1, rejected={"field_count": 1}, lines=[3])
add("unterminated-quote-in-header.csv", '"dossier_id,procedure_code,agency_code,channel,received_at,status\nA,1,H,online,2024-01-01,pending\n', error="missingColumns")
add("quote-only-file.csv", b'"', error="missingColumns")
q = '"' + '","'.join(HEADER) + '"\n' + "\n".join('"' + '","'.join(row(k)[h] for h in HEADER) + '"' for k in range(3)) + "\n"
add("quoted-everything.csv", q, records=3, accepted=3, rejected={})
ok("doubled-quotes.csv", [row(0, applicant_name='Nguyễn "Tí" Văn'), row(1, applicant_name='""')])
ok("quoted-line-breaks.csv", [row(0, applicant_name="Lê\nVăn\r\nA"), row(1)])
add("quoted-line-break-then-reject.csv",
    csv_text([row(0, applicant_name="Lê\nVăn\nA"), row(1, channel="fax"), row(2, applicant_name="x\ny"), row(3, status="lost")]),
    records=4, accepted=2, rejected={"unknown_channel": 1, "unknown_status": 1}, lines=[5, 8])
add("quote-inside-unquoted.csv", csv_text([row(0)]) + line([row(1)[h] for h in HEADER[:3]]) + ',on"line,2024-01-01,pending,,,,,,A\n',
    records=2, accepted=1, rejected={"unknown_channel": 1}, lines=[3])
add("text-after-closing-quote.csv", csv_text([]) + '"D1"x,1.001,H12,"on"line,2024-01-01,pending,,,,,,A\n', records=1, accepted=1, rejected={})
add("quoted-required-whitespace.csv", csv_text([row(0)]) + line([row(1)[h] for h in HEADER[:5]]) + ',"   ",,,,,,A\n',
    records=2, accepted=1, rejected={"empty_required": 1}, lines=[3])
add("quoted-delimiter-in-id.csv", csv_text([row(0, dossier_id="A,B"), row(1, dossier_id="A;B")]), records=2, accepted=2, rejected={})
add("many-quotes.csv", csv_text([row(0, applicant_name='"' * 101)]), records=1, accepted=1, rejected={})
add("escaped-quote-at-buffer-edge.csv", csv_text([row(k, applicant_name='a""b' * 40) for k in range(30)]), records=30, accepted=30, rejected={})

# MARK: - Field counts and empty fields

reject("too-few-fields.csv", [line([row(9)[h] for h in HEADER[:8]])], "field_count")
reject("too-many-fields.csv", [line([row(9)[h] for h in HEADER] + ["extra", "more"])], "field_count")
reject("one-extra-empty-field.csv", [line([row(9)[h] for h in HEADER]) + ","], "field_count")
add("only-delimiters.csv", csv_text([row(0), row(1)]) + "\n".join(["," * (len(HEADER) - 1), "," * 3, ",,,,,,,,,,,,,,,,,,"]) + "\n",
    records=5, accepted=2, rejected={"empty_required": 1, "field_count": 2}, lines=[4, 5, 6])
for col in ["dossier_id", "procedure_code", "agency_code", "channel", "received_at", "status"]:
    reject("empty-%s.csv" % col, [row(9, **{col: ""}), row(10, **{col: "   "}), row(11, **{col: "\t"})], "empty_required")
# field_count is checked before empty_required (CONTRACT.md 1.4: the first in the list wins).
reject("empty-required-and-field-count.csv", [line([row(9)[h] for h in HEADER[:2]])], "field_count")

# MARK: - Dates

BAD_DATES = ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10", "2024-01-32", "31/02/2024", "32/01/2024",
             "1/13/2024", "24-01-01", "2024/01/01", "01-02-2024", "2024-1-5", "20240105", "2024-01-05 25:00",
             "2024-01-05 10:60", "2024-01-05 10:00:61", "2024-01-05T10:00+25:00", "2024-01-05T10:00:00+07:60",
             "2024-01-05Z", "yesterday", "ngày 5 tháng 1 năm 2024", "05/01/24", "2024-01-05 10h30", "٢٠٢٤-٠١-٠٥",
             "２０２４-０１-０５", "2024-01-05\u00a010:00", "0", "-1", "1e9", "45292", "2024-01-05T", "2024-01-05 10:00:00 +07:00 extra"]
for k, d in enumerate(BAD_DATES):
    reject("bad-date-%02d.csv" % k, [row(9, received_at=d)], "bad_date", good=1)
reject("bad-date-closed.csv", [row(9, closed_at="2024-02-31")], "bad_date")
reject("bad-date-due.csv", [row(9, due_at="next week")], "bad_date")
reject("bad-date-updated.csv", [row(9, updated_at="2024-99-99")], "bad_date")
OUT_OF_RANGE = ["1989-12-31", "1989-12-31 23:59:59", "2101-01-01", "0001-01-01", "9999-12-31", "31/12/1989",
                "1990-01-01T00:00:00+08:00", "2100-12-31T23:00:00-05:00", "2100-12-31T17:00:00Z"]
for k, d in enumerate(OUT_OF_RANGE):
    reject("date-out-of-range-%02d.csv" % k, [row(9, received_at=d, closed_at="", status="pending", due_at="")], "date_out_of_range", good=1)
IN_RANGE = ["1990-01-01", "1990-01-01 00:00", "1990-01-01T00:00:00+07:00", "1989-12-31T17:00:00Z", "2100-12-31 23:59:59",
            "2100-12-31T16:59:59Z", "31/12/2100 23:59", "1/1/1990"]
ok("date-range-edges.csv", [row(k, received_at=d, closed_at="", status="pending", due_at="", dossier_id="E%d" % k) for k, d in enumerate(IN_RANGE)])
GOOD_FORMS = ["2024-01-05", "2024-01-05 10:00", "2024-01-05 10:00:59", "2024-01-05T10:00", "2024-01-05T10:00:00Z",
              "2024-01-05T10:00:00+07:00", "2024-01-05T10:00:00-05:30", "5/1/2024", "05/01/2024 9:05", "5/1/2024 09:05:07",
              " 2024-01-05 "]
ok("date-accepted-forms.csv", [row(k, received_at=d, closed_at="", status="pending", due_at="", dossier_id="F%d" % k) for k, d in enumerate(GOOD_FORMS)])

# MARK: - Coded values

for k, v in enumerate(["fax", "email", "0", "online online", "trực tuyến mức 4", "ONLINE!", "4"]):
    reject("unknown-channel-%02d.csv" % k, [row(9, channel=v)], "unknown_channel", good=1)
for k, v in enumerate(["lost", "done", "đã hủy bỏ", "pending?", "resolve", "1"]):
    reject("unknown-status-%02d.csv" % k, [row(9, status=v)], "unknown_status", good=1)
for k, v in enumerate(["5", "0", "mức độ 5", "level", "cao", "3.5", "toàn phần"]):
    reject("unknown-level-%02d.csv" % k, [row(9, service_level=v)], "unknown_level", good=1)
ok("spellings-vietnamese.csv", [
    row(0, channel="Trực tuyến", status="Đã giải quyết", service_level="Mức độ 4", paid_online="Có"),
    row(1, channel="TRỰC TIẾP", status="hoàn thành", service_level="mức 3", paid_online="không"),
    row(2, channel="truc tuyen", status="da tra ket qua", service_level="toan trinh", paid_online="x"),
    row(3, channel="bưu chính công ích", status="từ chối", service_level="một phần", paid_online=""),
    row(4, channel=unicodedata.normalize("NFD", "Bưu điện"), status=unicodedata.normalize("NFD", "Rút hồ sơ")),
    row(5, channel="  dvc   trực  tuyến ", status=" hủy ", paid_online="maybe"),
])

# MARK: - Consistency

reject("closed-before-received.csv", [row(9, received_at="2024-01-05 10:00", closed_at="2024-01-05 09:59:59")], "closed_before_received")
reject("closed-before-received-offset.csv", [row(9, received_at="2024-01-05 10:00", closed_at="2024-01-05T02:59:00Z")], "closed_before_received")
reject("due-before-received.csv", [row(9, received_at="2024-01-05 10:00", due_at="2024-01-04")], "due_before_received")
ok("due-same-day-earlier-hour.csv", [row(0, received_at="2024-01-05 10:00", due_at="2024-01-05 08:00")])
reject("missing-closed-at.csv", [row(9, status="resolved", closed_at=""), row(10, status="rejected", closed_at=""), row(11, status="withdrawn", closed_at="")], "missing_closed_at")
# Several problems at once: the first in CONTRACT.md 1.4's list wins.
reject("first-reason-wins-date-over-channel.csv", [row(9, received_at="2024-02-30", channel="fax")], "bad_date")
reject("first-reason-wins-channel-over-status.csv", [row(9, channel="fax", status="lost")], "unknown_channel")
reject("first-reason-wins-range-over-channel.csv", [row(9, received_at="1980-01-01", channel="fax")], "date_out_of_range")
reject("first-reason-wins-level-over-closed.csv", [row(9, service_level="9", closed_at="2023-01-01")], "unknown_level")
reject("first-reason-wins-closed-over-due.csv", [row(9, received_at="2024-01-05", closed_at="2024-01-04", due_at="2024-01-01")], "closed_before_received")

# White space that is not ASCII (fuzz finding, value-normaliser): a no-break space copied from a
# spreadsheet around an id or a code must not make a second dossier or an unknown procedure, and
# a required field of only white space is empty.
add("nbsp-around-id-and-code.csv", csv_text([row(0), row(0, dossier_id=row(0)["dossier_id"] + "\u00a0", procedure_code="\u00a01.001\u00a0")]),
    records=2, accepted=2, rejected={}, superseded=1)
add("vertical-tab-only-required.csv", csv_text([row(0), row(1, procedure_code="\x0b"), row(2, agency_code="\u00a0")]),
    records=3, accepted=1, rejected={"empty_required": 2}, lines=[3, 4])

# MARK: - Duplicates

add("duplicates-same-file.csv", csv_text([row(0, status="pending", closed_at=""), row(0), row(1), row(1, updated_at="")]),
    records=4, accepted=4, rejected={}, superseded=2)
add("duplicates-updated-at-decides.csv", csv_text([row(0, updated_at="2024-03-01"), row(0, status="pending", closed_at="", updated_at="2024-02-01")]),
    records=2, accepted=2, rejected={}, superseded=1)
add("duplicates-with-rejects.csv", csv_text([row(0), row(0, channel="fax"), row(0, status="lost")]),
    records=3, accepted=1, rejected={"unknown_channel": 1, "unknown_status": 1}, superseded=0, lines=[3, 4])

# MARK: - Hostile values (accepted as data; they must stay data)

ok("hostile-values.csv", [
    row(0, dossier_id="../../etc/passwd", applicant_name="x"),
    row(1, dossier_id="x'); DROP TABLE monthly_counts;--", procedure_code="1.001'--"),
    row(2, dossier_id="<script>alert(1)</script>", agency_code="<b>H12</b>"),
    row(3, dossier_id="=cmd|' /C calc'!A0", agency_code="+SUM(A1)"),
    row(4, dossier_id="$(rm -rf /)", agency_code="`id`"),
    row(5, dossier_id="%s%s%n%x", agency_code="{{7*7}}"),
    row(6, dossier_id="\u202eevil", agency_code="H12\u200b"),
])
ok("very-long-id.csv", [row(0, dossier_id="X" * 5000)])
ok("emoji-and-astral.csv", [row(0, dossier_id="D-😀-𝔘", applicant_name="👩‍👩‍👧")])

# MARK: - Compression (told by magic bytes, never by name)

plain = csv_text([row(k) for k in range(5)]).encode()
gz = gzip.compress(plain, mtime=0)
add("gzip-valid.csv.gz", gz, records=5, accepted=5, rejected={})
add("gzip-named-csv.csv", gz, records=5, accepted=5, rejected={})
add("gzip-two-members.csv.gz", gzip.compress(plain[: plain.index(b"\n") + 1] + csv_text([row(0)]).encode().split(b"\n", 1)[1], mtime=0) + gzip.compress(line([row(1)[h] for h in HEADER]).encode() + b"\n", mtime=0),
    records=2, accepted=2, rejected={})
for cut in [2, 10, 18, len(gz) // 2, len(gz) - 8, len(gz) - 1]:
    add("gzip-truncated-at-%d.csv.gz" % cut, gz[:cut], error="decompression", mentions=["gzip"])
flipped = bytearray(gz)
flipped[len(gz) // 2] ^= 0x55
add("gzip-bit-flipped.csv.gz", bytes(flipped), error="decompression", mentions=["gzip"])
crc = bytearray(gz)
crc[-6] ^= 0x01
add("gzip-bad-crc.csv.gz", bytes(crc), error="decompression", mentions=["gzip"])
add("gzip-trailing-garbage.csv.gz", gz + b"garbage!", error="decompression", mentions=["gzip"])
add("gzip-empty-content.csv.gz", gzip.compress(b"", mtime=0), error="empty")
add("gzip-of-cp1258.csv.gz", gzip.compress(cp1258(vietnamese_export(4)), mtime=0), error="notUTF8", mentions=["CP1258"])
add("gzip-magic-only.csv.gz", b"\x1f\x8b", error="decompression", mentions=["gzip"])
add("gzip-nested.csv.gz", gzip.compress(gz, mtime=0), error="notText")
add("deflate-raw-no-header.csv", zlib.compress(plain)[2:-4], error="notText|notUTF8")
if shutil.which("zstd"):
    zst = subprocess.run(["zstd", "-q", "-c", "-3"], input=plain, stdout=subprocess.PIPE, check=True).stdout
    add("zstd-valid.csv.zst", zst, records=5, accepted=5, rejected={})
    add("zstd-named-gz.csv.gz", zst, records=5, accepted=5, rejected={})
    for cut in [4, 8, len(zst) // 2, len(zst) - 4, len(zst) - 1]:
        add("zstd-truncated-at-%d.csv.zst" % cut, zst[:cut], error="decompression", mentions=["zstd"])
    flip = bytearray(zst)
    flip[len(zst) // 2] ^= 0x55
    add("zstd-bit-flipped.csv.zst", bytes(flip), error="decompression", mentions=["zstd"])
    add("zstd-trailing-garbage.csv.zst", zst + b"garbage!", error="decompression", mentions=["zstd"])
    add("zstd-two-frames.csv.zst", zst + subprocess.run(["zstd", "-q", "-c"], input=line([row(7)[h] for h in HEADER]).encode() + b"\n", stdout=subprocess.PIPE, check=True).stdout,
        records=6, accepted=6, rejected={})
    add("zstd-empty-content.csv.zst", subprocess.run(["zstd", "-q", "-c"], input=b"", stdout=subprocess.PIPE, check=True).stdout, error="empty")
    add("zstd-magic-only.csv.zst", b"\x28\xb5\x2f\xfd", error="decompression", mentions=["zstd"])
    add("zstd-skippable-frame-only.csv.zst", b"\x50\x2a\x4d\x18\x04\x00\x00\x00abcd", error="notText")
else:
    sys.exit("make-corpus.py needs the zstd command (Debian package zstd)")


# MARK: - Writing

def write_all(folder):
    shutil.rmtree(folder, ignore_errors=True)
    os.makedirs(folder)
    for name, (data, _) in sorted(cases.items()):
        with open(os.path.join(folder, name), "wb") as f:
            f.write(data)
    expected = {name: exp for name, (_, exp) in sorted(cases.items())}
    with open(os.path.join(os.path.dirname(folder), "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, ensure_ascii=False, indent=1, sort_keys=True)
        f.write("\n")


if "--check" in sys.argv:
    bad = [n for n, (d, _) in cases.items() if not os.path.exists(os.path.join(CASES, n)) or open(os.path.join(CASES, n), "rb").read() != d]
    extra = set(os.listdir(CASES)) - set(cases)
    if bad or extra:
        print("corpus differs from make-corpus.py:", sorted(bad), sorted(extra))
        sys.exit(1)
    print("corpus matches: %d cases" % len(cases))
else:
    write_all(CASES)
    total = sum(len(d) for d, _ in cases.values())
    print("wrote %d cases, %d bytes, to %s" % (len(cases), total, CASES))
