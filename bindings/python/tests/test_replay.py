"""plaint.replay and versioned policies from Python. Expected values are
counted by hand from the regulations (the counts are in
core/tests/policy_versions.rs and bindings/cli/tests/versions.rs) on the 2026
State Council schedule: holidays 05-01..05 and 06-19..21, make-up working day
Sat 05-09."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, Iterator, List

import pytest

import plaint
from conftest import ROOT, at


def samr_cases() -> List[Dict[str, Any]]:
    text = (ROOT / "examples/cases/consumer-samr.jsonl").read_text(encoding="utf-8")
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def test_replay_of_the_samr_example_cases() -> None:
    out = plaint.replay(samr_cases(), "cn-consumer-samr@2022", "cn-consumer-samr@2026", at(2026, 10, 12, 9))
    assert out["old"]["version"] == "2022"
    assert out["new"] == {
        "name": "cn-consumer-samr",
        "version": "2026",
        "effective_from": "2026-04-15",
        "effective_to": None,
        "in_force_at": None,
        "versions": [],
    }
    changed = {c["id"]: [(ch["rule"], ch["field"], ch["old"], ch["new"]) for ch in c["changes"]] for c in out["cases"]}
    # Mediation: 45 working days from acceptance (Interim Measures) against
    # 60 natural days, a last day on a holiday or rest day moved to the next
    # working day (Order 121).
    assert changed == {
        "SAMR-0414-A": [("mediation", "due_at", "2026-06-25T18:00:00+08:00", "2026-06-22T18:00:00+08:00")],
        "SAMR-0415-B": [
            ("mediation", "state", "met", "met_late"),
            ("mediation", "due_at", "2026-06-24T18:00:00+08:00", "2026-06-16T18:00:00+08:00"),
        ],
        "SAMR-0506-D": [("mediation", "due_at", "2026-07-10T18:00:00+08:00", "2026-07-07T18:00:00+08:00")],
        "SAMR-0414-E": [("mediation", "due_at", "2026-07-02T18:00:00+08:00", "2026-06-26T18:00:00+08:00")],
    }
    s = out["summary"]
    assert (s["cases"], s["changed"], s["unchanged"], s["errors"]) == (5, 4, 1, 0)
    mediation = next(r for r in s["rules"] if r["rule"] == "mediation")
    assert (mediation["changed"], mediation["due_at"], mediation["state"]) == (4, 4, 1)


def test_replay_equals_the_json_layer() -> None:
    cases = samr_cases()
    native = plaint.replay(cases, "cn-consumer-samr@2022", "cn-consumer-samr@2026", "2026-10-12T09:00:00+08:00")
    request = {"old": "cn-consumer-samr@2022", "new": "cn-consumer-samr@2026", "now": "2026-10-12T09:00:00+08:00", "cases": cases}
    assert native == json.loads(plaint._run_op("replay", json.dumps(request)))


def test_replay_streams_an_iterator_and_takes_policies() -> None:
    old = plaint.Policy.preset("in-rbi@2021")
    new = plaint.Policy.preset("in-rbi@2026")
    produced: List[int] = []

    def cases() -> Iterator[str]:
        # One reply on Fri 07-10: a year (RB-IOS 2021) against 90 days (2026).
        for i in range(3):
            produced.append(i)
            yield json.dumps(
                {
                    "complaint": {"id": f"IN-{i}", "received_at": "2026-07-01T11:00:00+05:30", "channel": "email", "text": "x"},
                    "events": [{"type": "replied", "at": "2026-07-10T12:00:00+05:30"}],
                }
            )
        yield "{not json"

    out = plaint.replay(cases(), old, new, "2026-07-11T09:00:00+05:30")
    assert produced == [0, 1, 2]
    windows = [c["changes"] for c in out["cases"][:3]]
    assert all(
        w == [{"kind": "deadline", "rule": "ombudsman_window", "field": "due_at",
               "old": "2027-07-11T00:00:00+05:30", "new": "2026-10-09T00:00:00+05:30"}]
        for w in windows
    )
    assert out["cases"][3]["index"] == 3 and out["cases"][3]["error"]["code"] == "invalid_json"
    assert out["summary"]["errors"] == 1


def test_replay_refuses_a_string_of_cases() -> None:
    with pytest.raises(TypeError, match="iterable of cases"):
        plaint.replay('{"complaint": {}}', "in-rbi@2021", "in-rbi@2026", "2026-07-11T09:00:00+05:30")
    with pytest.raises(TypeError, match="preset name"):
        plaint.replay([], 42, "in-rbi@2026", "2026-07-11T09:00:00+05:30")  # type: ignore[arg-type]
    with pytest.raises(plaint.UnknownPresetError) as e:
        plaint.replay([], "in-rbi@2019", "in-rbi@2026", "2026-07-11T09:00:00+05:30")
    assert e.value.code == "unknown_version"


def test_assessment_names_the_version_applied() -> None:
    policy = plaint.Policy.preset("cn-consumer-samr")
    case = {
        "complaint": {"id": "V", "received_at": "2026-04-15T10:00:00+08:00", "channel": "web", "text": "x"},
        "events": [{"type": "acknowledged", "at": "2026-04-20T10:00:00+08:00"}],
    }
    a = policy.assess(case, at(2026, 4, 21, 9))
    assert a.policy_version == {
        "name": "cn-consumer-samr",
        "version": "2026",
        "effective_from": "2026-04-15",
        "effective_to": None,
        "selected_by": "received_at",
    }
    mediation = next(d for d in a.deadlines if d.id == "mediation")
    assert mediation.due_at == at(2026, 6, 22, 18)
    early = dict(case, complaint=dict(case["complaint"], received_at="2019-12-31T10:00:00+08:00"))
    with pytest.raises(plaint.ValidationError) as e:
        policy.assess(early, at(2020, 1, 2, 9))
    assert (e.value.code, e.value.path) == ("no_version_in_force", "/complaint/received_at")


def test_arrow_columns_cover_every_version() -> None:
    """A version without a rule leaves that rule's columns null for the rows
    it applies to. Version A (from 2026-01-01): reply in 3 working days;
    version B (from 2026-06-01): reply in 2 and close in 30 calendar days
    (24:00, no roll). Received Fri 05-29 (A): reply Jun 1-3 → 06-03 18:00.
    Received Mon 06-01 10:00 (B): reply Jun 2-3 → 06-03 18:00; close 06-01 +
    30 days = Wed 07-01, 24:00 = 07-02 00:00."""
    pa = pytest.importorskip("pyarrow")
    import plaint.arrow

    def body(label: str, start: str, deadlines: List[Dict[str, Any]]) -> Dict[str, Any]:
        return {"version": label, "effective_from": start, "calendar": "cn-mainland", "deadlines": deadlines}

    reply = {"id": "reply", "clock": "working_days", "met_by": ["replied"]}
    close = {"id": "close", "clock": "calendar_days", "amount": 30, "end": "end_of_day", "met_by": ["closed"]}
    policy = plaint.Policy.from_json(
        {
            "plaint_policy": 1,
            "name": "shop",
            "versions": [
                body("A", "2026-01-01", [dict(reply, amount=3)]),
                body("B", "2026-06-01", [dict(reply, amount=2), close]),
            ],
        }
    )
    table = pa.table(
        {
            "id": ["a", "b"],
            "received_at": pa.array([at(2026, 5, 29, 10), at(2026, 6, 1, 10)], pa.timestamp("ms", tz="Asia/Shanghai")),
        }
    )
    out = plaint.arrow.assess(table, policy, at(2026, 6, 1, 12)).to_pylist()
    assert [r["reply_due_at"] for r in out] == [at(2026, 6, 3, 18), at(2026, 6, 3, 18)]
    assert [r["close_state"] for r in out] == [None, "pending"]
    assert [r["close_due_at"] for r in out] == [None, at(2026, 7, 2, 0)]
    # Every version's rules, and the version applied to each row.
    assert policy.deadline_ids == ["reply", "close"]
    assert [r["policy_version"] for r in out] == ["A", "B"]
