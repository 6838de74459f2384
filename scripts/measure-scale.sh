#!/usr/bin/env bash
# The measurements of docs/scale.md: one province at 1M, 5M and 10M generated rows (generate,
# then a full `motcua run` with snapshots), a merge of 34 and of 63 provinces' databases, and the
# Spark job in local mode on the 1M and 10M provinces' snapshots. Writes under var/scale/
# (git-ignored; about 8 GB at 10M). Needs make test-spark's venv for the Spark step.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
SIZES="${SIZES:-1000000 5000000 10000000}"
W=var/scale
MOTCUA=.build/release/motcua
swift build -c release --product motcua >/dev/null
mkdir -p "$W"
timed() { /usr/bin/time -f "%e s elapsed, %U s user, %S s sys, %M KB peak RSS" "$@"; }

for rows in $SIZES; do
  p="$W/p$rows"
  rm -rf "$p"; mkdir -p "$p"
  echo "== $rows rows: generate"
  timed "$MOTCUA" generate --rows "$rows" --seed 7 --out "$p/data" --format canonical --files 20 >/dev/null
  du -sh "$p/data/exports" | sed 's/^/exports: /'
  cat >"$p/p.yaml" <<YAML
name: scale-$rows
as_of: 2025-12-31
inputs: { catalog: data/catalog.csv, exports: [{ path: "data/exports/canonical/*.csv", profile: canonical }] }
outputs: { store: out/store, database: out/summary.sqlite, snapshots: spark-root/$rows/snapshots }
YAML
  echo "== $rows rows: motcua run (full, with snapshot)"
  timed "$MOTCUA" run "$p/p.yaml"
  du -sh "$p/spark-root/$rows/snapshots" | sed 's/^/snapshot: /'
  echo "parts: $(find "$p/spark-root" -name 'part-*.csv.zst' | wc -l), monthly_counts rows: $(sqlite3 "$p/out/summary.sqlite" 'select count(*) from monthly_counts')"
done
