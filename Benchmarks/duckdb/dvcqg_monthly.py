#!/usr/bin/env python3
"""DuckDB's side of Benchmarks/dvcqg-json.sh: read_json_auto over the sync records, then the
grouping of monthly_counts' received columns (month, agency, procedure; received, online,
postal), received dossiers only. Prints the seconds from connect to the result."""
import sys
import time
import duckdb

t = time.perf_counter()
con = duckdb.connect()
rows = con.execute(f"""
    WITH s AS (
        SELECT MaHoSo, CAST(MaTTHC AS VARCHAR) AS p, CAST(MaDonViXuLy AS VARCHAR) AS a,
               CAST(KenhThucHien AS VARCHAR) AS k, CAST(TrangThaiHoSo AS VARCHAR) AS st,
               CAST(NgayTiepNhan AS VARCHAR) AS r
        FROM read_json_auto('{sys.argv[1]}', format = 'newline_delimited')
    )
    SELECT substr(r, 1, 4) || '-' || substr(r, 5, 2) AS month, a, p, count(*) AS received,
           count(*) FILTER (WHERE k = '2') AS received_online, count(*) FILTER (WHERE k = '3') AS received_postal
    FROM s WHERE st NOT IN ('1', '3') AND r <> ''
    GROUP BY ALL
""").fetchall()
print("%.3f %d" % (time.perf_counter() - t, len(rows)))
