#!/usr/bin/env bash
# motcua's whole nightly job against DuckDB's and polars' monthly_counts on the same canonical
# export (issues 6 and 16).
#
#   Benchmarks/compare.sh [--shape short|long] [--stages all|core] N
#
#   N                 data rows of the generated export, e.g. 1000000
#   --shape long      (default) every column: names and personal data, about 380 bytes a row,
#                     300 procedures, 40 agencies, 2019-2025
#   --shape short     the canonical columns only, about 130 bytes a row, 580 procedures,
#                     26 agencies, 2021-2025 (`motcua generate --shape short`)
#   --stages all      (default) the whole job as `make run` does it: ingest, compute, publish,
#                     snapshot, reports, store, from an empty store
#   --stages core     ingest, compute and publish only (the issue 6 measurement)
#
# Environment:
#   MOTCUA=path   use this motcua binary instead of building the repo's release build
#   RUNS=5        timed runs per tool (at least 5), after one untimed warm-up run of each
#   SEED=20251231 seed of `motcua generate` (fixed, so that runs are comparable)
#   PEERS="duckdb polars"  the peers to run (either or both)
#
# What it does, all under Benchmarks/out/<shape>-n<N>/ (gitignored):
#   1. builds motcua in release mode unless MOTCUA is set;
#   2. creates the venv Benchmarks/.venv with duckdb and polars if missing;
#   3. generates the export (one file, --bad-rate 0), reused while N, shape, seed and binary match;
#   4. writes the pipeline file (bench.yaml);
#   5. runs the tools ALTERNATELY (motcua, duckdb, polars, motcua, ...) RUNS times each under
#      /usr/bin/time: wall, user+sys CPU and peak RSS of every run; motcua with --json, so every
#      run's stage times are kept; each motcua run starts from an empty store, database,
#      snapshots and reports (the shared machine's load drifts: alternating spreads it evenly);
#   6. checks after EVERY run that the tool's monthly_counts equals motcua's (sorted CSV, diffed;
#      exit 1 on any difference);
#   7. prints medians: wall, CPU, peak RSS, each stage's median time and share of motcua's wall
#      time, and the ratios against both peers (against their whole process and their query).
set -euo pipefail

SHAPE=long
STAGES=all
while [[ $# -gt 0 ]]; do
    case $1 in
    --shape) SHAPE=$2; shift 2 ;;
    --stages) STAGES=$2; shift 2 ;;
    -*) echo "unknown option $1" >&2; exit 2 ;;
    *) break ;;
    esac
done
if [[ $# -ne 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 || ! $SHAPE =~ ^(short|long)$ || ! $STAGES =~ ^(all|core)$ ]]; then
    echo "usage: $0 [--shape short|long] [--stages all|core] N" >&2
    exit 2
fi
N=$1
RUNS=${RUNS:-5}
SEED=${SEED:-20251231}
PEERS=${PEERS:-duckdb polars}
if (( RUNS < 5 )); then echo "RUNS must be at least 5" >&2; exit 2; fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
OUT=$HERE/out/$SHAPE-n$N
DATA=$OUT/data
VENV=$HERE/.venv
PY=$VENV/bin/python

[[ -x /usr/bin/time ]] || { echo "missing /usr/bin/time (apt-get install -y time)" >&2; exit 2; }

# 1. motcua
if [[ -n ${MOTCUA:-} ]]; then
    [[ -x $MOTCUA ]] || { echo "MOTCUA=$MOTCUA is not an executable" >&2; exit 2; }
    MOTCUA=$(cd "$(dirname "$MOTCUA")" && pwd)/$(basename "$MOTCUA")
else
    echo "== building motcua (release) in $REPO"
    (cd "$REPO" && swift build -c release --product motcua >&2)
    MOTCUA=$(cd "$REPO" && swift build -c release --show-bin-path)/motcua
fi

# 2. peers
if ! "$PY" -c 'import duckdb, polars' 2>/dev/null; then
    echo "== creating $VENV with duckdb and polars"
    [[ -x $PY ]] || python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet duckdb polars
fi

# 3. data
mkdir -p "$OUT"
case $SHAPE in
long) GEN=(--shape long) ;;
short) GEN=(--shape short --procedures 580 --agencies 26 --from-year 2021 --to-year 2025) ;;
esac
STAMP="rows=$N shape=$SHAPE seed=$SEED motcua=$(sha256sum "$MOTCUA" | cut -c1-16)"
EXPORT=$DATA/exports/canonical/export-0001.csv
if [[ ! -f $EXPORT || "$(cat "$DATA/.stamp" 2>/dev/null)" != "$STAMP" ]]; then
    echo "== generating $N $SHAPE rows into $DATA"
    rm -rf "$DATA"
    "$MOTCUA" generate --rows "$N" --seed "$SEED" --out "$DATA" --format canonical --files 1 \
        --bad-rate 0 "${GEN[@]}"
    echo "$STAMP" >"$DATA/.stamp"
fi
BYTES=$(stat -c %s "$EXPORT")

# 4. pipeline
{
    echo "# Written by Benchmarks/compare.sh ($SHAPE rows, stages: $STAGES)."
    echo "name: bench-$SHAPE-n$N"
    echo "as_of: 2025-12-31"
    echo "inputs:"
    echo "  catalog: data/catalog.csv"
    echo "  exports:"
    echo "    - path: data/exports/canonical/*.csv"
    echo "      profile: canonical"
    echo "outputs:"
    echo "  store: store"
    echo "  database: summary.sqlite"
    if [[ $STAGES == all ]]; then
        echo "  snapshots: snapshots"
        echo "  keep_snapshots: 3"
        echo "  reports: reports"
        echo "targets:"
        echo "  2025: { online_rate: 0.60, eligible_online_rate: 0.70, procedures_level34_share: 0.80, on_time_rate: 0.95 }"
    fi
    echo "limits:"
    echo "  max_reject_rate: 0"
} >"$OUT/bench.yaml"

# The DuckDB side: the reference SQL, then monthly_counts to CSV; appends its own time
# (connect -> CSV written) and its import time to a file, one line per run.
cat >"$OUT/run_duckdb.py" <<'EOF'
import sys, time
t0 = time.perf_counter()
import duckdb
sql_path, export_csv, catalog_csv, out_csv, times_file = sys.argv[1:6]
t1 = time.perf_counter()
con = duckdb.connect()  # in memory, default threads (all cores)
con.execute("SET VARIABLE export_csv = ?", [export_csv])
con.execute("SET VARIABLE catalog_csv = ?", [catalog_csv])
con.execute(open(sql_path, encoding="utf-8").read())
con.execute(f"COPY monthly_counts TO '{out_csv}' (HEADER, DELIMITER ',')")
t2 = time.perf_counter()
with open(times_file, "a") as f:
    f.write(f"{t2 - t1:.6f} {t1 - t0:.6f}\n")
EOF

MOTCUA_CSV=$OUT/motcua_monthly_counts.csv
declare -A CMD CSV
CMD[motcua]="$MOTCUA run $OUT/bench.yaml --quiet --json"
CMD[duckdb]="$PY $OUT/run_duckdb.py $HERE/duckdb/monthly_counts.sql $EXPORT $DATA/catalog.csv $OUT/duckdb_monthly_counts.csv $OUT/duckdb_inner.txt"
CMD[polars]="$PY $HERE/polars/monthly_counts.py $EXPORT $DATA/catalog.csv $OUT/polars_monthly_counts.csv $OUT/polars_inner.txt"
CSV[duckdb]=$OUT/duckdb_monthly_counts.csv
CSV[polars]=$OUT/polars_monthly_counts.csv
TOOLS=(motcua $PEERS)

echo "== input: $N $SHAPE rows, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB), stages: $STAGES"
echo "== motcua: $MOTCUA; duckdb $("$PY" -c 'import duckdb; print(duckdb.__version__)'); polars $("$PY" -c 'import polars; print(polars.__version__)'); $(nproc) cores"

sorted_body() { head -1 "$1"; tail -n +2 "$1" | LC_ALL=C sort; }
motcua_csv() {
    "$PY" - "$OUT/summary.sqlite" "$MOTCUA_CSV" <<'EOF'
import csv, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
cur = db.execute("SELECT * FROM monthly_counts ORDER BY month, agency_code, procedure_code")
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([d[0] for d in cur.description])
    w.writerows(cur)
EOF
}
check() { # tool: its monthly_counts against motcua's last one
    if ! diff <(sorted_body "$MOTCUA_CSV") <(sorted_body "${CSV[$1]}") >"$OUT/monthly_counts-$1.diff"; then
        echo "DIFFERENCES between motcua and $1: $OUT/monthly_counts-$1.diff (< motcua, > $1)" >&2
        head -20 "$OUT/monthly_counts-$1.diff" >&2
        exit 1
    fi
}

# 5. alternating runs; run 0 is the untimed warm-up.
TIMES=$OUT/times.txt
: >"$TIMES"
rm -f "$OUT/duckdb_inner.txt" "$OUT/polars_inner.txt"
for ((k = 0; k <= RUNS; k++)); do
    for tool in "${TOOLS[@]}"; do
        if [[ $tool == motcua ]]; then
            rm -rf "$OUT/store" "$OUT/summary.sqlite" "$OUT/snapshots" "$OUT/reports"
        else
            rm -f "${CSV[$tool]}"
        fi
        # shellcheck disable=SC2086
        (cd "$OUT" && /usr/bin/time -f "%e %U %S %M" -o "$OUT/time.txt" ${CMD[$tool]} >"$OUT/$tool.stdout")
        read -r wall user sys rss <"$OUT/time.txt"
        if [[ $tool == motcua ]]; then
            stages=$("$PY" -c 'import json,sys; j=json.load(open(sys.argv[1])); print(" ".join(str(j.get(k) or 0) for k in ["ingest_seconds","load_seconds","compute_seconds","publish_seconds","store_write_seconds","snapshot_seconds","report_seconds"]))' "$OUT/motcua.stdout")
            motcua_csv
        else
            stages=""
            check "$tool"
        fi
        ((k > 0)) && echo "$tool $wall $user $sys $rss $stages" >>"$TIMES"
        awk -v k="$k" -v t="$tool" -v w="$wall" -v u="$user" -v s="$sys" -v r="$rss" \
            'BEGIN { printf "  run %d %-7s %6.2f s wall, %6.2f s CPU, %5.0f MiB\n", k, t, w, u + s, r / 1024 }'
    done
done

# 7. summary
"$PY" - "$TIMES" "$OUT/duckdb_inner.txt" "$OUT/polars_inner.txt" "$BYTES" "$N" "$SHAPE" "$STAGES" <<'EOF'
import os, statistics as st, sys
times, duck_inner, polars_inner, nbytes, n, shape, stages = sys.argv[1:8]
nbytes, n = int(nbytes), int(n)
rows = {}
for line in open(times):
    f = line.split()
    rows.setdefault(f[0], []).append([float(x) for x in f[1:]])
med = lambda xs: st.median(xs)
def col(tool, k): return [r[k] for r in rows[tool]]
def inner(path):
    if not os.path.exists(path): return None
    lines = [l.split() for l in open(path) if l.strip()][1:]  # skip the warm-up
    return med([float(a) for a, _ in lines])
m = med(col("motcua", 0))
print(f"\n{shape} rows, {n} rows, {nbytes / 1e6:.1f} MB, stages {stages}: medians of {len(rows['motcua'])} alternating runs")
print(f"  {'tool':<8} {'wall s':>8} {'CPU s':>8} {'peak MiB':>9}  {'query s':>8}  ratio motcua/tool (wall; vs query; CPU)")
for tool in rows:
    w = med(col(tool, 0)); cpu = med([a + b for a, b in zip(col(tool, 1), col(tool, 2))])
    rss = med(col(tool, 3)) / 1024
    q = inner(os.path.join(os.path.dirname(times), f"{tool}_inner.txt")) if tool != "motcua" else None
    mcpu = med([a + b for a, b in zip(col("motcua", 1), col("motcua", 2))])
    ratio = "" if tool == "motcua" else f"{m / w:.2f}; {m / q:.2f}; {mcpu / cpu:.2f}"
    print(f"  {tool:<8} {w:8.3f} {cpu:8.2f} {rss:9.0f}  {q if q is None else round(q, 3)!s:>8}  {ratio}")
names = ["ingest", "(load)", "compute", "publish", "(store write)", "snapshot", "report"]
print(f"  motcua: {nbytes / 1e6 / m:.0f} MB/s and {n / m / 1e6:.2f} M rows/s over the whole job; "
      f"cores busy {med([(a + b) / w for w, a, b in zip(col('motcua', 0), col('motcua', 1), col('motcua', 2))]):.2f}")
parts = []
for k, name in enumerate(names):
    t = med(col("motcua", 4 + k))
    parts.append(f"{name} {t:.2f} s ({100 * t / m:.0f}%)")
print("  motcua stages (median s, share of wall): " + ", ".join(parts))
ing = med(col("motcua", 4))
print(f"  ingest: {nbytes / 1e6 / ing:.0f} MB/s, {n / ing / 1e6:.2f} M rows/s")
EOF
echo "monthly_counts: $(($(wc -l <"$MOTCUA_CSV") - 1)) rows; equal to motcua's on every run: ${PEERS// /, }"
