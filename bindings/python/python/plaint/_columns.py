"""``Calendar.add_many`` over columns: zone-aware pandas Series and
DatetimeIndex, and Arrow arrays, each returned as the same kind with its
zone (and unit) kept. The arithmetic runs in Rust over int64 milliseconds."""

from __future__ import annotations

from typing import Any, Optional, cast

import numpy as np

from .errors import ValidationError

_NAT = np.iinfo(np.int64).min


def _no_zone(what: str) -> ValidationError:
    return ValidationError(
        f"starts: {what} without a time zone; localise it (plaint never guesses local time)",
        "instant_without_offset",
        "/starts",
    )


def _due_ms(cal: Any, ms: "np.ndarray[Any, Any]", clock: str, amount: int, end: Optional[str], roll: Optional[str]) -> Any:
    return cal._add_many_ms(np.asarray(ms, dtype=np.int64), clock, amount, end, roll)


def add_many(cal: Any, starts: Any, clock: str, amount: int, end: Optional[str], roll: Optional[str]) -> Any:
    module = type(starts).__module__
    if module.startswith("pandas"):
        return _pandas(cal, starts, clock, amount, end, roll)
    return _arrow(cal, starts, clock, amount, end, roll)


def _pandas(cal: Any, starts: Any, clock: str, amount: int, end: Optional[str], roll: Optional[str]) -> Any:
    import pandas as pd

    index = pd.DatetimeIndex(starts) if not isinstance(starts, pd.Series) else pd.DatetimeIndex(starts.array)
    if index.tz is None:
        raise _no_zone("a datetime column")
    unit = getattr(index, "unit", "ns")
    ms = index.as_unit("ms").asi8 if hasattr(index, "as_unit") else index.asi8 // 1_000_000
    due = pd.DatetimeIndex(_due_ms(cal, ms, clock, amount, end, roll).view("datetime64[ms]"))
    due = due.tz_localize("UTC").tz_convert(index.tz)
    if hasattr(due, "as_unit"):
        due = cast(Any, due).as_unit(unit)
    if isinstance(starts, pd.Series):
        return pd.Series(due, index=starts.index, name=starts.name)
    return due.rename(starts.name)


def _arrow(cal: Any, starts: Any, clock: str, amount: int, end: Optional[str], roll: Optional[str]) -> Any:
    import pyarrow as pa  # type: ignore[import-untyped, unused-ignore]

    chunked = isinstance(starts, pa.ChunkedArray)
    array = starts.combine_chunks() if chunked else pa.array(starts)
    if not pa.types.is_timestamp(array.type):
        raise TypeError(f"starts: expected timestamps with a time zone, got {array.type}")
    if array.type.tz is None:
        raise _no_zone("a timestamp array")
    ms = array.cast(pa.timestamp("ms", tz=array.type.tz), safe=False).cast(pa.int64()).fill_null(_NAT)
    due = pa.array(_due_ms(cal, ms.to_numpy(), clock, amount, end, roll), pa.int64(), mask=np.asarray(array.is_null()))
    out = due.cast(pa.timestamp("ms", tz=array.type.tz)).cast(array.type)
    return pa.chunked_array([out]) if chunked else out
