#!/usr/bin/env bash
# Renders a motcua HTML report to a PNG with headless Chromium, to check it as a person would
# (issue 5). Nothing is fetched from the network: the report is self-contained.
#
#   scripts/render-report.sh REPORT.html [OUT.png] [WIDTH]
#   scripts/render-report.sh --demo [OUT.png]    run the e2e test fixture, write its report, render it
#
# Needs Debian's `chromium` (apt-get install -y chromium). OUT.png defaults to REPORT.png beside
# the report; WIDTH to 1280. The PNG is a check, not a product: do not commit it.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
browser="$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)"
if [[ -z "$browser" ]]; then
  echo "render-report: chromium not found; install it with: apt-get install -y chromium" >&2
  exit 69
fi

if [[ "${1:-}" == "--demo" ]]; then
  motcua="${MOTCUA:-$here/.build/debug/motcua}"
  [[ -x "$motcua" ]] || { echo "render-report: build first (swift build), or set MOTCUA" >&2; exit 69; }
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  cp -r "$here/Tests/MotcuaCommandsTests/Fixtures/e2e/." "$work/"
  "$motcua" run "$work/pipeline.yaml" --quiet
  "$motcua" report "$work/pipeline.yaml" --format html --out "$work/reports" >/dev/null
  report="$work/reports/report-2025.html"
  out="${2:-$here/report-demo.png}"
else
  report="${1:?usage: render-report.sh REPORT.html [OUT.png] [WIDTH] | --demo [OUT.png]}"
  out="${2:-${report%.html}.png}"
fi
width="${3:-1280}"
[[ -f "$report" ]] || { echo "render-report: no file $report" >&2; exit 66; }

# The page's own height decides the PNG's: Chromium cuts the screenshot at the window, so make
# the window tall enough for the whole report.
height="${HEIGHT:-6000}"
profile="$(mktemp -d)"
cleanup_profile() { rm -rf "$profile"; }
trap 'cleanup_profile; [[ -n "${work:-}" ]] && rm -rf "$work"' EXIT

"$browser" --headless --no-sandbox --disable-gpu --hide-scrollbars --user-data-dir="$profile" \
  --no-first-run --disable-extensions --disable-background-networking --force-device-scale-factor=1 \
  --window-size="$width,$height" --screenshot="$out" "file://$(realpath "$report")" >/dev/null 2>&1

[[ -s "$out" ]] || { echo "render-report: chromium wrote no image" >&2; exit 70; }
echo "$out"
