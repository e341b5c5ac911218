#!/usr/bin/env bash
# Run every fuzz target for SECONDS each (default 20: the smoke of `make test`;
# `make fuzz` passes 600). New inputs go to fuzz/corpus-work (not committed);
# the committed seeds in fuzz/corpus are only read. cargo-fuzz is installed
# into .tools when missing; the nightly toolchain comes with these machines.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
seconds="${1:-20}"
shift || true # the remaining arguments, if any: the targets to run (default: all)
export PATH="$root/.tools/bin:$PATH"
if ! command -v cargo-fuzz >/dev/null; then
    cargo install cargo-fuzz --version 0.13.2 --locked --root "$root/.tools"
fi
cd "$root/fuzz"
cargo +nightly fuzz build -O
targets="${*:-$(cargo +nightly fuzz list)}"
passed=0
for t in $targets; do
    mkdir -p "corpus-work/$t" "corpus/$t"
    log="$(mktemp)"
    if cargo +nightly fuzz run -O "$t" "corpus-work/$t" "corpus/$t" -- \
        -max_total_time="$seconds" -rss_limit_mb=4096 -max_len=65536 >"$log" 2>&1; then
        execs=$(grep -Eo 'stat::number_of_executed_units: *[0-9]+' "$log" | grep -Eo '[0-9]+$' || true)
        [ -n "$execs" ] || execs=$(grep -Eo '#[0-9]+' "$log" | tail -1 | tr -d '#')
        # libFuzzer's last status line: edges covered (cov), features (ft), corpus size.
        cov=$(grep -Eo 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+' "$log" | tail -1 || true)
        echo "fuzz $t: ${seconds}s, ${execs:-?} executions, ${cov:-no coverage line}, no crash"
        passed=$((passed + 1))
    else
        tail -40 "$log"
        echo "fuzz $t: CRASH (artifact in fuzz/artifacts/$t)"
        echo "$passed passed, 1 failed"
        exit 1
    fi
    rm -f "$log"
done
echo "fuzz: $passed passed, 0 failed"
