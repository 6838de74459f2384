#!/usr/bin/env bash
# Fault injection for motcua (issue 7): kill -9 at random moments of `motcua run`, a full disk,
# a read-only output, damaged snapshots and stores. After each fault it checks that the fault was
# detected, that the previous good outputs are intact (each published file is the old one or the
# whole new one), and that the next good run (after the documented operator step, where there is
# one) publishes exactly the figures and snapshot dossiers of an undisturbed run.
#
# Usage: scripts/fault-injection.sh [KILLS]        (KILLS: kill -9 moments, default 20)
# Environment:
#   MOTCUA   the binary to test (default: builds release into .build-fault/)
#   ROWS     rows of the generated export for the kill runs (default 200000)
#   SEED     random seed of the kill moments and of the data (default 11)
#   WORK     scratch folder (default: a new one under /tmp; removed at the end unless KEEP=1)
# The full-disk and read-only cases mount small tmpfs file systems, so they need root; without
# it they are skipped and said so. The last line is the summary, e.g.
#   faults: 33 injected, 33 recovered, data lost: 0
# Exit status: 0 when every fault was recovered and nothing was lost, else 1.
set -uo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
kills=${1:-20}
rows=${ROWS:-200000}
seed=${SEED:-11}
work=${WORK:-$(mktemp -d /tmp/motcua-faults.XXXXXX)}
mkdir -p "$work"
log="$work/faults.log"
: >"$log"

if [ -z "${MOTCUA:-}" ]; then
  echo "building release motcua into .build-fault/ ..."
  (cd "$root" && nice -n 10 swift build -c release --scratch-path .build-fault --product motcua 2>&1 | tail -1)
  MOTCUA="$root/.build-fault/release/motcua"
fi
bin=$MOTCUA
for tool in sqlite3 zstdcat sha256sum; do
  command -v $tool >/dev/null || { echo "needs $tool"; exit 2; }
done

injected=0
recovered=0
lost=0
note() { echo "$*" | tee -a "$log"; }

# MARK: - Data and scenarios

# Twelve export periods; "night 1" sees the first eight, "night 2" all twelve (an incremental run).
"$bin" generate --rows "$rows" --seed "$seed" --out "$work/data" --format mixed --files 12 >/dev/null ||
  { echo "generate failed"; exit 2; }
"$bin" generate --rows 3000 --seed "$seed" --out "$work/small" --format mixed --files 4 >/dev/null

# setup DIR DATA NIGHT: a pipeline in DIR reading DATA's exports of that night (symlinks).
setup() {
  local dir=$1 data=$2 night=$3 n
  mkdir -p "$dir/inputs/canonical" "$dir/inputs/igate"
  rm -f "$dir"/inputs/*/*.csv
  local count
  count=$(ls "$data"/exports/*/*.csv | wc -l)
  for f in "$data"/exports/*/*.csv; do
    n=$(basename "$f" .csv | sed 's/[^0-9]//g; s/^0*//')
    if [ "$night" = 2 ] || [ "${n:-0}" -le $((count * 2 / 3)) ]; then
      ln -sf "$f" "$dir/inputs/$(basename "$(dirname "$f")")/"
    fi
  done
  ln -sf "$data/catalog.csv" "$dir/catalog.csv"
  cat >"$dir/pipeline.yaml" <<EOF
name: fault-injection
as_of: 2025-12-31
inputs:
  catalog: catalog.csv
  exports:
    - path: inputs/canonical/*.csv
      profile: canonical
    - path: inputs/igate/*.csv
      profile: igate-vi
outputs:
  store: ${OUT:-out}/store
  database: ${OUT:-out}/summary.sqlite
  snapshots: ${OUT:-out}/snapshots
  keep_snapshots: 3
limits:
  max_reject_rate: 0.05
EOF
}

# figures DIR OUT: the figure tables and the latest snapshot's dossiers, sorted, as text.
figures() {
  local dir=$1 out=${2:-$1/out} t snap
  [ -f "$out/summary.sqlite" ] || { echo "no database"; return; }
  for t in monthly_counts backlog dormant_procedures too_new_procedures unknown_procedures procedures agencies target_progress; do
    echo "== $t"
    sqlite3 -csv "$out/summary.sqlite" "SELECT * FROM $t" | sort
  done
  snap=$(ls "$out/snapshots" 2>/dev/null | grep -v '^\.' | sort | tail -1)
  echo "== snapshot dossiers"
  if [ -n "$snap" ]; then
    find "$out/snapshots/$snap/dossiers" -name '*.csv.zst' -print0 | sort -z | xargs -0 -r zstdcat | grep -v '^dossier_id,' | sort
  fi
}

# clean DIR OUT: no temporary file left, and every snapshot verifies.
clean() {
  local dir=$1 out=${2:-$1/out}
  if find "$out" -name '*.tmp-*' ! -path '*/snapshots/.*' | grep -q .; then
    echo "temporary files left: $(find "$out" -name '*.tmp-*' | head -3)"
    return 1
  fi
  "$bin" snapshot verify "$dir/pipeline.yaml" >/dev/null 2>&1 || { echo "snapshot verify failed"; return 1; }
}

# expect_recovered NAME DIR REF [OUT]: the rerun must succeed and equal REF.
expect_recovered() {
  local name=$1 dir=$2 ref=$3 out=${4:-$2/out} status
  "$bin" run "$dir/pipeline.yaml" --quiet >>"$log" 2>&1
  status=$?
  if [ $status -ne 0 ]; then
    note "  $name: rerun exit $status: NOT RECOVERED"
    return 1
  fi
  if ! figures "$dir" "$out" | cmp -s - "$ref"; then
    note "  $name: rerun differs from the undisturbed run: DATA LOST OR CHANGED"
    figures "$dir" "$out" | diff - "$ref" | head -5 >>"$log"
    lost=$((lost + 1))
    return 1
  fi
  local why
  why=$(clean "$dir" "$out") || { note "  $name: $why"; return 1; }
  recovered=$((recovered + 1))
  note "  $name: recovered"
}

now() { date +%s.%N; }

# MARK: - References

note "references: $rows rows, night 1 (8 periods) and night 2 (12 periods)"
setup "$work/ref" "$work/data" 1
t0=$(now); "$bin" run "$work/ref/pipeline.yaml" --quiet || { echo "reference run failed"; exit 2; }; t1=$(now)
figures "$work/ref" >"$work/ref1.txt"
cp -a "$work/ref" "$work/ref1-state"
setup "$work/ref" "$work/data" 2
t2=$(now); "$bin" run "$work/ref/pipeline.yaml" --quiet || { echo "reference run failed"; exit 2; }; t3=$(now)
figures "$work/ref" >"$work/ref2.txt"
d1=$(awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f", b - a }')
d2=$(awk -v a="$t2" -v b="$t3" 'BEGIN { printf "%.2f", b - a }')
note "  night 1 takes ${d1}s, night 2 ${d2}s; $(grep -c . "$work/ref2.txt") lines of figures and dossiers"

# MARK: - kill -9 at random moments

note "kill -9 at $kills random moments (odd: a first run, even: an incremental run)"
tries=0
k=0
while [ $k -lt "$kills" ] && [ $tries -lt $((kills * 4)) ]; do
  tries=$((tries + 1))
  night=$(( (k % 2) + 1 ))
  dir="$work/kill-$tries"
  rm -rf "$dir"
  if [ $night = 1 ]; then
    setup "$dir" "$work/data" 1; ref="$work/ref1.txt"; prev="no database"; span=$d1
  else
    cp -a "$work/ref1-state" "$dir"; setup "$dir" "$work/data" 2; ref="$work/ref2.txt"; prev="$work/ref1.txt"; span=$d2
  fi
  delay=$(awk -v s="$seed" -v t="$tries" -v span="$span" 'BEGIN { srand(s * 1000 + t); printf "%.3f", 0.01 + rand() * span * 1.05 }')
  "$bin" run "$dir/pipeline.yaml" --quiet >>"$log" 2>&1 &
  pid=$!
  sleep "$delay"
  if ! kill -9 $pid 2>/dev/null; then
    wait $pid
    rm -rf "$dir"
    continue  # the run finished first: not a fault; draw another moment
  fi
  wait $pid 2>/dev/null
  k=$((k + 1))
  injected=$((injected + 1))
  # The published database is the previous one or the whole new one, never a mix.
  state=$(figures "$dir" | sed '/^== snapshot dossiers/,$d')
  ok_prev=0
  if [ "$prev" = "no database" ]; then
    [ "$state" = "no database" ] && ok_prev=1
  else
    [ "$state" = "$(sed '/^== snapshot dossiers/,$d' "$prev")" ] && ok_prev=1
  fi
  [ "$state" = "$(sed '/^== snapshot dossiers/,$d' "$ref")" ] && ok_prev=1
  if [ $ok_prev = 0 ]; then
    note "  kill $k (night $night, after ${delay}s): the published database is neither the old nor the new one"
    lost=$((lost + 1))
    continue
  fi
  # What the dead run left behind, to show the moments fell in different stages.
  left=$(find "$dir/out" \( -name '*.tmp-*' -o -name '.tmp-*' \) -printf '%f ' 2>/dev/null | sed 's/-[0-9]*\b//g; s/[0-9TZ]\{16,\}//g; s/^\.tmp /snapshot-folder.tmp /; s/ \.tmp / snapshot-folder.tmp /')
  [ "$state" = "no database" ] && left="$left(no database yet)"
  [ -n "$left" ] || left="nothing partial"
  expect_recovered "kill $k (night $night, after ${delay}s; left: $left)" "$dir" "$ref" && rm -rf "$dir"
done

# MARK: - Damaged snapshots and stores

note "damaged snapshot, store and database (after night 2)"
damage() {  # damage NAME EXPECTED_EXIT COMMAND...
  local name=$1 expected=$2 dir="$work/damage-$1" snap status before
  shift 2
  rm -rf "$dir"; cp -a "$work/ref" "$dir"
  snap=$(ls "$dir/out/snapshots" | grep -v '^\.' | sort | tail -1)
  (cd "$dir/out" && SNAP="snapshots/$snap" eval "$*")
  injected=$((injected + 1))
  before=$(sha256sum "$dir/out/summary.sqlite" | cut -c1-64)
  "$bin" run "$dir/pipeline.yaml" --quiet >>"$log" 2>&1
  status=$?
  if [ "$expected" = 0 ]; then
    [ $status -eq 0 ] || { note "  $name: exit $status, expected a repair"; return; }
    if figures "$dir" | cmp -s - "$work/ref2.txt" && clean "$dir" >/dev/null; then
      recovered=$((recovered + 1)); note "  $name: repaired by the next run"; rm -rf "$dir"
    else
      lost=$((lost + 1)); note "  $name: repaired run differs: DATA LOST OR CHANGED"
    fi
    return
  fi
  if [ $status -ne "$expected" ]; then note "  $name: exit $status, expected $expected"; return; fi
  if [ "$(sha256sum "$dir/out/summary.sqlite" | cut -c1-64)" != "$before" ]; then
    note "  $name: detected, but the published database changed"; lost=$((lost + 1)); return
  fi
  # The documented step (docs/operations.md, Restore): move the damaged snapshot aside, run again.
  mkdir -p "$dir/aside"; mv "$dir/out/snapshots/$snap" "$dir/aside/"
  expect_recovered "$name (detected: exit $status; snapshot moved aside)" "$dir" "$work/ref2.txt" && rm -rf "$dir"
}
damage truncated-part 65 'f=$(find $SNAP/dossiers -name "*.zst" | sort | tail -1); truncate -s $(( $(stat -c %s $f) / 2 )) $f'
damage bit-flipped-part 65 'f=$(find $SNAP/dossiers -name "*.zst" | sort | head -1); n=$(( $(stat -c %s $f) / 2 )); printf "\\x$(printf %02x $(( ($(od -An -tu1 -j$n -N1 $f) ^ 16) )))" | dd of=$f bs=1 seek=$n conv=notrunc status=none'
damage bit-flipped-database-copy 65 'f=$SNAP/summary.sqlite.zst; n=$(( $(stat -c %s $f) / 2 )); printf "\\x$(printf %02x $(( ($(od -An -tu1 -j$n -N1 $f) ^ 1) )))" | dd of=$f bs=1 seek=$n conv=notrunc status=none'
damage truncated-manifest 65 'truncate -s 100 $SNAP/manifest.json'
damage missing-part 65 'rm $(find $SNAP/dossiers -name "*.zst" | sort | head -1)'
damage truncated-store 0 'truncate -s $(( $(stat -c %s store/dossiers.store) / 2 )) store/dossiers.store'
damage bit-flipped-store 0 'f=store/dossiers.store; n=$(( $(stat -c %s $f) / 3 )); printf "\\x$(printf %02x $(( ($(od -An -tu1 -j$n -N1 $f) ^ 4) )))" | dd of=$f bs=1 seek=$n conv=notrunc status=none'
damage lost-store 0 'rm store/dossiers.store'
damage bit-flipped-database 0 'f=summary.sqlite; n=$(( $(stat -c %s $f) / 2 )); printf "\\xff" | dd of=$f bs=1 seek=$n conv=notrunc status=none'

# MARK: - Full disk and read-only output (tmpfs, root only)

if [ "$(id -u)" != 0 ]; then
  note "full disk and read-only output: skipped (needs root to mount a tmpfs)"
else
  note "full disk and read-only output (3000 rows on a small tmpfs)"
  setup "$work/small-ref" "$work/small" 1
  "$bin" run "$work/small-ref/pipeline.yaml" --quiet
  cp -a "$work/small-ref" "$work/small-ref1-state"
  setup "$work/small-ref" "$work/small" 2
  "$bin" run "$work/small-ref/pipeline.yaml" --quiet
  figures "$work/small-ref" >"$work/small-ref2.txt"

  # disk_case NAME FREE_KB|ro: night 1 on a fresh 4 MiB tmpfs, then night 2 with FREE_KB left.
  disk_case() {
    local name=$1 free=$2 dir="$work/disk-$1" mnt="$work/disk-$1/mnt" status before_db before_store avail
    rm -rf "$dir"; mkdir -p "$mnt"
    mount -t tmpfs -o size=4m tmpfs "$mnt" || { note "  $name: cannot mount a tmpfs; skipped"; return; }
    OUT="mnt/out" setup "$dir" "$work/small" 1
    "$bin" run "$dir/pipeline.yaml" --quiet >>"$log" 2>&1 || { note "  $name: night 1 failed on the tmpfs"; umount "$mnt"; return; }
    OUT="mnt/out" setup "$dir" "$work/small" 2
    before_db=$(sha256sum "$mnt/out/summary.sqlite" | cut -c1-64)
    before_store=$(sha256sum "$mnt/out/store/dossiers.store" | cut -c1-64)
    if [ "$free" = ro ]; then
      mount -o remount,ro "$mnt"
    else
      avail=$(( $(stat -f -c '%a * %S' "$mnt") / 1024 ))
      [ $avail -gt "$free" ] && dd if=/dev/zero of="$mnt/filler" bs=1K count=$((avail - free)) status=none 2>/dev/null
    fi
    "$bin" run "$dir/pipeline.yaml" --quiet >>"$log" 2>&1
    status=$?
    if [ $status -eq 0 ]; then
      note "  $name: the run fitted in the space left; not a fault"
      umount "$mnt"; return
    fi
    injected=$((injected + 1))
    if [ $status -ne 73 ]; then note "  $name: exit $status, expected 73"; umount -l "$mnt"; return; fi
    [ "$free" = ro ] && mount -o remount,rw "$mnt"
    if [ "$(sha256sum "$mnt/out/summary.sqlite" | cut -c1-64)" != "$before_db" ] ||
       [ "$(sha256sum "$mnt/out/store/dossiers.store" | cut -c1-64)" != "$before_store" ]; then
      note "  $name: exit 73, but the previous database or store changed"; lost=$((lost + 1)); umount "$mnt"; return
    fi
    rm -f "$mnt/filler"
    local fixed="space freed"
    [ "$free" = ro ] && fixed="made writable"
    expect_recovered "$name (detected: exit 73; $fixed)" "$dir" "$work/small-ref2.txt" "$mnt/out"
    umount "$mnt"
  }
  for free in 0 8 32 64 128 256 512; do disk_case "full-disk-${free}k-free" "$free"; done
  disk_case read-only-output ro
fi

echo "faults: $injected injected, $recovered recovered, data lost: $lost" | tee -a "$log"
echo "details: $log"
[ "${KEEP:-0}" = 1 ] || [ $recovered -ne $injected ] || [ $lost -ne 0 ] || rm -rf "$work/data" "$work/small" "$work"/kill-* "$work"/damage-* "$work"/disk-*
[ $recovered -eq "$injected" ] && [ $lost -eq 0 ]
