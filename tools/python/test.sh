#!/usr/bin/env bash
# Every check of the Python binding: build and install the wheel into
# .venv-py, then pytest (API, errors, conformance vectors, pandas, threads,
# Arrow with Polars and DuckDB, Spark),
# mypy --strict on examples/python, and stubtest on the stubs.
# Idempotent; exits non-zero on the first failure.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$(bash "$root/tools/python/venv.sh")"
# Spark (tests/test_spark.py) runs on a JDK.
if ! command -v java >/dev/null 2>&1; then
    SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
    echo "python: apt-get install default-jdk-headless (for Spark)"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq default-jdk-headless >/dev/null
fi
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
