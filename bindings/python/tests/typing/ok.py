"""Calls the stubs must accept (checked by test_typing.py with mypy --strict)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Dict, List, Union

import pandas as pd

import plaint

policy = plaint.Policy.preset("cn-property")
case: Dict[str, Any] = {"complaint": {"id": "A", "received_at": "2026-09-24T16:00:00+08:00"}}
one: plaint.Assessment = policy.assess(case, "2026-09-29T10:00:00+08:00")
many: List[plaint.Assessment] = policy.assess_many([case, case], "2026-09-29T10:00:00+08:00")
lines = plaint.cases_from_text('{"complaint": {}}\n')
kept: List[Union[plaint.Assessment, plaint.PlaintError]] = policy.assess_many(lines, "2026-09-29T10:00:00Z", errors="coerce")
texts = [plaint.CaseText('{"complaint": {}}')]
policy.assess_many(texts, "2026-09-29T10:00:00Z", errors="coerce")
for chunk in policy.assess_iter(plaint.cases_from_file(Path("cases.jsonl")), "2026-09-29T10:00:00Z", chunk=1000):
    print(len(chunk))
figures: Dict[str, Any] = plaint.stats([case], policy, "2026-09-29T10:00:00Z")
complaint: Dict[str, Any] = {"id": "A", "received_at": "2026-09-24T16:00:00+08:00"}
labels: List[plaint.Classification] = policy.classify_many([complaint, complaint])
labelled: List[Union[plaint.Classification, plaint.PlaintError]] = policy.classify_many(
    [complaint, plaint.CaseText('{"id": "B"}')], errors="coerce"
)
cal = plaint.Calendar.preset("cn-mainland")
series: "pd.Series[Any]" = cal.add_many(pd.Series(pd.to_datetime(["2026-09-24T16:00:00+08:00"])), "working_days", 3)
index: pd.DatetimeIndex = cal.add_many(pd.DatetimeIndex(["2026-09-24T16:00:00+08:00"]), "working_days", 3)
names: List[str] = plaint.Policy.presets() + plaint.Calendar.presets()
