#!/usr/bin/env bash
# The Arrow API and Spark benchmarks; records their figures in benchmarks/results.json.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$(bash "$root/tools/python/venv.sh")"
bash "$root/tools/python/build.sh"
cd "$root"
PYTHONPATH="" "$venv/bin/python" bindings/python/bench/bench_arrow.py "$@"
