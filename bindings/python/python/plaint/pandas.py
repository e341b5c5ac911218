"""plaint for pandas: assess a DataFrame of complaints (needs pyarrow).

``assess_frame(df, policy, now)`` reads one complaint per row, with the
columns of ``plaint.arrow`` (the README's table): ``id`` and ``received_at``
are required; ``channel``, ``subject``, ``product``, ``department``,
``text``, ``customer_id``, ``customer_tier``, ``facts.<name>``,
``attributes.<name>`` (host data, e.g. ``attributes.payment_services``),
``facts`` / ``attributes`` / ``customer`` (dicts or JSON text),
``classification`` and ``events`` (lists of dicts, or JSON text) are
optional. A column plaint does not read is an error, raised once and naming
the column (``unknown_field``): select the columns you mean to pass.

Missing values — ``None``, ``NaN``, ``NaT``, ``pandas.NA`` — mean "not
given": an optional field is left out, a required one is ``missing_field``
at its path. Instants must carry a zone (tz-aware datetime64 columns,
aware datetimes or RFC 3339 text with an offset); a column without one is
``instant_without_offset``. NumPy scalars and ``Decimal`` values are read
as numbers.

The result has the same index and one documented schema, the one
``plaint.arrow.assess`` returns (``from_arrow`` turns that table into this
frame), whatever the rows hold:

========================  ====================================================
column                    dtype and meaning
========================  ====================================================
complaint_id              ``string``
severity, category,       ``string``: the classification's codes
nature,
validity_suggestion,
claim_type, route
state                     ``string``: the lifecycle state
owner                     ``string``: the owner after recorded hand-offs
escalation_level          ``string``: the highest level an escalation is due at
next_check_at             ``datetime64[ms, <zone>]``
<id>_state                ``string``, for every deadline rule of the policy
                          (``Policy.deadline_ids``, every version's, in that
                          order): pending, at_risk, breached, met,
                          met_late, paused, not_applicable, not_started,
                          lapsed (a window that ran out), undetermined (its
                          due time needs dates past the calendar's data);
                          new states of the core are new values, never new
                          columns. Null for a rule the row's policy version
                          does not have.
<id>_due_at, <id>_warn_at ``datetime64[ms, <zone>]``: due, turns at risk,
<id>_met_at               met
<id>_remaining            ``Int64``: target minus time counted, in the unit
                          of the rule's clock (minutes for ``elapsed`` and
                          ``business``, else working days, days, weeks or
                          months); negative when overdue
<id>_overdue              ``Int64``: how far past due, same unit (0 when not)
<id>_error_code           ``string``: why the deadline is ``undetermined``
                          (``calendar_range_exceeded``, ...), else null
<id>_provisional          ``boolean``: counted on the calendar's projected
                          holidays (``beyond_data="projected"``)
<id>_calendar             ``string``: the calendar it was counted on
<id>_counted_until        ``datetime64[ms, <zone>]``: when remaining and
                          overdue could only be counted to the end of the
                          calendar's data, that instant (overdue is then a
                          lower bound), else null
policy_version            ``string``: the version of the policy applied
warnings                  ``string``: the codes of the assessment's warnings,
                          comma-separated (calendar_data_ending,
                          calendar_data_ended, projected_data,
                          deadline_undetermined), null when none
error_code, error_path,   ``string``: why a row could not be assessed (with
error_message             ``errors="coerce"``); null otherwise
========================  ====================================================

``<zone>`` is the zone of the policy's calendar; ``string`` is pandas'
``string[pyarrow]``. Per-deadline fields the core adds later become new
``<id>_<field>`` columns after the existing ones of their rule, and
per-assessment fields new columns before ``error_code``: code that selects
columns by name keeps working.

The work runs in Rust on one thread without the GIL (``plaint.arrow``).
"""

from __future__ import annotations

import decimal
import math
from datetime import date, datetime
from typing import Any, Dict, Hashable, List, Literal, Mapping, Optional, Tuple, Union

import numpy as np
import pandas as pd

from . import _plaint
from ._plaint import Policy
from .errors import PlaintError, ValidationError, _batch_error

__all__ = ["assess_frame", "cases_from_frame", "events_from_columns", "from_arrow", "stats_frame"]

_When = Union[datetime, str]


def _pa() -> Any:
    try:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]
    except ImportError as e:  # pragma: no cover - pyarrow is a dependency of plaint[pandas]
        raise ImportError("plaint.pandas needs pyarrow: pip install 'plaint[pandas]'") from e
    return pyarrow


def _jsonable(v: Any) -> Any:
    """A cell as a JSON value: missing values are None, NumPy scalars and
    Decimals numbers, datetimes RFC 3339 text (the core refuses a naive one
    with its path)."""
    if v is None or v is pd.NA or v is pd.NaT:
        return None
    if isinstance(v, float) and math.isnan(v):
        return None
    if isinstance(v, dict):
        return {str(k): _jsonable(x) for k, x in v.items()}
    if isinstance(v, (list, tuple)):
        return [_jsonable(x) for x in v]
    if isinstance(v, decimal.Decimal):
        return None if v.is_nan() else float(v)
    if isinstance(v, (datetime, date)):
        return v.isoformat()
    item = getattr(v, "item", None)
    if item is not None and not isinstance(v, (str, bytes)):
        if getattr(v, "ndim", 0) > 0:
            return [_jsonable(x) for x in v.tolist()]
        return _jsonable(item())
    return v


def _column(series: pd.Series) -> Tuple[Any, bool]:
    """A column as an Arrow array, and whether it is JSON text: a column of
    mixed Python types, which Arrow cannot hold, is passed as JSON text so
    that each cell is checked where it belongs (an error in its row, not
    in the whole frame)."""
    import json

    pa = _pa()
    try:
        return pa.array(series, from_pandas=True), False
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError, OverflowError):
        texts = [None if (j := _jsonable(v)) is None else json.dumps(j, ensure_ascii=False) for v in series]
        return pa.array(texts, pa.string()), True


def _to_arrow(df: pd.DataFrame) -> Tuple[Any, List[str]]:
    pa = _pa()
    names: List[str] = []
    arrays: List[Any] = []
    json_columns: List[str] = []
    for name in df.columns:
        if not isinstance(name, str):
            raise ValidationError(f"column {name!r}: column names must be str", "invalid_type", f"/{name}")
        if names.count(name):
            raise ValidationError(f"column {name!r} appears twice", "invalid_value", f"/{name}")
        array, is_json = _column(df[name])
        names.append(name)
        arrays.append(array)
        if is_json:
            json_columns.append(name)
    return pa.Table.from_arrays(arrays, names=names), json_columns


def _types_mapper() -> Any:
    pa = _pa()
    mapping = {pa.string(): pd.StringDtype("pyarrow"), pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}
    return mapping.get


def from_arrow(table: Any, index: Optional[pd.Index] = None) -> pd.DataFrame:
    """The DataFrame of a ``plaint.arrow.assess`` result, with the module's
    documented dtypes (``string``, ``Int64``, ``boolean``,
    ``datetime64[ms, <zone>]``)."""
    pa = _pa()
    frame: pd.DataFrame = pa.table(table).to_pandas(types_mapper=_types_mapper(), split_blocks=True)
    if index is not None:
        frame.index = index
    return frame


def _raise_failures(frame: pd.DataFrame) -> None:
    failed = frame["error_code"].notna().to_numpy()
    if not failed.any():
        return
    rows: List[Tuple[Hashable, int, str, str, str]] = []
    codes, paths, messages = frame["error_code"], frame["error_path"], frame["error_message"]
    for pos in failed.nonzero()[0]:
        rows.append((frame.index[int(pos)], int(pos), str(codes.iloc[pos]), str(paths.iloc[pos]), str(messages.iloc[pos])))
    raise _batch_error("cases", len(frame), rows)


def assess_frame(
    df: pd.DataFrame,
    policy: Policy,
    now: _When,
    errors: Literal["raise", "coerce"] = "raise",
    beyond_data: Optional[Literal["undetermined", "projected"]] = None,
) -> pd.DataFrame:
    """Assess every row of ``df`` with ``policy`` at ``now`` (an aware
    datetime or RFC 3339 text): a DataFrame in the module's documented
    schema, with ``df``'s index.

    ``errors="raise"`` (default): if any row cannot be assessed, one
    :class:`plaint.PlaintError` lists every such row (``problems``, each
    with the row's ``index`` label and a path ``/cases/<position>/...``).
    ``errors="coerce"``: such a row gets ``error_code``, ``error_path`` and
    ``error_message`` and nulls elsewhere; the other rows are assessed.
    A column that no row can be read from (unknown, or instants without a
    zone) raises in both modes. ``beyond_data`` as in ``Policy.assess``: a
    deadline that needs dates past the calendar's data is ``undetermined``
    (its ``<id>_error_code`` says why) or, with ``"projected"``, counted on
    the calendar's projection and ``<id>_provisional``; None keeps the
    policy's option."""
    if errors not in ("raise", "coerce"):
        raise ValueError(f'errors must be "raise" or "coerce", got {errors!r}')
    table, json_columns = _to_arrow(df)
    out = from_arrow(_plaint._arrow_assess(table, policy, now, False, json_columns, beyond_data), df.index)
    if errors == "raise":
        _raise_failures(out)
    return out


def cases_from_frame(df: pd.DataFrame) -> List[Dict[str, Any]]:
    """The cases (``{"complaint", "events"}`` dicts) of a DataFrame's rows,
    read as ``assess_frame`` reads them. Raises one PlaintError listing
    every row whose JSON text cells are not JSON."""
    import json

    table, json_columns = _to_arrow(df)
    texts: List[Optional[str]] = []
    failures: List[Tuple[Hashable, int, str, str, str]] = []
    for pos, item in enumerate(_plaint._arrow_cases(table, json_columns)):
        if isinstance(item, PlaintError):
            failures.append((df.index[pos], pos, item.code, item.path, str(item)))
        texts.append(item if isinstance(item, str) else None)
    if failures:
        raise _batch_error("cases", len(df), failures)
    return [json.loads(t) for t in texts if t is not None]


def events_from_columns(df: pd.DataFrame, columns: Mapping[str, Union[str, Mapping[str, str]]]) -> pd.DataFrame:
    """Wide event columns to an ``events`` column, the usual shape of
    call-center exports: ``{"acknowledged": "acknowledged_at", "replied":
    "replied_at"}`` gives each row an event ``acknowledged`` at its
    ``acknowledged_at`` and one ``replied`` at its ``replied_at`` (a missing
    value: no such event). A value may also map event fields to columns,
    ``{"forwarded": {"at": "forwarded_at", "to": "forwarded_to"}}``.

    Returns a copy of ``df`` without the columns used and with ``events``
    (an Arrow-backed column that ``assess_frame`` reads without copying).
    Instant columns must be zone-aware (or RFC 3339 text with an offset)."""
    pa = _pa()
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if "events" in df.columns:
        raise ValueError("df already has an events column: merge the event lists yourself or drop it first")
    specs: List[Tuple[str, Dict[str, str]]] = []
    for kind, spec in columns.items():
        fields = {"at": spec} if isinstance(spec, str) else dict(spec)
        if "at" not in fields:
            raise ValueError(f"event {kind!r}: give the column of its instant as 'at'")
        specs.append((kind, fields))
    n, k = len(df), len(specs)
    ats = [_instants(df, fields["at"]) for _, fields in specs]
    if any(pa.types.is_string(a.type) for a in ats):
        ats = [a if pa.types.is_string(a.type) else pc.strftime(a, format="%Y-%m-%dT%H:%M:%SZ") for a in ats]
    # Which (row, kind) cells hold an event, row-major: each row's events
    # in the mapping's order.
    valid = np.empty((n, k), bool)
    for j, a in enumerate(ats):
        valid[:, j] = np.asarray(a.is_valid())
    cells = np.flatnonzero(valid)
    rows = cells // k if k else cells
    which = (cells - rows * k).astype(np.int32)
    # Event types as a dictionary: no Python string per event.
    kinds = pa.DictionaryArray.from_arrays(pa.array(which), pa.array([kind for kind, _ in specs], pa.string()))
    fields_out: Dict[str, Any] = {"type": kinds, "at": _pick(ats, cells, k, n)}
    texts: Dict[str, Any] = {}
    for f in sorted({f for _, fields in specs for f in fields if f != "at"}):
        sources = [fields.get(f) for _, fields in specs]
        for c in sources:
            if c is not None and c not in texts:
                texts[c] = _array(df[c]).cast(pa.string())
        first = sources[0]
        if first is not None and all(c == first for c in sources):  # one column for every kind
            fields_out[f] = pc.take(texts[first], pa.array(rows))
        else:
            parts = [pa.nulls(n, pa.string()) if c is None else texts[c] for c in sources]
            fields_out[f] = _pick(parts, cells, k, n)
    items = pa.StructArray.from_arrays(list(fields_out.values()), names=list(fields_out))
    offsets = np.zeros(n + 1, np.int32)
    np.cumsum(valid.sum(axis=1, dtype=np.int32), out=offsets[1:])
    lists = pa.ListArray.from_arrays(pa.array(offsets), items)
    used = {c for _, fields in specs for c in fields.values()}
    out = df.drop(columns=[c for c in df.columns if c in used])
    out["events"] = pd.Series(pd.arrays.ArrowExtensionArray(lists), index=df.index)
    return out


def _pick(parts: List[Any], cells: Any, k: int, n: int) -> Any:
    """For every cell ``row * k + kind`` of ``cells``, element ``row`` of
    ``parts[kind]`` (the ``k`` parts are arrays of ``n`` elements)."""
    pa = _pa()
    import pyarrow.compute as pc  # type: ignore[import-untyped, unused-ignore]

    if n and parts and all(pa.types.is_timestamp(a.type) and a.type == parts[0].type for a in parts):
        # Plain integers, read in place (null slots are never picked): an
        # (n, k) matrix whose flat positions are the cells.
        values = np.stack([np.frombuffer(a.buffers()[1], np.int64, len(a), a.offset * 8) for a in parts], axis=1)
        return pa.array(values.reshape(-1)[cells], parts[0].type)
    rows = cells // k
    return pc.take(pa.concat_arrays(parts), pa.array((cells - rows * k) * n + rows))


def _array(series: pd.Series) -> Any:
    """A column as one contiguous Arrow array."""
    pa = _pa()
    array = pa.array(series, from_pandas=True)
    return array.combine_chunks() if isinstance(array, pa.ChunkedArray) else array


def _instants(df: pd.DataFrame, column: str) -> Any:
    """A column of instants as Arrow: zoned timestamps in UTC milliseconds,
    or RFC 3339 text; a column without a zone is refused, naming it."""
    pa = _pa()
    array = _array(df[column])
    if pa.types.is_timestamp(array.type):
        if array.type.tz is None:
            raise ValidationError(
                f"column {column!r}: a timestamp without a time zone; localise it (plaint never guesses local time)",
                "instant_without_offset",
                f"/{column}",
            )
        return array.cast(pa.timestamp("ms", tz="UTC"), safe=False)
    if pa.types.is_string(array.type) or pa.types.is_large_string(array.type) or pa.types.is_null(array.type):
        return array.cast(pa.string())
    raise ValidationError(
        f"column {column!r}: expected zoned datetimes or RFC 3339 text, got {array.type}", "invalid_type", f"/{column}"
    )


def stats_frame(stats: Mapping[str, Any]) -> pd.DataFrame:
    """A DataFrame view of ``plaint.stats(...)``: one row per figure, with
    columns ``figure`` (``total``, ``by_category``, ``on_time.rate``,
    ``time_to_resolve.median``, ``batches.count``, ...), ``key`` (the
    category, the rule id, the batch's position; None for a single figure)
    and ``value``. ``view.pivot(index="key", columns="figure")`` on the
    ``on_time.*`` rows gives the on-time table."""
    rows: List[Tuple[str, Optional[str], Any]] = []
    for figure, v in stats.items():
        if isinstance(v, Mapping):
            for key, x in v.items():
                if isinstance(x, Mapping):  # on_time: rule -> counts
                    rows.extend((f"{figure}.{field}", str(key), y) for field, y in x.items())
                elif figure.startswith("by_"):
                    rows.append((figure, str(key), x))
                else:  # time_to_resolve: one figure per field
                    rows.append((f"{figure}.{key}", None, x))
        elif isinstance(v, list):  # batches
            for i, item in enumerate(v):
                fields = item.items() if isinstance(item, Mapping) else [("value", item)]
                rows.extend((f"{figure}.{field}", str(i), y) for field, y in fields)
        else:
            rows.append((figure, None, v))
    return pd.DataFrame(rows, columns=["figure", "key", "value"])
