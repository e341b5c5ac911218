"""Calls the stubs must refuse: mypy --strict reports an error on each line
with the marker comment, and on no other (test_typing.py), so a type
checker catches these before they run."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict

import pandas as pd

import plaint

policy = plaint.Policy.preset("cn-property")
case: Dict[str, Any] = {"complaint": {"id": "A", "received_at": "2026-09-24T16:00:00+08:00"}}
text = json.dumps(case)
policy.assess_many(text, "2026-09-29T10:00:00Z")  # error: one JSON text iterates its characters
policy.assess_many(text.encode(), "2026-09-29T10:00:00Z")  # error: bytes
policy.assess_many(case, "2026-09-29T10:00:00Z")  # error: one case, not a list of cases
policy.assess_many(Path("cases.jsonl"), "2026-09-29T10:00:00Z")  # error: a path is not the cases
policy.assess_many(pd.DataFrame({"id": ["A"]}), "2026-09-29T10:00:00Z")  # error: use plaint.pandas.assess_frame
policy.assess_many(["{}"], "2026-09-29T10:00:00Z")  # error: JSON texts are plaint.CaseText
policy.assess_many([case], "2026-09-29T10:00:00Z", errors="ignore")  # error: raise or coerce
policy.assess_iter(text, "2026-09-29T10:00:00Z")  # error: one JSON text
policy.classify_many(text)  # error: one JSON text iterates its characters
policy.classify_many(case)  # error: one complaint (a dict), not a list
policy.classify_many([case], errors="ignore")  # error: raise or coerce
plaint.stats(text, policy, "2026-09-29T10:00:00Z")  # error: one JSON text
policy.assess(case, 1_700_000_000)  # error: now is a datetime or RFC 3339 text
