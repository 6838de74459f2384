#!/usr/bin/env bash
# .xlsx ingest against CSV ingest of the same rows (issue 13, part 3).
#   Benchmarks/xlsx.sh [ROWS]
# Generates ROWS igate-vi rows three ways (same seed, so the same rows):
#   csv      one CSV export (the baseline);
#   inline   one workbook of ROWS rows: past 100,000 rows libxlsxwriter writes text inline;
#   shared   ten workbooks of ROWS/10 rows each, text in the shared-strings table (Excel's way);
# then runs `motcua run` on each (no snapshot), under /usr/bin/time -v: wall time, peak RSS, rows/s.
# Needs a release build (MOTCUA=path to override).
set -euo pipefail
cd "$(dirname "$0")/.."
ROWS=${1:-1000000}
MOTCUA=${MOTCUA:-.build/release/motcua}
[ -x "$MOTCUA" ] || swift build -c release
OUT=Benchmarks/out/xlsx-$ROWS
gen() { # $1 = name, $2 = format, $3 = files
  [ -f "$OUT/$1/catalog.csv" ] || "$MOTCUA" generate --rows "$ROWS" --seed 13 --out "$OUT/$1" --format "$2" --files "$3" >/dev/null
}
mkdir -p "$OUT"
gen csv igate-vi 1
gen inline xlsx 1
gen shared xlsx 10
for kind in csv inline shared; do
  dir="$PWD/$OUT/$kind"
  glob="$dir/exports/igate/*.csv"; [ "$kind" = csv ] || glob="$dir/exports/xlsx/*.xlsx"
  rm -rf "$dir/run"; mkdir -p "$dir/run"
  cat > "$dir/run/p.yaml" <<YAML
name: xlsx-bench
as_of: 2025-12-31
inputs:
  catalog: $dir/catalog.csv
  exports:
    - path: "$glob"
      profile: igate-vi
outputs:
  store: $dir/run/store
  database: $dir/run/summary.sqlite
YAML
  sync
  /usr/bin/time -v "$MOTCUA" run "$dir/run/p.yaml" --quiet 2> "$dir/run/time.txt" >/dev/null
  secs=$(awk -F': ' '/Elapsed \(wall clock\)/ {n=split($2,t,":"); s=0; for(i=1;i<=n;i++) s=s*60+t[i]; print s}' "$dir/run/time.txt")
  rss=$(awk -F': ' '/Maximum resident set size/ {print int($2/1024)}' "$dir/run/time.txt")
  bytes=$(du -cb $glob | tail -1 | cut -f1)
  printf "%-7s %4d MiB input  %6.2f s  peak RSS %5d MiB  %8.0f rows/s\n" "$kind" $((bytes >> 20)) "$secs" "$rss" "$(echo "$ROWS / $secs" | bc -l)"
done
