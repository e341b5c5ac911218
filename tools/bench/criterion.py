"""Record the criterion benches' medians (target/criterion/**/new/estimates.json)
in benchmarks/results.json, with their goals.

    python3 tools/bench/criterion.py [--since EPOCH_SECONDS]

Run after `cargo bench -p plaint-core --bench time|core` and
`cargo bench -p plaint-cli --bench jsonl` (tools/bench/run.sh does both).
With --since, an estimate written before that instant is an error (a stale
figure from an earlier run is never recorded as this run's).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any, Dict, List

sys.path.insert(0, str(Path(__file__).resolve().parent))
from results import ROOT, at_most, at_least, record, section  # noqa: E402

CORE = "cargo bench -p plaint-core --bench time --bench core -- --quick"
CLI = "cargo bench -p plaint-cli --bench jsonl --bench replay -- --quick"

# (criterion id, figure id, title, goals); every time in ns.
TIME = [
    ("working_days_cn", "core.time.working_days_cn", "add 1–20 working days, cn-mainland (`Calendar::add`)", [at_most(30)]),
    ("business_cn_lunch", "core.time.business_cn_lunch", "add business minutes across a lunch break and a holiday, cn-mainland", [at_most(150)]),
    ("business_gb_dst", "core.time.business_gb_dst", "add business minutes across the spring DST change, gb-eng", [at_most(150)]),
    ("elapsed_between", "core.time.elapsed_business", "business time elapsed between two instants, cn-mainland", []),
    ("elapsed_between_working_days", "core.time.elapsed_working_days", "working days elapsed between two instants, cn-mainland", []),
]
CORE_FIGURES = [
    ("classify_cn_property/trace", "core.classify.trace", "classify one complaint, cn-property, with the trace (`classify`)", "µs", [at_most(2)]),
    ("classify_cn_property/no_trace", "core.classify.no_trace", "classify one complaint, cn-property, without the trace (`Explain::Outcome`)", "µs", []),
    ("assess_events/10", "core.assess.10", "assess one case of 10 events, cn-property", "µs", []),
    ("assess_events/20", "core.assess.20", "assess one case of 20 events, cn-property", "µs", [at_most(5)]),
    ("assess_events/100", "core.assess.100", "assess one case of 100 events, cn-property", "µs", []),
    ("assess_events/1000", "core.assess.1000", "assess one case of 1,000 events, cn-property", "µs", []),
    ("stats/1M_assessed", "core.stats.1M", "statistics over 1,000,000 assessed complaints, one core", "s", [at_most(1)]),
]
JSONL = ("deadline_jsonl/cn-mainland/100k", 100_000)
REPLAY = ("replay_cpu/cn-consumer-samr-2022-vs-2026/100k", "replay/cn-consumer-samr-2022-vs-2026/100k", 100_000)
SCALE = {"ns": 1.0, "µs": 1e3, "ms": 1e6, "s": 1e9}


def medians(target: Path, since: float) -> Dict[str, float]:
    """Criterion's median (ns) of every benchmark under target/criterion,
    by full id, written at or after `since`."""
    out: Dict[str, float] = {}
    for bench in (target / "criterion").rglob("new/benchmark.json"):
        estimates = bench.with_name("estimates.json")
        if not estimates.exists() or estimates.stat().st_mtime < since:
            continue
        full_id = json.loads(bench.read_text())["full_id"]
        out[full_id] = json.loads(estimates.read_text())["median"]["point_estimate"]
    return out


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--since", type=float, default=0.0, help="ignore estimates older than this (epoch seconds)")
    args = ap.parse_args()
    target = Path(os.environ.get("CARGO_TARGET_DIR") or ROOT / "target")
    ns = medians(target, args.since)
    wanted = [t[0] for t in TIME] + [c[0] for c in CORE_FIGURES] + [JSONL[0]]
    missing = [w for w in wanted if w not in ns]
    if missing:
        raise SystemExit(f"criterion: no estimate{' since the start of this run' if args.since else ''} for {', '.join(missing)}")

    section(
        "core",
        "Core (criterion)",
        10,
        CORE,
        "Criterion medians of plaint-core on one thread (`--quick`: a shorter sampling than the default; "
        "the statistics bench times one call, after an untimed first call: a process's first call also faults in "
        "the memory its lists take, about 1.2–1.5 s on this machine, docs/performance.md). Cases come from `examples/complaints/01-leak-injury.json` "
        "with event logs the default lifecycle accepts.",
    )
    order = 0
    for cid, fid, title, goals in TIME:
        order += 1
        record(fid, ns[cid], "ns", section="core", order=order, title=title, goals=goals)
    for cid, fid, title, unit, goals in CORE_FIGURES:
        order += 1
        record(fid, ns[cid] / SCALE[unit], unit, section="core", order=order, title=title, goals=goals)
        if cid == "assess_events/1000":
            order += 1
            linear = ns["assess_events/1000"] / ns["assess_events/100"]
            record(
                "core.assess.linear",
                linear,
                "×",
                direction="lower",
                section="core",
                order=order,
                title="assess: time of 1,000 events / time of 100 events",
                setup="10× the events; at most 10× the time when assess is linear in events",
                goals=[at_most(10)],
            )
    section(
        "cli",
        "Command line (criterion)",
        15,
        CLI,
        "The in-process stream behind `plaint deadline --jsonl`: 100,000 JSON lines of five clocks, "
        "parsed, computed and written.",
    )
    lines, count = JSONL
    record(
        "cli.deadline_jsonl",
        count / (ns[lines] / 1e9),
        "/s",
        section="cli",
        order=1,
        title="`plaint deadline --jsonl`, 100,000 lines, cn-mainland",
        goals=[at_least(200_000, of="value")],
    )
    cpu, wall, count = REPLAY
    record(
        "cli.replay",
        count / (ns[cpu] / 1e9),
        "/s",
        section="cli",
        order=2,
        title="`plaint replay`, 100,000 cn-consumer-samr cases under two versions, one core (thread CPU time)",
        setup=f"streamed JSON lines, assessed under @2022 and @2026, changes tallied; by the wall clock {count / (ns[wall] / 1e9):,.0f}/s",
        goals=[at_least(100_000, of="value")],
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
