#!/usr/bin/python3
"""Checks JSON documents against a JSON Schema (draft 2020-12) with the `jsonschema` package.

Usage: validate-json.py SCHEMA FILE...   (each FILE holds one JSON document)
Exit 0 when every document is valid; 1 with one line per error otherwise; 2 on bad usage.
It runs under Debian's /usr/bin/python3 with python3-jsonschema (the Makefile's `deps`
installs it), so the test suite needs no network and no venv.
"""
import json
import sys

from jsonschema import Draft202012Validator


def main(argv):
    if len(argv) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    with open(argv[1], encoding="utf-8") as f:
        schema = json.load(f)
    Draft202012Validator.check_schema(schema)
    validator = Draft202012Validator(schema)
    failures = 0
    for path in argv[2:]:
        with open(path, encoding="utf-8") as f:
            document = json.load(f)
        for error in sorted(validator.iter_errors(document), key=lambda e: list(e.path)):
            where = "/".join(str(p) for p in error.path) or "(top)"
            print(f"{path}: {where}: {error.message}")
            failures += 1
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
