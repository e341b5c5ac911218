"""Both sides of every benchmark give the same answers on the benchmark's
inputs (small samples of them): plaint against numpy, pandas and every
zen-engine path bench/bench.py times. The peers are the reference here:
their answers are the expected values."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

import plaint

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "bench"))
import peers  # noqa: E402


@pytest.fixture(scope="module")
def gb() -> plaint.Calendar:
    return plaint.Calendar.preset("gb-eng")


def test_classification_table_every_zen_path_agrees() -> None:
    policy = peers.plaint_policy()
    # Every channel x tier x loss the benchmark draws from, then its own first complaints.
    cs = peers.every_combination() + peers.complaints(200)
    want_rows = {(ch, tier, loss): route for ch, tier, loss, route in peers.table_rows()}
    assert len(want_rows) == 20
    got = peers.plaint_routes(policy, cs)
    # The table by hand: the first row (in order) whose channel and tier match
    # and whose threshold the loss reaches, else "general".
    by_hand = []
    for c in cs:
        hit = next(
            (
                route
                for ch, tier, loss, route in peers.table_rows()
                if c["channel"] == ch and c["customer"]["tier"] == tier and c["facts"]["loss_amount"] >= loss
            ),
            "general",
        )
        by_hand.append(hit)
    assert got == by_hand
    assert set(got) > {"general", "route_00", "route_19"}
    paths = peers.zen_paths()
    assert len(paths) == 5
    for name, path in paths.items():
        assert path(cs) == got, name


def test_working_days_equal_numpy(gb: plaint.Calendar) -> None:
    days, starts = peers.working_day_starts(5_000)
    want = peers.numpy_working_days(days, peers.numpy_calendar())
    got = peers.london_dates(peers.plaint_working_days(gb, starts))
    assert got.dtype == want.dtype
    assert np.array_equal(got, want), int((got != want).sum())


def test_business_hours_equal_every_pandas_form(gb: plaint.Calendar) -> None:
    off = peers.pandas_offset()
    wall = peers.business_starts(300)
    many = peers.wall_of_utc(peers.plaint_business_many(gb, peers.utc_ms(wall)))
    scalar = peers.wall_of_aware(peers.plaint_business_scalar(gb, peers.aware(wall)))
    assert scalar == many
    # One start by hand: Fri 2026-05-01 15:00 + 240 business minutes = 2 h
    # on Friday and 2 h from Tuesday's opening (Mon 4 May is the Early May bank holiday).
    hand = pd.DatetimeIndex([pd.Timestamp("2026-05-01 15:00")])
    assert peers.wall_of_utc(peers.plaint_business_many(gb, peers.utc_ms(hand))) == [pd.Timestamp("2026-05-05 11:00")]
    rolled_counts = set()
    for name, (prepare, add) in peers.PANDAS_FORMS.items():
        answers = peers.pandas_wall(add(prepare(wall), off))
        rolled, bad = peers.business_mismatches(answers, many, off)
        assert bad == [], name
        rolled_counts.add(rolled)
    # Every form rolls the same deadlines, and only those plaint puts at 17:00.
    assert rolled_counts == {sum(1 for t in many if (t.hour, t.minute) == (17, 0))}


def test_business_mismatches_catches_a_difference() -> None:
    off = peers.pandas_offset()
    a = [pd.Timestamp("2026-05-05 11:00"), pd.Timestamp("2026-05-06 09:00")]
    # 17:00 on Tue 5 May rolls to Wed 09:00 in pandas: agrees; 11:01 does not.
    assert peers.business_mismatches(a, [pd.Timestamp("2026-05-05 11:00"), pd.Timestamp("2026-05-05 17:00")], off) == (1, [])
    rolled, bad = peers.business_mismatches(a, [pd.Timestamp("2026-05-05 11:01"), pd.Timestamp("2026-05-05 17:00")], off)
    assert rolled == 1 and bad == [(a[0], pd.Timestamp("2026-05-05 11:01"))]
