#!/usr/bin/env bash
# Every benchmark, recorded in benchmarks/results.json (tools/bench/results.py),
# then BENCHMARKS.md and the README's table regenerated (tools/bench/tables.py).
#   tools/bench/run.sh [RUNS [PARTS]]
# RUNS runs of the same series (default 1): each figure keeps the median and
# the range of its runs. PARTS (default all): any of criterion ffi python arrow.
# PLAINT_BENCH_NOTE is kept with the series (e.g. "shared machine, loaded").
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
runs="${1:-1}"
parts="${2:-criterion ffi python arrow}"
cargo="${CARGO:-cargo}"
cd "$root"
export PLAINT_BENCH_SERIES="${PLAINT_BENCH_SERIES:-$(date -u +%Y%m%dT%H%M%SZ)}"
echo "== bench series $PLAINT_BENCH_SERIES: $runs run(s) of: $parts"
for run in $(seq 1 "$runs"); do
    export PLAINT_BENCH_RUN="$run"
    for part in $parts; do
        echo "== run $run/$runs: $part"
        case "$part" in
        criterion)
            since="$(date +%s)"
            "$cargo" bench --locked -p plaint-core --bench time --bench core -- --quick
            "$cargo" bench --locked -p plaint-cli --bench jsonl --bench replay -- --quick
            python3 tools/bench/criterion.py --since "$since"
            ;;
        ffi) bash tools/ffi/bench.sh ;;
        python) bash tools/python/bench.sh ;;
        arrow) bash tools/python/bench-arrow.sh ;;
        *) echo "bench: unknown part $part (criterion ffi python arrow)" >&2; exit 2 ;;
        esac
    done
done
python3 tools/bench/tables.py
