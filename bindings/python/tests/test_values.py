"""How Python values are read (every entry point shares the translation):
missing values (None, NaN, NaT, pandas.NA, NumPy NaT) are "not given";
NumPy scalars and Decimal are numbers; anything plaint cannot read is a
PlaintError with its code and JSON path, never a bare Python error."""

from __future__ import annotations

import math
from datetime import datetime
from decimal import Decimal
from collections.abc import Mapping
from typing import Any, Dict, Iterator, List, Tuple

import numpy as np
import pandas as pd
import pytest

import plaint
from conftest import at

NOW = at(2026, 9, 29, 10)


def complaint(**extra: Any) -> Dict[str, Any]:
    base: Dict[str, Any] = {"id": "V1", "received_at": "2026-09-24T16:00:00+08:00", "text": "电梯坏了"}
    base.update(extra)
    return base


@pytest.fixture(scope="module")
def policy() -> plaint.Policy:
    return plaint.Policy.preset("cn-property")


@pytest.mark.parametrize("missing", [None, float("nan"), np.nan, pd.NaT, pd.NA, np.datetime64("NaT"), Decimal("NaN")])
def test_missing_optional_values_are_not_given(policy: plaint.Policy, missing: Any) -> None:
    plain = policy.classify(complaint()).to_dict()
    given = policy.classify(complaint(channel=missing, product=missing, facts={"loss_amount": missing})).to_dict()
    assert given == plain
    case = {"complaint": complaint(channel=missing), "events": missing}
    assert policy.assess(case, NOW).to_dict() == policy.assess({"complaint": complaint()}, NOW).to_dict()


@pytest.mark.parametrize("missing", [None, float("nan"), pd.NaT, pd.NA, np.datetime64("NaT")])
def test_missing_required_values_are_missing_field(policy: plaint.Policy, missing: Any) -> None:
    with pytest.raises(plaint.ValidationError) as e:
        policy.classify(complaint(id=missing))
    assert (e.value.code, e.value.path) == ("missing_field", "/id")
    with pytest.raises(plaint.ValidationError) as e:
        policy.assess({"complaint": complaint(received_at=missing)}, NOW)
    assert (e.value.code, e.value.path) == ("missing_field", "/complaint/received_at")
    with pytest.raises(plaint.ValidationError) as e:
        policy.assess({"complaint": complaint(), "events": [{"type": "registered", "at": missing}]}, NOW)
    assert (e.value.code, e.value.path) == ("missing_field", "/events/0/at")


def test_numpy_scalars_and_decimal_are_numbers(policy: plaint.Policy) -> None:
    # cn-property: a loss over 10,000 (or an injury) makes a complaint major.
    want = policy.classify(complaint(facts={"loss_amount": 12000.5, "times_raised_before": 2, "personal_injury": True}))
    for loss, times, injury in [
        (np.float64(12000.5), np.int64(2), np.bool_(True)),
        (np.float32(12000.5), np.int32(2), True),
        (Decimal("12000.50"), np.uint8(2), np.bool_(True)),
    ]:
        got = policy.classify(complaint(facts={"loss_amount": loss, "times_raised_before": times, "personal_injury": injury}))
        assert got.to_dict() == want.to_dict()
    assert want.severity == "major"
    # A NumPy array is a list: one event.
    events = np.array([{"type": "registered", "at": "2026-09-24T16:05:00+08:00"}], dtype=object)
    a = policy.assess({"complaint": complaint(), "events": events}, NOW)
    assert a.state == "registered"


def test_aware_timestamps_are_instants_and_naive_ones_an_error(policy: plaint.Policy) -> None:
    ts = pd.Timestamp("2026-09-24T16:00:00+08:00")
    assert policy.classify(complaint(received_at=ts)).to_dict() == policy.classify(complaint()).to_dict()
    for naive in (datetime(2026, 9, 24, 16), pd.Timestamp("2026-09-24T16:00:00"), np.datetime64("2026-09-24T16:00")):
        with pytest.raises(plaint.ValidationError) as e:
            policy.classify(complaint(received_at=naive))
        assert (e.value.code, e.value.path) == ("instant_without_offset", "/received_at")
    with pytest.raises(plaint.ValidationError) as e:
        policy.assess({"complaint": complaint(), "events": [{"type": "registered", "at": datetime(2026, 9, 24, 17)}]}, NOW)
    assert (e.value.code, e.value.path) == ("instant_without_offset", "/events/0/at")


def test_unreadable_values_have_code_and_path(policy: plaint.Policy) -> None:
    cases = [
        (complaint(facts={"loss_amount": object()}), "invalid_type", "/facts/loss_amount"),
        (complaint(facts={"loss_amount": math.inf}), "invalid_value", "/facts/loss_amount"),
        (complaint(facts={"loss_amount": Decimal("Infinity")}), "invalid_value", "/facts/loss_amount"),
        (complaint(attributes={1: "x"}), "invalid_type", "/attributes"),
        (complaint(attributes={"a/b": {"c": {1, 2}}}), "invalid_type", "/attributes/a~1b/c"),
        (complaint(text=b"bytes"), "invalid_type", "/text"),
        (complaint(facts={"times_raised_before": 10**400}), "invalid_value", "/facts/times_raised_before"),
    ]
    for doc, code, path in cases:
        with pytest.raises(plaint.ValidationError) as e:
            policy.classify(doc)
        assert (e.value.code, e.value.path) == (code, path), doc
    # An int beyond 64 bits reads as the nearest float, as in JSON text
    # (docs/input.md): a count that large is out of range.
    with pytest.raises(plaint.AmountError) as e:
        policy.classify(complaint(facts={"times_raised_before": 2**70}))
    assert (e.value.code, e.value.path) == ("amount_overflow", "/facts/times_raised_before")


def test_now_is_checked_with_its_path(policy: plaint.Policy) -> None:
    case = {"complaint": complaint()}
    for now, code in [
        (datetime(2026, 9, 29, 10), "instant_without_offset"),
        ("2026-09-29T10:00:00", "instant_without_offset"),
        (pd.NaT, "missing_field"),
        (None, "missing_field"),
        (20260929, "invalid_type"),
    ]:
        with pytest.raises(plaint.ValidationError) as e:
            policy.assess(case, now)  # type: ignore[arg-type]
        assert (e.value.code, e.value.path) == (code, "/now"), now


def test_an_event_before_receipt_and_now_before_receipt(policy: plaint.Policy) -> None:
    # The core's rule: an event before received_at is invalid_event at its
    # time; a now before received_at is invalid_value at /now.
    early = {"complaint": complaint(), "events": [
        {"type": "registered", "at": "2026-09-24T16:05:00+08:00"},
        {"type": "assigned", "at": "2026-09-24T15:59:00+08:00", "to": "x"},
    ]}
    with pytest.raises(plaint.EventError) as e:
        policy.assess(early, NOW)
    assert (e.value.code, e.value.path) == ("invalid_event", "/events/1/at")
    with pytest.raises(plaint.ValidationError) as e2:
        policy.assess({"complaint": complaint()}, "2026-09-24T15:00:00+08:00")
    assert (e2.value.code, e2.value.path) == ("invalid_value", "/now")
    # The batch routes report the same codes and paths, per case or row.
    out = policy.assess_many([{"complaint": complaint()}, early], NOW, errors="coerce")
    assert isinstance(out[0], plaint.Assessment)
    assert isinstance(out[1], plaint.EventError) and out[1].path == "/cases/1/events/1/at"


def test_a_mapping_that_repeats_a_key_is_a_duplicate_key(policy: plaint.Policy) -> None:
    # A dict cannot repeat a key, another Mapping's items() can: the repeat
    # is reported as in JSON text, never settled by keeping one of them.
    class Pairs(Mapping[str, Any]):
        def __init__(self, pairs: List[Tuple[str, Any]]) -> None:
            self.pairs = pairs

        def __getitem__(self, key: str) -> Any:
            return dict(self.pairs)[key]

        def __iter__(self) -> Iterator[str]:
            return iter(k for k, _ in self.pairs)

        def __len__(self) -> int:
            return len(self.pairs)

        def items(self) -> Any:
            return list(self.pairs)

    twice = Pairs(list(complaint().items()) + [("channel", "phone"), ("channel", "email")])
    with pytest.raises(plaint.ValidationError) as e:
        policy.assess({"complaint": twice}, NOW)
    assert (e.value.code, e.value.path) == ("duplicate_key", "/complaint/channel")
    [got] = policy.assess_many([{"complaint": twice}], NOW, errors="coerce")
    assert isinstance(got, plaint.ValidationError)
    assert (got.code, got.path) == ("duplicate_key", "/cases/0/complaint/channel")
    once = Pairs(list(complaint().items()) + [("channel", "phone")])
    want = policy.assess({"complaint": complaint(channel="phone")}, NOW).to_dict()
    assert policy.assess({"complaint": once}, NOW).to_dict() == want


def test_strings_keep_every_character(policy: plaint.Policy) -> None:
    # Quotes, backslashes, control characters, a character beyond the BMP
    # and a non-ASCII key: the id comes back as given, from a dict and from
    # a batch of dicts alike.
    odd = 'a"b\\c\nd\te\x01f\u2028g😀h'
    case = {"complaint": complaint(id=odd, attributes={"楼栋/单元": odd})}
    assert policy.assess(case, NOW).complaint_id == odd
    assert [a.complaint_id for a in policy.assess_many([case, case], NOW)] == [odd, odd]
