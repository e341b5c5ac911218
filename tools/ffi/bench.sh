#!/usr/bin/env bash
# Benchmarks of the C ABI, both sides in the same run, recorded in
# benchmarks/results.json (tools/bench/results.py):
#   - the JSON assess call through the ABI vs the same call in Rust (goal ≤ 1.5×)
#   - the typed batch deadline call (goal ≥ 10 million deadlines/s on one core)
#   - JSON assess with the classification trace / without it (goal ≥ 1.5×)
#   - reading every typed accessor of an assessment handle (goal < 1 µs per case)
#   - the JSON-lines batch, without the trace, in calls of 1,000 lines (goal
#     ≥ 150,000 cases/s), and the same lines in one call (no goal)
# A missed goal is recorded as such; the script fails only when a side fails.
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
record() { python3 "$ROOT/tools/bench/results.py" record "$@" --section cabi; }
python3 "$ROOT/tools/bench/results.py" section cabi --title "C ABI (ffi/)" --order 40 \
    --reproduce "bash tools/ffi/bench.sh" \
    --text "The library is installed into a temporary prefix and \`tests/c/bench.c\` is built against it; its Rust twin is \`ffi/examples/bench_rust.rs\`. Both sides are pinned to core 0 with taskset, read the same case file (\`examples/cases/major-leak.json\`) and run in the same run; each figure is the best of several timed loops."
record cabi.assess_json "$(awk -v x="$(get c_assess_json_ns)" 'BEGIN {print x / 1000}')" µs --order 1 \
    --title "JSON assess of one case through the C ABI (\`plaint_engine_assess\`)" \
    --setup "parse, assess at a fixed instant, serialise; the output string freed" \
    --peer "Rust" --peer-value "$(awk -v x="$(get rust_assess_json_ns)" 'BEGIN {print x / 1000}')" \
    --peer-setup "the same call on the core (\`parse_json\`, \`api::assess_value\`, \`to_string\`)" \
    --ratio overhead --goal 'ratio<=1.5'
record cabi.batch_deadlines "$(get c_batch_deadlines_per_s)" /s --order 2 \
    --title "typed batch deadlines through the C ABI (\`plaint_calendar_add_batch\`), one core" \
    --setup "100,000 starts per call, 3 working days, cn-mainland" \
    --peer "Rust" --peer-value "$(awk -v x="$(get rust_deadline_ns)" 'BEGIN {printf "%.0f", 1e9 / x}')" \
    --peer-setup "a loop of \`Calendar::add\` over the same starts" \
    --goal 'value>=10000000'
record cabi.assess_no_trace "$(awk -v x="$(get c_assess_no_trace_ns)" 'BEGIN {print x / 1000}')" µs --order 3 \
    --title "JSON assess without the classification trace (\`PLAINT_ASSESS_NO_TRACE\`)" \
    --setup "\`plaint_engine_assess_with\`, the same case and instant" \
    --peer "with the trace" --peer-value "$(awk -v x="$(get c_assess_trace_ns)" 'BEGIN {print x / 1000}')" \
    --peer-setup "\`plaint_engine_assess_with\` keeping the trace, same run" \
    --goal 'ratio>=1.5'
record cabi.accessors "$(get c_accessors_ns)" ns --order 4 \
    --title "every typed accessor of one assessment handle" \
    --setup "deadline count, ids, states, due/warn/met instants, escalation level, actions, next check" \
    --goal 'value<=1000'
record cabi.batch_assess "$(get c_batch_cases_per_s)" /s --order 5 \
    --title "JSON-lines batch assess without the trace (\`plaint_engine_assess_batch\`), per CPU-second of one core" \
    --setup "20,000 lines (the sample cases repeated) in calls of 1,000 lines as docs/c-abi.md advises, each answer freed before the next call; one answer line per line" \
    --goal 'value>=150000'
record cabi.batch_assess_one_call "$(get c_batch_one_call_cases_per_s)" /s --order 6 \
    --title "the same batch in one call of 20,000 lines, per CPU-second of one core" \
    --setup "an answer of 88 MB, above the 32 MiB glibc's malloc keeps for reuse: fresh pages, a page fault per 4 KiB, every call"
