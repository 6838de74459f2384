#!/usr/bin/env python3
"""Compares the Spark job's national monthly_counts (a folder of CSV parts with a header) with
`monthly_counts` of the database `motcua merge` wrote: same columns, same rows, every cell.
Exit 0 when equal, 1 with the first differences otherwise."""
import csv
import glob
import sqlite3
import sys

spark_folder, database = sys.argv[1], sys.argv[2]
db = sqlite3.connect(f"file:{database}?mode=ro", uri=True)
cursor = db.execute("SELECT * FROM monthly_counts ORDER BY province_code, month, agency_code, procedure_code")
columns = [d[0] for d in cursor.description]
merged = [tuple(str(v) for v in row) for row in cursor]

spark_rows, header = [], None
for path in sorted(glob.glob(f"{spark_folder}/part-*.csv")):
    with open(path, encoding="utf-8", newline="") as f:
        reader = csv.reader(f)
        header = next(reader, None) or header
        spark_rows.extend(tuple(r) for r in reader)
spark_rows.sort(key=lambda r: r[:4])

if header != columns:
    sys.exit(f"columns differ:\n  spark:  {header}\n  motcua: {columns}")
if spark_rows != merged:
    a, b = set(spark_rows), set(merged)
    print(f"rows differ: spark {len(spark_rows)}, motcua merge {len(merged)}")
    for r in sorted(a - b)[:5]:
        print("  only spark: ", r)
    for r in sorted(b - a)[:5]:
        print("  only motcua:", r)
    sys.exit(1)
print(f"equal: {len(merged)} rows x {len(columns)} columns, {len({r[0] for r in merged})} provinces")
