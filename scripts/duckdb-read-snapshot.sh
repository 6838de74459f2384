#!/usr/bin/env bash
# Reads the latest snapshot of a pipeline's snapshots folder with DuckDB, prints the dossier rows by
# year and checks that their total equals the dossier rows the snapshot's manifest lists.
#
#   scripts/duckdb-read-snapshot.sh var/sample/snapshots
#
# DuckDB (the Python package) is installed on first use into Benchmarks/.venv, a venv made with
# python3 -m venv (git ignores it). Exit 0 when the totals agree, 1 when they differ, 2 on a usage
# error or when there is no snapshot. See docs/operations.md, "Reading a snapshot".
set -euo pipefail

if [ "$#" -ne 1 ] || [ ! -d "$1" ]; then
  echo "usage: $0 SNAPSHOTS_FOLDER   (e.g. var/sample/snapshots)" >&2
  exit 2
fi
snapshots=$(cd "$1" && pwd)
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
venv="$root/Benchmarks/.venv"

if [ ! -x "$venv/bin/python" ]; then
  echo "creating $venv" >&2
  python3 -m venv "$venv"
fi
if ! "$venv/bin/python" -c 'import duckdb' 2>/dev/null; then
  echo "installing duckdb into $venv" >&2
  "$venv/bin/python" -m pip install --quiet --disable-pip-version-check duckdb
fi

# The latest complete snapshot: a folder with a manifest.json; ids start with the UTC time of
# their run, so name order is time order (hidden .tmp- folders are half-written ones).
latest=""
for dir in "$snapshots"/*/; do
  name=$(basename "$dir")
  case "$name" in .*) continue ;; esac
  [ -f "$dir/manifest.json" ] && latest="$name"
done
if [ -z "$latest" ]; then
  echo "no snapshot with a manifest.json in $snapshots" >&2
  exit 2
fi

exec "$venv/bin/python" - "$snapshots/$latest" "$root/scripts/duckdb-read-snapshot.sql" <<'PY'
import json
import sys

import duckdb

folder, sql_path = sys.argv[1], sys.argv[2]
with open(f"{folder}/manifest.json", encoding="utf-8") as f:
    manifest = json.load(f)
expected = {}
for entry in manifest["files"]:
    if entry["path"].startswith("dossiers/"):
        year = int(entry["path"].split("/")[1].removeprefix("year="))
        expected[year] = expected.get(year, 0) + entry["rows"]

with open(sql_path, encoding="utf-8") as f:
    sql = f.read().replace("__SNAPSHOT__", folder.replace("'", "''"))
rows = duckdb.connect().execute(sql).fetchall()

print(f"snapshot {manifest['snapshot_id']} (as of {manifest['as_of']}), DuckDB {duckdb.__version__}")
print(f"{'year':>6} {'dossiers':>10} {'manifest':>10}")
total = 0
mismatch = False
for year, count in rows:
    year = int(year)
    total += count
    want = expected.get(year)
    mark = "" if want == count else "  <- differs"
    mismatch |= want != count
    print(f"{year:>6} {count:>10} {want if want is not None else '-':>10}{mark}")
for year in sorted(set(expected) - {int(y) for y, _ in rows}):
    mismatch = True
    print(f"{year:>6} {0:>10} {expected[year]:>10}  <- differs")
want_total = sum(expected.values())
print(f"{'total':>6} {total:>10} {want_total:>10}")
if mismatch or total != want_total:
    print(f"MISMATCH: DuckDB reads {total} dossier rows, the manifest lists {want_total}", file=sys.stderr)
    sys.exit(1)
print(f"ok: DuckDB reads the {total} dossier rows the manifest lists")
PY
