"""The fast paths of `Calendar.add` and `Calendar.add_many` give the
general paths' answers:

- `Calendar.add` with an aware `datetime`: the instant read and the aware
  datetime returned across the Europe/London DST changes of 2026 and 2027
  (expected values worked out by hand beside each case), from every kind of
  aware value;
- `Calendar.add_many` reads NumPy arrays in place, whatever their layout.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from typing import Any, List, Tuple
from zoneinfo import ZoneInfo

import numpy as np
import pytest

import plaint

LONDON = ZoneInfo("Europe/London")
UTC = timezone.utc


@pytest.fixture(scope="module")
def gb() -> plaint.Calendar:
    return plaint.Calendar.preset("gb-eng")


def shown(d: datetime) -> Tuple[Tuple[int, ...], int, timedelta, datetime]:
    """What a returned datetime says: wall time, fold, UTC offset, instant."""
    off = d.utcoffset()
    assert off is not None
    return (d.year, d.month, d.day, d.hour, d.minute), d.fold, off, d.astimezone(UTC)


# gb-eng: Mon-Fri 09:00-17:00 Europe/London. BST (UTC+1) runs from 01:00 UTC
# on the last Sunday of March to 01:00 UTC on the last Sunday of October:
# 2026-03-29, 2026-10-25, 2027-03-28, 2027-10-31. Bank holidays nearby:
# 2026-04-03/06 and 2027-03-26/29 (Good Friday, Easter Monday).
BUSINESS_ACROSS_DST = [
    # Fri 2026-03-27 15:00 GMT: 2 h on Friday (15-17); Sat, Sun off; the
    # other 2 h on Mon 2026-03-30, now BST: 09:00-11:00 BST = 10:00 UTC.
    (datetime(2026, 3, 27, 15, 0, tzinfo=LONDON), 240, ((2026, 3, 30, 11, 0), 0, timedelta(hours=1), datetime(2026, 3, 30, 10, 0, tzinfo=UTC))),
    # Fri 2026-10-23 16:00 BST: 1 h on Friday; the other 3 h on Mon
    # 2026-10-26, now GMT: 09:00-12:00 GMT = 12:00 UTC.
    (datetime(2026, 10, 23, 16, 0, tzinfo=LONDON), 240, ((2026, 10, 26, 12, 0), 0, timedelta(0), datetime(2026, 10, 26, 12, 0, tzinfo=UTC))),
    # Thu 2027-03-25 14:00 GMT: 3 h on Thursday; Good Friday 03-26, the
    # weekend (the change on 03-28) and Easter Monday 03-29 off; the last
    # 1 h on Tue 2027-03-30 BST: 10:00 BST = 09:00 UTC.
    (datetime(2027, 3, 25, 14, 0, tzinfo=LONDON), 240, ((2027, 3, 30, 10, 0), 0, timedelta(hours=1), datetime(2027, 3, 30, 9, 0, tzinfo=UTC))),
    # Fri 2027-10-29 13:30 BST: 3 h 30 on Friday; the change on Sun 10-31;
    # the last 30 min on Mon 2027-11-01 GMT: 09:30 GMT = 09:30 UTC.
    (datetime(2027, 10, 29, 13, 30, tzinfo=LONDON), 240, ((2027, 11, 1, 9, 30), 0, timedelta(0), datetime(2027, 11, 1, 9, 30, tzinfo=UTC))),
]


@pytest.mark.parametrize("start, minutes, want", BUSINESS_ACROSS_DST)
def test_business_hours_across_dst(gb: plaint.Calendar, start: datetime, minutes: int, want: Any) -> None:
    due = gb.add(start, "business", minutes)
    assert due.tzinfo is LONDON
    assert shown(due) == want
    # The same start as RFC 3339 text and in another zone: the same answer.
    assert shown(gb.add(start.isoformat(), "business", minutes)) == want
    assert shown(gb.add(start.astimezone(UTC), "business", minutes)) == want
    # And through add_many (a list, and a datetime64 array in UTC).
    assert [shown(d) for d in gb.add_many([start], "business", minutes)] == [want]
    utc = np.array([start.astimezone(UTC).replace(tzinfo=None)], dtype="datetime64[ms]")
    got = gb.add_many(utc, "business", minutes)
    assert got[0] == np.datetime64(want[3].replace(tzinfo=None), "ms")


ELAPSED_ACROSS_DST = [
    # 2026-03-29 00:30 GMT = 00:30 UTC; +60 min = 01:30 UTC, after the
    # change at 01:00 UTC: 02:30 BST.
    (datetime(2026, 3, 29, 0, 30, tzinfo=LONDON), 60, ((2026, 3, 29, 2, 30), 0, timedelta(hours=1), datetime(2026, 3, 29, 1, 30, tzinfo=UTC))),
    # 2026-10-25 01:30 BST (fold 0, the first 01:30) = 00:30 UTC; +60 min =
    # 01:30 UTC, after the change: 01:30 GMT, the second 01:30 (fold 1).
    (datetime(2026, 10, 25, 1, 30, tzinfo=LONDON), 60, ((2026, 10, 25, 1, 30), 1, timedelta(0), datetime(2026, 10, 25, 1, 30, tzinfo=UTC))),
    # The second 01:30 (fold 1, GMT) = 01:30 UTC; +30 min = 02:00 GMT.
    (datetime(2026, 10, 25, 1, 30, fold=1, tzinfo=LONDON), 30, ((2026, 10, 25, 2, 0), 0, timedelta(0), datetime(2026, 10, 25, 2, 0, tzinfo=UTC))),
    # 2027-10-31 00:59 BST = 2027-10-30 23:59 UTC; +1 min = 00:00 UTC = 01:00 BST (fold 0).
    (datetime(2027, 10, 31, 0, 59, tzinfo=LONDON), 1, ((2027, 10, 31, 1, 0), 0, timedelta(hours=1), datetime(2027, 10, 31, 0, 0, tzinfo=UTC))),
    # 2027-03-28 00:59 GMT = 00:59 UTC; +1 min = 01:00 UTC = 02:00 BST.
    (datetime(2027, 3, 28, 0, 59, tzinfo=LONDON), 1, ((2027, 3, 28, 2, 0), 0, timedelta(hours=1), datetime(2027, 3, 28, 1, 0, tzinfo=UTC))),
]


@pytest.mark.parametrize("start, minutes, want", ELAPSED_ACROSS_DST)
def test_elapsed_across_dst_keeps_wall_time_and_fold(gb: plaint.Calendar, start: datetime, minutes: int, want: Any) -> None:
    due = gb.add(start, "elapsed", minutes)
    assert due.tzinfo is LONDON
    assert shown(due) == want


def test_add_reads_every_kind_of_aware_datetime(gb: plaint.Calendar) -> None:
    # 2026-06-01 10:00 BST = 09:00 UTC, given in four forms; +30 min elapsed.
    want = datetime(2026, 6, 1, 9, 30, tzinfo=UTC)
    forms: List[Any] = [
        datetime(2026, 6, 1, 10, 0, tzinfo=LONDON),
        datetime(2026, 6, 1, 9, 0, tzinfo=UTC),
        datetime(2026, 6, 1, 17, 0, tzinfo=timezone(timedelta(hours=8))),
        "2026-06-01T09:00:00Z",
    ]
    pd = pytest.importorskip("pandas")
    forms.append(pd.Timestamp("2026-06-01 10:00", tz="Europe/London"))
    for f in forms:
        assert gb.add(f, "elapsed", 30).astimezone(UTC) == want, f
    # Sub-millisecond digits are dropped, as in RFC 3339 text.
    assert gb.add(datetime(2026, 6, 1, 9, 0, 0, 999, tzinfo=UTC), "elapsed", 0) == datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
    assert gb.add(datetime(2026, 6, 1, 9, 0, 0, 1999, tzinfo=UTC), "elapsed", 0).microsecond == 1000


def test_add_errors_keep_their_codes(gb: plaint.Calendar) -> None:
    with pytest.raises(plaint.ValidationError) as info:
        gb.add(datetime(2026, 6, 1, 10, 0), "business", 30)
    assert (info.value.code, info.value.path) == ("instant_without_offset", "/start")
    with pytest.raises(plaint.ValidationError) as info:
        gb.add(datetime(999, 1, 1, tzinfo=UTC), "elapsed", 1)
    assert (info.value.code, info.value.path) == ("invalid_instant", "/start")
    with pytest.raises(plaint.CalendarRangeError):
        gb.add(datetime(2027, 12, 31, 16, 0, tzinfo=LONDON), "business", 120)
    # The same arguments after an error, and a different span: each read anew.
    assert gb.add(datetime(2026, 6, 1, 10, 0, tzinfo=LONDON), "business", 30).hour == 10
    assert gb.add(datetime(2026, 6, 1, 10, 0, tzinfo=LONDON), "business", 60).hour == 11
    with pytest.raises(plaint.ValidationError) as info:
        gb.add(datetime(2026, 6, 1, 10, 0, tzinfo=LONDON), "fortnights", 1)
    assert info.value.path == "/clock"
    with pytest.raises(TypeError):
        gb.add(datetime(2026, 6, 1, 10, 0, tzinfo=LONDON), 1, 1)  # type: ignore[arg-type]


def test_add_many_reads_arrays_of_any_layout(gb: plaint.Calendar) -> None:
    starts = np.array(["2026-06-01T09:00", "NaT", "2026-06-02T15:30", "2026-06-05T16:00"], dtype="datetime64[m]")
    # By hand (UTC; BST = UTC+1): 09:00Z is 10:00 BST, +60 business min = 11:00 BST = 10:00Z;
    # 15:30Z = 16:30 BST, 30 min that day, 30 min the next = 09:30 BST = 08:30Z;
    # Fri 16:00Z = 17:00 BST (closing), 60 min on Monday 06-08 = 10:00 BST = 09:00Z.
    want = np.array(["2026-06-01T10:00", "NaT", "2026-06-03T08:30", "2026-06-08T09:00"], dtype="datetime64[ms]")
    for arr in (
        starts,
        starts.astype("datetime64[ns]"),
        starts.astype("datetime64[ms]").astype(">M8[ms]"),  # big-endian
        np.repeat(starts, 2)[::2],  # strided
        np.asfortranarray(np.stack([starts, starts], axis=1)),  # Fortran order
        np.frombuffer(b"\0" + starts.astype("datetime64[ms]").tobytes(), dtype="datetime64[ms]", offset=1),  # unaligned
    ):
        got = gb.add_many(arr, "business", 60)
        assert got.dtype == np.dtype("datetime64[ms]") and got.shape == arr.shape
        flat = got.T.reshape(-1)[: len(want)] if got.ndim == 2 else got
        np.testing.assert_array_equal(flat, want)
    ms = starts.astype("datetime64[ms]")
    gb.add_many(ms, "business", 60)
    # The input is left as it was.
    np.testing.assert_array_equal(ms, starts.astype("datetime64[ms]"))
    one = gb.add_many(np.array(starts[0]), "business", 60)  # 0-d in, 0-d out
    assert one.shape == () and one == want[0]
    empty = gb.add_many(np.array([], dtype="datetime64[ms]"), "business", 60)
    assert empty.shape == (0,) and empty.dtype == np.dtype("datetime64[ms]")
