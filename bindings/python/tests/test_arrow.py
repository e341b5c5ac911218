"""plaint.arrow: Arrow in, Arrow out (issue 11).

Expected instants are TIME.md's worked examples and the hand-computed
scenario S1 of core/tests/assess_scenarios.rs (calendar cn-mainland, 2026:
Mid-Autumn 09-25..27, National Day 10-01..07, make-up Sat 10-10); the
batch results are also compared row by row with the single-process API.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, Dict, List

import duckdb
import polars as pl
import pyarrow as pa
import pytest

import plaint
import plaint.arrow as pa_plaint
from plaint import synthetic

CST = timezone(timedelta(hours=8))
TS = pa.timestamp("ms", tz="Asia/Shanghai")
NOW = "2026-12-01T09:00:00+08:00"


def at(*args: int) -> datetime:
    return datetime(*args, tzinfo=CST)  # type: ignore[misc]


def iso(v: Any) -> Any:
    return None if v is None else v.isoformat()


@pytest.fixture(scope="module")
def policy() -> plaint.Policy:
    return plaint.Policy.preset("cn-property")


@pytest.fixture(scope="module")
def cal() -> plaint.Calendar:
    return plaint.Calendar.preset("cn-mainland")


# ------------------------------------------------------------------ deadlines


def test_deadlines_time_md_examples(cal: plaint.Calendar) -> None:
    starts = pa.array([at(2026, 9, 24, 16), at(2026, 9, 29, 10), at(2026, 10, 9, 11), at(2026, 9, 19, 10)], TS)
    out = pa_plaint.deadlines(starts, cal, "working_days", 3)
    assert out.schema.field("due_at").type == TS
    due = [iso(v) for v in out.column("due_at").to_pylist()]
    assert due[:2] == ["2026-09-30T18:00:00+08:00", "2026-10-09T18:00:00+08:00"]
    one = pa_plaint.deadlines(starts, cal, "working_days", 1).column("due_at").to_pylist()
    assert [iso(v) for v in one[2:]] == ["2026-10-10T18:00:00+08:00", "2026-09-20T18:00:00+08:00"]


def test_deadlines_business_hours_across_the_holiday(cal: plaint.Calendar) -> None:
    # TIME.md example 3: 30 minutes on 09-30, then the next opening 10-08 09:00.
    out = pa_plaint.deadlines(pa.array([at(2026, 9, 30, 17, 30)], TS), cal, "business", 2 * 60)
    assert iso(out.column("due_at")[0].as_py()) == "2026-10-08T10:30:00+08:00"


def test_deadlines_any_unit_and_zone_in(cal: plaint.Calendar) -> None:
    # 2026-09-24T08:00Z is 16:00 in Shanghai: TIME.md example 1 again.
    starts = pa.array([datetime(2026, 9, 24, 8, tzinfo=timezone.utc)], pa.timestamp("ns", tz="UTC"))
    out = pa_plaint.deadlines(starts, cal, "working_days", 3)
    assert iso(out.column("due_at")[0].as_py()) == "2026-09-30T18:00:00+08:00"


def test_deadlines_nulls_and_per_row_errors(cal: plaint.Calendar) -> None:
    # Thu 09-24 + 5 working days: 28, 29, 30, 10-08, 10-09. 2026-12-30 + 5
    # working days needs 2027: outside cn-mainland's data.
    starts = pa.array([at(2026, 9, 24, 16), None, at(2026, 12, 30, 10)], TS)
    out = pa_plaint.deadlines(starts, cal, "working_days", 5).to_pylist()
    assert iso(out[0]["due_at"]) == "2026-10-09T18:00:00+08:00"
    assert out[1] == {"due_at": None, "error_code": None, "error_path": None, "error_message": None}
    assert out[2]["due_at"] is None and out[2]["error_code"] == "calendar_range_exceeded"


def test_deadlines_equal_add_many(cal: plaint.Calendar) -> None:
    table = synthetic.arrow_table(2000, seed=3)
    out = pa_plaint.deadlines(table.column("received_at"), cal, "working_days", 5)
    want = cal.add_many([c["complaint"]["received_at"] for c in synthetic.cases(2000, seed=3)], "working_days", 5)
    assert [iso(v) for v in out.column("due_at").to_pylist()] == [w.isoformat() for w in want]


def test_zone_less_timestamps_are_an_error_naming_the_column(cal: plaint.Calendar, policy: plaint.Policy) -> None:
    naive = pa.array([datetime(2026, 9, 24, 16)], pa.timestamp("ms"))
    with pytest.raises(plaint.PlaintError) as e:
        pa_plaint.deadlines(naive, cal, "working_days", 3)
    assert e.value.code == "instant_without_offset"
    table = pa.table({"id": ["A"], "received_at": naive})
    with pytest.raises(plaint.PlaintError) as e:
        pa_plaint.assess(table, policy, NOW)
    assert (e.value.code, e.value.path) == ("instant_without_offset", "/received_at")
    assert "received_at" in str(e.value)


# ------------------------------------------------------------------ assess, classify


def s1_table() -> pa.Table:
    """Scenario S1 (core/tests/assess_scenarios.rs): a personal injury, received Thu 09-24 16:00."""
    return pa.table(
        {
            "id": ["S1"],
            "received_at": pa.array([at(2026, 9, 24, 16)], TS),
            "channel": ["phone"],
            "customer_id": ["owner-1201"],
            "text": ["楼上漏水,天花板脱落,我母亲被砸伤送医。"],
            "facts.personal_injury": [True],
        }
    )


def test_assess_hand_computed(policy: plaint.Policy) -> None:
    row = pa_plaint.assess(s1_table(), policy, "2026-09-28T10:00:00+08:00").to_pylist()[0]
    assert (row["complaint_id"], row["severity"], row["state"]) == ("S1", "major", "received")
    # Major: reply in 2 working days (Mon 28, Tue 29), settle in 7 (28, 29, 30,
    # 10-08, 10-09, Sat 10-10 make-up, 10-12), at the close of business.
    assert iso(row["major_reply_due_at"]) == "2026-09-29T18:00:00+08:00"
    assert iso(row["major_settle_due_at"]) == "2026-10-12T18:00:00+08:00"
    assert row["minor_reply_state"] == "not_applicable" and row["error_code"] is None


def test_assess_schema_is_the_result_schema(policy: plaint.Policy) -> None:
    out = pa_plaint.assess(s1_table(), policy, NOW)
    assert out.schema == pa_plaint.assess_schema(policy)
    names = out.schema.names
    assert names[:3] == ["complaint_id", "severity", "category"]
    assert names[-3:] == ["error_code", "error_path", "error_message"]
    assert out.schema.field("next_check_at").type == TS


def test_classify_columns(policy: plaint.Policy) -> None:
    row = pa_plaint.classify(s1_table(), policy).to_pylist()[0]
    assert (row["severity"], row["category"]) == ("major", "quality")
    assert "injury" in row["signals"].split(",")


def test_malformed_rows_leave_the_others_assessed(policy: plaint.Policy) -> None:
    good = at(2026, 9, 24, 16)
    event = pa.struct([("type", pa.string()), ("at", TS)])
    table = pa.table(
        {
            "id": ["ok-1", "bad-channel", "no-received", "bad-event", "ok-2"],
            "received_at": pa.array([good, good, None, good, good], TS),
            "channel": ["phone", "pigeon", "phone", "phone", "letter"],
            "text": ["电梯坏了"] * 5,
            "events": pa.array([[], [], [], [{"type": "teleported", "at": good}], []], pa.list_(event)),
        }
    )
    rows = pa_plaint.assess(table, policy, NOW).to_pylist()
    assert [r["complaint_id"] for r in rows] == ["ok-1", "bad-channel", "no-received", "bad-event", "ok-2"]
    assert [r["error_code"] for r in rows] == [None, "invalid_value", "missing_field", "invalid_value", None]
    assert [r["error_path"] for r in rows] == [None, "/complaint/channel", "/complaint/received_at", "/events/0/type", None]
    assert rows[0]["state"] == "received" and rows[4]["state"] == "received"
    assert rows[1]["state"] is None and rows[1]["severity"] is None


def test_wrong_column_types(policy: plaint.Policy) -> None:
    # A number where a channel code belongs: each row says invalid_type.
    table = pa.table({"id": ["A", "B"], "received_at": pa.array([at(2026, 9, 24, 16)] * 2, TS), "channel": [1, 2]})
    rows = pa_plaint.assess(table, policy, NOW).to_pylist()
    assert [(r["error_code"], r["error_path"]) for r in rows] == [("invalid_type", "/complaint/channel")] * 2
    # RFC 3339 text with an offset is read as the instant; without, per row.
    text = pa.table({"id": ["A", "B"], "received_at": ["2026-09-24T16:00:00+08:00", "2026-09-24T16:00:00"]})
    rows = pa_plaint.assess(text, policy, "2026-09-28T10:00:00+08:00").to_pylist()
    assert rows[0]["error_code"] is None and rows[1]["error_code"] == "instant_without_offset"
    # Bytes cannot be read at all: the call fails, naming the column.
    blob = pa.table({"id": ["A"], "received_at": pa.array([at(2026, 9, 24, 16)], TS), "text": pa.array([b"x"], pa.binary())})
    with pytest.raises(plaint.PlaintError) as e:
        pa_plaint.assess(blob, policy, NOW)
    assert (e.value.code, e.value.path) == ("invalid_type", "/text")


def compare_columns(table: Any) -> List[Dict[str, Any]]:
    return [{k: iso(v) if isinstance(v, datetime) else v for k, v in r.items()} for r in table.to_pylist()]


def test_equals_the_single_process_api(policy: plaint.Policy) -> None:
    n = 3000
    out = pa_plaint.assess(synthetic.arrow_table(n, seed=11), policy, NOW).to_pylist()
    want = policy.assess_many(synthetic.cases(n, seed=11), NOW)
    assert len(out) == len(want) == n
    for row, a in zip(out, want):
        assert row["error_code"] is None
        assert (row["complaint_id"], row["severity"], row["category"], row["state"]) == (
            a.complaint_id, a.severity, a.classification.category, a.state)
        assert iso(row["next_check_at"]) == iso(a.next_check_at)
        for d in a.deadlines:
            assert (row[f"{d.id}_state"], iso(row[f"{d.id}_due_at"])) == (d.state, iso(d.due_at))


def test_every_input_kind_gives_the_same_answer(policy: plaint.Policy) -> None:
    table = synthetic_frame = synthetic.arrow_table(400, seed=5)
    want = compare_columns(pa_plaint.assess(table, policy, NOW))
    inputs = {
        "pyarrow.Table": table,
        "pyarrow.RecordBatch": table.combine_chunks().to_batches()[0],
        "pyarrow.RecordBatchReader": pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=64)),
        "polars.DataFrame": pl.from_arrow(table),
        "duckdb": duckdb.sql("SELECT * FROM synthetic_frame"),
        # pandas turns nullable ints and bools into floats and objects: the
        # schema given to from_pandas keeps the Arrow types.
        "pandas via pyarrow": pa.Table.from_pandas(table.to_pandas(), schema=table.schema, preserve_index=False),
    }
    for kind, data in inputs.items():
        assert compare_columns(pa_plaint.assess(data, policy, NOW)) == want, kind


def test_classify_equals_the_single_process_api(policy: plaint.Policy) -> None:
    cases = synthetic.cases(500, seed=9)
    out = pa_plaint.classify(synthetic.arrow_table(500, seed=9), policy).to_pylist()
    for row, case in zip(out, cases):
        c = policy.classify(case["complaint"])
        assert (row["severity"], row["category"], row["nature"], row["validity_suggestion"], row["route"]) == (
            c.severity, c.category, c.nature, c.validity_suggestion, c.route)
        assert row["signals"] == ",".join(s["signal"] for s in c.signals)


def test_synthetic_data_is_deterministic() -> None:
    assert synthetic.cases(50, seed=42) == synthetic.cases(50, seed=42)
    assert synthetic.cases(50, seed=42) != synthetic.cases(50, seed=43)
    assert synthetic.arrow_table(50, seed=42).equals(synthetic.arrow_table(50, seed=42))


# ------------------------------------------------------------------ the examples


def load_example(root: Any, rel: str) -> Any:
    import importlib.util

    spec = importlib.util.spec_from_file_location(rel.replace("/", "_")[:-3], root / rel)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def on_time_reference(policy: plaint.Policy, cases: List[Dict[str, Any]]) -> Dict[Any, Any]:
    """The on-time rate per category, counted in plain Python over assess_many."""
    counts: Dict[Any, List[int]] = {}
    for a in policy.assess_many(cases, NOW):
        for d in a.deadlines:
            if d.state in ("met", "met_late", "breached"):
                met_total = counts.setdefault(a.classification.category, [0, 0])
                met_total[0] += d.state == "met"
                met_total[1] += 1
    return {k: (total, met / total) for k, (met, total) in counts.items()}


def test_polars_example(root: Any, policy: plaint.Policy) -> None:
    example = load_example(root, "examples/polars/on_time.py")
    frame = pl.from_arrow(synthetic.arrow_table(3000, seed=21))
    got = {r["category"]: (r["deadlines"], r["on_time_rate"]) for r in example.on_time_by_category(frame, policy, NOW).to_dicts()}
    want = on_time_reference(policy, synthetic.cases(3000, seed=21))
    assert got.keys() == want.keys()
    for k in want:
        assert got[k][0] == want[k][0] and got[k][1] == pytest.approx(want[k][1], abs=1e-12), k


def test_duckdb_example(root: Any, policy: plaint.Policy) -> None:
    example = load_example(root, "examples/duckdb/on_time.py")
    con = duckdb.connect()
    con.register("complaints", synthetic.arrow_table(3000, seed=22))
    june = "SELECT * FROM complaints WHERE received_at >= TIMESTAMPTZ '2026-06-01 00:00:00+08:00'"
    got = {r[0]: (r[1], float(r[2])) for r in example.on_time_by_category(con, june, policy, NOW)}
    start = datetime(2026, 6, 1, tzinfo=CST)
    cases = [c for c in synthetic.cases(3000, seed=22) if datetime.fromisoformat(c["complaint"]["received_at"]) >= start]
    want = on_time_reference(policy, cases)
    assert got.keys() == want.keys()
    for k in want:
        assert got[k][0] == want[k][0] and got[k][1] == pytest.approx(want[k][1], abs=1e-12), k
