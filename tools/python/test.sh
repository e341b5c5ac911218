#!/usr/bin/env bash
# Every check of the Python binding: build and install the wheel into
# .venv-py, then pytest (API, errors, conformance vectors, pandas, threads),
# mypy --strict on examples/python, and stubtest on the stubs.
# Idempotent; exits non-zero on the first failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$(bash "$root/tools/python/venv.sh")"
bash "$root/tools/python/build.sh"

cd "$root"
# A stray in-tree build (bindings/python/python/plaint/_plaint*.so) must not shadow the wheel.
export PYTHONPATH=""
echo "== pytest bindings/python/tests"
"$venv/bin/python" -m pytest -q -p no:cacheprovider bindings/python/tests
echo "== mypy --strict examples/python"
"$venv/bin/python" -m mypy --strict --no-incremental examples/python
echo "== stubtest plaint"
"$venv/bin/python" -m mypy.stubtest plaint
echo "python: all checks passed"
