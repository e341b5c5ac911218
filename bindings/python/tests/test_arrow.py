"""plaint.arrow: Arrow in, Arrow out.

Expected instants are docs/time.md's worked examples and the hand-computed
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
    # docs/time.md example 3: 30 minutes on 09-30, then the next opening 10-08 09:00.
    out = pa_plaint.deadlines(pa.array([at(2026, 9, 30, 17, 30)], TS), cal, "business", 2 * 60)
    assert iso(out.column("due_at")[0].as_py()) == "2026-10-08T10:30:00+08:00"


def test_deadlines_any_unit_and_zone_in(cal: plaint.Calendar) -> None:
    # 2026-09-24T08:00Z is 16:00 in Shanghai: docs/time.md example 1 again.
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


# ------------------------------------------------------------------ the fast reader
# plaint.arrow reads rows straight from typed columns where that gives exactly
# what the JSON layer gives, and sends every other row through the JSON layer.
# These tests compare the two readers (via_json=True forces the second) on
# rows chosen at the edges of what the fast one takes.


def assessed(data: Any, policy: plaint.Policy, via_json: bool = False) -> List[Dict[str, Any]]:
    return compare_columns(pa.table(plaint._plaint._arrow_assess(data, policy, NOW, via_json)))


def classified(data: Any, policy: plaint.Policy, via_json: bool = False) -> List[Dict[str, Any]]:
    return compare_columns(pa.table(plaint._plaint._arrow_classify(data, policy, via_json)))


def edge_table() -> pa.Table:
    good = at(2026, 9, 24, 16)
    later = at(2026, 9, 25, 10)
    n = 14
    ids = ["full", "   ", None, "nan-loss", "neg-count", "bad-cause", "null-customer", "null-events",
           "null-event", "no-type", "neg-amount", "far-future", "empty-facts", "bad-tier"]
    customer_type = pa.struct([("id", pa.string()), ("tier", pa.string())])
    customer_ids = pa.array(["c-1"] * n, pa.string())
    tiers = pa.array(["vip"] * (n - 1) + ["gold"], pa.string())
    mask = pa.array([i == 6 for i in range(n)])  # row 6: a null customer over non-null fields
    customer = pa.StructArray.from_arrays([customer_ids, tiers], fields=list(customer_type), mask=mask)
    fact_type = pa.struct([
        ("personal_injury", pa.bool_()), ("harm_ongoing", pa.bool_()), ("wrote_to_company", pa.bool_()),
        ("loss_amount", pa.float64()), ("times_raised_before", pa.int64()), ("cause", pa.string()),
        ("claim", pa.string()), ("requested_due_at", TS),
    ])
    facts = [{"personal_injury": True, "harm_ongoing": False, "wrote_to_company": True, "loss_amount": 12000.5,
              "times_raised_before": 2, "cause": "product", "claim": "claim", "requested_due_at": later}]
    facts += [{"loss_amount": 10.0}] * (n - 1)
    facts[3] = {"loss_amount": float("nan")}
    facts[4] = {"times_raised_before": -1}
    facts[5] = {"cause": "gremlins"}
    facts[12] = {}
    event_type = pa.struct([
        ("type", pa.string()), ("at", TS), ("by", pa.string()), ("to", pa.string()), ("handoff", pa.bool_()),
        ("severity", pa.string()), ("category", pa.string()), ("nature", pa.string()), ("deadline", pa.string()),
        ("amount", pa.int64()), ("reason", pa.string()), ("remedy", pa.string()), ("remedy_amount", pa.float64()),
        ("level", pa.string()), ("channel", pa.string()), ("written", pa.bool_()), ("validity", pa.string()),
        ("note", pa.string()),
    ])
    full_log = [
        {"type": "registered", "at": good, "by": "desk"},
        {"type": "forwarded", "at": good + timedelta(minutes=5), "to": "工程部", "handoff": True},
        {"type": "reclassified", "at": good + timedelta(minutes=9), "severity": "major", "category": "quality",
         "nature": "grievance"},
        {"type": "remedy_proposed", "at": good + timedelta(hours=2), "remedy": "compensation",
         "remedy_amount": 500.0, "level": "manager", "note": "a note"},
        {"type": "validity_decided", "at": good + timedelta(hours=3), "validity": "valid"},
        {"type": "replied", "at": good + timedelta(hours=4), "channel": "letter", "written": True},
    ]
    events: List[Any] = [full_log] + [[{"type": "registered", "at": good}]] * (n - 1)
    events[7] = None
    events[8] = [None]
    events[9] = [{"at": good}]
    events[10] = [{"type": "registered", "at": good},
                  {"type": "extension_granted", "at": later, "deadline": "x", "amount": -3, "reason": "r"}]
    received = pa.array([good] * n, TS)
    far = pa.array([300_000_000_000_000], pa.timestamp("ms", tz="Asia/Shanghai"))
    received = pa.concat_arrays([received.slice(0, 11), far, received.slice(12)])
    return pa.table({
        "id": pa.array(ids, pa.string()),
        "received_at": received,
        "channel": ["letter"] * n,
        "customer": customer,
        "text": ["楼道灯不亮,我母亲摔伤了。"] * n,
        "facts": pa.array(facts, fact_type),
        "attributes": pa.array([{"building": "B2", "floor": 7}] * n,
                               pa.struct([("building", pa.string()), ("floor", pa.int64())])),
        "events": pa.array(events, pa.list_(event_type)),
    })


def test_arrow_direct_reader_equals_json_layer(policy: plaint.Policy) -> None:
    table = edge_table()
    # The rows the fast reader must take: every one whose values are all
    # accepted as they are (a null struct: absent fields; a null event list:
    # no events); the others go through JSON (a NaN amount too: JSON null).
    taken = ["full", "null-customer", "null-events", "empty-facts"]
    assert plaint._plaint._arrow_direct_rows(table) == len(taken)
    fast = assessed(table, policy)
    slow = assessed(table, policy, True)
    assert fast == slow
    assert [r["complaint_id"] for r in fast if r["error_code"] is None] == taken[:1] + ["nan-loss"] + taken[1:]
    errors = {r["complaint_id"]: (r["error_code"], r["error_path"]) for r in fast if r["error_code"]}
    assert errors == {
        "   ": ("invalid_value", "/complaint/id"),
        None: ("missing_field", "/complaint/id"),
        "neg-count": ("negative_amount", "/complaint/facts/times_raised_before"),
        "bad-cause": ("invalid_value", "/complaint/facts/cause"),
        "null-event": ("invalid_type", "/events/0"),
        "no-type": ("missing_field", "/events/0/type"),
        "neg-amount": ("negative_amount", "/events/1/amount"),
        "far-future": ("invalid_instant", "/complaint/received_at"),
        "bad-tier": ("invalid_value", "/complaint/customer/tier"),
    }
    # Classification reads the same complaints.
    fast_c = classified(table, policy)
    assert fast_c == classified(table, policy, True)
    # Polars hands over string views; the fast reader takes them alike.
    assert assessed(pl.from_arrow(table), policy) == fast


def test_arrow_direct_reader_on_synthetic_and_text_instants(policy: plaint.Policy) -> None:
    table = synthetic.arrow_table(2000, seed=21)
    assert plaint._plaint._arrow_direct_rows(table) == 2000
    fast = assessed(table, policy)
    assert fast == assessed(table, policy, True)
    # Instants given as RFC 3339 text are read by the same parser.
    text = table.set_column(1, "received_at", pa.array([iso(v) for v in table.column("received_at").to_pylist()]))
    assert plaint._plaint._arrow_direct_rows(text) == 2000
    assert assessed(text, policy) == fast
    # A column the fast reader does not know sends the batch through JSON.
    manual = pa.array([{"by": "lead", "severity": "major"}] * 2000,
                      pa.struct([("by", pa.string()), ("severity", pa.string())]))
    with_manual = table.append_column("classification", manual)
    assert plaint._plaint._arrow_direct_rows(with_manual) == 0
    rows = assessed(with_manual, policy)
    assert {r["severity"] for r in rows} == {"major"} and {r["error_code"] for r in rows} == {None}
