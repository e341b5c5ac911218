from __future__ import annotations

import pickle
from typing import Any, Dict

import pytest

import plaint
from conftest import at


def test_unknown_preset() -> None:
    with pytest.raises(plaint.UnknownPresetError) as info:
        plaint.Policy.preset("cn-proprety")
    assert info.value.code == "unknown_preset"
    assert isinstance(info.value, LookupError)
    with pytest.raises(plaint.UnknownPresetError) as info2:
        plaint.Calendar.preset("cn")
    assert info2.value.code == "unknown_calendar"


def test_validation_error_lists_every_problem() -> None:
    p = plaint.Policy.preset("cn-property")
    with pytest.raises(plaint.ValidationError) as info:
        p.classify({"id": "", "received_at": "2026-09-24T16:00:00", "chanel": "phone"})
    e = info.value
    assert isinstance(e, ValueError) and isinstance(e, plaint.PlaintError)
    codes = {(q["code"], q["path"]) for q in e.problems}
    assert ("instant_without_offset", "/received_at") in codes
    assert ("unknown_field", "/chanel") in codes
    assert e.code == e.problems[0]["code"] and e.path == e.problems[0]["path"]
    assert all(q["message"] for q in e.problems)


def test_missing_field_and_type() -> None:
    p = plaint.Policy.preset("cn-property")
    with pytest.raises(plaint.ValidationError) as info:
        p.classify({"id": "x"})
    assert (info.value.code, info.value.path) == ("missing_field", "/received_at")
    with pytest.raises(plaint.ValidationError) as info:
        p.classify({"id": 7, "received_at": "2026-09-24T16:00:00Z"})
    assert (info.value.code, info.value.path) == ("invalid_type", "/id")
    with pytest.raises(plaint.ValidationError) as info:
        p.classify("{not json")
    assert info.value.code == "invalid_json"


def test_policy_errors_have_paths(root: Any) -> None:
    import json

    doc = json.loads((root / "core/data/presets/cn-property.json").read_text(encoding="utf-8"))
    doc["deadlines"][2]["clock"] = "hours"
    with pytest.raises(plaint.ValidationError) as info:
        plaint.Policy.from_json(doc)
    assert info.value.code == "invalid_value"
    assert info.value.path == "/deadlines/2/clock"


def test_amount_and_calendar_errors() -> None:
    cal = plaint.Calendar.preset("cn-mainland")
    with pytest.raises(plaint.AmountError) as info:
        cal.add(at(2026, 9, 24), "working_days", -3)
    assert info.value.code in ("negative_amount", "invalid_value")
    with pytest.raises(plaint.AmountError) as info:
        cal.add(at(2026, 9, 24), "business", 2**62)
    assert (info.value.code, info.value.path) == ("amount_overflow", "/amount")
    with pytest.raises(plaint.CalendarRangeError) as info2:
        cal.add(at(2026, 12, 30), "working_days", 10)
    assert info2.value.code == "calendar_range_exceeded" and info2.value.path == ""
    with pytest.raises(plaint.ValidationError) as info3:
        cal.add(at(2026, 9, 24), "working_days", 1, end="noon")
    assert (info3.value.code, info3.value.path) == ("invalid_value", "/end")


def test_transition_error(major_case: Dict[str, Any]) -> None:
    p = plaint.Policy.preset("cn-property")
    case = {
        "complaint": major_case["complaint"],
        "events": [{"type": "resumed", "at": "2026-09-24T16:10:00+08:00", "by": "x"}],
    }
    with pytest.raises(plaint.PlaintError) as info:
        p.assess(case, at(2026, 9, 29))
    assert type(info.value) is plaint.TransitionError
    assert info.value.code == "invalid_transition"
    assert info.value.path == "/events/0"


def test_assess_many_error_names_the_case(major_case: Dict[str, Any]) -> None:
    p = plaint.Policy.preset("cn-property")
    bad = {"complaint": dict(major_case["complaint"], received_at="yesterday")}
    with pytest.raises(plaint.ValidationError, match=r"cases\[2\]") as info:
        p.assess_many([major_case, major_case, bad, bad], at(2026, 9, 29))
    assert info.value.path == "/cases/2/complaint/received_at"
    assert info.value.problems[0]["path"] == "/cases/2/complaint/received_at"


def test_assess_many_error_in_a_later_chunk(major_case: Dict[str, Any]) -> None:
    # The batch works in chunks of 8192; the first failing case still wins.
    p = plaint.Policy.preset("cn-property")
    bad = {"complaint": dict(major_case["complaint"], received_at="yesterday")}
    cases = [major_case] * 16_390 + [bad] + [major_case] * 10 + [bad]
    with pytest.raises(plaint.ValidationError, match=r"cases\[16390\]") as info:
        p.assess_many(cases, at(2026, 9, 29))
    assert info.value.path == "/cases/16390/complaint/received_at"
    assert [q["index"] for q in info.value.problems] == [16390, 16401]
    with pytest.raises(plaint.ValidationError) as info:
        p.assess_many([major_case] * 9000 + [object()], at(2026, 9, 29))
    assert (info.value.code, info.value.path) == ("invalid_type", "/cases/9000")


def test_error_classes_and_pickle() -> None:
    assert plaint.errors.error_class("calendar_range_exceeded") is plaint.CalendarRangeError
    assert plaint.errors.error_class("duplicate_id") is plaint.ValidationError
    try:
        plaint.Calendar.preset("nope")
    except plaint.PlaintError as e:
        e2 = pickle.loads(pickle.dumps(e))
        assert (type(e2), e2.code, e2.path, str(e2)) == (type(e), e.code, e.path, str(e))


def test_unconvertible_input() -> None:
    p = plaint.Policy.preset("cn-property")
    with pytest.raises(plaint.ValidationError) as info:
        p.classify({"id": "x", "received_at": object()})
    assert (info.value.code, info.value.path) == ("invalid_type", "/received_at")
    with pytest.raises(plaint.ValidationError) as info:
        p.classify({1: "x"})
    assert (info.value.code, info.value.path) == ("invalid_type", "")
