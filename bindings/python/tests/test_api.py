from __future__ import annotations

import copy
import json
import threading
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any, Dict, List
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import plaint
from conftest import SH, at

LEAK = {
    "id": "C1",
    "received_at": "2026-09-24T16:00:00+08:00",
    "channel": "phone",
    "customer": {"id": "owner-1201", "tier": "regular"},
    "subject": "漏水",
    "text": "楼上漏水,天花板脱落,我母亲被砸伤送医。",
    "facts": {"personal_injury": True},
}


def test_version() -> None:
    assert plaint.__version__.count(".") == 2


def test_policy_preset_and_properties() -> None:
    p = plaint.Policy.preset("cn-property")
    assert p.name == "cn-property"
    assert p.version
    assert p.calendar.name == "cn-mainland"
    assert p.calendar.zone == "Asia/Shanghai"
    assert "cn-property" in repr(p)


def test_policy_from_json_text_dict_and_path(root: Path, tmp_path: Path) -> None:
    path = root / "core/data/presets/cn-goods.json"
    text = path.read_text(encoding="utf-8")
    for src in (text, json.loads(text), path):
        p = plaint.Policy.from_json(src)
        assert p.name == "cn-goods"
    with pytest.raises(FileNotFoundError):
        plaint.Policy.from_json(tmp_path / "missing.json")


def test_classify_dict_and_text() -> None:
    p = plaint.Policy.preset("cn-property")
    c = p.classify(LEAK)
    assert c.severity == "major"
    assert c.to_dict()["severity"] == "major"
    assert any(s["signal"] == "injury" for s in c.signals)
    assert c.trace and c.trace[0]["table"] == "severity"
    c2 = p.classify(json.dumps(LEAK, ensure_ascii=False))
    assert c2.to_dict() == c.to_dict()
    assert "major" in repr(c)


def test_classify_equals_json_layer() -> None:
    p = plaint.Policy.preset("cn-property")
    out = json.loads(plaint._run_op("classify", json.dumps({"policy": "cn-property", "complaint": LEAK})))
    assert p.classify(LEAK).to_dict() == out


def test_classify_accepts_aware_datetime_values() -> None:
    p = plaint.Policy.preset("cn-property")
    c = dict(LEAK, received_at=at(2026, 9, 24, 16))
    assert p.classify(c).to_dict() == p.classify(LEAK).to_dict()


def test_assess_attributes(major_case: Dict[str, Any]) -> None:
    p = plaint.Policy.preset("cn-property")
    a = p.assess(major_case, now=at(2026, 9, 29, 10))
    assert a.complaint_id == "PM-2026-0917"
    assert a.severity == "major" == a.classification.severity
    assert a.state == "in_progress"
    assert a.policy.startswith("cn-property")
    assert a.now == at(2026, 9, 29, 10)
    by_id = {d.id: d for d in a.deadlines}
    reply = by_id["major_reply"]
    # The warning is 75 % of the 17 working hours to the due (2 h on 09-24,
    # 7.5 h on 09-28 and 09-29): 12 h 45 min, 09-29 13:45 after the lunch break.
    assert reply.state == "pending"
    assert reply.warn_at == at(2026, 9, 29, 13, 45)
    assert reply.due_at == at(2026, 9, 29, 18)
    assert isinstance(reply.due_at.tzinfo, ZoneInfo) and str(reply.due_at.tzinfo) == "Asia/Shanghai"
    assert reply.clock == "working_days" and reply.unit == "working days" and reply.amount == 2
    assert by_id["major_settle"].due_at == at(2026, 10, 12, 18)
    assert by_id["forward"].state == "met" and by_id["forward"].met_at is not None
    assert a.next_check_at == at(2026, 9, 29, 13, 45)
    assert {r["action"] for r in a.required_actions} >= {"stop_the_harm_first"}
    assert isinstance(a.allowed_events, list) and a.allowed_events
    d = a.to_dict()
    assert d["deadlines"][0] == a.deadlines[0].to_dict()
    assert json.loads(a.to_json()) == d


def test_assess_now_as_string_or_utc(major_case: Dict[str, Any]) -> None:
    p = plaint.Policy.preset("cn-property")
    a1 = p.assess(major_case, now="2026-09-29T10:00:00+08:00")
    a2 = p.assess(major_case, now=datetime(2026, 9, 29, 2, tzinfo=timezone.utc))
    assert a1.to_dict() == a2.to_dict()


def test_assess_many_equals_assess(major_case: Dict[str, Any]) -> None:
    p = plaint.Policy.preset("cn-property")
    now = at(2026, 9, 29, 10)
    cases: List[Any] = []
    n = 17_000  # parallel, and three chunks of 8192 (the batch reads one while it assesses another)
    for i in range(n):
        c = copy.deepcopy(major_case)
        c["complaint"]["id"] = f"C{i}"
        if i % 3 == 0:
            c["complaint"]["facts"] = {}
            c["complaint"]["text"] = "门口路灯坏了"
        cases.append(c if i % 2 else json.dumps(c, ensure_ascii=False))
    many = p.assess_many(iter(cases), now)
    assert len(many) == len(cases)
    for i in (0, 1, 2, 3, 8191, 8192, 16383, 16384, n - 1):
        assert many[i].to_dict() == p.assess(cases[i], now).to_dict()
    assert [a.complaint_id for a in many] == [f"C{i}" for i in range(n)]


def test_calendar_add() -> None:
    cal = plaint.Calendar.preset("cn-mainland")
    # docs/time.md example 1: 3 working days across the Mid-Autumn holiday.
    due = cal.add(at(2026, 9, 24, 16), "working_days", 3)
    assert due == at(2026, 9, 30, 18)
    assert str(due.tzinfo) == "Asia/Shanghai"
    assert cal.add(at(2026, 9, 24, 16), "working_days", 3, end="end_of_day") == at(2026, 10, 1, 0)
    assert cal.add(at(2026, 9, 24, 16), "business", 60) == at(2026, 9, 24, 17)
    assert cal.add(at(2026, 9, 24, 16), "calendar_days", 1, roll="next_working_day") == at(2026, 9, 28, 18)
    assert cal.add("2026-09-24T08:00:00Z", "elapsed", 30) == at(2026, 9, 24, 16, 30)
    assert cal.tzinfo == ZoneInfo("Asia/Shanghai")
    assert cal.valid_from <= "2026-01-01" <= cal.valid_to


def test_calendar_from_json(root: Path) -> None:
    path = root / "core/data/calendars/gb-eng.json"
    cal = plaint.Calendar.from_json(path)
    assert cal.name == "gb-eng" and cal.zone == "Europe/London"
    cal2 = plaint.Calendar.from_json({"plaint_calendar": 1, "name": "x", "extends": "cn-mainland"})
    assert cal2.add(at(2026, 9, 24, 16), "working_days", 3) == at(2026, 9, 30, 18)


def test_naive_datetime_is_an_error_with_its_path() -> None:
    # A ValidationError is also a ValueError.
    cal = plaint.Calendar.preset("cn-mainland")
    with pytest.raises(ValueError, match="naive") as info:
        cal.add(datetime(2026, 9, 24, 16), "working_days", 3)
    assert isinstance(info.value, plaint.ValidationError)
    assert (info.value.code, info.value.path) == ("instant_without_offset", "/start")
    with pytest.raises(plaint.ValidationError, match="naive") as info:
        plaint.Policy.preset("cn-property").assess({"complaint": LEAK}, now=datetime(2026, 9, 29))
    assert (info.value.code, info.value.path) == ("instant_without_offset", "/now")
    with pytest.raises(plaint.ValidationError) as info:
        cal.add(12345, "working_days", 3)  # type: ignore[arg-type]
    assert (info.value.code, info.value.path) == ("invalid_type", "/start")


def test_add_many_list_and_numpy() -> None:
    cal = plaint.Calendar.preset("cn-mainland")
    starts = [at(2026, 9, 24, 16) + timedelta(hours=7 * i) for i in range(300)]
    one = [cal.add(s, "working_days", 3) for s in starts]
    assert cal.add_many(starts, "working_days", 3) == one
    arr = np.array([s.astimezone(timezone.utc).replace(tzinfo=None) for s in starts], dtype="datetime64[us]")
    out = cal.add_many(arr, "working_days", 3)
    assert out.dtype == np.dtype("datetime64[ms]") and out.shape == arr.shape
    want = np.array([d.astimezone(timezone.utc).replace(tzinfo=None) for d in one], dtype="datetime64[ms]")
    assert (out == want).all()
    big = np.repeat(arr, 40)  # parallel path
    assert (cal.add_many(big, "working_days", 3) == np.repeat(want, 40)).all()
    with_nat = np.array(["2026-09-24T08:00", "NaT"], dtype="datetime64[m]")
    res = cal.add_many(with_nat, "working_days", 3)
    assert res[0] == np.datetime64("2026-09-30T10:00:00.000") and np.isnat(res[1])
    two_d = arr[:6].reshape(2, 3)
    assert cal.add_many(two_d, "business", 30).shape == (2, 3)


def test_add_many_errors_name_the_index() -> None:
    cal = plaint.Calendar.preset("cn-mainland")
    starts = [at(2026, 9, 24), at(2026, 12, 30), at(2026, 12, 31)]
    with pytest.raises(plaint.CalendarRangeError, match=r"starts\[1\]") as info:
        cal.add_many(starts, "working_days", 5)
    assert info.value.path == "/starts/1"
    with pytest.raises(plaint.ValidationError, match="naive") as info2:
        cal.add_many([at(2026, 9, 24), datetime(2026, 9, 24)], "working_days", 1)
    assert (info2.value.code, info2.value.path) == ("instant_without_offset", "/starts/1")
    with pytest.raises(TypeError, match="datetime64"):
        cal.add_many(np.array([1, 2]), "working_days", 1)


def test_objects_are_shared_between_threads(major_case: Dict[str, Any]) -> None:
    p = plaint.Policy.preset("cn-property")
    cal = p.calendar
    now = at(2026, 9, 29, 10)
    want = p.assess(major_case, now).to_dict()
    want_due = cal.add(at(2026, 9, 24, 16), "working_days", 3)
    errors: List[BaseException] = []

    def work() -> None:
        try:
            for _ in range(50):
                assert p.assess(major_case, now).to_dict() == want
                assert cal.add(at(2026, 9, 24, 16), "working_days", 3) == want_due
            assert len(p.assess_many([major_case] * 5000, now)) == 5000
        except BaseException as e:  # noqa: BLE001
            errors.append(e)

    threads = [threading.Thread(target=work) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors, errors
