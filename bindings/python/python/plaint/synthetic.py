"""Synthetic complaints and event logs for tests and benchmarks.

Deterministic: the same ``n`` and ``seed`` give the same data on every
machine and Python version (``random.Random`` with an integer seed, no
hashing of strings, no clock). The complaints follow the cn-property
preset's vocabulary (leaks, lifts, injuries, noise, fees) on calendar
cn-mainland, received between ``2026-03-02`` and ``2026-10-31`` (inside the
calendar's data), with event logs that respect the default lifecycle
(registered → assigned → contacted → resolved → replied → follow-up →
signed off → closed, cut at a random step).

>>> from plaint import synthetic
>>> cases = synthetic.cases(1000, seed=7)        # dicts for Policy.assess_many
>>> table = synthetic.arrow_table(1000, seed=7)  # a pyarrow.Table for plaint.arrow
>>> export = synthetic.export_frame(1000, seed=7)  # a pandas call-center export
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta, timezone
from typing import Any, Dict, Iterator, List, Tuple

__all__ = ["cases", "arrow_table", "export_frame", "EXPORT_EVENTS", "ZONE"]

ZONE = "Asia/Shanghai"
_TZ = timezone(timedelta(hours=8))  # Asia/Shanghai has no DST
_FIRST = datetime(2026, 3, 2, 0, 0, tzinfo=_TZ)
_SPAN_MINUTES = (datetime(2026, 10, 31, tzinfo=_TZ) - _FIRST) // timedelta(minutes=1)

_TEXTS: List[Tuple[str, str, Dict[str, Any]]] = [
    ("漏水", "楼上漏水,天花板在滴水。", {}),
    ("漏水", "卫生间漏水三天了,墙面发霉。", {"times_raised_before": 1}),
    ("电梯", "电梯又坏了,老人上下楼很困难。", {"harm_ongoing": True}),
    ("电梯", "电梯困人二十分钟,没人接电话。", {"major_inconvenience": True}),
    ("受伤", "楼道灯不亮,我母亲摔伤了。", {"personal_injury": True}),
    ("噪音", "隔壁装修噪音太大,晚上十点还在施工。", {}),
    ("收费", "物业费多收了两个月,要求退还。", {"loss_amount": 1200}),
    ("收费", "停车费乱收费,没有任何通知。", {"refuses_fees": True}),
    ("门禁", "小区门禁坏了,外来人员随便进出。", {}),
    ("绿化", "绿化带很久没人修剪,蚊虫很多。", {}),
    ("服务", "前台态度很差,推脱不管。", {}),
    ("漏水", "The pipe upstairs is leaking into my kitchen.", {}),
]
_CHANNELS = ["phone", "phone", "phone", "visit", "letter", "email", "web", "app"]
_DEPARTMENTS = ["工程部", "客服部", "保安部", "环境部", "财务部"]
_STEPS = ["registered", "assigned", "contacted", "resolved", "replied", "follow_up_done", "signed_off", "closed"]
# Minutes after the previous step, as (low, high).
_GAPS = {
    "registered": (1, 15),
    "assigned": (5, 90),
    "contacted": (10, 2880),
    "resolved": (60, 8 * 1440),
    "replied": (5, 600),
    "follow_up_done": (60, 3 * 1440),
    "signed_off": (5, 1440),
    "closed": (5, 1440),
}


def _stamp(t: datetime) -> str:
    return t.isoformat()


def _one(rng: random.Random, i: int) -> Dict[str, Any]:
    subject, text, facts = _TEXTS[rng.randrange(len(_TEXTS))]
    received = _FIRST + timedelta(minutes=rng.randrange(_SPAN_MINUTES))
    agent = f"agent-{rng.randrange(40)}"
    complaint: Dict[str, Any] = {
        "id": f"SYN-{i:08d}",
        "received_at": _stamp(received),
        "channel": _CHANNELS[rng.randrange(len(_CHANNELS))],
        "customer": {"id": f"owner-{rng.randrange(5000)}", "tier": "vip" if rng.random() < 0.05 else "regular"},
        "subject": subject,
        "department": _DEPARTMENTS[rng.randrange(len(_DEPARTMENTS))],
        "text": text,
    }
    if facts:
        complaint["facts"] = dict(facts)
    events: List[Dict[str, Any]] = []
    at = received
    for step in _STEPS[: rng.randrange(len(_STEPS) + 1)]:
        low, high = _GAPS[step]
        at += timedelta(minutes=rng.randint(low, high))
        events.append({"type": step, "at": _stamp(at), "by": agent})
    return {"complaint": complaint, "events": events}


def cases(n: int, seed: int = 0) -> List[Dict[str, Any]]:
    """``n`` cases (``{"complaint", "events"}`` dicts), the same for the same seed."""
    rng = random.Random(seed)
    return [_one(rng, i) for i in range(n)]


def iter_cases(n: int, seed: int = 0) -> Iterator[Dict[str, Any]]:
    """``cases`` one at a time, for sizes that should not sit in memory."""
    rng = random.Random(seed)
    for i in range(n):
        yield _one(rng, i)


def arrow_table(n: int, seed: int = 0) -> Any:
    """The same cases as a ``pyarrow.Table`` in plaint.arrow's columns
    (timestamps in Asia/Shanghai, the facts as a struct column, the event
    log as a list of structs). Needs pyarrow."""
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    rows = cases(n, seed)
    ts = pa.timestamp("ms", tz=ZONE)

    def col(get: Any) -> List[Any]:
        return [get(r) for r in rows]

    def when(s: str) -> datetime:
        return datetime.fromisoformat(s)

    event_type = pa.struct([("type", pa.string()), ("at", ts), ("by", pa.string())])
    columns = {
        "id": pa.array(col(lambda r: r["complaint"]["id"]), pa.string()),
        "received_at": pa.array(col(lambda r: when(r["complaint"]["received_at"])), ts),
        "channel": pa.array(col(lambda r: r["complaint"]["channel"]), pa.string()),
        "customer_id": pa.array(col(lambda r: r["complaint"]["customer"]["id"]), pa.string()),
        "customer_tier": pa.array(col(lambda r: r["complaint"]["customer"]["tier"]), pa.string()),
        "subject": pa.array(col(lambda r: r["complaint"]["subject"]), pa.string()),
        "department": pa.array(col(lambda r: r["complaint"]["department"]), pa.string()),
        "text": pa.array(col(lambda r: r["complaint"]["text"]), pa.string()),
    }
    # One struct column (SQL engines such as Spark read dotted names as paths).
    fact_types = [
        ("personal_injury", pa.bool_()),
        ("harm_ongoing", pa.bool_()),
        ("major_inconvenience", pa.bool_()),
        ("refuses_fees", pa.bool_()),
        ("loss_amount", pa.float64()),
        ("times_raised_before", pa.int64()),
    ]
    facts = [{k: r["complaint"].get("facts", {}).get(k) for k, _ in fact_types} for r in rows]
    columns["facts"] = pa.array(facts, pa.struct(fact_types))
    events = [[{"type": e["type"], "at": when(e["at"]), "by": e["by"]} for e in r["events"]] for r in rows]
    columns["events"] = pa.array(events, pa.list_(event_type))
    return pa.table(columns)


EXPORT_EVENTS = {step: {"at": f"{step}_at", "by": "agent"} for step in _STEPS}
"""The event columns of ``export_frame``, for ``plaint.pandas.events_from_columns``."""


def export_frame(n: int, seed: int = 0) -> Any:
    """The same cases as a pandas DataFrame shaped like a call-center
    export: one column per field (``facts.<name>``; a missing fact is
    NaN / None), the event log as one instant column per step
    (``registered_at``, ``assigned_at``, ...; NaT when the step has not
    happened) and the ``agent`` who did them. ``EXPORT_EVENTS`` maps the
    steps to those columns. Needs pandas."""
    import pandas as pd

    rows = cases(n, seed)
    k = [r["complaint"] for r in rows]
    flags = ["personal_injury", "harm_ongoing", "major_inconvenience", "refuses_fees"]
    data: Dict[str, Any] = {
        "id": [c["id"] for c in k],
        "received_at": pd.to_datetime([c["received_at"] for c in k], utc=True).tz_convert(ZONE),
        "channel": [c["channel"] for c in k],
        "customer_id": [c["customer"]["id"] for c in k],
        "customer_tier": [c["customer"]["tier"] for c in k],
        "subject": [c["subject"] for c in k],
        "department": [c["department"] for c in k],
        "text": [c["text"] for c in k],
    }
    for f in flags:
        data[f"facts.{f}"] = pd.array([c.get("facts", {}).get(f) for c in k], dtype="boolean")
    data["facts.loss_amount"] = [c.get("facts", {}).get("loss_amount", float("nan")) for c in k]
    data["facts.times_raised_before"] = pd.array([c.get("facts", {}).get("times_raised_before") for c in k], dtype="Int64")
    for step in _STEPS:
        at: List[Any] = [next((e["at"] for e in r["events"] if e["type"] == step), None) for r in rows]
        data[f"{step}_at"] = pd.to_datetime(at, utc=True).tz_convert(ZONE)
    data["agent"] = [r["events"][0]["by"] if r["events"] else None for r in rows]
    return pd.DataFrame(data)
