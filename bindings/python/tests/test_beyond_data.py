"""Deadlines past the calendar's data, windows and warnings, through every
Python route: Policy.assess, plaint.arrow.assess and
plaint.pandas.assess_frame carry the same per-deadline fields (state,
error code, provisional, calendar, counted_until) and the assessment's
warnings and policy version; strict JSON (a key named twice) keeps its
path in every route.

Expected values are computed by hand beside each test (cn-mainland's
official data ends 2026-12-31; docs/calendars.md "Past the data")."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List, Optional

import pandas as pd
import pyarrow as pa
import pytest

import plaint
import plaint.arrow as pa_plaint
import plaint.pandas as ppd

CST = timezone(timedelta(hours=8))
AEDT = timezone(timedelta(hours=11))
NOW = "2026-12-06T10:00:00+08:00"


def petition(cid: str = "PET-1") -> Dict[str, Any]:
    """cn-petition-2022: received Tue 2026-12-01, acknowledged (accepted)
    Thu 12-03: `handling` runs 60 calendar days from 12-03."""
    return {
        "complaint": {"id": cid, "received_at": "2026-12-01T10:00:00+08:00", "text": "信访事项"},
        "events": [
            {"type": "received", "at": "2026-12-01T10:00:00+08:00"},
            {"type": "acknowledged", "at": "2026-12-03T10:00:00+08:00"},
        ],
    }


def petition_frame() -> pd.DataFrame:
    case = petition()
    return pd.DataFrame(
        {
            "id": ["PET-1"],
            "received_at": [pd.Timestamp("2026-12-01T10:00:00+08:00")],
            "text": ["信访事项"],
            "events": [case["events"]],
        }
    )


@pytest.fixture(scope="module")
def policy() -> plaint.Policy:
    return plaint.Policy.preset("cn-petition-2022")


def deadline(a: plaint.Assessment, rule: str) -> plaint.Deadline:
    return next(d for d in a.deadlines if d.id == rule)


def test_undetermined_by_default(policy: plaint.Policy) -> None:
    # Day 60 after 12-03 is 2027-02-01, past the data: undetermined, and the
    # call succeeds. 25 days from 12-06 to 12-31: within the 60-day horizon.
    a = policy.assess(petition(), NOW)
    handling = deadline(a, "handling")
    assert handling.state == "undetermined"
    assert handling.error is not None and handling.error["code"] == "calendar_range_exceeded"
    assert (handling.due_at, handling.provisional, handling.calendar, handling.kind) == (
        None, False, "cn-mainland", "deadline")
    assert handling.counted_until is None
    assert [w["code"] for w in a.warnings] == ["calendar_data_ending", "deadline_undetermined"]
    assert a.warnings[0]["days_left"] == 25 and a.warnings[1]["deadline"] == "handling"
    assert a.policy_version["version"] == "2026.1"
    # Written notice: acknowledged on day 2 of 15, met.
    assert deadline(a, "written_notice").state == "met"


def test_projected_is_provisional(policy: plaint.Policy) -> None:
    # 28 days to 12-31, 31 in January, 1 in February: Mon 2027-02-01, a
    # working day by the projection, 18:00; 2027-01-01 is projected.
    a = policy.assess(petition(), NOW, beyond_data="projected")
    handling = deadline(a, "handling")
    assert handling.due_at == datetime(2027, 2, 1, 18, tzinfo=CST)
    assert (handling.state, handling.provisional, handling.error) == ("pending", True, None)
    assert [w["code"] for w in a.warnings] == ["calendar_data_ending", "projected_data"]
    assert a.warnings[1]["dates"] == ["2027-01-01"]
    # The other routes take the option too.
    [many] = policy.assess_many([petition()], NOW, beyond_data="projected")
    assert deadline(many, "handling").due_at == datetime(2027, 2, 1, 18, tzinfo=CST)
    [chunk] = list(policy.assess_iter([petition()], NOW, beyond_data="projected"))
    assert isinstance(chunk[0], plaint.Assessment) and deadline(chunk[0], "handling").provisional
    # Undetermined explicitly is the default.
    assert deadline(policy.assess(petition(), NOW, beyond_data="undetermined"), "handling").state == "undetermined"


def test_beyond_data_value_is_checked(policy: plaint.Policy) -> None:
    for call in (
        lambda: policy.assess(petition(), NOW, beyond_data="guess"),  # type: ignore[arg-type]
        lambda: policy.assess_many([petition()], NOW, beyond_data="guess"),  # type: ignore[call-overload]
        lambda: pa_plaint.assess(pa.table({"id": ["x"]}), policy, NOW, beyond_data="guess"),
    ):
        with pytest.raises(plaint.PlaintError) as e:
            call()
        assert (e.value.code, e.value.path) == ("invalid_value", "/beyond_data")


def columns(row: Any, rule: str) -> List[Any]:
    return [row[f"{rule}_{f}"] for f in ("state", "error_code", "provisional", "calendar")]


@pytest.mark.parametrize("beyond", [None, "projected"])
def test_frame_and_arrow_carry_the_fields(policy: plaint.Policy, beyond: Optional[str]) -> None:
    out = ppd.assess_frame(petition_frame(), policy, NOW, beyond_data=beyond)  # type: ignore[arg-type]
    row = out.iloc[0]
    if beyond is None:
        assert columns(row, "handling") == ["undetermined", "calendar_range_exceeded", False, "cn-mainland"]
        assert pd.isna(row["handling_due_at"])
        assert row["warnings"] == "calendar_data_ending,deadline_undetermined"
    else:
        assert columns(row, "handling")[0] == "pending" and pd.isna(row["handling_error_code"])
        assert columns(row, "handling")[2:] == [True, "cn-mainland"]
        assert row["handling_due_at"] == pd.Timestamp("2027-02-01T18:00:00+08:00")
        assert row["warnings"] == "calendar_data_ending,projected_data"
    assert row["written_notice_state"] == "met" and not row["written_notice_provisional"]
    assert pd.isna(row["handling_counted_until"])
    assert row["policy_version"] == "2026.1"
    assert str(out["handling_provisional"].dtype) == "boolean"
    # The Arrow route gives the same frame.
    table = ppd._to_arrow(petition_frame())[0]
    arrow = pa_plaint.assess(table, policy, NOW, beyond_data=beyond)
    pd.testing.assert_frame_equal(out, ppd.from_arrow(arrow, out.index))
    assert arrow.schema.field("handling_provisional").type == pa.bool_()


def test_counted_until_when_now_is_past_the_data() -> None:
    # cn-property, a major complaint received Thu 2026-09-24 16:00 with no
    # reply: major_reply due 09-29 18:00 (2 working days after the
    # Mid-Autumn holiday), breached. At 2027-01-10 the data has ended: the
    # time overdue is counted to 24:00 of 12-31, written 2027-01-01 00:00.
    policy = plaint.Policy.preset("cn-property")
    df = pd.DataFrame(
        {
            "id": ["A"],
            "received_at": [pd.Timestamp("2026-09-24T16:00:00+08:00")],
            "text": ["楼上漏水,我母亲被砸伤送医。"],
            "facts.personal_injury": [True],
        }
    )
    out = ppd.assess_frame(df, policy, "2027-01-10T10:00:00+08:00").iloc[0]
    assert (out["severity"], out["major_reply_state"]) == ("major", "breached")
    assert out["major_reply_due_at"] == pd.Timestamp("2026-09-29T18:00:00+08:00")
    assert out["major_reply_counted_until"] == pd.Timestamp("2027-01-01T00:00:00+08:00")
    assert out["major_reply_remaining"] < 0 and out["major_reply_overdue"] == -out["major_reply_remaining"]
    assert "calendar_data_ended" in out["warnings"].split(",")
    a = policy.assess(ppd.cases_from_frame(df)[0], "2027-01-10T10:00:00+08:00")
    assert deadline(a, "major_reply").counted_until == datetime(2027, 1, 1, tzinfo=CST)


def test_window_lapses_and_its_kind_is_in_the_schema() -> None:
    # au-asic-rg271 early_closure, a window of 5 business days after Wed
    # 2026-01-21 (Australia Day Mon 01-26): Thu 22, Fri 23, Tue 27, Wed 28,
    # Thu 29, end of day = 2026-01-30 00:00 (+11:00). Closed Tue 01-27:
    # met; never closed by 03-02: lapsed, not breached.
    policy = plaint.Policy.preset("au-asic-rg271")
    received = pd.Timestamp("2026-01-21T10:00:00+11:00")
    df = pd.DataFrame(
        {
            "id": ["V-W1", "V-W3"],
            "received_at": [received, received],
            "channel": ["letter", "letter"],
            "text": ["complaint", "complaint"],
            "events": [
                [{"type": "replied", "at": "2026-01-27T09:00:00+11:00"},
                 {"type": "closed", "at": "2026-01-27T10:00:00+11:00"}],
                [{"type": "replied", "at": "2026-02-10T09:00:00+11:00"}],
            ],
        }
    )
    out = ppd.assess_frame(df, policy, datetime(2026, 3, 2, 9, tzinfo=AEDT))
    assert list(out["early_closure_state"]) == ["met", "lapsed"]
    assert list(out["early_closure_due_at"]) == [pd.Timestamp("2026-01-30T00:00:00+11:00")] * 2
    assert out["early_closure_met_at"].iloc[0] == pd.Timestamp("2026-01-27T10:00:00+11:00")
    schema = pa_plaint.assess_schema(policy)
    assert schema.field("early_closure_state").metadata == {b"kind": b"window"}
    assert schema.field("idr_response_state").metadata == {b"kind": b"deadline"}
    a = policy.assess(ppd.cases_from_frame(df)[1], datetime(2026, 3, 2, 9, tzinfo=AEDT))
    assert (deadline(a, "early_closure").kind, deadline(a, "early_closure").state) == ("window", "lapsed")


def test_error_rows_leave_the_new_columns_null(policy: plaint.Policy) -> None:
    df = petition_frame()
    df.loc[0, "id"] = None
    out = ppd.assess_frame(df, policy, NOW, errors="coerce").iloc[0]
    assert out["error_code"] == "missing_field"
    for name in ("handling_state", "handling_error_code", "handling_provisional", "handling_calendar",
                 "handling_counted_until", "policy_version", "warnings"):
        assert pd.isna(out[name]), name


def test_duplicate_keys_are_refused_with_their_path() -> None:
    # Strict JSON: an object names each key once (one of the two values
    # would be lost), in a case's text and inside a JSON text column.
    policy = plaint.Policy.preset("cn-property")
    text = '{"complaint": {"id": "a", "id": "b", "received_at": "2026-11-02T10:00:00+08:00"}, "events": []}'
    with pytest.raises(plaint.PlaintError) as e:
        policy.assess(text, "2026-11-10T10:00:00+08:00")
    assert (e.value.code, e.value.path) == ("duplicate_key", "/complaint/id")
    [bad] = policy.assess_many([plaint.CaseText(text)], "2026-11-10T10:00:00+08:00", errors="coerce")
    assert isinstance(bad, plaint.PlaintError) and (bad.code, bad.path) == ("duplicate_key", "/cases/0/complaint/id")
    df = pd.DataFrame({"id": ["a", "b"], "received_at": [pd.Timestamp("2026-11-02T10:00:00+08:00")] * 2,
                       "text": ["x", "x"],
                       "facts": ['{"personal_injury": true, "personal_injury": false}', '{"personal_injury": true}']})
    out = ppd.assess_frame(df, policy, "2026-11-10T10:00:00+08:00", errors="coerce")
    assert list(out["error_code"].fillna("-")) == ["duplicate_key", "-"]
    assert out["error_path"].iloc[0] == "/complaint/facts/personal_injury"
    assert out["severity"].iloc[1] == "major"  # the severity table's first row: facts.personal_injury true


def test_required_actions_carry_due_at_and_overdue() -> None:
    # An obligation as policy data (the vector obligation-inline-every-part):
    # it arises at the last `unsatisfied` (11:15; the call at 10:30 came
    # before it) and is due 2 elapsed hours later, 13:15 UTC. Overdue once
    # `now` is at or after its due time; discharged by a later `contacted`.
    import json
    from pathlib import Path

    vectors = json.loads((Path(__file__).resolve().parents[3] / "tests/vectors/assess-regulatory-clauses.json")
                         .read_text(encoding="utf-8"))
    vector = next(c for c in vectors["cases"] if c["id"] == "obligation-inline-every-part")
    policy = plaint.Policy.from_json(vector["input"]["policy"])
    case = vector["input"]["case"]
    utc = timezone.utc
    a = policy.assess(case, datetime(2026, 1, 1, 12, tzinfo=utc))
    [action] = a.required_actions
    assert (action["action"], action["due_at"], action["overdue"]) == ("call_back", "2026-01-01T13:15:00+00:00", False)
    assert action["text"] == {"en": "call the customer back", "zh-Hans": "回电客户"}
    assert a.next_check_at == datetime(2026, 1, 1, 13, 15, tzinfo=utc)
    [late] = policy.assess(case, datetime(2026, 1, 1, 13, 15, tzinfo=utc)).required_actions
    assert late["overdue"] is True
    done = dict(case, events=case["events"] + [{"type": "contacted", "at": "2026-01-01T13:30:00+00:00"}])
    assert policy.assess(done, datetime(2026, 1, 1, 14, tzinfo=utc)).required_actions == []


def test_stats_counts_undetermined_unless_projected(policy: plaint.Policy) -> None:
    # Two petitions at 12-06 (the vector stats-crossing-the-data-end): one
    # accepted 09-01 (day 60 is Sat 10-31, rolled to Mon 11-02, never
    # answered: breached), one accepted 12-03 (past the data: undetermined).
    # Projected, the second is due 2027-02-01 18:00 and open.
    old = {
        "complaint": {"id": "a", "received_at": "2026-09-01T09:00:00+08:00", "text": "x"},
        "events": [{"type": "received", "at": "2026-09-01T09:00:00+08:00"},
                   {"type": "acknowledged", "at": "2026-09-01T15:00:00+08:00"}],
    }
    cases = [old, petition("b")]
    handling = plaint.stats(cases, policy, NOW)["on_time"]["handling"]
    assert {k: handling[k] for k in ("met", "breached", "open", "undetermined")} == {
        "met": 0, "breached": 1, "open": 0, "undetermined": 1}
    projected = plaint.stats(cases, policy, NOW, beyond_data="projected")["on_time"]["handling"]
    assert (projected["breached"], projected["open"], projected.get("undetermined", 0)) == (1, 1, 0)
