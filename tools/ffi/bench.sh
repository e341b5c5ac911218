#!/usr/bin/env bash
# Benchmarks of the C ABI, every peer of a ratio in the same run, one core:
#   - the JSON assess call through the ABI vs the same call in Rust (goal ≤ 1.5×)
#   - the typed batch deadline call (goal ≥ 10 million deadlines/s)
#   - JSON assess with the classification trace / without it (goal ≥ 1.5×)
#   - reading every typed accessor of an assessment handle (goal < 1 µs per case)
#   - the JSON-lines batch, without the trace (goal ≥ 150,000 cases/s)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
bash "$ROOT/tools/ffi/install.sh" "$work/prefix" >/dev/null
cc -std=c11 -O2 -Wall -Wextra -Wpedantic -Werror -I"$work/prefix/include" "$ROOT/tests/c/bench.c" -o "$work/bench" \
    -L"$work/prefix/lib" -lplaint -Wl,-rpath,"$work/prefix/lib"
(cd "$ROOT" && "$CARGO" build --quiet --release --locked -p plaint-ffi --example bench_rust)
case_file="$ROOT/examples/cases/major-leak.json"
python3 "$ROOT/tools/ffi/cases_jsonl.py" >"$work/cases.jsonl"
# One core for both sides.
pin=(); command -v taskset >/dev/null && pin=(taskset -c 0)
rust="$("${pin[@]}" "$ROOT/target/release/examples/bench_rust" "$case_file")"
c="$("${pin[@]}" "$work/bench" "$case_file" "$work/cases.jsonl")"
echo "$rust"
echo "$c"
get() { awk -v k="$1" '$1 == k {print $2}' <<<"$rust"$'\n'"$c"; }
ratio="$(awk -v a="$(get c_assess_json_ns)" -v b="$(get rust_assess_json_ns)" 'BEGIN {printf "%.3f", a / b}')"
rate="$(get c_batch_deadlines_per_s)"
trace="$(awk -v a="$(get c_assess_trace_ns)" -v b="$(get c_assess_no_trace_ns)" 'BEGIN {printf "%.2f", a / b}')"
accessors="$(get c_accessors_ns)"
cases="$(get c_batch_cases_per_s)"
echo "assess JSON through the ABI / in Rust: ${ratio}x (goal <= 1.5x)"
echo "typed batch deadlines: $(awk -v r="$rate" 'BEGIN {printf "%.1f", r / 1e6}') M/s on one core (goal >= 10 M/s)"
echo "assess with the trace / without it (PLAINT_ASSESS_NO_TRACE): ${trace}x (goal >= 1.5x)"
echo "every typed accessor of one assessment: ${accessors} ns per case (goal < 1000 ns)"
echo "JSON-lines batch without the trace: ${cases} cases per CPU-second of one core, $(get c_batch_cases_per_wall_s)/s by the wall clock (goal >= 150000/s)"
awk -v r="$ratio" -v n="$rate" -v t="$trace" -v a="$accessors" -v c="$cases" \
    'BEGIN {exit !(r <= 1.5 && n >= 10e6 && t >= 1.5 && a < 1000 && c >= 150000)}' ||
    { echo "bench: a goal was missed" >&2; exit 1; }
