# plaint — the two commands of the README: `make demo` and `make test`.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: errors demo test fmt-check clippy rust-test data-check venv calendars reference bench fmt \
	bench-tables bench-check \
	ffi-test python-test uniffi-test semver-check fuzz-smoke header install bindings fuzz jar abi ffi-status

## demo: triage the sample complaints with cn-property, assess one, compute a deadline
demo:
	$(CARGO) build --quiet --release -p plaint-cli
	@echo "== plaint triage examples/complaints/*.json --policy cn-property"
	./target/release/plaint triage examples/complaints/*.json --policy cn-property
	@echo
	@echo "== plaint deadline: docs/time.md example 1 (3 working days across the Mid-Autumn holiday)"
	./target/release/plaint deadline --calendar cn-mainland --start 2026-09-24T16:00:00+08:00 \
		--clock working_days --amount 3 --explain
	@echo
	@echo "== plaint assess examples/cases/major-leak.json --policy cn-property"
	./target/release/plaint assess examples/cases/major-leak.json --policy cn-property --now 2026-09-29T10:00:00+08:00

## test: every check and every test (installs what it needs, idempotently)
test:
	@bash tools/test-all.sh

## semver-check: plaint-core's API against the newest release tag (v*), once one exists
semver-check:
	bash tools/release/semver.sh

## fmt-check: rustfmt over the workspace and over the fuzz targets (a crate outside it)
fmt-check:
	$(CARGO) fmt --all -- --check
	rustfmt --edition 2024 --check fuzz/fuzz_targets/*.rs

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

## rust-test: every crate's tests and doc examples, and the typed-API example
## program's output against the hand-computed one beside it
rust-test:
	$(CARGO) test --workspace --locked
	$(CARGO) run --quiet --locked -p plaint-core --example typed_case | diff examples/rust/typed_case.expected -

## data-check: the committed calendars and reference answers equal what the
## reference packages (chinese-calendar, holidays, numpy) give today, the
## generated vectors equal what tools/vectors/generate.py writes, and the
## JSON Schemas of `plaint schema` accept what the loader accepts
data-check: venv
	$(PY) tools/calendars/generate.py --check
	$(PY) tools/reference/generate.py --check
	$(PY) tools/schema/check.py
	python3 tools/vectors/generate.py --check

venv:
	bash tools/setup-venv.sh

## ffi-test: the C ABI — header current, symbols and versions, C and C++11/17
## suites plain / ASan+UBSan / valgrind (debug and release), every conformance
## vector through the ABI, static links, reloads, the old-glibc build, the ABI
## baseline, pkg-config and CMake
ffi-test:
	bash tools/ffi/test.sh

## python-test: build the abi3 wheel, pytest, mypy --strict, stubtest
python-test:
	bash tools/python/test.sh

## uniffi-test: Kotlin/Swift sources current, Swift package checks, Android Rust check,
## the jar, Kotlin tests (typed API, suspend, every vector twice), Kotlin and Java examples
uniffi-test:
	bash tools/uniffi/test.sh

## fuzz-smoke: every fuzz target for 20 s (`make fuzz` runs them for FUZZ_SECONDS each)
fuzz-smoke:
	bash tools/fuzz/run.sh 20

FUZZ_SECONDS ?= 600
fuzz:
	bash tools/fuzz/run.sh $(FUZZ_SECONDS)

## abi: record the C ABI of libplaint.so (abidw dump of the debug build) as
## ffi/abi/libplaint.so.N.abi, the baseline `make test` compares against
abi:
	bash tools/ffi/abi.sh --write

## header: regenerate include/plaint.h with the pinned cbindgen
header:
	bash tools/ffi/header.sh

## ffi-status: regenerate ffi/src/status.rs (the C statuses) from the core's
## error codes, then the header; rust-test fails when it is stale
ffi-status:
	PLAINT_BLESS=1 $(CARGO) test -p plaint-ffi --test status_catalogue
	bash tools/ffi/header.sh

## install: library, header, pkg-config and CMake files into PREFIX
PREFIX ?= /usr/local
install:
	bash tools/ffi/install.sh $(PREFIX)

## jar: the JVM jar (release build, native library inside) and its pom in target/jar
jar:
	bash tools/uniffi/setup.sh
	bash tools/uniffi/jar.sh release

## bindings: regenerate the committed Kotlin and Swift sources
bindings:
	bash tools/uniffi/bindings.sh

calendars: venv
	$(PY) tools/calendars/generate.py

reference: venv
	$(PY) tools/reference/generate.py

## errors: regenerate docs/errors.md from the error codes of core/src/error.rs,
## and the C statuses from the same codes (ffi-status)
errors: ffi-status
	PLAINT_BLESS=1 $(CARGO) test -p plaint-core --test error_catalogue

## bench: every benchmark, recorded in benchmarks/results.json, then the
## tables regenerated. BENCH_RUNS=3 records three runs (median and range);
## BENCH_PARTS picks some of: criterion ffi python arrow; BENCH_NOTE is kept
## with the run (e.g. BENCH_NOTE="shared machine, loaded").
BENCH_RUNS ?= 1
BENCH_PARTS ?= criterion ffi python arrow
BENCH_NOTE ?=
bench:
	PLAINT_BENCH_NOTE="$(BENCH_NOTE)" bash tools/bench/run.sh $(BENCH_RUNS) "$(BENCH_PARTS)"

## bench-tables: BENCHMARKS.md and the README's table from benchmarks/results.json
bench-tables:
	python3 tools/bench/tables.py

## bench-check: the committed tables agree with benchmarks/results.json (no benchmark run)
bench-check:
	python3 tools/bench/tables.py --check

fmt:
	$(CARGO) fmt --all
	rustfmt --edition 2024 fuzz/fuzz_targets/*.rs
