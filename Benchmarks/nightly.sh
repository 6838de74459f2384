#!/usr/bin/env bash
# Nightly incremental run vs a full run (issue 4 and 6).
#   Benchmarks/nightly.sh [ROWS] [DAYS]
# Generates ROWS export rows over 2021-2025 cut into one export per day (DAYS files), then times:
#   full     a run from nothing over every export;
#   nightly  a run over every export but the last two, an untimed night that adds the second to
#            last (so the store has a delta, as it has every night but the first after a new
#            base), then the timed night that adds the last one, as cron does: store base + delta,
#            patched database, snapshot parts linked, one day of new rows.
# Every stage is on, as cron runs it: snapshots, reports (with targets) and the store (issue 16).
# Prints both times, the ratio and the median night's stage times (`--json`). Needs a release
# build (MOTCUA=path to override).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-5000000}
DAYS=${2:-1826}
MOTCUA=${MOTCUA:-.build/release/motcua}
[ -x "$MOTCUA" ] || swift build -c release
OUT=Benchmarks/out/nightly-$ROWS
if [ ! -f "$OUT/data/catalog.csv" ]; then
  rm -rf "$OUT"; mkdir -p "$OUT"
  "$MOTCUA" generate --rows "$ROWS" --seed 5 --out "$OUT/data" --format canonical --files "$DAYS" --from-year 2021 --to-year 2025 --bad-rate 0.001
fi
pipeline() { # $1 = run folder, $2 = glob
  cat > "$1/p.yaml" <<YAML
name: nightly-bench
as_of: 2025-12-31
inputs:
  catalog: $PWD/$OUT/data/catalog.csv
  exports:
    - path: "$2"
      profile: canonical
outputs:
  store: $1/store
  database: $1/summary.sqlite
  snapshots: $1/snapshots
  keep_snapshots: 3
  reports: $1/reports
targets:
  2025: { online_rate: 0.60, eligible_online_rate: 0.70, procedures_level34_share: 0.80, on_time_rate: 0.95 }
YAML
}
# Dirty pages of the previous run are flushed first (`sync`): a cron night starts a day after the
# last one, not while gigabytes of its files are still being written back.
time_run() { sync; /usr/bin/time -f "%e %M" "$MOTCUA" run "$1/p.yaml" --quiet --json 2>&1 >"$1.json" | tail -1; }
stages() { python3 -c 'import json,sys; j=json.load(open(sys.argv[1])); print(" ".join(f"{k[:-8]} {j[k]:.2f}" for k in j if k.endswith("_seconds") and j[k] is not None))' "$1"; }
REPEAT=${REPEAT:-5}
median() { python3 -c "import sys, statistics; print(statistics.median(float(x) for x in sys.argv[1:]))" "$@"; }

# Full run over every export.
rm -rf "$OUT/full"; mkdir -p "$OUT/full"; pipeline "$PWD/$OUT/full" "$PWD/$OUT/data/exports/canonical/*.csv"
read -r FULL FULL_RSS < <(time_run "$OUT/full")
echo "full: ${FULL}s, peak ${FULL_RSS} KB; $(stages "$OUT/full.json")"

# History: every export but the last two, in a staging folder the pipeline reads.
rm -rf "$OUT/inc"; mkdir -p "$OUT/inc/in"
LAST=$(ls "$OUT/data/exports/canonical" | sort | tail -1)
BEFORE=$(ls "$OUT/data/exports/canonical" | sort | tail -2 | head -1)
for f in "$OUT"/data/exports/canonical/*.csv; do
  case "$(basename "$f")" in "$LAST"|"$BEFORE") ;; *) ln -s "$PWD/$f" "$OUT/inc/in/" ;; esac
done
pipeline "$PWD/$OUT/inc" "$PWD/$OUT/inc/in/*.csv"
"$MOTCUA" run "$OUT/inc/p.yaml" --quiet
ln -s "$PWD/$OUT/data/exports/canonical/$BEFORE" "$OUT/inc/in/"
"$MOTCUA" run "$OUT/inc/p.yaml" --quiet
[ -f "$OUT/inc/store/dossiers.store.delta" ] || { echo "expected a store delta after the first night"; exit 1; }
ln -s "$PWD/$OUT/data/exports/canonical/$LAST" "$OUT/inc/in/"
# The timed night, REPEAT times from the same state (copied back each time); the median counts.
rm -rf "$OUT/inc.before"; cp -a "$OUT/inc" "$OUT/inc.before"
NIGHTS=()
for k in $(seq "$REPEAT"); do
  if (( k > 1 )); then rm -rf "$OUT/inc"; cp -a "$OUT/inc.before" "$OUT/inc"; fi
  read -r T NIGHT_RSS < <(time_run "$OUT/inc")
  NIGHTS+=("$T")
  echo "night $k: ${T}s, peak ${NIGHT_RSS} KB; $(stages "$OUT/inc.json")"
done
NIGHT=$(median "${NIGHTS[@]}")
# KEEP_STATE=1 keeps the state before the timed night in $OUT/inc.before (to profile a night).
[ -n "${KEEP_STATE:-}" ] || rm -rf "$OUT/inc.before"

# Same figures either way.
for t in monthly_counts backlog dormant_procedures; do
  diff <(sqlite3 "$OUT/full/summary.sqlite" "select * from $t order by 1,2,3") \
       <(sqlite3 "$OUT/inc/summary.sqlite" "select * from $t order by 1,2,3") >/dev/null \
    || { echo "MISMATCH in $t"; exit 1; }
done
echo "rows=$ROWS exports=$DAYS full=${FULL}s (peak ${FULL_RSS} KB) nightly=${NIGHT}s, median of ${NIGHTS[*]} (peak ${NIGHT_RSS} KB) ratio=$(python3 -c "print(f'{$NIGHT/$FULL:.3f}')")"
