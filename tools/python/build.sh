#!/usr/bin/env bash
# Build the plaint wheel with maturin (release, abi3) and install it into
# .venv-py. Cargo's incremental build makes a repeat run quick.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$(bash "$root/tools/python/venv.sh")"
wheels="$root/target/python-wheels"
rm -rf "$wheels"
mkdir -p "$wheels"
(cd "$root/bindings/python" && "$venv/bin/maturin" build --release --locked -o "$wheels" -q)
"$venv/bin/python" -m pip install --disable-pip-version-check -q --force-reinstall --no-deps "$wheels"/plaint-*.whl
