# plaint — the two commands of the README: `make demo` and `make test`.
SHELL := bash
.SHELLFLAGS := -euo pipefail -c
CARGO ?= cargo
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: errors demo test fmt-check clippy rust-test data-check venv calendars reference bench fmt \
	ffi-test python-test uniffi-test fuzz-smoke header install bindings fuzz jar

## demo: triage the sample complaints with cn-property, assess one, compute a deadline
demo:
	$(CARGO) build --quiet --release -p plaint-cli
	@echo "== plaint triage examples/complaints/*.json --policy cn-property"
	./target/release/plaint triage examples/complaints/*.json --policy cn-property
	@echo
	@echo "== plaint deadline: TIME.md example 1 (3 working days across the Mid-Autumn holiday)"
	./target/release/plaint deadline --calendar cn-mainland --start 2026-09-24T16:00:00+08:00 \
		--clock working_days --amount 3 --explain
	@echo
	@echo "== plaint assess examples/cases/major-leak.json --policy cn-property"
	./target/release/plaint assess examples/cases/major-leak.json --policy cn-property --now 2026-09-29T10:00:00+08:00

## test: every check and every test (installs what it needs, idempotently)
test: fmt-check clippy rust-test data-check ffi-test python-test uniffi-test fuzz-smoke
	@echo "make test: all checks passed"

fmt-check:
	$(CARGO) fmt --all -- --check

clippy:
	$(CARGO) clippy --workspace --all-targets --locked -- -D warnings

rust-test:
	$(CARGO) test --workspace --locked

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

## ffi-test: the C ABI — header current, C and C++ suites plain / ASan+UBSan /
## valgrind, every conformance vector through the ABI, pkg-config and CMake
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

## header: regenerate include/plaint.h with the pinned cbindgen
header:
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

## errors: regenerate docs/errors.md from the error codes of core/src/error.rs
errors:
	PLAINT_BLESS=1 $(CARGO) test -p plaint-core --test error_catalogue

bench:
	$(CARGO) bench -p plaint-core --bench time -- --quick
	$(CARGO) bench -p plaint-core --bench core -- --quick
	$(CARGO) bench -p plaint-cli --bench jsonl -- --quick
	$(CARGO) bench -p plaint-cli --bench replay -- --quick
	bash tools/ffi/bench.sh
	bash tools/python/bench.sh

fmt:
	$(CARGO) fmt --all
