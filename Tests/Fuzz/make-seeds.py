#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets into Tests/Fuzz/seeds/<target>/ (small valid
inputs, so libFuzzer starts from the shapes real exports have). Deterministic; run.sh calls it."""
import gzip
import os
import shutil
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
root = os.path.abspath(os.path.join(here, "..", ".."))
seeds = os.path.join(here, "seeds")

def read(rel):
    with open(os.path.join(root, rel), "rb") as f:
        return f.read()

def put(target, name, data):
    folder = os.path.join(seeds, target)
    os.makedirs(folder, exist_ok=True)
    with open(os.path.join(folder, name), "wb") as f:
        f.write(data)

def zstd(data):
    if shutil.which("zstd") is None:
        return None
    return subprocess.run(["zstd", "-q", "-c", "-3"], input=data, stdout=subprocess.PIPE, check=True).stdout

shutil.rmtree(seeds, ignore_errors=True)
canonical = read("Tests/MotcuaCommandsTests/Fixtures/e2e/exports/a.csv")
igate = read("Tests/MotcuaCommandsTests/Fixtures/e2e/exports/b.csv")
catalog = read("Tests/MotcuaCommandsTests/Fixtures/e2e/catalog.csv")
quoted = b'a,b,c\n"x,1","say ""hi""","two\nlines"\r\n"",,"end"\n'
semicolon = b'\xef\xbb\xbfid;name\r\n1;"Tr\xe1\xba\xa7n; V\xc4\x83n"\r\n'

# CSV reader: a mode byte, then the file. Mode 0x00 detects the delimiter, 0x01 gives ',',
# 0x02 ';', 0x80 reads through a file (gzip, zstd).
for name, mode, body in [
    ("canonical", 0x01, canonical), ("canonical-detect", 0x00, canonical), ("igate", 0x02, igate),
    ("catalog", 0x01, catalog), ("quoted", 0x01, quoted), ("semicolon-bom", 0x00, semicolon),
    ("tab", 0x03, b"a\tb\n1\t2\n"), ("gzip", 0x80, gzip.compress(canonical, mtime=0)),
]:
    put("csv-reader", name, bytes([mode]) + body)
z = zstd(canonical)
if z:
    put("csv-reader", "zstd", bytes([0x80]) + z)

# Date parser: every accepted form and a few near misses.
for k, text in enumerate([
    "2024-01-31", "2024-01-31 09:05", "2024-01-31 09:05:07", "2024-01-31T09:05:07",
    "2024-01-31T20:00:00Z", "2024-01-31T09:05:07+07:00", "2024-01-31T09:05:07-0530",
    "2024-01-31T09:05:07.123+07", "31/1/2024", "1/12/2024 9:05", "29/02/2024 23:59:59",
    "2024-02-30", "2024-1-5", " 2024-01-31 ",
]):
    put("date-parser", "d%02d" % k, text.encode())

# Value normaliser: a mode byte, then 13 fields cut at 0xFF (canonical column order).
def record(fields):
    return b"\xff".join(f.encode() for f in fields)
for k, fields in enumerate([
    ["D1", "1.001", "AG1", "online", "2025-01-10 09:00", "resolved", "2025-01-15 16:00", "2025-01-15 17:00", "4", "true", "2025-01-15", "Cấp phép", "Sở Xây dựng"],
    ["D2", "1.001", "AG1", "Trực tuyến", "10/01/2025", "Đang xử lý", "", "31/01/2025", "mức độ 3", "có", "", "", ""],
    ["D3", "1.002", "AG2", "2", "10/01/2025 8:00", "Hoàn thành", "11/01/2025", "", "toàn trình", "không", "", "", ""],
    ["D4", "1.002", "AG2", "bưu chính công ích", "2025-01-10T01:00:00Z", "hủy", "2025-01-10T02:00:00Z", "", "một phần", "x", "", "", ""],
    ["Đ5", "1.003", "A", "truc tuyen", "2025-01-10", "tu choi", "2025-01-09", "", "", "", "", "", ""],
]):
    put("value-normaliser", "r%02d" % k, bytes([k & 1]) + record(fields))
put("value-normaliser", "nfd", bytes([0]) + "Trực tuyến".encode("utf-8").replace("ự".encode(), "u\u031b\u0323".encode()))

# Pipeline file parser: the project's pipelines and the test fixture.
for name in os.listdir(os.path.join(root, "Pipelines")):
    if name.endswith(".yaml"):
        put("pipeline-file", name, read(os.path.join("Pipelines", name)))
put("pipeline-file", "e2e.yaml", read("Tests/MotcuaCommandsTests/Fixtures/e2e/pipeline.yaml"))
put("pipeline-file", "custom.yaml", b"""name: c
as_of: 2025-12-31
inputs:
  catalog: c.csv
  exports:
    - path: /srv/*.csv
      profile:
        base: igate-vi
        delimiter: ";"
        columns: { dossier_id: ["S\xe1\xbb\x91 h\xe1\xbb\x93 s\xc6\xa1", "Ma"], received_at: "Ng\xc3\xa0y n\xe1\xbb\x99p" }
        values: { channel: { "1": online, "2": in_person }, paid_online: { "C": "true" } }
outputs: { store: s, database: d.sqlite, snapshots: snaps, keep_snapshots: 3, reports: r }
targets:
  2025: { online_rate: 0.6, on_time_rate: 0.95 }
limits: { max_reject_rate: 0.1 }
""")

# Whole-export ingest: a profile byte (0 canonical, 1 igate-vi), then the file.
put("ingest", "canonical", bytes([0]) + canonical)
put("ingest", "igate", bytes([1]) + igate)
# Mode byte: bit 0 profile, bits 1-3 block size (64 bytes up), bit 4 lanes forced parallel.
put("ingest", "canonical-small-blocks-parallel", bytes([0x12]) + canonical)
put("ingest", "igate-small-blocks-parallel", bytes([0x17]) + igate)
put("ingest", "canonical-64-byte-blocks", bytes([0x10]) + canonical)
put("ingest", "quoted-bad", bytes([0]) + canonical.split(b"\n")[0] + b'\n"D9",1.001,AG1,"on\nline",2025-01-10,pending,,,,,,"x ""y""",\nD10,,AG1,online,2025-13-01,pending\n')
print("seeds written to", seeds, file=sys.stderr)
