#!/usr/bin/env bash
# Opt-in (not in the default test run): ten million tiny rows through `motcua run`, to show the
# time and memory stay bounded. Two exports, each run on its own:
#   valid    10,000,000 minimal valid rows, distinct dossiers (about 330 MB)
#   garbage  10,000,000 one-character rows, every one rejected (20 MB): exit 65 over the reject
#            limit, with a rejects file of ten million rows and nothing published
# Usage: Tests/MotcuaIOTests/MalformedCorpus/ten-million-rows.sh
# Environment: MOTCUA (default: release build in .build-fault/), WORK (default: a temp folder),
# ROWS (default 10000000).
set -euo pipefail
root=$(cd "$(dirname "$0")/../../.." && pwd)
rows=${ROWS:-10000000}
work=${WORK:-$(mktemp -d /tmp/motcua-10m.XXXXXX)}
mkdir -p "$work"
if [ -z "${MOTCUA:-}" ]; then
  (cd "$root" && nice -n 10 swift build -c release --scratch-path .build-fault --product motcua 2>&1 | tail -1)
  MOTCUA="$root/.build-fault/release/motcua"
fi
printf 'procedure_code,procedure_name,field,admin_level,online_level,published_on,abolished_on\n1.001,Thủ tục,Tư pháp,province,4,2015-01-01,\n' >"$work/catalog.csv"
for kind in valid garbage; do
  mkdir -p "$work/$kind"
  awk -v n="$rows" -v kind="$kind" 'BEGIN {
    print "dossier_id,procedure_code,agency_code,channel,received_at,status"
    for (i = 0; i < n; i++) {
      if (kind == "valid") printf "%d,1.001,A,online,2024-01-01,pending\n", i
      else print "x"
    }
  }' >"$work/$kind/export.csv"
  cat >"$work/$kind/pipeline.yaml" <<YAML
name: ten-million-$kind
as_of: 2025-12-31
inputs:
  catalog: ../catalog.csv
  exports:
    - path: export.csv
      profile: canonical
outputs:
  store: out/store
  database: out/summary.sqlite
YAML
  set +e
  /usr/bin/time -f "%e s, max RSS %M KiB" -o "$work/$kind/time.txt" "$MOTCUA" run "$work/$kind/pipeline.yaml" --quiet
  status=$?
  set -e
  echo "$kind: $rows rows, $(du -h "$work/$kind/export.csv" | cut -f1), exit $status, $(cat "$work/$kind/time.txt" | tail -1)"
done
[ "${KEEP:-0}" = 1 ] || rm -rf "$work"
