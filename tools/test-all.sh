#!/usr/bin/env bash
# `make test`: every check of every binding, in order, each one timed; the
# times are printed at the end (and at a failure, the times so far).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
# A clean run builds once: incremental caches would only cost disk.
export CARGO_INCREMENTAL=0
steps=(fmt-check clippy rust-test data-check bench-check ffi-test python-test uniffi-test semver-check fuzz-smoke)
start=$SECONDS
times=""
for step in "${steps[@]}"; do
    began=$SECONDS
    echo "== make $step"
    if ! make --no-print-directory "$step"; then
        printf 'make test: %s FAILED after %d s\n%b' "$step" $((SECONDS - began)) "$times"
        exit 1
    fi
    times+="  $step: $((SECONDS - began)) s\n"
done
du -sh target 2>/dev/null | sed 's/^/make test: disk used by target: /' || true
printf 'make test: all checks passed in %d s\n%b' $((SECONDS - start)) "$times"
