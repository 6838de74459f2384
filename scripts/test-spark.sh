#!/usr/bin/env bash
# make test-spark: the PySpark job (Pipelines/spark/national_monthly_counts.py) against
# `motcua merge` on three generated provinces, in Spark's local mode. Sets itself up: Debian's
# Java 17 when no Java 17+ is installed, and a venv with pyspark from PyPI under var/spark/
# (git-ignored). Hà Giang (02) and Tuyên Quang (08) are merged into Tuyên Quang (08) and Vĩnh
# Phúc (26) reported as Phú Thọ (25) by the crosswalk of 2025, on both sides.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="/opt/swift/usr/bin:$PATH"
PYSPARK_VERSION="${PYSPARK_VERSION:-4.1.1}"
ROWS="${SPARK_TEST_ROWS:-60000}"
VENV=var/spark/venv
WORK=var/spark/test
start=$(date +%s)

java_major() { java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -1; }
if ! command -v java >/dev/null || [ "$(java_major)" -lt 17 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO=sudo
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq openjdk-17-jre-headless
fi
if ! "$VENV/bin/python" -c "import pyspark, sys; sys.exit(pyspark.__version__ != '$PYSPARK_VERSION')" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q "pyspark==$PYSPARK_VERSION"
fi

# The debug build: make test (which .ci/run calls first) has built it, and for 180,000 rows it
# costs seconds more than a release build that would take minutes to compile on a fresh machine.
swift build --product motcua >/dev/null
MOTCUA=.build/debug/motcua
rm -rf "$WORK"
mkdir -p "$WORK/root"
inputs=""
for p in 02 08 26; do
  data="$WORK/data-$p"
  "$MOTCUA" generate --rows "$ROWS" --seed "$((10#$p + 7))" --out "$data" --format canonical --files 4 >/dev/null
  cat >"$WORK/p$p.yaml" <<YAML
name: province-$p
as_of: 2025-12-31
inputs: { catalog: data-$p/catalog.csv, exports: [{ path: "data-$p/exports/canonical/*.csv", profile: canonical }] }
outputs: { store: root/$p/store, database: root/$p/summary.sqlite, snapshots: root/$p/snapshots }
YAML
  "$MOTCUA" run "$WORK/p$p.yaml" --quiet
  inputs+="    - { province: \"$p\", database: root/$p/summary.sqlite }"$'\n'
done
cat >"$WORK/national.yaml" <<YAML
name: national
merge:
  inputs:
$inputs  crosswalk: 2025
outputs: { database: national.sqlite }
YAML
"$MOTCUA" merge "$WORK/national.yaml" --quiet
prepared=$(date +%s)

export PYSPARK_PYTHON="$PWD/$VENV/bin/python"
"$VENV/bin/python" Pipelines/spark/national_monthly_counts.py --root "$WORK/root" --out "$WORK/spark-out" --crosswalk 2025 \
  2> >(grep -v -e WARN -e '^\s*$' -e 'Stage ' >&2)
finished=$(date +%s)
python3 scripts/spark-compare.py "$WORK/spark-out" "$WORK/national.sqlite"
echo "test-spark: $((3 * ROWS)) generated rows; provinces and merge $((prepared - start)) s, Spark job $((finished - prepared)) s, total $((finished - start)) s"
