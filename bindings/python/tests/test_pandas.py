"""plaint.pandas: DataFrames in and out, with the schema plaint.arrow.assess
has; missing values are "not given"; no column is ignored silently.

Expected instants are computed by hand beside each test (calendars
cn-mainland: Mid-Autumn 2026-09-25..27, National Day 10-01..07; gb-eng: no
bank holiday in March 2026)."""

from __future__ import annotations

import json
import random
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from typing import Any, Dict, List

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

import plaint
import plaint.arrow as pa_plaint
import plaint.pandas as ppd
from conftest import at
from plaint import synthetic

CST = timezone(timedelta(hours=8))
TS = pa.timestamp("ms", tz="Asia/Shanghai")
NOW = "2026-12-01T09:00:00+08:00"
FIELDS = ["state", "due_at", "warn_at", "met_at", "remaining", "overdue", "error_code", "provisional", "calendar",
          "counted_until"]


@pytest.fixture(scope="module")
def policy() -> plaint.Policy:
    return plaint.Policy.preset("cn-property")


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "id": ["A", "B", "C"],
            "received_at": pd.to_datetime(
                ["2026-09-24T16:00:00+08:00", "2026-09-24T09:00:00+08:00", "2026-09-28T10:00:00+08:00"]
            ),
            "channel": ["phone", "phone", None],
            "department": ["工程部", "客服部", "保安部"],
            "text": ["楼上漏水,我母亲被砸伤送医。", "门口路灯坏了", "快递丢了"],
            "facts.personal_injury": [True, None, None],
        },
        index=[10, 11, 12],
    )


def test_assess_frame(policy: plaint.Policy) -> None:
    out = ppd.assess_frame(frame(), policy, at(2026, 9, 29, 10))
    assert list(out.index) == [10, 11, 12]
    assert out.loc[10, "severity"] == "major"
    # Thu 09-24 16:00 + 2 working days (Mid-Autumn 25-27 skipped): Mon 28, Tue 29, close of business.
    assert out.loc[10, "major_reply_due_at"] == pd.Timestamp("2026-09-29T18:00:00+08:00")
    # Warned at 75 % of the working time to the due: 09-29 13:45 (README).
    assert out.loc[10, "major_reply_state"] == "pending"
    assert str(out["major_reply_due_at"].dt.tz) == "Asia/Shanghai"
    # Same answers as the object API, row by row.
    for (idx, row), case in zip(out.iterrows(), ppd.cases_from_frame(frame())):
        a = policy.assess(case, at(2026, 9, 29, 10))
        assert row["severity"] == a.severity and row["state"] == a.state
        for d in a.deadlines:
            assert row[f"{d.id}_state"] == d.state
            if d.due_at is not None:
                assert row[f"{d.id}_due_at"] == pd.Timestamp(d.due_at)


def test_schema_has_every_rule_and_one_dtype_per_kind(policy: plaint.Policy) -> None:
    empty = ppd.assess_frame(frame().iloc[:0], policy, NOW)
    full = ppd.assess_frame(frame(), policy, NOW)
    names = ["complaint_id", "severity", "category", "nature", "validity_suggestion", "claim_type", "route",
             "state", "owner", "escalation_level", "next_check_at"]
    names += [f"{rule}_{f}" for rule in policy.deadline_ids for f in FIELDS]
    names += ["policy_version", "warnings", "error_code", "error_path", "error_message"]
    assert policy.deadline_ids == ["forward", "minor_reply", "important_settle", "major_reply", "major_settle"]
    for out in (empty, full):
        assert list(out.columns) == names
        dtypes = {str(t) for t in out.dtypes}
        assert dtypes == {"string", "Int64", "boolean", "datetime64[ms, Asia/Shanghai]"}, dtypes
        assert out["minor_reply_state"].dtype == pd.StringDtype("pyarrow")
    assert empty.dtypes.equals(full.dtypes)
    # The Arrow route has the same columns and types.
    schema = pa_plaint.assess_schema(policy)
    assert schema.names == names
    assert schema.field("minor_reply_remaining").metadata == {b"unit": b"minutes"}
    assert schema.field("major_settle_overdue").metadata == {b"unit": b"working days"}


def test_met_warn_remaining_overdue_by_hand(policy: plaint.Policy) -> None:
    # minor_reply: 24 elapsed hours, warning at 0.75 (18 h), met by replied.
    # A: received Mon 11-02 10:00, no reply at Tue 11-03 12:30: due 11-03
    #    10:00, warn 11-03 04:00, 26.5 h = 1590 min counted: remaining
    #    1440 - 1590 = -150, overdue 150.
    # B: replied at 16:00 the same day: 6 h = 360 min counted when met,
    #    remaining 1080, overdue 0.
    received = pd.Timestamp("2026-11-02T10:00:00+08:00")
    log = [{"type": t, "at": (received + pd.Timedelta(minutes=m)).isoformat()}
           for t, m in [("registered", 5), ("assigned", 10), ("contacted", 30), ("resolved", 300), ("replied", 360)]]
    log[1]["to"] = "desk"
    df = pd.DataFrame({"id": ["A", "B"], "received_at": [received, received], "text": ["门口路灯坏了"] * 2,
                       "events": [None, log]})
    out = ppd.assess_frame(df, policy, "2026-11-03T12:30:00+08:00")
    a, b = out.iloc[0], out.iloc[1]
    assert (a["severity"], a["minor_reply_state"], b["minor_reply_state"]) == ("minor", "breached", "met")
    assert a["minor_reply_due_at"] == pd.Timestamp("2026-11-03T10:00:00+08:00")
    assert a["minor_reply_warn_at"] == pd.Timestamp("2026-11-03T04:00:00+08:00")
    assert pd.isna(a["minor_reply_met_at"]) and b["minor_reply_met_at"] == pd.Timestamp("2026-11-02T16:00:00+08:00")
    assert (a["minor_reply_remaining"], a["minor_reply_overdue"]) == (-150, 150)
    assert (b["minor_reply_remaining"], b["minor_reply_overdue"]) == (1080, 0)
    assert pd.isna(a["major_reply_remaining"]) and a["major_reply_state"] == "not_applicable"


def test_missing_id_is_an_error_not_nan(policy: plaint.Policy) -> None:
    for missing in (None, float("nan"), pd.NA):
        df = frame()
        df["id"] = pd.Series(["A", missing, "C"], index=df.index, dtype=object)
        with pytest.raises(plaint.ValidationError) as e:
            ppd.assess_frame(df, policy, NOW)
        assert [(p["index"], p["code"], p["path"]) for p in e.value.problems] == [
            (11, "missing_field", "/cases/1/complaint/id")
        ]
        out = ppd.assess_frame(df, policy, NOW, errors="coerce")
        assert out["complaint_id"].isna().tolist() == [False, True, False]
        assert (out.loc[11, "error_code"], out.loc[11, "error_path"]) == ("missing_field", "/complaint/id")
        assert out.loc[10, "severity"] == "major" and pd.isna(out.loc[11, "severity"])
        assert "nan" not in out["complaint_id"].dropna().tolist()


def test_attribute_columns_select_rules() -> None:
    # uk-fca-disp: a payment-services complaint has the PSD rule (15 working
    # days, end of day) instead of the 8-week final response. Received Mon
    # 2026-03-02 10:00 London (GMT): working days Tue 3 .. Mon 23 March
    # (no bank holiday) make 15, due at 24:00 on the 23rd.
    uk = plaint.Policy.preset("uk-fca-disp")
    df = pd.DataFrame({
        "id": ["PSD", "OTHER"],
        "received_at": pd.to_datetime(["2026-03-02T10:00:00Z"] * 2),
        "attributes.payment_services": [True, None],
    })
    out = ppd.assess_frame(df, uk, "2026-05-01T09:00:00+01:00")
    psd, other = out.iloc[0], out.iloc[1]
    assert (psd["final_response_state"], psd["psd_final_response_state"]) == ("not_applicable", "breached")
    assert psd["psd_final_response_due_at"] == pd.Timestamp("2026-03-24T00:00:00+00:00")
    # 8 weeks from Mon 03-02: Mon 04-27, end of day (BST from 03-29).
    assert (other["final_response_state"], other["psd_final_response_state"]) == ("breached", "not_applicable")
    assert other["final_response_due_at"] == pd.Timestamp("2026-04-28T00:00:00+01:00")
    assert str(out["final_response_due_at"].dt.tz) == "Europe/London"


def test_unknown_columns_fail_once_naming_the_column(policy: plaint.Policy) -> None:
    for extra, path in [("agent_name", "/agent_name"), ("facts.personal_injuri", "/facts.personal_injuri")]:
        df = frame()
        df[extra] = ["x", "y", "z"]
        for run in (lambda: ppd.assess_frame(df, policy, NOW),
                    lambda: pa_plaint.assess(pa.Table.from_pandas(df, preserve_index=False), policy, NOW)):
            with pytest.raises(plaint.ValidationError) as e:
                run()
            assert (e.value.code, e.value.path) == ("unknown_field", path)
            assert len(e.value.problems) == 1 and extra in str(e.value)
    events = pa.array([[{"type": "registered", "at": at(2026, 9, 24, 16, 5), "actor": "x"}]] * 3)
    table = pa.Table.from_pandas(frame(), preserve_index=False).append_column("events", events)
    with pytest.raises(plaint.ValidationError) as e:
        pa_plaint.assess(table, policy, NOW)
    assert (e.value.code, e.value.path) == ("unknown_field", "/events") and "actor" in str(e.value)


def test_json_text_columns_in_both_routes(policy: plaint.Policy) -> None:
    log = [{"type": "registered", "at": "2026-09-24T16:05:00+08:00"}]
    df = frame()
    df["events"] = [json.dumps(log), None, "[{broken"]
    df["facts"] = ['{"harm_ongoing": true}', None, None]
    df = df.drop(columns=["facts.personal_injury"])
    out = ppd.assess_frame(df, policy, NOW, errors="coerce")
    arrow = ppd.from_arrow(pa_plaint.assess(pa.Table.from_pandas(df, preserve_index=False), policy, NOW), df.index)
    pd.testing.assert_frame_equal(out, arrow)
    assert out.loc[10, "state"] == "registered" and out.loc[11, "state"] == "received"
    assert (out.loc[12, "error_code"], out.loc[12, "error_path"]) == ("invalid_json", "/events")


def test_mixed_python_types_are_per_row_errors(policy: plaint.Policy) -> None:
    df = frame()
    df["facts.loss_amount"] = pd.Series([Decimal("12000.5"), "lots", np.int64(20)], index=df.index, dtype=object)
    out = ppd.assess_frame(df, policy, NOW, errors="coerce")
    assert out["error_code"].tolist()[0] is pd.NA and out.loc[12, "error_code"] is pd.NA
    assert (out.loc[11, "error_code"], out.loc[11, "error_path"]) == ("invalid_type", "/complaint/facts/loss_amount")
    assert out.loc[10, "severity"] == "major"


def test_event_before_receipt_per_row(policy: plaint.Policy) -> None:
    df = frame()
    df["events"] = [[{"type": "registered", "at": "2026-09-24T15:00:00+08:00"}], None, None]
    out = ppd.assess_frame(df, policy, NOW, errors="coerce")
    assert (out.loc[10, "error_code"], out.loc[10, "error_path"]) == ("invalid_event", "/events/0/at")
    with pytest.raises(plaint.EventError) as e:
        ppd.assess_frame(df, policy, NOW)
    assert e.value.problems[0]["index"] == 10


def test_naive_received_at_fails_once(policy: plaint.Policy) -> None:
    df = frame()
    df["received_at"] = df["received_at"].dt.tz_localize(None)
    with pytest.raises(plaint.ValidationError) as e:
        ppd.assess_frame(df, policy, NOW)
    assert (e.value.code, e.value.path) == ("instant_without_offset", "/received_at")
    with pytest.raises(plaint.ValidationError) as e:
        ppd.assess_frame(frame().drop(columns=["id"]), policy, NOW)
    assert [(p["code"], p["path"]) for p in e.value.problems] == [(c, f"/cases/{i}/complaint/id") for i, c in
                                                                  enumerate(["missing_field"] * 3)]


# ------------------------------------------------------------------ both routes, one answer


def sprinkled(n: int, seed: int) -> tuple[pd.DataFrame, pa.Table]:
    """The same synthetic complaints as a pandas frame (flat fact columns,
    events as lists of dicts with text instants, NaN / None / pd.NA / NaT in
    5% of the optional cells) and as an Arrow table built independently
    (struct facts, zoned timestamps, nulls)."""
    cases = synthetic.cases(n, seed=seed)
    rng = random.Random(seed)
    text_cols = ["channel", "customer_id", "customer_tier", "subject", "department", "text"]
    flags = ["personal_injury", "harm_ongoing", "major_inconvenience", "refuses_fees"]
    rows: List[Dict[str, Any]] = []
    for c in cases:
        k = c["complaint"]
        row: Dict[str, Any] = {
            "id": k["id"], "received_at": datetime.fromisoformat(k["received_at"]),
            "channel": k["channel"], "customer_id": k["customer"]["id"], "customer_tier": k["customer"]["tier"],
            "subject": k["subject"], "department": k["department"], "text": k["text"],
        }
        facts = k.get("facts", {})
        for f in flags:
            row[f"facts.{f}"] = facts.get(f)
        row["facts.loss_amount"] = facts.get("loss_amount")
        row["facts.times_raised_before"] = facts.get("times_raised_before")
        row["events"] = c["events"]
        for col in text_cols + [f"facts.{f}" for f in flags] + ["facts.loss_amount", "facts.times_raised_before", "events"]:
            if rng.random() < 0.05:
                row[col] = None
        rows.append(row)
    missing = [None, float("nan"), pd.NA]
    df = pd.DataFrame({
        "id": [r["id"] for r in rows],
        "received_at": pd.to_datetime([r["received_at"] for r in rows], utc=True).tz_convert("Asia/Shanghai"),
        **{c: pd.Series([r[c] if r[c] is not None else missing[i % 3] for i, r in enumerate(rows)], dtype=object)
           for c in text_cols},
        **{f"facts.{f}": pd.Series([r[f"facts.{f}"] if r[f"facts.{f}"] is not None else missing[i % 2]
                                    for i, r in enumerate(rows)], dtype=object) for f in flags},
        "facts.loss_amount": pd.Series([r["facts.loss_amount"] for r in rows], dtype="float64"),
        "facts.times_raised_before": pd.array([r["facts.times_raised_before"] for r in rows], dtype="Int64"),
        "events": pd.Series([r["events"] for r in rows], dtype=object),
    })
    df.index = pd.RangeIndex(1000, 1000 + n)  # an index of its own: results keep it
    fact_type = pa.struct([(f, pa.bool_()) for f in flags] + [("loss_amount", pa.float64()),
                                                              ("times_raised_before", pa.int64())])
    event_type = pa.struct([("type", pa.string()), ("at", TS), ("by", pa.string())])
    table = pa.table({
        "id": pa.array([r["id"] for r in rows], pa.string()),
        "received_at": pa.array([r["received_at"] for r in rows], TS),
        **{c: pa.array([r[c] for r in rows], pa.string()) for c in text_cols},
        "facts": pa.array([{f: r[f"facts.{f}"] for f in flags} | {"loss_amount": r["facts.loss_amount"],
                           "times_raised_before": r["facts.times_raised_before"]} for r in rows], fact_type),
        "events": pa.array([None if r["events"] is None else
                            [dict(e, at=datetime.fromisoformat(e["at"])) for e in r["events"]] for r in rows],
                           pa.list_(event_type)),
    })
    return df, table


def test_assess_frame_equals_arrow_on_10000_rows_with_missing_cells(policy: plaint.Policy) -> None:
    df, table = sprinkled(10_000, seed=2026)
    assert df.isna().to_numpy().mean() > 0.03
    out = ppd.assess_frame(df, policy, NOW)
    arrow = ppd.from_arrow(pa_plaint.assess(table, policy, NOW), df.index)
    pd.testing.assert_frame_equal(out, arrow)
    assert out["error_code"].isna().all()
    states = set(out["major_settle_state"].dropna()) | set(out["minor_reply_state"].dropna())
    assert {"met", "breached", "not_applicable"} <= states
    # And both equal the single-process API on a sample.
    for pos in range(0, 10_000, 997):
        row = out.iloc[pos]
        case = ppd.cases_from_frame(df.iloc[pos:pos + 1])[0]
        a = policy.assess(case, NOW)
        assert (row["complaint_id"], row["severity"], row["state"]) == (a.complaint_id, a.severity, a.state)
        for d in a.deadlines:
            assert row[f"{d.id}_state"] == d.state
            if d.remaining is None:
                assert pd.isna(row[f"{d.id}_remaining"])
            else:
                assert row[f"{d.id}_remaining"] == d.remaining


# ------------------------------------------------------------------ wide event columns


def test_events_from_columns(policy: plaint.Policy) -> None:
    df = pd.DataFrame({
        "id": ["A", "B"],
        "received_at": pd.to_datetime(["2026-11-02T10:00:00+08:00"] * 2),
        "text": ["门口路灯坏了"] * 2,
        "registered_at": pd.to_datetime(["2026-11-02T10:05:00+08:00", None]).tz_convert("UTC"),
        "assigned_at": pd.to_datetime(["2026-11-02T10:10:00+08:00", None]),
        "assigned_to": ["desk", None],
        "replied_at": pd.to_datetime(["2026-11-02T16:00:00+08:00", None]),
    })
    wide = ppd.events_from_columns(df, {"registered": "registered_at",
                                        "assigned": {"at": "assigned_at", "to": "assigned_to"},
                                        "replied": "replied_at"})
    assert list(wide.columns) == ["id", "received_at", "text", "events"]
    first = wide["events"].iloc[0]
    assert [e["type"] for e in first] == ["registered", "assigned", "replied"]
    assert [e["to"] for e in first] == [None, "desk", None]
    assert len(wide["events"].iloc[1]) == 0
    out = ppd.assess_frame(wide, policy, "2026-11-03T12:30:00+08:00")
    # Replied at 16:00: 6 h of the 24, met (test_met_warn_remaining_overdue_by_hand).
    assert out["minor_reply_state"].tolist() == ["met", "breached"]
    assert out.loc[0, "minor_reply_met_at"] == pd.Timestamp("2026-11-02T16:00:00+08:00")
    assert out.loc[0, "state"] == "in_progress"  # assigned; a reply does not change the state
    naive = df.assign(replied_at=df["replied_at"].dt.tz_localize(None))
    with pytest.raises(plaint.ValidationError) as e:
        ppd.events_from_columns(naive, {"replied": "replied_at"})
    assert (e.value.code, e.value.path) == ("instant_without_offset", "/replied_at")


def test_events_from_columns_shared_field_and_text_instants() -> None:
    # Both kinds take "by" from one column; a row without a step has no
    # such event, a missing agent a null "by". Instants in UTC: 10:05+08:00
    # is 02:05Z, 16:00+08:00 08:00Z, 11:00+08:00 03:00Z, 09:00+08:00 01:00Z.
    df = pd.DataFrame({
        "id": ["A", "B", "C"],
        "registered_at": pd.to_datetime(["2026-11-02T10:05:00+08:00", None, "2026-11-03T09:00:00+08:00"]),
        "replied_at": pd.to_datetime(["2026-11-02T16:00:00+08:00", "2026-11-02T11:00:00+08:00", None]),
        "agent": ["a1", "a2", None],
    })
    utc = timezone.utc
    wide = ppd.events_from_columns(df, {"registered": {"at": "registered_at", "by": "agent"},
                                        "replied": {"at": "replied_at", "by": "agent"}})
    assert list(wide.columns) == ["id", "events"]
    assert pa.array(wide["events"]).to_pylist() == [
        [{"type": "registered", "at": datetime(2026, 11, 2, 2, 5, tzinfo=utc), "by": "a1"},
         {"type": "replied", "at": datetime(2026, 11, 2, 8, 0, tzinfo=utc), "by": "a1"}],
        [{"type": "replied", "at": datetime(2026, 11, 2, 3, 0, tzinfo=utc), "by": "a2"}],
        [{"type": "registered", "at": datetime(2026, 11, 3, 1, 0, tzinfo=utc), "by": None}],
    ]
    # One instant column of RFC 3339 text: every "at" is text, the zoned
    # ones written in UTC to the millisecond, the text ones as given.
    text = df.assign(replied_at=["2026-11-02T16:00:00+08:00", "2026-11-02T11:00:00+08:00", None])
    wide = ppd.events_from_columns(text, {"registered": "registered_at", "replied": "replied_at"})
    assert pa.array(wide["events"]).to_pylist() == [
        [{"type": "registered", "at": "2026-11-02T02:05:00.000Z"}, {"type": "replied", "at": "2026-11-02T16:00:00+08:00"}],
        [{"type": "replied", "at": "2026-11-02T11:00:00+08:00"}],
        [{"type": "registered", "at": "2026-11-03T01:00:00.000Z"}],
    ]


# ------------------------------------------------------------------ add_many over columns


def test_add_many_keeps_kind_zone_and_unit() -> None:
    cal = plaint.Calendar.preset("cn-mainland")
    # Thu 09-24 16:00 + 3 working days = Wed 09-30 18:00 (Mid-Autumn skipped);
    # Tue 09-29 10:00 + 3 = Fri 10-09 18:00 (National Day skipped).
    starts = pd.to_datetime(["2026-09-24T08:00:00Z", None, "2026-09-29T02:00:00Z"]).tz_convert("Asia/Tokyo")
    want = ["2026-09-30T18:00:00+08:00", None, "2026-10-09T18:00:00+08:00"]
    due = cal.add_many(starts, "working_days", 3)
    assert isinstance(due, pd.DatetimeIndex) and str(due.tz) == "Asia/Tokyo" and due.dtype == starts.dtype
    assert [None if pd.isna(t) else t for t in due] == [None if w is None else pd.Timestamp(w) for w in want]
    series = pd.Series(starts, index=["a", "b", "c"], name="received_at")
    out = cal.add_many(series, "working_days", 3)
    assert isinstance(out, pd.Series) and list(out.index) == ["a", "b", "c"] and out.name == "received_at"
    assert out.dtype == series.dtype and out.iloc[0] == pd.Timestamp(want[0])
    arrow = pa.array([datetime.fromisoformat("2026-09-24T16:00:00+08:00"), None], pa.timestamp("us", tz="UTC"))
    got = cal.add_many(arrow, "working_days", 3)
    assert isinstance(got, pa.Array) and got.type == arrow.type and got.null_count == 1
    assert got[0].as_py() == datetime.fromisoformat(want[0])
    chunked = cal.add_many(pa.chunked_array([arrow]), "working_days", 3)
    assert isinstance(chunked, pa.ChunkedArray) and chunked.to_pylist() == got.to_pylist()
    with pytest.raises(plaint.ValidationError) as e:
        cal.add_many(pd.Series(pd.to_datetime(["2026-09-24T16:00:00"])), "working_days", 3)
    assert (e.value.code, e.value.path) == ("instant_without_offset", "/starts")


# ------------------------------------------------------------------ stats


def test_stats_equal_the_stats_vectors(root: Any) -> None:
    suite = json.loads((root / "tests/vectors/stats.json").read_text(encoding="utf-8"))
    from test_vectors import subset

    ran = 0
    for case in suite["cases"]:
        inp = case["input"]
        if "now" not in inp:
            continue
        policy = plaint.Policy.preset(inp["policy"]) if isinstance(inp["policy"], str) else plaint.Policy.from_json(inp["policy"])
        if "expect" in case:
            got = plaint.stats(inp["cases"], policy, inp["now"])
            diffs: List[str] = []
            subset(case["expect"], got, "", diffs)
            assert diffs == [], case["id"]
            view = ppd.stats_frame(got)
            assert list(view.columns) == ["figure", "key", "value"]
            assert view.set_index(["figure", "key"]).loc[("on_time.met", "minor_reply"), "value"] == 1
        else:
            with pytest.raises(plaint.PlaintError) as e:
                plaint.stats(inp["cases"], policy, inp["now"])
            assert (e.value.code, e.value.path) == (case["expect_error"]["code"], case["expect_error"]["path"])
        ran += 1
    assert ran == 3
