"""Memory per held result: RSS growth over N held Assessments.

    .venv-py/bin/python tools/python/memory.py [N]   # N = 100,000 by default

For two inputs, each in a fresh process: N synthetic cn-property cases
(each complaint its own id, text and event log) and the sample case
examples/cases/major-leak.json repeated N times (the README's earlier
figure). A run of 1,000 cases first starts the worker pool. The growth
counts everything the batch left behind (the allocator keeps the pages of
the batch's transient values), so it is an upper bound; the bytes each
result keeps (`_kept_bytes`) plus its Python object are the lower bound.
"""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path
from typing import Any, List, Tuple

import plaint
from plaint import synthetic

ROOT = Path(__file__).resolve().parents[2]
NOW = "2026-12-01T09:00:00+08:00"


def rss() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmRSS in /proc/self/status")


def per_result(cases: List[Any]) -> Tuple[float, float]:
    policy = plaint.Policy.preset("cn-property")
    policy.assess_many(cases[:1000], NOW)
    gc.collect()
    before = rss()
    held = policy.assess_many(cases, NOW)
    gc.collect()
    grown = rss() - before
    kept = sum(len(a._kept_bytes()) + sys.getsizeof(a) + 8 for a in held)  # + the list's slot
    return grown / len(held), kept / len(held)


def main() -> int:
    n = int(sys.argv[1]) if len(sys.argv) > 1 and sys.argv[1].isdigit() else 100_000
    which = sys.argv[-1] if len(sys.argv) > 1 and not sys.argv[-1].isdigit() else None
    if which is None:
        # Each input in its own process, so that neither inherits the other's pages.
        for kind in ("synthetic", "sample"):
            subprocess.run([sys.executable, __file__, str(n), kind], check=True)
        return 0
    if which == "synthetic":
        cases = synthetic.cases(n, seed=5)
        label = "synthetic cn-property cases"
    else:
        sample = json.loads((ROOT / "examples/cases/major-leak.json").read_text(encoding="utf-8"))
        cases = [sample] * n
        label = "examples/cases/major-leak.json repeated"
    grown, kept = per_result(cases)
    print(f"held Assessment, {label}, {n:,} results: RSS growth {grown:,.0f} B each; kept bytes + object {kept:,.0f} B each")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
