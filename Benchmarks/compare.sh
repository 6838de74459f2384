#!/usr/bin/env bash
# motcua against DuckDB on the same canonical export (issue 6).
#
#   Benchmarks/compare.sh N            N data rows, e.g. 1000000
#
# Environment:
#   MOTCUA=path   use this motcua binary instead of building the repo's release build
#   RUNS=5        hyperfine runs per tool (at least 5), after one warm-up run
#   SEED=20251231 seed of `motcua generate` (fixed, so that runs are comparable)
#
# What it does, all under Benchmarks/out/ (gitignored):
#   1. builds motcua in release mode unless MOTCUA is set (`swift build -c release`, incremental);
#   2. creates the DuckDB venv Benchmarks/.venv if missing (pip install duckdb);
#   3. generates an N-row canonical export (one file, --bad-rate 0) into out/n<N>/data, reused when
#      N, seed and the motcua binary are unchanged;
#   4. writes out/n<N>/bench.yaml: ingest + compute + publish, no snapshots, no reports,
#      as_of 2025-12-31;
#   5. times both with hyperfine (--warmup 1, RUNS runs). motcua starts from an empty store on every
#      run (--prepare removes the store and the database). DuckDB runs Benchmarks/duckdb/
#      monthly_counts.sql in the venv's python (default threads = all cores) and writes
#      monthly_counts to CSV; its wall time includes python start-up and `import duckdb`, so the
#      script also reports DuckDB's own time measured inside python (connect -> CSV written);
#   6. checks that both produce the same monthly_counts (both exported as sorted CSV, diffed;
#      exit 1 on any difference);
#   7. measures peak RSS of one more run of each with /usr/bin/time -v.
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ || $1 -lt 1 ]]; then
    echo "usage: $0 N   (N = data rows of the generated export, e.g. 1000000)" >&2
    exit 2
fi
N=$1
RUNS=${RUNS:-5}
SEED=${SEED:-20251231}
if (( RUNS < 5 )); then echo "RUNS must be at least 5" >&2; exit 2; fi

HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(dirname "$HERE")
OUT=$HERE/out/n$N
DATA=$OUT/data
SQL=$HERE/duckdb/monthly_counts.sql
VENV=$HERE/.venv
PY=$VENV/bin/python

for tool in hyperfine /usr/bin/time; do
    command -v "$tool" >/dev/null || {
        echo "missing $tool (apt-get install -y hyperfine time)" >&2
        exit 2
    }
done

# 1. motcua
if [[ -n ${MOTCUA:-} ]]; then
    [[ -x $MOTCUA ]] || { echo "MOTCUA=$MOTCUA is not an executable" >&2; exit 2; }
    MOTCUA=$(cd "$(dirname "$MOTCUA")" && pwd)/$(basename "$MOTCUA")
else
    echo "== building motcua (release) in $REPO"
    (cd "$REPO" && swift build -c release --product motcua >&2)
    MOTCUA=$(cd "$REPO" && swift build -c release --show-bin-path)/motcua
fi

# 2. DuckDB
if ! "$PY" -c 'import duckdb' 2>/dev/null; then
    echo "== creating $VENV with duckdb"
    python3 -m venv "$VENV"
    "$VENV/bin/pip" install --quiet duckdb
fi

# 3. data
mkdir -p "$OUT"
STAMP="rows=$N seed=$SEED motcua=$(sha256sum "$MOTCUA" | cut -c1-16)"
EXPORT=$DATA/exports/canonical/export-0001.csv
if [[ ! -f $EXPORT || "$(cat "$DATA/.stamp" 2>/dev/null)" != "$STAMP" ]]; then
    echo "== generating $N rows into $DATA"
    rm -rf "$DATA"
    "$MOTCUA" generate --rows "$N" --seed "$SEED" --out "$DATA" --format canonical --files 1 \
        --bad-rate 0
    echo "$STAMP" >"$DATA/.stamp"
fi
BYTES=$(stat -c %s "$EXPORT")

# 4. pipeline
cat >"$OUT/bench.yaml" <<EOF
# Written by Benchmarks/compare.sh: ingest, compute and publish only (no snapshots, no reports).
name: bench-n$N
as_of: 2025-12-31
inputs:
  catalog: data/catalog.csv
  exports:
    - path: data/exports/canonical/*.csv
      profile: canonical
outputs:
  store: store
  database: summary.sqlite
limits:
  max_reject_rate: 0
EOF

# The DuckDB side: the reference SQL, then monthly_counts to CSV. Prints its own elapsed time
# (connect -> CSV written) and appends it to a file, one line per run.
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

MOTCUA_CMD="$MOTCUA run $OUT/bench.yaml --quiet"
DUCK_CSV=$OUT/duckdb_monthly_counts.csv
DUCK_TIMES=$OUT/duckdb_inner_times.txt
DUCK_CMD="$PY $OUT/run_duckdb.py $SQL $EXPORT $DATA/catalog.csv $DUCK_CSV $DUCK_TIMES"
PREPARE="rm -rf $OUT/store $OUT/summary.sqlite"

echo "== input: $N rows, $BYTES bytes ($(awk -v b="$BYTES" 'BEGIN{printf "%.1f", b/1e6}') MB); motcua: $MOTCUA"
echo "== duckdb $("$PY" -c 'import duckdb; print(duckdb.__version__)'), $(nproc) cores"

# 5. timings
rm -f "$DUCK_TIMES"
hyperfine --warmup 1 --runs "$RUNS" --export-json "$OUT/hyperfine.json" \
    --command-name motcua --prepare "$PREPARE" "$MOTCUA_CMD" \
    --command-name duckdb --prepare "rm -f $DUCK_CSV" "$DUCK_CMD"

# 6. same monthly_counts? (the last timed run of each left its output in place)
MOTCUA_CSV=$OUT/motcua_monthly_counts.csv
"$PY" - "$OUT/summary.sqlite" "$MOTCUA_CSV" <<'EOF'
import csv, sqlite3, sys
db = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
cur = db.execute("SELECT * FROM monthly_counts ORDER BY month, agency_code, procedure_code")
with open(sys.argv[2], "w", newline="") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow([d[0] for d in cur.description])
    w.writerows(cur)
EOF
sorted_body() { head -1 "$1"; tail -n +2 "$1" | LC_ALL=C sort; }
if diff <(sorted_body "$MOTCUA_CSV") <(sorted_body "$DUCK_CSV") >"$OUT/monthly_counts.diff"; then
    SAME=yes
else
    SAME=no
fi
ROWS=$(($(wc -l <"$MOTCUA_CSV") - 1))

# 7. peak RSS
rss() { # command... -> kB
    /usr/bin/time -v "$@" 2>&1 >/dev/null | awk -F': ' '/Maximum resident set size/ {print $2}'
}
eval "$PREPARE"
RSS_MOTCUA=$(rss $MOTCUA_CMD)
RSS_DUCK=$(rss $DUCK_CMD)

# Summary
"$PY" - "$OUT/hyperfine.json" "$DUCK_TIMES" "$BYTES" "$N" "$RSS_MOTCUA" "$RSS_DUCK" <<'EOF'
import json, statistics, sys
hf, times_file, nbytes, n, rss_m, rss_d = sys.argv[1:7]
nbytes, n = int(nbytes), int(n)
r = {x["command"]: x for x in json.load(open(hf))["results"]}
m, d = r["motcua"]["median"], r["duckdb"]["median"]
runs = len(r["duckdb"]["times"])
lines = [l.split() for l in open(times_file) if l.strip()][1:1 + runs]  # skip the warm-up
inner = statistics.median(float(a) for a, _ in lines)
imp = statistics.median(float(b) for _, b in lines)
def line(name, t, extra=""):
    print(f"  {name:<34} {t:8.3f} s  {nbytes / t / 1e6:7.1f} MB/s  {n / t / 1e6:6.2f} M rows/s{extra}")
print(f"\nmedian wall time over {len(r['motcua']['times'])} runs ({nbytes / 1e6:.1f} MB, {n} rows):")
line("motcua run (ingest+compute+publish)", m,
     f"   [min {r['motcua']['min']:.3f}, max {r['motcua']['max']:.3f}]")
line("duckdb, python + import + query", d,
     f"   [min {r['duckdb']['min']:.3f}, max {r['duckdb']['max']:.3f}]")
line("duckdb query only (inside python)", inner, f"   [python start + import duckdb: {imp:.3f} s]")
print(f"ratio motcua/duckdb: {m / d:.2f} (wall); {m / inner:.2f} (against DuckDB's own query time)")
cpu = {k: v["user"] + v["system"] for k, v in r.items()}
print(f"CPU time (user+sys, mean per run): motcua {cpu['motcua']:.2f} s, duckdb {cpu['duckdb']:.2f} s "
      f"(ratio {cpu['motcua'] / cpu['duckdb']:.2f}; less sensitive than wall time to other load on the machine)")
print(f"peak RSS: motcua {int(rss_m) / 1024:.0f} MiB, duckdb (python process) {int(rss_d) / 1024:.0f} MiB")
EOF
echo "monthly_counts: $ROWS rows; identical: $SAME"
if [[ $SAME != yes ]]; then
    echo "DIFFERENCES: $OUT/monthly_counts.diff (< motcua, > duckdb)" >&2
    head -20 "$OUT/monthly_counts.diff" >&2
    exit 1
fi
