#!/usr/bin/env bash
# Instructions per line of the C ABI's JSON-lines batch
# (`plaint_engine_assess_batch`, without the trace), counted by callgrind:
# deterministic for a given binary and input, whatever the machine's load.
# The sample is the batch benchmark's (tools/ffi/cases_jsonl.py); the batch
# runs once with 1 and once with 3 copies of it, and the difference is
# divided by the extra lines, so one-time costs (first use of tables) drop
# out. Needs valgrind. Prints `instructions_per_line N` and leaves the
# callgrind profile of the 3-copy run in $OUT (default /tmp/callgrind_batch.out)
# for callgrind_annotate.
#     bash tools/ffi/callgrind_batch.sh
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
OUT="${OUT:-/tmp/callgrind_batch.out}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
(cd "$ROOT" && cargo build --quiet --release --locked -p plaint-ffi)
# The library under its soname, beside the driver.
mkdir "$work/lib"
cp "$ROOT/target/release/libplaint.so" "$work/lib/"
ln -s libplaint.so "$work/lib/libplaint.so.1"
cc -std=c11 -O2 -Wall -Wextra -Werror -I"$ROOT/include" "$ROOT/tools/ffi/callgrind_batch.c" -o "$work/driver" \
    -L"$work/lib" -lplaint -Wl,-rpath,"$work/lib"
python3 "$ROOT/tools/ffi/cases_jsonl.py" >"$work/cases.jsonl"
lines="$(wc -l <"$work/cases.jsonl")"
count() {
    valgrind --tool=callgrind --toggle-collect=plaint_engine_assess_batch \
        --callgrind-out-file="$2" "$work/driver" "$work/cases.jsonl" "$1" 2>/dev/null
    callgrind_annotate "$2" 2>/dev/null | awk '/PROGRAM TOTALS/ {gsub(",", "", $1); print $1}'
}
one="$(count 1 "$work/one.out")"
three="$(count 3 "$OUT")"
echo "lines_per_copy $lines"
echo "instructions_per_line $(( (three - one) / (2 * lines) ))"
