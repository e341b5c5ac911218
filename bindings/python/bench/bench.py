"""Benchmarks of the plaint Python module against its peers at their fastest
documented paths (peers.py), in one process and one run, the answers checked
equal. Records its figures in benchmarks/results.json (tools/bench/results.py);
BENCHMARKS.md and the README's table are generated from that file.

    tools/python/bench.sh            # builds the wheel into .venv-py, then runs this
    tools/python/bench.sh --quick    # smaller sizes, nothing recorded (a smoke run)

1. Policy.classify vs zen-engine on an equivalent 20-row first-hit table, one
   call per complaint; every zen path is timed and the fastest is the peer.
2. Calendar.add, one business-hours deadline per call (aware datetime in and
   out) vs pandas' scalar CustomBusinessHour add (its fastest scalar form).
3. Calendar.add_many, business hours vs pandas' fastest batch form.
4. Calendar.add_many, working days vs numpy.busday_offset on 1,000,000 dates.
5. Policy.assess_many throughput on cn-property cases (dicts and JSON text).
Times are the best of several runs; where two sides are compared their runs
alternate, so both see the same load.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import platform
import sys
import time
from importlib.metadata import version
from pathlib import Path
from typing import Any, Callable, Dict, List, Optional, Tuple

import numpy as np
import pandas as pd

import plaint

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(ROOT / "tools/bench"))
import peers  # noqa: E402
import results  # noqa: E402
from results import at_least, at_most  # noqa: E402

SECTION = "python"


def best(fn: Callable[[], Any], repeat: int) -> Tuple[float, Any]:
    """The best wall time of `repeat` runs, and the last result."""
    out: Any = None
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - t0)
    return min(times), out


def interleaved(fns: Dict[str, Callable[[], Any]], repeat: int) -> Tuple[Dict[str, float], Dict[str, Any]]:
    """The best time of each function over `repeat` rounds, the functions
    alternating within each round (and their order rotating between rounds),
    so that every side sees the same load; and each one's last result."""
    names = list(fns)
    times = {k: float("inf") for k in names}
    outs: Dict[str, Any] = {}
    for r in range(repeat):
        for k in names[r % len(names) :] + names[: r % len(names)]:
            t0 = time.perf_counter()
            outs[k] = fns[k]()
            times[k] = min(times[k], time.perf_counter() - t0)
    return times, outs


def fmt_us(seconds: float) -> str:
    return f"{seconds * 1e6:,.1f} µs" if seconds * 1e6 >= 10 else f"{seconds * 1e6:.2f} µs"


def listing(per_call: Dict[str, float]) -> str:
    """Candidates and their times, fastest first."""
    return "; ".join(f"{k} {fmt_us(t)}" for t, k in sorted((t, k) for k, t in per_call.items()))


class Recorder:
    """Records figures unless this is a quick run."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, fid: str, value: float, unit: str, **kw: Any) -> None:
        kw.setdefault("section", SECTION)
        if self.enabled:
            fig = results.record(fid, value, unit, **kw)
            s = fig["summary"]
            verdict = {True: "met", False: "NOT MET", None: "no goal"}[s["met"]]
            ratio = f", ratio {s['ratio']:.3g}" if "ratio" in s else ""
            print(f"  recorded {fid}: {value:.4g} {unit}{ratio} ({verdict})", flush=True)
        else:
            print(f"  {fid}: {value:.4g} {unit} {kw.get('peer_value', '')}", flush=True)


# ------------------------------------------------------------------ 1. classification


def bench_classify(rec: Recorder, n: int, trial: int, repeat: int) -> None:
    policy = peers.plaint_policy()
    cs = peers.complaints(n)
    sample = cs[:trial]
    paths = peers.zen_paths()
    want = peers.plaint_routes(policy, sample)
    for name, path in paths.items():
        got = path(sample)
        assert got == want, (name, [(c, z, p) for c, z, p in zip(sample, got, want) if z != p][:3])
    # Every zen path on the sample, side by side: the fastest is the peer.
    t, _ = interleaved({k: (lambda p=p: p(sample)) for k, p in paths.items()}, 3)
    per_call = {k: v / len(sample) for k, v in t.items()}
    fastest = min(per_call, key=per_call.__getitem__)
    print("  zen paths (µs per call):", {k: round(v * 1e6, 2) for k, v in per_call.items()}, flush=True)
    # plaint and zen's fastest on every complaint, alternating.
    zen_fast = paths[fastest]
    t, out = interleaved({"zen": lambda: zen_fast(cs), "plaint": lambda: peers.plaint_routes(policy, cs)}, repeat)
    assert out["zen"] == out["plaint"]
    rec(
        "py.classify.zen",
        t["plaint"] / n * 1e6,
        "µs",
        order=1,
        title="classification, 20-row first-hit table, one call per complaint",
        setup="`Policy.classify(dict)` with the table as a policy, `.route` read",
        peer=f"zen-engine {version('zen-engine')}",
        peer_value=t["zen"] / n * 1e6,
        peer_setup=f"{fastest}, the fastest zen path (see below)",
        goals=[at_least(10), at_least(20, stretch=True)],
        answers=f"equal on {n:,} (and every zen path equal on {len(sample):,})",
        note=f"zen-engine's paths for one call per complaint, timed side by side on {len(sample):,} complaints "
        f"(per call, fastest first): {listing(per_call)}.",
        details={"zen_paths_us": {k: v * 1e6 for k, v in per_call.items()}},
    )


# ------------------------------------------------------------------ 2, 3. business hours


def pandas_forms(wall: pd.DatetimeIndex, off: Any, names: List[str], repeat: int) -> Tuple[Dict[str, float], Dict[str, Any]]:
    """Each pandas form on the same starts, side by side: seconds per date
    and answers (wall times)."""
    prepared = {k: peers.PANDAS_FORMS[k][0](wall) for k in names}
    fns = {k: (lambda k=k: peers.PANDAS_FORMS[k][1](prepared[k], off)) for k in names}
    t, outs = interleaved(fns, repeat)
    return {k: v / len(wall) for k, v in t.items()}, {k: peers.pandas_wall(v) for k, v in outs.items()}


def bench_business(rec: Recorder, n_pandas: int, n_plaint: int, repeat: int) -> None:
    cal = plaint.Calendar.preset("gb-eng")
    off = peers.pandas_offset()
    wall = peers.business_starts(n_pandas)
    starts_utc = peers.utc_ms(wall)
    starts_aware = peers.aware(wall)
    pd_version = f"pandas {pd.__version__}"
    offset_text = "`CustomBusinessHour(n=4, 09:00-17:00, Mon-Fri, gb-eng holidays)` built once"

    # Every pandas form on the same starts; each one's answers checked against plaint's.
    per_date, answers = pandas_forms(wall, off, list(peers.PANDAS_FORMS), 3)
    mine = peers.wall_of_utc(peers.plaint_business_many(cal, starts_utc))
    rolled = 0
    for k, ans in answers.items():
        rolled, bad = peers.business_mismatches(ans, mine, off)
        assert not bad, (k, bad[:5])
    compared = f"equal on {n_pandas - rolled:,} of {n_pandas:,}; the other {rolled}: plaint's 17:00, pandas' next opening (pandas rolls a deadline at closing time)"
    print("  pandas forms (µs per date):", {k: round(v * 1e6, 2) for k, v in per_date.items()}, flush=True)

    # 2. Scalar: Calendar.add per call vs pandas' fastest scalar form, alternating.
    scalar_fastest = min(peers.PANDAS_SCALAR, key=per_date.__getitem__)
    prep = peers.PANDAS_FORMS[scalar_fastest][0](wall)
    t, out = interleaved(
        {
            "pandas": lambda: peers.PANDAS_FORMS[scalar_fastest][1](prep, off),
            "plaint": lambda: peers.plaint_business_scalar(cal, starts_aware),
        },
        repeat,
    )
    assert peers.wall_of_aware(out["plaint"]) == mine
    rec(
        "py.add.scalar",
        t["plaint"] / n_pandas * 1e6,
        "µs",
        order=2,
        title="`Calendar.add`, one business-hours deadline per call (+240 min, gb-eng)",
        setup="an aware `datetime` (Europe/London) in, an aware `datetime` out",
        peer=pd_version,
        peer_value=t["pandas"] / n_pandas * 1e6,
        peer_setup=f"{scalar_fastest}, the fastest scalar form (see below); {offset_text}",
        goals=[at_least(40), at_most(1)],
        answers=compared,
        note=f"pandas' forms of adding `CustomBusinessHour`, timed side by side on the same {n_pandas:,} starts "
        f"(per date, fastest first): {listing(per_date)}. pandas has no vectorised form for this offset "
        "(`DatetimeIndex + offset` warns that it is not vectorised and loops).",
    )

    # 3. Batch: add_many on n_plaint starts vs pandas' fastest form on the sample, per date.
    batch_fastest = min(per_date, key=per_date.__getitem__)
    big = peers.utc_ms(peers.business_starts(n_plaint, seed=12))
    prep = peers.PANDAS_FORMS[batch_fastest][0](wall)
    t, _ = interleaved(
        {
            "pandas": lambda: peers.PANDAS_FORMS[batch_fastest][1](prep, off),
            "plaint": lambda: peers.plaint_business_many(cal, big),
            "plaint_sample": lambda: peers.plaint_business_many(cal, starts_utc),
        },
        repeat,
    )
    per_pd, per_pl = t["pandas"] / n_pandas, t["plaint"] / n_plaint
    rec(
        "py.add_many.business",
        per_pl * 1e9,
        "ns",
        order=3,
        title=f"`Calendar.add_many`, business hours (+240 min, gb-eng), {n_plaint:,} starts, per date",
        setup=f"a datetime64[ms] array (UTC) in and out; {os.cpu_count()} cores "
        f"(on pandas' {n_pandas:,} dates: {t['plaint_sample'] / n_pandas * 1e9:,.0f} ns per date)",
        peer=pd_version,
        peer_value=per_pd * 1e9,
        peer_setup=f"{batch_fastest} on {n_pandas:,} dates, the fastest form (see below); {offset_text}",
        goals=[at_least(2000)],
        answers=compared,
    )


# ------------------------------------------------------------------ 4. working days


def bench_working_days(rec: Recorder, n: int, repeat: int) -> None:
    busdaycal = peers.numpy_calendar()
    cal = plaint.Calendar.preset("gb-eng")
    days, starts = peers.working_day_starts(n)
    t, out = interleaved(
        {"numpy": lambda: peers.numpy_working_days(days, busdaycal), "plaint": lambda: peers.plaint_working_days(cal, starts)},
        repeat,
    )
    got = peers.london_dates(out["plaint"])
    assert (got == out["numpy"]).all(), f"{int((got != out['numpy']).sum())} answers differ from numpy"
    rec(
        "py.add_many.numpy",
        t["plaint"] * 1e3,
        "ms",
        order=4,
        title=f"`Calendar.add_many`, {n:,} dates, 5 working days, gb-eng",
        setup=f"a datetime64[ms] array (UTC) in and out; {os.cpu_count()} cores",
        peer=f"numpy {np.__version__}",
        peer_value=t["numpy"] * 1e3,
        peer_setup="`busday_offset(dates, 5, roll='backward', busdaycal=...)` on the datetime64[D] array, "
        "the `busdaycalendar` (weekmask, holidays) built once",
        goals=[at_least(1)],
        answers=f"equal on all {n:,}",
    )


# ------------------------------------------------------------------ 5. assess_many


def bench_assess_many(rec: Recorder, n: int, repeat: int) -> None:
    policy = plaint.Policy.preset("cn-property")
    export = pd.read_csv(ROOT / "examples/data/complaints.csv", dtype=str, keep_default_na=False).replace("", None)
    from plaint.pandas import cases_from_frame

    base = cases_from_frame(export)
    cases = [copy.deepcopy(base[i % len(base)]) if i < len(base) else dict(base[i % len(base)]) for i in range(n)]
    now = "2026-11-01T09:00:00+08:00"
    texts = [json.dumps(c, ensure_ascii=False) for c in cases]
    t_dict, out = best(lambda: policy.assess_many(cases, now), repeat)
    t_text, _ = best(lambda: policy.assess_many(texts, now), repeat)
    assert len(out) == n and out[0].to_dict() == policy.assess(cases[0], now).to_dict()
    for fid, order, form, secs in (("py.assess_many.dicts", 5, "dicts", t_dict), ("py.assess_many.text", 6, "JSON text", t_text)):
        rec(
            fid,
            n / secs,
            "/s",
            order=order,
            title=f"`Policy.assess_many`, cn-property, {n:,} cases as {form}",
            setup=f"the cases of `examples/data/complaints.csv` repeated; {os.cpu_count()} cores; "
            "the time includes freeing the previous call's results",
            goals=[at_least(100_000, of="value")],
            answers="the first result equal to `assess`",
        )


# ------------------------------------------------------------------ main


def main(argv: Optional[List[str]] = None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--quick", action="store_true", help="small sizes; record nothing")
    q = ap.parse_args(argv).quick
    rec = Recorder(not q)
    if not q:
        results.section(
            SECTION,
            "Python module (bindings/python)",
            20,
            "tools/python/bench.sh",
            "Builds the wheel into `.venv-py`, then runs `bindings/python/bench/bench.py`; the inputs and "
            "each side's calls are in `bindings/python/bench/peers.py`, and "
            "`bindings/python/tests/test_bench_peers.py` checks that both sides answer alike. "
            f"Python {platform.python_version()}; batch calls release the GIL and use every core.",
        )
    print("classify", flush=True)
    bench_classify(rec, 500 if q else 20_000, 200 if q else 1_000, 1 if q else 5)
    print("business hours", flush=True)
    bench_business(rec, 50 if q else 1_000, 20_000 if q else 1_000_000, 1 if q else 5)
    print("working days", flush=True)
    bench_working_days(rec, 20_000 if q else 1_000_000, 1 if q else 5)
    print("assess_many", flush=True)
    bench_assess_many(rec, 5_000 if q else 200_000, 1 if q else 3)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
