# motcua: two commands do all the set-up on a fresh Debian machine with Swift.
#   make run    installs the system packages when missing, builds release, runs the sample pipeline
#   make test   installs the system packages when missing, runs the test suite, then reads the
#               workbooks back with openpyxl (Tests/Workbook/run.sh; a venv under .build)
#   make install PREFIX=/usr/local   the stripped --static-swift-stdlib build, man pages, completions
#   make deb    a Debian package (dpkg-deb) that needs no Swift toolchain; make test-deb checks it
SHELL := /bin/bash
SWIFT ?= swift
DEB_PACKAGES := libsqlite3-dev libzstd-dev zlib1g-dev libssl-dev libxlsxwriter-dev libxml2-dev libzip-dev pkg-config zstd sqlite3 python3-jsonschema python3-venv binutils file
PIPELINE ?= Pipelines/sample.yaml
PREFIX ?= /usr/local
DESTDIR ?=
# The build that servers get: the Swift runtime linked in, so it needs only Debian's libraries.
STATIC_BUILD := .build-static
STATIC_BINARY := $(STATIC_BUILD)/release/motcua
# Man pages from swift-argument-parser's generate-manual plugin. It reads the command tree of the
# debug build (the same declarations), which `make test` has already built.
MANUAL_DIR := .build/plugins/GenerateManual/outputs/motcua

.PHONY: run test test-workbook test-spark build release deps sample crosswalk clean static manual install deb test-deb

deps:
	@missing=""; for p in $(DEB_PACKAGES); do \
	  dpkg -s $$p >/dev/null 2>&1 || missing="$$missing $$p"; done; \
	if [ -n "$$missing" ]; then \
	  echo "installing:$$missing"; \
	  SUDO=""; [ "$$(id -u)" -ne 0 ] && SUDO=sudo; \
	  $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq $$missing; \
	fi

build: deps
	$(SWIFT) build

release: deps
	$(SWIFT) build -c release

run: release
	.build/release/motcua run $(PIPELINE)
	@echo "outputs: var/sample/ (summary.sqlite, snapshots/, reports/, store/ with rejects under store/rejects/)"

test: deps
	$(SWIFT) test --parallel 2>&1 | tee .build/test-output.txt; exit $${PIPESTATUS[0]}
	$(MAKE) test-workbook

# The workbooks read back by openpyxl (installed from PyPI into .build/workbook-venv the first time).
test-workbook:
	Tests/Workbook/run.sh

static: deps
	$(SWIFT) build -c release --static-swift-stdlib --scratch-path $(STATIC_BUILD)

manual: deps
	$(SWIFT) package plugin generate-manual --configuration debug --multi-page --authors "motcua maintainers"

install: static manual
	scripts/install.sh $(STATIC_BINARY) $(MANUAL_DIR) "$(DESTDIR)" $(PREFIX)

deb: static manual
	scripts/build-deb.sh $(STATIC_BINARY) $(MANUAL_DIR) $(STATIC_BUILD)/deb

# The package unpacked into a scratch root and run without the toolchain (CI runs it after `make test`).
test-deb: deb
	scripts/test-deb.sh $(STATIC_BUILD)/deb/motcua.deb

# The PySpark job against motcua merge on three generated provinces (scripts/test-spark.sh; it
# installs Java 17 and a venv with pyspark itself). .ci/run calls it after make test.
test-spark: deps
	scripts/test-spark.sh

# Regenerates SampleData with the generator (deterministic: the same bytes every time). The sync
# archive (exports/dvcqg/) is a second, small run of the same province (same seed: same catalog and
# agencies) whose dossier ids start at 5001, so they are dossiers of their own; the first run leaves
# sync files out of its mix (--sync-every 0) so that they are not there twice.
sample: release
	rm -rf SampleData/exports SampleData/catalog.csv .build/sample-dvcqg
	.build/release/motcua generate --rows 10000 --seed 42 --out SampleData --format mixed --files 12 --sync-every 0
	.build/release/motcua generate --rows 300 --seed 42 --out .build/sample-dvcqg --format dvcqg --files 3 --bad-rate 0.04 --first-sequence 5001
	mkdir -p SampleData/exports/dvcqg && cp .build/sample-dvcqg/exports/dvcqg/export-* SampleData/exports/dvcqg/

# The binary's copy of Pipelines/crosswalk/provinces-2025.csv (a test checks they agree).
crosswalk:
	python3 scripts/crosswalk-to-swift.py

clean:
	rm -rf .build $(STATIC_BUILD) var
