#!/usr/bin/env bash
# The Python binding's benchmarks against its peers (numpy, pandas,
# zen-engine), in one process; records their figures in benchmarks/results.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$(bash "$root/tools/python/venv.sh")"
bash "$root/tools/python/build.sh"
cd "$root"
"$venv/bin/python" bindings/python/bench/bench.py "$@"
