#!/bin/bash
# Reads the workbooks motcua writes back with openpyxl (a reader other than libxlsxwriter), on the
# hand-counted form 06 fixture. Run by `make test`; installs openpyxl into .build/workbook-venv
# (from PyPI) the first time. MOTCUA: the binary (default .build/debug/motcua).
set -euo pipefail
cd "$(dirname "$0")/../.."
MOTCUA=${MOTCUA:-.build/debug/motcua}
VENV=.build/workbook-venv
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -c "import openpyxl" 2>/dev/null; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install --quiet openpyxl
fi
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cp -r Tests/MotcuaCommandsTests/Fixtures/form06/. "$WORK/"
"$MOTCUA" run "$WORK/pipeline.yaml" --quiet
"$MOTCUA" report "$WORK/pipeline.yaml" --form 06 --period 2025-Q2 --format xlsx --out "$WORK/r" >/dev/null
"$MOTCUA" report "$WORK/pipeline.yaml" --format xlsx --out "$WORK/r" >/dev/null
"$VENV/bin/python" Tests/Workbook/check_workbooks.py "$WORK/r/form06-2025-Q2-official.xlsx" "$WORK/r/report-2025.xlsx"
