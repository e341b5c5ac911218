"""Batches: errors="raise" lists every failing case, errors="coerce" keeps
the others; arguments that are iterable but not cases are refused with a
message saying what to pass; JSON-lines and JSON-array text and files are
read explicitly; assess_iter, stats, presets and pickling."""

from __future__ import annotations

import json
import pickle
from pathlib import Path
from typing import Any, Dict, List

import pandas as pd
import pytest

import plaint
from conftest import at

NOW = at(2026, 9, 29, 10)
LATE = "2026-12-01T09:00:00+08:00"  # after every synthetic complaint (received by 10-31)


@pytest.fixture(scope="module")
def policy() -> plaint.Policy:
    return plaint.Policy.preset("cn-property")


def bad_received(case: Dict[str, Any]) -> Dict[str, Any]:
    return {"complaint": dict(case["complaint"], received_at="yesterday")}


def test_raise_lists_every_failing_case(policy: plaint.Policy, major_case: Dict[str, Any]) -> None:
    no_id = {"complaint": {k: v for k, v in major_case["complaint"].items() if k != "id"}}
    cases: List[Any] = [major_case, bad_received(major_case), major_case, no_id, "{not json"]
    with pytest.raises(plaint.ValidationError) as e:
        policy.assess_many(cases, NOW)
    got = [(p["index"], p["code"], p["path"]) for p in e.value.problems]
    assert got == [
        (1, "invalid_instant", "/cases/1/complaint/received_at"),
        (3, "missing_field", "/cases/3/complaint/id"),
        (4, "invalid_json", "/cases/4"),
    ]
    assert (e.value.code, e.value.path) == ("invalid_instant", "/cases/1/complaint/received_at")
    assert str(e.value).startswith("3 of 5 cases failed: cases[1] /complaint/received_at:")


def test_coerce_keeps_the_other_cases(policy: plaint.Policy, major_case: Dict[str, Any]) -> None:
    cases: List[Any] = [major_case, bad_received(major_case), object(), major_case]
    out = policy.assess_many(cases, NOW, errors="coerce")
    assert [type(x).__name__ for x in out] == ["Assessment", "ValidationError", "ValidationError", "Assessment"]
    assert isinstance(out[1], plaint.PlaintError) and out[1].path == "/cases/1/complaint/received_at"
    assert isinstance(out[2], plaint.PlaintError) and (out[2].code, out[2].path) == ("invalid_type", "/cases/2")
    good = out[0]
    assert isinstance(good, plaint.Assessment) and good.to_dict() == policy.assess(major_case, NOW).to_dict()
    with pytest.raises(ValueError, match="raise"):
        policy.assess_many([major_case], NOW, errors="ignore")  # type: ignore[call-overload]


def test_arguments_that_are_not_cases_are_refused(policy: plaint.Policy, major_case: Dict[str, Any], tmp_path: Path) -> None:
    text = json.dumps(major_case)
    wrong: List[Any] = [
        (text, "plaint.cases_from_text"),
        (text.encode(), "plaint.cases_from_text"),
        (tmp_path / "cases.jsonl", "plaint.cases_from_file"),
        (major_case, "Policy.assess(case, now)"),
        (pd.DataFrame({"id": ["A"]}), "plaint.pandas.assess_frame"),
    ]
    for arg, hint in wrong:
        with pytest.raises(TypeError) as e:
            policy.assess_many(arg, NOW)
        assert "takes an iterable of cases" in str(e.value) and hint in str(e.value), arg


def test_json_lines_and_array_text_and_files(policy: plaint.Policy, major_case: Dict[str, Any], tmp_path: Path) -> None:
    line = json.dumps(major_case, ensure_ascii=False)
    lines = plaint.cases_from_text(f"{line}\n\n{line}\n{{broken\n")
    assert lines == [line, line, "{broken"]
    out = policy.assess_many(lines, NOW, errors="coerce")
    assert isinstance(out[2], plaint.PlaintError) and (out[2].code, out[2].path) == ("invalid_json", "/cases/2")
    array = plaint.cases_from_text(f"  [{line}, {line}]")
    assert array == [major_case, major_case]
    path = tmp_path / "cases.jsonl"
    path.write_text(f"{line}\n{line}\n", encoding="utf-8")
    from_file = policy.assess_many(plaint.cases_from_file(path), NOW)
    assert [a.to_dict() for a in from_file] == [policy.assess(major_case, NOW).to_dict()] * 2


def test_a_path_string_is_not_json(root: Path) -> None:
    path = root / "core/data/presets/cn-goods.json"
    with pytest.raises(plaint.ValidationError) as e:
        plaint.Policy.from_json(str(path))
    assert e.value.code == "invalid_json" and "Policy.from_path" in str(e.value)
    assert plaint.Policy.from_path(str(path)).name == "cn-goods"
    assert plaint.Policy.from_path(path).name == "cn-goods"
    cal = root / "core/data/calendars/hk.json"
    with pytest.raises(plaint.ValidationError, match="Calendar.from_path"):
        plaint.Calendar.from_json(str(cal))
    assert plaint.Calendar.from_path(cal).name == "hk"
    # Text that is neither JSON nor a file stays a JSON error.
    with pytest.raises(plaint.ValidationError) as e:
        plaint.Policy.from_json("/no/such/file.json")
    assert e.value.code == "invalid_json"


def test_assess_iter_chunks(policy: plaint.Policy) -> None:
    from plaint import synthetic

    cases = synthetic.cases(2500, seed=4)
    want = [a.to_json() for a in policy.assess_many(cases, LATE)]
    chunks = list(policy.assess_iter(iter(cases), LATE, chunk=1000))
    assert [len(c) for c in chunks] == [1000, 1000, 500]
    assert [a.to_json() for c in chunks for a in c if isinstance(a, plaint.Assessment)] == want
    # Positions count from the start of the input.
    bad = list(cases)
    bad[1500] = {"complaint": {"id": "x"}}
    it = policy.assess_iter(bad, LATE, chunk=1000)
    assert len(next(it)) == 1000
    with pytest.raises(plaint.ValidationError) as e:
        next(it)
    assert [p["path"] for p in e.value.problems] == ["/cases/1500/complaint/received_at"]
    assert list(it) == []
    coerced = [x for c in policy.assess_iter(bad, LATE, chunk=1000, errors="coerce") for x in c]
    assert isinstance(coerced[1500], plaint.PlaintError) and coerced[1500].path == "/cases/1500/complaint/received_at"


def test_assess_iter_progress(policy: plaint.Policy, capsys: pytest.CaptureFixture[str]) -> None:
    from plaint import synthetic

    cases = synthetic.cases(300, seed=4)
    chunks = list(policy.assess_iter(cases, LATE, chunk=200, progress=True))
    assert [len(c) for c in chunks] == [200, 100]
    err = capsys.readouterr().err
    # Without tqdm (not installed in the test venv): a line per chunk.
    assert "plaint: 200 / 300 cases" in err and "plaint: 300 / 300 cases" in err


def test_presets() -> None:
    names = plaint.Policy.presets()
    assert names == sorted(names) and {"cn-property", "uk-fca-disp", "us-cfpb"} <= set(names) and len(names) == 14
    cals = plaint.Calendar.presets()
    assert cals == ["always", "au", "cn-mainland", "eu-target", "gb-eng", "hk", "in", "sg", "us-federal"]
    for name in names:
        assert plaint.Policy.preset(name).name == name


def test_pickling(policy: plaint.Policy, major_case: Dict[str, Any], root: Path) -> None:
    p2 = pickle.loads(pickle.dumps(policy))
    assert (p2.name, p2.version) == (policy.name, policy.version)
    a = policy.assess(major_case, NOW)
    a2 = pickle.loads(pickle.dumps(a))
    assert a2.to_dict() == a.to_dict()
    assert a2.deadlines[3].due_at == a.deadlines[3].due_at and str(a2.next_check_at.tzinfo) == "Asia/Shanghai"  # type: ignore[union-attr]
    custom = plaint.Policy.from_path(root / "core/data/presets/cn-goods.json")
    assert pickle.loads(pickle.dumps(custom)).assess(major_case, NOW).to_dict() == custom.assess(major_case, NOW).to_dict()
    cal = plaint.Calendar.from_json({"plaint_calendar": 1, "extends": "cn-mainland", "name": "cn-2027", "holidays": []})
    for c in (plaint.Calendar.preset("gb-eng"), policy.calendar, custom.calendar, cal):
        c2 = pickle.loads(pickle.dumps(c))
        assert (c2.name, c2.zone, c2.valid_to) == (c.name, c.zone, c.valid_to)
        start = at(2026, 9, 24, 16)
        assert c2.add(start, "working_days", 3) == c.add(start, "working_days", 3)


def test_pickled_objects_in_worker_processes(policy: plaint.Policy, major_case: Dict[str, Any]) -> None:
    import concurrent.futures
    import multiprocessing

    ctx = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(1, mp_context=ctx) as pool:
        out = pool.submit(policy.assess, major_case, NOW.isoformat()).result()
    assert out.to_dict() == policy.assess(major_case, NOW).to_dict()


def test_docstrings_state_units_and_types() -> None:
    assert "minutes for elapsed and business" in (plaint.Calendar.__doc__ or "")
    assert "aware datetime" in (plaint.Policy.assess.__doc__ or "")
    assert "unit" in (plaint.Deadline.remaining.__doc__ or "")
    assert "errors=" in (plaint.Policy.assess_many.__doc__ or "")
    assert "datetime64" in (plaint.Calendar.add_many.__doc__ or "")
