from __future__ import annotations

import pandas as pd
import pytest

import plaint
import plaint.pandas as ppd
from conftest import at


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


def test_assess_frame() -> None:
    p = plaint.Policy.preset("cn-property")
    out = ppd.assess_frame(frame(), p, at(2026, 9, 29, 10))
    assert list(out.index) == [10, 11, 12]
    assert out.loc[10, "severity"] == "major"
    assert out.loc[10, "major_reply_due_at"] == pd.Timestamp("2026-09-29T18:00:00+08:00")
    # Warned at 75 % of the working time to the due: 09-29 13:45 (README).
    assert out.loc[10, "major_reply_state"] == "pending"
    assert str(out["major_reply_due_at"].dt.tz) == "Asia/Shanghai"
    # Same answers as the object API, row by row.
    cases = ppd.cases_from_frame(frame())
    for (idx, row), case in zip(out.iterrows(), cases):
        a = p.assess(case, at(2026, 9, 29, 10))
        assert row["severity"] == a.severity and row["state"] == a.state
        for d in a.deadlines:
            assert row[f"{d.id}_state"] == d.state
            if d.due_at is not None:
                assert row[f"{d.id}_due_at"] == pd.Timestamp(d.due_at)


def test_assess_frame_naive_and_missing() -> None:
    p = plaint.Policy.preset("cn-property")
    df = frame()
    df["received_at"] = df["received_at"].dt.tz_localize(None)
    with pytest.raises(ValueError, match="naive"):
        ppd.assess_frame(df, p, at(2026, 9, 29))
    with pytest.raises(KeyError):
        ppd.assess_frame(frame().drop(columns=["id"]), p, at(2026, 9, 29))
    bad = frame()
    bad["channel"] = ["phone", "pigeon", None]
    with pytest.raises(plaint.ValidationError) as info:
        ppd.assess_frame(bad, p, at(2026, 9, 29))
    assert info.value.path == "/cases/1/complaint/channel"
