"""plaint for pandas: assess a DataFrame of complaints.

``assess_frame(df, policy, now)`` builds one case per row from these columns
(only ``id`` and ``received_at`` are required; a missing column or a null
cell means "not given"):

==================  ==========================================================
column              meaning
==================  ==========================================================
id                  the complaint id (str)
received_at         when it was received: tz-aware datetime64 / Timestamp /
                    datetime, or an RFC 3339 string with an offset. Naive
                    values are a ValueError (plaint never guesses local time).
channel             phone, letter, visit, email, ... (the README's codes)
customer_id         the customer's id
customer_tier       the customer's tier code
subject             short subject (str)
product             product (str)
department          department (str)
text                the complaint's text
facts               a dict, or JSON text, of the complaint's facts
facts.<name>        one fact per column (e.g. ``facts.personal_injury``);
                    merged into ``facts``
events              the event log: a list of dicts, or JSON text
==================  ==========================================================

It returns a DataFrame with the same index and the columns ``complaint_id``,
``severity``, ``category``, ``state``, ``next_check_at`` and, for every
deadline id of any row, ``<id>_due_at`` (tz-aware in the policy calendar's
zone) and ``<id>_state`` (str; missing where a row has no such deadline).
The work is done by :meth:`plaint.Policy.assess_many` (without the GIL).
"""

from __future__ import annotations

import json
import math
from datetime import datetime
from typing import Any, Dict, List, Optional, Union

import pandas as pd

from ._plaint import Assessment, Deadline, Policy

__all__ = ["assess_frame", "cases_from_frame"]

_TEXT_COLUMNS = ("channel", "subject", "product", "department", "text")


def _given(v: Any) -> bool:
    if v is None:
        return False
    if isinstance(v, float) and math.isnan(v):
        return False
    try:
        return not bool(pd.isna(v))
    except (TypeError, ValueError):
        return True  # a list or a dict


def _instant(v: Any, column: str, row: Any) -> str:
    if isinstance(v, str):
        return v
    if isinstance(v, (pd.Timestamp, datetime)):
        if v.tzinfo is None:
            raise ValueError(f"row {row!r}: {column} {v} is naive; give a time zone (plaint never guesses local time)")
        return v.isoformat()
    raise TypeError(f"row {row!r}: {column} must be a datetime or an RFC 3339 string, got {type(v).__name__}")


def _plain(v: Any) -> Any:
    # NumPy scalars to Python scalars.
    item = getattr(v, "item", None)
    if item is not None and not isinstance(v, (str, bytes, list, dict)):
        return item()
    return v


def cases_from_frame(df: pd.DataFrame) -> List[Dict[str, Any]]:
    """The cases (``{"complaint", "events"}`` dicts) of a DataFrame's rows."""
    for required in ("id", "received_at"):
        if required not in df.columns:
            raise KeyError(f"assess_frame needs a column {required!r}")
    fact_columns = [c for c in df.columns if isinstance(c, str) and c.startswith("facts.")]
    cases: List[Dict[str, Any]] = []
    for row, rec in zip(df.index, df.to_dict("records")):
        complaint: Dict[str, Any] = {
            "id": str(rec["id"]),
            "received_at": _instant(rec["received_at"], "received_at", row),
        }
        for col in _TEXT_COLUMNS:
            if col in rec and _given(rec[col]):
                complaint[col] = str(rec[col])
        customer: Dict[str, Any] = {}
        if "customer_id" in rec and _given(rec["customer_id"]):
            customer["id"] = str(rec["customer_id"])
        if "customer_tier" in rec and _given(rec["customer_tier"]):
            customer["tier"] = str(rec["customer_tier"])
        if customer:
            complaint["customer"] = customer
        facts: Dict[str, Any] = {}
        if "facts" in rec and _given(rec["facts"]):
            f = rec["facts"]
            facts.update(json.loads(f) if isinstance(f, str) else dict(f))
        for col in fact_columns:
            if _given(rec[col]):
                facts[col[len("facts."):]] = _plain(rec[col])
        if facts:
            complaint["facts"] = facts
        case: Dict[str, Any] = {"complaint": complaint}
        if "events" in rec and _given(rec["events"]):
            ev = rec["events"]
            case["events"] = json.loads(ev) if isinstance(ev, str) else list(ev)
        cases.append(case)
    return cases


def assess_frame(df: pd.DataFrame, policy: Policy, now: Union[datetime, str]) -> pd.DataFrame:
    """Assess every row of ``df`` with ``policy`` at ``now`` (see the module
    docstring for the columns read and returned). Raises the
    :class:`plaint.PlaintError` of the first failing row, its position in the
    message and the path (``/cases/<position>/...``)."""
    assessments: List[Assessment] = policy.assess_many(cases_from_frame(df), now)
    tz = policy.calendar.tzinfo
    columns: Dict[str, List[Any]] = {
        "complaint_id": [],
        "severity": [],
        "category": [],
        "state": [],
        "next_check_at": [],
    }
    per_deadline: List[Dict[str, Deadline]] = []
    order: List[str] = []
    for a in assessments:
        c = a.classification
        columns["complaint_id"].append(a.complaint_id)
        columns["severity"].append(c.severity)
        columns["category"].append(c.category)
        columns["state"].append(a.state)
        columns["next_check_at"].append(a.next_check_at)
        mine: Dict[str, Deadline] = {}
        for d in a.deadlines:
            if d.id not in mine and d.id not in order:
                order.append(d.id)
            mine[d.id] = d
        per_deadline.append(mine)
    out = pd.DataFrame(columns, index=df.index)
    out["next_check_at"] = pd.to_datetime(out["next_check_at"], utc=True).dt.tz_convert(tz)
    for did in order:
        due: List[Optional[datetime]] = []
        state: List[Optional[str]] = []
        for row in per_deadline:
            dl = row.get(did)
            due.append(dl.due_at if dl is not None else None)
            state.append(dl.state if dl is not None else None)
        out[f"{did}_due_at"] = pd.to_datetime(pd.Series(due, index=df.index, dtype=object), utc=True).dt.tz_convert(tz)
        out[f"{did}_state"] = pd.Series(state, index=df.index, dtype=object)
    return out
