#!/usr/bin/env bash
# Fuzzes motcua's input parsers with libFuzzer (issue 7). Usage:
#   Tests/Fuzz/run.sh SECONDS [TARGET...]
# TARGET: csv-reader date-parser value-normaliser pipeline-file ingest (default: all, one after
# another, never two at once). Each runs SECONDS seconds at nice 19 with AddressSanitizer.
# The growing corpus stays in Tests/Fuzz/corpus-TARGET/ (ignored by git), crashers go to
# Tests/Fuzz/crashers/TARGET/ (kept: each becomes a regression test in
# Tests/MotcuaIOTests/MalformedCorpusTests.swift), logs and figures to .build-fuzz/logs/.
# The last line per target: "fuzz TARGET: N executions in S s, C crashes" (crash, leak, timeout
# and out-of-memory artifacts; "slow units", which a busy machine makes, are not counted).
set -euo pipefail

seconds=${1:?usage: Tests/Fuzz/run.sh SECONDS [TARGET...]}
shift
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
scratch="$root/.build-fuzz"
targets=("$@")
[ ${#targets[@]} -eq 0 ] && targets=(csv-reader date-parser value-normaliser pipeline-file ingest)

product() {
  case "$1" in
    csv-reader) echo FuzzCSVReader ;;
    date-parser) echo FuzzDateParser ;;
    value-normaliser) echo FuzzValueNormaliser ;;
    pipeline-file) echo FuzzPipelineFile ;;
    ingest) echo FuzzIngest ;;
    *) echo "unknown target $1" >&2; exit 2 ;;
  esac
}
max_len() {
  case "$1" in
    date-parser) echo 128 ;;
    value-normaliser) echo 1024 ;;
    pipeline-file) echo 4096 ;;
    *) echo 16384 ;;
  esac
}

python3 "$here/make-seeds.py"
(cd "$here" && nice -n 19 swift build -c debug -Xswiftc -sanitize=fuzzer,address -Xswiftc -parse-as-library \
  --scratch-path "$scratch" 2>&1 | grep -v 'ld.gold: warning' | tail -3)
bin="$scratch/debug"
mkdir -p "$scratch/logs"

for target in "${targets[@]}"; do
  exe="$bin/$(product "$target")"
  corpus="$here/corpus-$target"
  crashers="$here/crashers/$target"
  mkdir -p "$corpus" "$crashers"
  log="$scratch/logs/$target-$(date -u +%Y%m%dT%H%M%SZ).log"
  before=$(ls "$crashers" | grep -c -E '^(crash|leak|timeout|oom)-' || true)
  # -fork=1 with ignore_*: a crash is saved and fuzzing goes on for the whole time.
  # ASan's leak checker is off: the harnesses keep caches (spelling tables) for the process life.
  ASAN_OPTIONS=detect_leaks=0:allocator_may_return_null=1 nice -n 19 "$exe" "$corpus" "$here/seeds/$target" \
    -fork=1 -ignore_crashes=1 -ignore_timeouts=1 -ignore_ooms=1 \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len="$(max_len "$target")" \
    -artifact_prefix="$crashers/" -print_final_stats=1 -report_slow_units=60 >"$log" 2>&1 || true
  execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
  after=$(ls "$crashers" | grep -c -E '^(crash|leak|timeout|oom)-' || true)
  line="fuzz $target: ${execs:-0} executions in $seconds s, $((after - before)) crashes (log $log)"
  echo "$line"
  echo "$(date -u +%FT%TZ) $line" >>"$scratch/logs/summary.txt"
done
