#!/usr/bin/env bash
# Every check of the Python binding: build the manylinux abi3 wheel once
# (profile wheel-test: no LTO), check it in a fresh venv holding only the
# wheel and no Rust toolchain on PATH, then install the same wheel into
# .venv-py for pytest (API, errors, conformance vectors, pandas, threads,
# Arrow with Polars and DuckDB, Spark, mypy --strict on examples/python and
# on correct and wrong calls), and stubtest on the stubs.
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
bash "$root/tools/python/build.sh" wheel-test
wheel="$(ls "$root"/bindings/python/target/wheels-wheel-test/plaint-*.whl)"

echo "== wheel $(basename "$wheel")"
case "$(basename "$wheel")" in
    *-cp39-abi3-*manylinux_2_17_x86_64*.whl) ;;
    *) echo "python: expected a cp39-abi3 manylinux2014 wheel, got $(basename "$wheel")" >&2; exit 1 ;;
esac
fresh="$root/bindings/python/target/venv-wheel-check"
rm -rf "$fresh"
"${PYTHON:-python3}" -m venv "$fresh"
"$fresh/bin/python" -m pip install --disable-pip-version-check -q --no-index --no-deps "$wheel"
# Only the system's directories on PATH: no cargo, no rustc.
(cd "$root" && env -i HOME="$HOME" PATH=/usr/bin:/bin "$fresh/bin/python" tools/python/wheel_check.py tests/vectors)

cd "$root"
# A stray in-tree build (bindings/python/python/plaint/_plaint*.so) must not shadow the wheel.
export PYTHONPATH=""
echo "== pytest bindings/python/tests"
"$venv/bin/python" -m pytest -q -p no:cacheprovider bindings/python/tests
echo "== stubtest plaint"
"$venv/bin/python" -m mypy.stubtest plaint
echo "python: all checks passed"
