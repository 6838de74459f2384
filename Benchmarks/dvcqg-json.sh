#!/usr/bin/env bash
# motcua's dvcqg JSON Lines ingest against DuckDB's read_json_auto + the same grouping (issue 13).
#
#   Benchmarks/dvcqg-json.sh N        N sync records, e.g. 1000000
#
# MOTCUA=path uses that binary (else .build/release/motcua); RUNS=3 runs each, the best kept.
# Data under Benchmarks/out/dvcqg-n<N>/ (gitignored), made by duckdb/make_dvcqg.py; DuckDB in the
# venv Benchmarks/.venv. motcua runs from an empty store each time, no snapshots; its ingest time
# is the run summary's ingest_seconds (read, scan, stage, merge); DuckDB's is measured in python.
set -euo pipefail
N=${1:?usage: $0 N}
RUNS=${RUNS:-3}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
MOTCUA=${MOTCUA:-$REPO/.build/release/motcua}
OUT=$HERE/out/dvcqg-n$N
VENV=$HERE/.venv
[[ -x $VENV/bin/python ]] || { python3 -m venv "$VENV" && "$VENV/bin/pip" install -q duckdb; }
[[ -f $OUT/sync.jsonl ]] || python3 "$HERE/duckdb/make_dvcqg.py" "$N" "$OUT"
cat > "$OUT/bench.yaml" <<YAML
name: dvcqg-bench
as_of: 2025-12-31
inputs:
  catalog: catalog.csv
  exports:
    - path: sync.jsonl
      profile: dvcqg
outputs:
  store: store
  database: summary.sqlite
limits:
  max_reject_rate: 0.5
YAML
BYTES=$(stat -c %s "$OUT/sync.jsonl")
best_m=999999; best_d=999999
for _ in $(seq "$RUNS"); do
    rm -rf "$OUT/store" "$OUT/summary.sqlite"
    s=$("$MOTCUA" run "$OUT/bench.yaml" --json | python3 -c 'import json,sys; d=json.load(sys.stdin); print(d["ingest_seconds"], d["records_read"])')
    set -- $s; best_m=$(python3 -c "print(min($best_m, $1))"); read_rows=$2
    d=$("$VENV/bin/python" "$HERE/duckdb/dvcqg_monthly.py" "$OUT/sync.jsonl" | cut -d' ' -f1)
    best_d=$(python3 -c "print(min($best_d, $d))")
done
python3 - "$BYTES" "$read_rows" "$best_m" "$best_d" <<'PY'
import sys
b, n, m, d = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
print(f"file {b/1e6:.1f} MB, {n} records")
print(f"motcua ingest   {m:.2f} s  {b/1e6/m:7.1f} MB/s  {n/m:10.0f} rows/s")
print(f"duckdb json+grp {d:.2f} s  {b/1e6/d:7.1f} MB/s  {n/d:10.0f} rows/s")
print(f"ratio duckdb/motcua time: {d/m:.2f}")
PY
