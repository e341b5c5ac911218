"""The benchmark inputs and both sides' answers — plaint and each peer at its
fastest documented path — without timing. bench.py times these calls;
tests/test_bench_peers.py checks on small inputs that both sides give the
same answers.

Peers and their paths:
- numpy: `busday_offset` over a whole datetime64[D] array with a
  `busdaycalendar` built once (weekmask and holidays of gb-eng).
- pandas: `CustomBusinessHour` (09:00-17:00, Mon-Fri, gb-eng holidays), built
  once. pandas has no vectorised form for it (`DatetimeIndex + offset` warns
  "Non-vectorized DateOffset" and loops), so every documented form is a
  candidate: the index plus the offset, and a loop of scalar adds on
  Timestamps or datetimes, naive (wall time) or aware.
- zen-engine: the decision compiled once and reused — `ZenEngine` with a static
  loader (`evaluate` and `async_evaluate`), and a `ZenDecision` from
  `create_decision` (`evaluate` and `async_evaluate`); the callable loader,
  which hands zen the decision text on every call, for reference.
"""

from __future__ import annotations

import asyncio
import json
import warnings
from datetime import datetime
from pathlib import Path
from typing import Any, Callable, Dict, List, Sequence, Tuple
from zoneinfo import ZoneInfo

import numpy as np
import pandas as pd

import plaint

ROOT = Path(__file__).resolve().parents[3]
LONDON = ZoneInfo("Europe/London")
WORKING_DAYS = 5
BUSINESS_MINUTES = 240
ZEN_KEY = "route.json"


def gb_eng() -> Dict[str, Any]:
    spec: Dict[str, Any] = json.loads((ROOT / "core/data/calendars/gb-eng.json").read_text(encoding="utf-8"))
    return spec


# ------------------------------------------------------------------ working days (numpy)


def numpy_calendar() -> np.busdaycalendar:
    spec = gb_eng()
    days = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
    assert not spec["extra_working_days"], "numpy cannot express extra working days"
    weekmask = [1 if d in spec["weekmask"] else 0 for d in days]
    holidays = np.array([h["date"] for h in spec["holidays"]], dtype="datetime64[D]")
    return np.busdaycalendar(weekmask=weekmask, holidays=holidays)


def working_day_starts(n: int, seed: int = 7) -> Tuple[np.ndarray, np.ndarray]:
    """`n` start dates 2020-01-02..2027-11-30 (datetime64[D]) and the same
    dates at 09:00-15:00 UTC (datetime64[ms]): the same date in London."""
    rng = np.random.default_rng(seed)
    lo = np.datetime64("2020-01-02", "D").astype(np.int64)
    hi = np.datetime64("2027-11-30", "D").astype(np.int64)
    day = rng.integers(lo, hi, size=n).astype("datetime64[D]")
    minutes = rng.integers(9 * 60, 15 * 60, size=n).astype("timedelta64[m]")
    return day, day.astype("datetime64[ms]") + minutes.astype("timedelta64[ms]")


def numpy_working_days(days: np.ndarray, busdaycal: np.busdaycalendar) -> np.ndarray:
    """The working day `WORKING_DAYS` after each date (a non-working start
    counts from the working day before it, like plaint's start day)."""
    return np.busday_offset(days, WORKING_DAYS, roll="backward", busdaycal=busdaycal)


def plaint_working_days(cal: plaint.Calendar, starts: np.ndarray) -> np.ndarray:
    return cal.add_many(starts, "working_days", WORKING_DAYS)


def london_dates(utc: np.ndarray) -> np.ndarray:
    """UTC datetime64 instants as London dates."""
    local = pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(LONDON).tz_localize(None)
    return local.values.astype("datetime64[D]")


# ------------------------------------------------------------------ business hours (pandas)


def pandas_offset() -> pd.offsets.CustomBusinessHour:
    holidays = [h["date"] for h in gb_eng()["holidays"]]
    n_hours = BUSINESS_MINUTES // 60
    return pd.offsets.CustomBusinessHour(n=n_hours, start="09:00", end="17:00", weekmask="Mon Tue Wed Thu Fri", holidays=holidays)


def business_starts(n: int, seed: int = 11) -> pd.DatetimeIndex:
    """`n` naive London wall times, 08:00-18:00 on days of 2021-01-04..2027-11-30
    (never in a DST gap or overlap: the UK changes at 01:00 and 02:00)."""
    rng = np.random.default_rng(seed)
    lo = np.datetime64("2021-01-04", "D").astype(np.int64)
    hi = np.datetime64("2027-11-30", "D").astype(np.int64)
    day = rng.integers(lo, hi, size=n).astype("datetime64[D]")
    minute = rng.integers(8 * 60, 18 * 60, size=n).astype("timedelta64[m]")
    return pd.DatetimeIndex(day.astype("datetime64[m]") + minute)


def utc_ms(wall: pd.DatetimeIndex) -> np.ndarray:
    """London wall times as UTC datetime64[ms] (the input of add_many)."""
    return wall.tz_localize(LONDON).tz_convert("UTC").tz_localize(None).values.astype("datetime64[ms]")


def aware(wall: pd.DatetimeIndex) -> List[datetime]:
    """London wall times as aware datetimes (the input of Calendar.add)."""
    return [d.replace(tzinfo=LONDON) for d in wall.to_pydatetime()]


def _index_plus(xs: Any, off: Any) -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", pd.errors.PerformanceWarning)
        return xs + off


# Each pandas form: (prepare the starts once, untimed; add the offset to all, timed).
PANDAS_FORMS: Dict[str, Tuple[Callable[[pd.DatetimeIndex], Any], Callable[[Any, Any], Any]]] = {
    "`DatetimeIndex + offset` (naive wall times)": (lambda w: w, _index_plus),
    "`Series + offset` (naive wall times)": (lambda w: pd.Series(w), _index_plus),
    "a loop of `Timestamp + offset` (naive wall times)": (lambda w: list(w), lambda xs, off: [x + off for x in xs]),
    "a loop of `datetime + offset` (naive wall times)": (
        lambda w: list(w.to_pydatetime()),
        lambda xs, off: [x + off for x in xs],
    ),
    "a loop of `Timestamp + offset` (aware, Europe/London)": (
        lambda w: list(w.tz_localize(LONDON)),
        lambda xs, off: [x + off for x in xs],
    ),
}
# The scalar forms: one add per call.
PANDAS_SCALAR = [k for k in PANDAS_FORMS if k.startswith("a loop")]


def pandas_wall(out: Any) -> List[pd.Timestamp]:
    """Any pandas form's answers as naive London wall times."""
    ts = [pd.Timestamp(x) for x in out]
    return [t.tz_convert(LONDON).tz_localize(None) if t.tzinfo is not None else t for t in ts]


def plaint_business_many(cal: plaint.Calendar, starts_utc: np.ndarray) -> np.ndarray:
    return cal.add_many(starts_utc, "business", BUSINESS_MINUTES)


def plaint_business_scalar(cal: plaint.Calendar, starts: Sequence[datetime]) -> List[datetime]:
    return [cal.add(s, "business", BUSINESS_MINUTES) for s in starts]


def wall_of_utc(utc: np.ndarray) -> List[pd.Timestamp]:
    return list(pd.DatetimeIndex(utc).tz_localize("UTC").tz_convert(LONDON).tz_localize(None))


def wall_of_aware(dts: Sequence[datetime]) -> List[pd.Timestamp]:
    return [pd.Timestamp(d.astimezone(LONDON).replace(tzinfo=None)) for d in dts]


def business_mismatches(pandas_answers: Sequence[pd.Timestamp], plaint_answers: Sequence[pd.Timestamp], off: Any) -> Tuple[int, List[Tuple[Any, Any]]]:
    """Compare wall times. The one documented difference: a deadline that
    falls exactly at closing time is 17:00 in plaint and the next opening in
    pandas (pandas rolls it); such a pair agrees when pandas' answer is the
    opening that follows plaint's 17:00. Returns (rolled pairs, mismatches)."""
    rolled, bad = 0, []
    for p, q in zip(pandas_answers, plaint_answers):
        if p == q:
            continue
        if (q.hour, q.minute) == (17, 0) and p == off.rollforward(q + pd.Timedelta(minutes=1)):
            rolled += 1
            continue
        bad.append((p, q))
    if len(pandas_answers) != len(plaint_answers):
        bad.append(("length", (len(pandas_answers), len(plaint_answers))))
    return rolled, bad


# ------------------------------------------------------------------ classification (zen-engine)

CHANNELS = ["phone", "visit", "letter", "email", "web"]
TIERS = ["vip", "regular"]
LOSS = [20000, 5000, 1000, 0]
LOSS_SAMPLES = [0, 500, 1500, 6000, 30000]


def table_rows() -> List[Tuple[str, str, int, str]]:
    """20 first-hit rows: channel x tier x loss threshold -> route."""
    return [(CHANNELS[i % 5], TIERS[(i // 5) % 2], LOSS[i // 5], f"route_{i:02d}") for i in range(20)]


def plaint_policy() -> plaint.Policy:
    doc = json.loads((ROOT / "core/data/presets/cn-property.json").read_text(encoding="utf-8"))
    rows = [
        {"id": f"r{i:02d}", "when": {"channel": ch, "customer.tier": tier, "facts.loss_amount": {"gte": loss}}, "then": route}
        for i, (ch, tier, loss, route) in enumerate(table_rows())
    ]
    doc["name"] = "bench-20-rows"
    doc["classification"] = [{"id": "route", "output": "route", "hit": "first", "default": "general", "rows": rows}]
    return plaint.Policy.from_json(doc)


def zen_decision() -> Dict[str, Any]:
    """The same table as a zen decision graph (input -> table -> output)."""
    rules = [
        {"_id": f"r{i:02d}", "in_ch": json.dumps(ch), "in_tier": json.dumps(tier), "in_loss": f">= {loss}", "out_route": json.dumps(route)}
        for i, (ch, tier, loss, route) in enumerate(table_rows())
    ]
    table = {
        "hitPolicy": "first",
        "inputs": [
            {"id": "in_ch", "name": "channel", "field": "channel"},
            {"id": "in_tier", "name": "tier", "field": "customer.tier"},
            {"id": "in_loss", "name": "loss", "field": "facts.loss_amount"},
        ],
        "outputs": [{"id": "out_route", "name": "route", "field": "route"}],
        "rules": rules,
    }
    return {
        "nodes": [
            {"id": "in", "type": "inputNode", "name": "request", "position": {"x": 0, "y": 0}},
            {"id": "table", "type": "decisionTableNode", "name": "route", "position": {"x": 200, "y": 0}, "content": table},
            {"id": "out", "type": "outputNode", "name": "response", "position": {"x": 400, "y": 0}},
        ],
        "edges": [
            {"id": "e1", "sourceId": "in", "targetId": "table", "type": "edge"},
            {"id": "e2", "sourceId": "table", "targetId": "out", "type": "edge"},
        ],
    }


def complaint(i: int, channel: str, tier: str, loss: int) -> Dict[str, Any]:
    return {
        "id": f"B{i}",
        "received_at": "2026-09-24T16:00:00+08:00",
        "channel": channel,
        "customer": {"tier": tier},
        "text": "楼道灯坏了",
        "facts": {"loss_amount": loss},
    }


def complaints(n: int, seed: int = 3) -> List[Dict[str, Any]]:
    rng = np.random.default_rng(seed)
    return [
        complaint(i, CHANNELS[int(rng.integers(0, 5))], TIERS[int(rng.integers(0, 2))], int(rng.choice(LOSS_SAMPLES)))
        for i in range(n)
    ]


def every_combination() -> List[Dict[str, Any]]:
    """Every channel x tier x loss the benchmark draws from (each row's
    match and the default)."""
    out, i = [], 0
    for ch in CHANNELS:
        for tier in TIERS:
            for loss in LOSS_SAMPLES:
                out.append(complaint(i, ch, tier, loss))
                i += 1
    return out


def plaint_routes(policy: plaint.Policy, cs: Sequence[Dict[str, Any]]) -> List[Any]:
    return [policy.classify(c).route for c in cs]


def _route(response: Dict[str, Any]) -> Any:
    return response["result"].get("route", "general")


def zen_paths() -> Dict[str, Callable[[Sequence[Dict[str, Any]]], List[Any]]]:
    """Every way zen-engine answers one complaint per call, each set up once
    (engine, decision, event loop); each maps complaints to routes."""
    import zen

    decision = zen_decision()
    text = json.dumps(decision)
    static = zen.ZenEngine({"loader": {"type": "static", "content": {ZEN_KEY: decision}}})
    compiled = static.create_decision(text)
    callable_loader = zen.ZenEngine({"loader": lambda key: text})
    loop = asyncio.new_event_loop()

    async def each_async(evaluate: Callable[[Dict[str, Any]], Any], cs: Sequence[Dict[str, Any]]) -> List[Any]:
        return [_route(await evaluate(c)) for c in cs]

    return {
        "`ZenEngine` with a static loader, `evaluate(key, ctx)`": lambda cs: [_route(static.evaluate(ZEN_KEY, c)) for c in cs],
        "`ZenEngine` with a static loader, `await async_evaluate(key, ctx)`": lambda cs: loop.run_until_complete(
            each_async(lambda c: static.async_evaluate(ZEN_KEY, c), cs)
        ),
        "`ZenDecision` from `create_decision` once, `evaluate(ctx)`": lambda cs: [_route(compiled.evaluate(c)) for c in cs],
        "`ZenDecision` from `create_decision` once, `await async_evaluate(ctx)`": lambda cs: loop.run_until_complete(
            each_async(compiled.async_evaluate, cs)
        ),
        "`ZenEngine` with a callable loader (the decision text on every call), `evaluate(key, ctx)`": lambda cs: [
            _route(callable_loader.evaluate(ZEN_KEY, c)) for c in cs
        ],
    }
