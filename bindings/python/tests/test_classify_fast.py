"""The fast paths of classification give the general paths' answers:

- `Policy.classify(dict)` reads common dicts without the JSON layer: every
  answer and every error equals the JSON text's (which the JSON layer reads);
- the trace, built when first read, is the JSON layer's;
- `Policy.classify_many` equals `classify` one by one, errors included.
"""

from __future__ import annotations

import json
import math
from datetime import datetime, timezone
from typing import Any, Dict, List
from zoneinfo import ZoneInfo

import pytest

import plaint

UTC = timezone.utc

RECEIVED = "2026-09-24T16:00:00+08:00"


def base(**over: Any) -> Dict[str, Any]:
    c: Dict[str, Any] = {
        "id": "K1",
        "received_at": RECEIVED,
        "channel": "phone",
        "customer": {"id": "cust-1", "tier": "vip"},
        "subject": "lift",
        "product": "tower B",
        "department": "maintenance",
        "text": "楼上漏水，家具被泡，有人受伤",
        "facts": {"loss_amount": 6000, "harm_ongoing": True, "times_raised_before": 2, "personal_injury": False},
        "attributes": {"building": "B", "floor": 12, "tags": ["a", None]},
    }
    c.update(over)
    return c


def facts(**over: Any) -> Dict[str, Any]:
    return base(facts=dict(base()["facts"], **over))


# Complaints the dict reader takes, and complaints it leaves to the JSON
# layer (their answers and errors must be the same either way).
DICTS: List[Dict[str, Any]] = [
    base(),
    base(customer={"tier": "regular"}, facts={}),
    base(channel=None, customer=None, facts=None, attributes=None, subject=None, text=None),
    {"id": "K2", "received_at": RECEIVED},
    facts(loss_amount=0.0),
    facts(loss_amount=-0.0),
    facts(loss_amount=1500.5),
    facts(loss_amount=2**62),
    facts(loss_amount=None, times_raised_before=None, harm_ongoing=None),
    facts(cause="hardware", claim="claim", remedies_requested=["onsite_repair", "refund"]),
    facts(remedies_requested=("refund",)),
    facts(requested_due_at="2026-10-01T10:00:00+08:00"),
    facts(requested_due_at=datetime(2026, 10, 1, 2, tzinfo=UTC)),
    base(received_at=datetime(2026, 9, 24, 16, tzinfo=ZoneInfo("Asia/Shanghai"))),
    base(text="门口路灯坏了"),
    base(classification={"by": "agent-7", "severity": "minor"}),
    # Left to the JSON layer for its error or its translation:
    base(id=""),
    base(id="   "),
    base(id=None),
    base(id=7),
    base(received_at=None),
    base(received_at="2026-09-24T16:00:00"),
    base(received_at=datetime(2026, 9, 24, 16)),
    base(received_at=datetime(999, 9, 24, 16, tzinfo=UTC)),
    base(channel="pigeon"),
    base(channel=3),
    base(customer={"tier": "gold"}),
    base(customer={"tier": "vip", "name": "x"}),
    base(customer="vip"),
    base(unknown_field=1),
    base(facts="none"),
    facts(loss_amount=-1),
    facts(loss_amount=math.nan),
    facts(loss_amount=math.inf),
    facts(loss_amount=True),
    facts(loss_amount="100"),
    facts(loss_amount=2**70),
    facts(times_raised_before=-1),
    facts(times_raised_before=2.0),
    facts(times_raised_before=2.5),
    facts(harm_ongoing=1),
    facts(harm_ongoing="yes"),
    facts(cause="weather"),
    facts(remedies_requested=["refund", "gold"]),
    facts(remedies_requested="refund"),
    facts(requested_due_at="tomorrow"),
    facts(surprise=True),
    base(attributes={"when": datetime(2026, 9, 24, tzinfo=UTC), "n": math.nan}),
    base(attributes={"bad": object()}),
    base(attributes={1: "x"}),
    {1: "x", "id": "K3", "received_at": RECEIVED},
]


def outcome(policy: plaint.Policy, complaint: Any) -> Any:
    """Everything a Classification says, or the error's code and path."""
    try:
        c = policy.classify(complaint)
    except plaint.PlaintError as e:
        return ("error", e.code, e.path, [(p["code"], p["path"]) for p in e.problems])
    values = [c.severity, c.category, c.nature, c.validity_suggestion, c.validity, c.claim_type, c.route, c.classified_by]
    return values, c.signals, c.trace, c.to_dict(), repr(c)


def jsonable(v: Any) -> Any:
    """The JSON text a host would write for a dict (aware datetimes as
    RFC 3339 text, NaN as null); None when JSON cannot hold it."""
    if isinstance(v, dict):
        if not all(isinstance(k, str) for k in v):
            return None
        out = {k: jsonable(x) for k, x in v.items()}
        return None if any(x is None and v[k] is not None for k, x in out.items()) else out
    if isinstance(v, (list, tuple)):
        items = [jsonable(x) for x in v]
        return None if any(x is None and y is not None for x, y in zip(items, v)) else items
    if isinstance(v, datetime):
        return v.isoformat() if v.tzinfo is not None else None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, float) and math.isinf(v):
        return None
    if isinstance(v, int) and not isinstance(v, bool) and abs(v) >= 2**1024:
        return None  # beyond a float: JSON text cannot hold it
    if v is None or isinstance(v, (str, int, float, bool)):
        return v
    return None


@pytest.mark.parametrize("policy_name", ["cn-property", "cn-goods"])
def test_classify_dict_reader_equals_json_layer(policy_name: str) -> None:
    policy = plaint.Policy.preset(policy_name)
    compared = 0
    for d in DICTS:
        got = outcome(policy, d)
        text = jsonable(d)
        if text is None:
            continue
        assert got == outcome(policy, json.dumps(text, ensure_ascii=False)), d
        compared += 1
    assert compared >= 40
    # Values that JSON cannot hold: the dict's own errors, at their paths.
    assert outcome(policy, base(received_at=datetime(2026, 9, 24, 16)))[:3] == ("error", "instant_without_offset", "/received_at")
    assert outcome(policy, facts(loss_amount=math.nan)) == outcome(policy, facts(loss_amount=None))
    assert outcome(policy, facts(loss_amount=math.inf))[:3] == ("error", "invalid_value", "/facts/loss_amount")
    assert outcome(policy, base(attributes={"bad": object()}))[:3] == ("error", "invalid_type", "/attributes/bad")
    assert outcome(policy, base(attributes={1: "x"}))[:3] == ("error", "invalid_type", "/attributes")
    # An int beyond 64 bits reads as the nearest float, as in JSON text
    # (docs/input.md): an amount is accepted, a count is out of range.
    assert outcome(policy, facts(loss_amount=2**70)) == outcome(policy, facts(loss_amount=float(2**70)))
    assert outcome(policy, facts(times_raised_before=2**70))[:3] == ("error", "amount_overflow", "/facts/times_raised_before")
    assert outcome(policy, facts(loss_amount=10**400))[:3] == ("error", "invalid_value", "/facts/loss_amount")


def test_classify_values_by_hand() -> None:
    p = plaint.Policy.preset("cn-property")
    c = p.classify(base())
    # cn-property: an injury in the text and harm still going on make a
    # major complaint (docs/domain.md); the injury signal is found.
    assert c.severity == "major"
    assert any(s["signal"] == "injury" for s in c.signals)
    assert [t["table"] for t in c.trace][0] == "severity"
    # The trace, built when first read, is the JSON layer's.
    out = json.loads(plaint._run_op("classify", json.dumps({"policy": "cn-property", "complaint": base()}, ensure_ascii=False)))
    assert c.to_dict() == out and c.trace == out["trace"] and c.signals == out["signals"]


def test_classify_many_equals_classify() -> None:
    p = plaint.Policy.preset("cn-property")
    ok = [d for d in DICTS if jsonable(d) is not None and outcome(p, d)[0] != "error"]
    assert len(ok) >= 15
    items: List[Any] = []
    for i in range(5000):  # the parallel path
        d = dict(ok[i % len(ok)], id=f"M{i}")
        items.append(d if i % 3 else json.dumps(jsonable(d), ensure_ascii=False))
    many = p.classify_many(iter(items))
    assert len(many) == len(items)
    for i in (0, 1, 2, 3, 4095, 4096, 4999):
        assert many[i].to_dict() == p.classify(items[i]).to_dict()
    assert [c.route for c in many] == [p.classify(x).route for x in items]
    assert p.classify_many([]) == []


def test_classify_many_errors() -> None:
    p = plaint.Policy.preset("cn-property")
    items = [base(), base(channel="pigeon"), "{not json", base(id="")]
    with pytest.raises(plaint.PlaintError) as info:
        p.classify_many(items)
    rows = [(q["index"], q["code"], q["path"]) for q in info.value.problems]
    assert rows == [
        (1, "invalid_value", "/complaints/1/channel"),
        (2, "invalid_json", "/complaints/2"),
        (3, "invalid_value", "/complaints/3/id"),
    ]
    out = p.classify_many(items, errors="coerce")
    assert out[0].severity == "major"
    assert [type(x).__name__ for x in out[1:]] == ["ValidationError", "ValidationError", "ValidationError"]
    assert (out[1].code, out[1].path) == ("invalid_value", "/complaints/1/channel")
    with pytest.raises(ValueError, match="errors"):
        p.classify_many(items, errors="ignore")
    for wrong in (json.dumps(base()), base(), b"{}"):
        with pytest.raises(TypeError, match="classify_many"):
            p.classify_many(wrong)
