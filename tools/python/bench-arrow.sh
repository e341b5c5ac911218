#!/usr/bin/env bash
# The Arrow API and Spark benchmarks (issue 11); writes BENCHMARKS.md's Arrow section.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
venv="$(bash "$root/tools/python/venv.sh")"
bash "$root/tools/python/build.sh"
cd "$root"
PYTHONPATH="" "$venv/bin/python" bindings/python/bench/bench_arrow.py "$@"
