#!/usr/bin/env bash
# The national measurements of docs/scale.md, after scripts/measure-scale.sh has made the
# provinces under var/scale/: `motcua merge` of 34 and of 63 provinces' databases (hard links of
# the generated 1M, 5M and 10M provinces' databases under distinct paths and codes: a merge's
# cost is that of the rows it reads), and the Spark job in local mode on the 1M and 10M
# provinces' snapshots (needs make test-spark's venv).
set -euo pipefail
cd "$(dirname "$0")/.."
W=var/scale
MOTCUA=.build/release/motcua
timed() { /usr/bin/time -f "%e s elapsed, %U s user, %S s sys, %M KB peak RSS" "$@"; }
sizes=(1000000 5000000 10000000)
codes=$(cut -d, -f1 Pipelines/crosswalk/provinces-2025.csv | tail -n +2)
new_codes=$(cut -d, -f2 Pipelines/crosswalk/provinces-2025.csv | tail -n +2 | sort -u)

merge() { # name, crosswalk, codes...
  local name=$1 crosswalk=$2; shift 2
  local folder="$W/merge-$name" k=0
  rm -rf "$folder"; mkdir -p "$folder/in"
  { echo "name: $name"; echo "merge:"; echo "  inputs:"; } >"$folder/n.yaml"
  for code in "$@"; do
    local size=${sizes[$((k % 3))]}
    ln "$W/p$size/out/summary.sqlite" "$folder/in/$code.sqlite"
    echo "    - { province: \"$code\", database: in/$code.sqlite }" >>"$folder/n.yaml"
    k=$((k + 1))
  done
  { echo "  crosswalk: $crosswalk"; echo "outputs: { database: national.sqlite }"; echo "targets: { 2025: { online_rate: 0.65 } }"; } >>"$folder/n.yaml"
  echo "== merge $name: $# inputs, crosswalk $crosswalk"
  timed "$MOTCUA" merge "$folder/n.yaml"
  ls -l "$folder/national.sqlite" | awk '{print "database bytes: " $5}'
  timed sqlite3 "$folder/national.sqlite" "SELECT count(*), round(online_rate, 4) FROM national_ratios_by_year WHERE year = 2025" | sed 's/^/national 2025 online_rate query: /'
}
if [ -z "${SKIP_MERGE:-}" ]; then
  # shellcheck disable=SC2086
  merge national-34 none $new_codes
  # shellcheck disable=SC2086
  merge national-63 2025 $codes
fi

echo "== spark: local mode on the 1M, 5M and 10M provinces' snapshots"
root="$W/spark-root"
rm -rf "$root"; mkdir -p "$root"
ln -s "$PWD/$W/p1000000/spark-root/1000000" "$root/01"
ln -s "$PWD/$W/p5000000/spark-root/5000000" "$root/02"
ln -s "$PWD/$W/p10000000/spark-root/10000000" "$root/26"
python3 - "$root"/*/snapshots/*/manifest.json <<'PY'
import json, sys
files = [f for m in sys.argv[1:] for f in json.load(open(m))["files"] if f["path"].startswith("dossiers/")]
print(f"snapshot rows: {sum(f['rows'] for f in files)} in {len(files)} part files, {sum(f['bytes'] for f in files) / 1e6:.0f} MB")
PY
export PYSPARK_PYTHON="$PWD/var/spark/venv/bin/python"
timed var/spark/venv/bin/python Pipelines/spark/national_monthly_counts.py --root "$root" --out "$W/spark-out" --crosswalk 2025 \
  2> >(grep -v -e WARN -e log4j -e setLogLevel -e '^\s*$' >&2)
echo "output rows: $(($(cat "$W"/spark-out/part-*.csv | wc -l) - 1))"
echo "== the same three provinces through motcua merge, compared with Spark's output"
mkdir -p "$W/merge-spark"
cat >"$W/merge-spark/n.yaml" <<YAML
name: spark-check
merge:
  inputs:
    - { province: "01", database: ../p1000000/out/summary.sqlite }
    - { province: "02", database: ../p5000000/out/summary.sqlite }
    - { province: "26", database: ../p10000000/out/summary.sqlite }
  crosswalk: 2025
outputs: { database: national.sqlite }
YAML
"$MOTCUA" merge "$W/merge-spark/n.yaml" --quiet
python3 scripts/spark-compare.py "$W/spark-out" "$W/merge-spark/national.sqlite"
