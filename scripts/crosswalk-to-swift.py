#!/usr/bin/env python3
"""Writes Sources/MotcuaIO/Crosswalk/BuiltInCrosswalk.swift from Pipelines/crosswalk/provinces-2025.csv
(`make crosswalk`), so the binary carries the repository's data file unchanged."""
import pathlib

root = pathlib.Path(__file__).resolve().parent.parent
csv = (root / "Pipelines/crosswalk/provinces-2025.csv").read_text(encoding="utf-8")
body = "".join("        " + line + "\n" for line in csv.splitlines())
(root / "Sources/MotcuaIO/Crosswalk/BuiltInCrosswalk.swift").write_text(
    "// Written by `make crosswalk` from Pipelines/crosswalk/provinces-2025.csv; do not edit here\n"
    "// (ProvinceCrosswalkFileTests fails when the two differ).\n\n"
    "/// The crosswalk of Resolution 202/2025/QH15, carried in the binary so that `crosswalk: 2025`\n"
    "/// works wherever the pipeline file is. Sources: Pipelines/crosswalk/README.md.\n"
    "enum BuiltInCrosswalk {\n"
    '    static let provinces2025 = """\n' + body + '        """\n}\n',
    encoding="utf-8",
)
