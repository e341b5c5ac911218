"""plaint for Arrow: assess, classify and compute deadlines over Arrow data.

Every function takes any object that implements the Arrow PyCapsule
interface (``__arrow_c_stream__`` or ``__arrow_c_array__``): pyarrow tables,
record batches and arrays, Polars frames and series, DuckDB results, pandas
frames through ``pyarrow.Table.from_pandas``. The work runs in Rust without
the GIL, one output row per input row, in input order. Results are
``pyarrow.Table`` objects when pyarrow is installed, else an Arrow table
object that any Arrow consumer reads through ``__arrow_c_stream__``.

Input columns of ``assess`` and ``classify`` (the README has the table):
``id`` and ``received_at`` (a timestamp *with* a time zone) are required;
``channel``, ``subject``, ``product``, ``department``, ``text``,
``customer_id`` (or ``customer.id``), ``customer_tier`` (or
``customer.tier``), ``facts.<name>``, ``attributes.<name>`` (or struct
columns ``customer``, ``facts``, ``attributes``) are optional; ``events`` is
a list of structs (``type``, ``at`` with a zone, and the optional event
fields). A string column ``events``, ``facts``, ``attributes``,
``customer`` or ``classification`` holds JSON text. A null cell means "not
given".

A malformed row is not an exception: its ``error_code``, ``error_path`` and
``error_message`` columns say what is wrong (the codes of docs/errors.md)
and the other rows are assessed. A column that cannot be read at all raises
a :class:`plaint.PlaintError` once, with the column as its path: a column
plaint does not read (``unknown_field``), a timestamp without a zone
(``instant_without_offset``), an unsupported type (``invalid_type``).

``plaint.pandas.from_arrow`` turns the result of ``assess`` into the
DataFrame ``plaint.pandas.assess_frame`` returns (the schema is documented
there).
"""

from __future__ import annotations

from typing import Any, Optional, Union

from . import _plaint
from ._plaint import Calendar, Policy

__all__ = ["assess", "assess_schema", "classify", "deadlines"]

_When = Union[str, Any]


def _out(table: Any) -> Any:
    """A pyarrow.Table when pyarrow is installed, else the Arrow table object."""
    try:
        import pyarrow  # type: ignore[import-untyped, unused-ignore]
    except ImportError:
        return table
    return pyarrow.table(table)


def assess(data: Any, policy: Policy, now: _When, beyond_data: Optional[str] = None) -> Any:
    """Assess every row (one complaint, with its ``events``) at ``now``.

    Columns out: ``complaint_id``, ``severity``, ``category``, ``nature``,
    ``validity_suggestion``, ``claim_type``, ``route``, ``state``, ``owner``,
    ``escalation_level``, ``next_check_at``; for every deadline rule of the
    policy (``policy.deadline_ids``, every version's, always all of them)
    ``<id>_state`` (the rule's kind, deadline or window, in the field's
    metadata ``kind``), ``<id>_due_at``, ``<id>_warn_at``, ``<id>_met_at``,
    ``<id>_remaining`` and ``<id>_overdue`` (int64 in the unit of the
    rule's clock, given in the field's metadata ``unit``),
    ``<id>_error_code`` (why it is ``undetermined``), ``<id>_provisional``
    (bool: counted on projected holidays), ``<id>_calendar`` and
    ``<id>_counted_until``; then ``policy_version``, ``warnings`` (warning
    codes, comma-separated), ``error_code``, ``error_path``,
    ``error_message``. Codes and states are strings; instants are
    ``timestamp[ms, tz=<the policy calendar's zone>]``. ``now`` is an aware
    datetime or an RFC 3339 string; ``beyond_data`` (``"undetermined"`` or
    ``"projected"``) overrides the policy's option.
    """
    return _out(_plaint._arrow_assess(data, policy, now, beyond_data=beyond_data))


def assess_schema(policy: Policy) -> Any:
    """The schema ``assess`` returns for ``policy`` (a ``pyarrow.Schema``)."""
    import pyarrow  # type: ignore[import-untyped, unused-ignore]

    return pyarrow.schema(_plaint._arrow_assess_schema(policy))


def classify(data: Any, policy: Policy) -> Any:
    """Classify every row (one complaint). Columns out: ``complaint_id``,
    the classification outputs, ``signals`` (comma-separated ids), then the
    error columns."""
    return _out(_plaint._arrow_classify(data, policy))


def deadlines(
    starts: Any,
    calendar: Calendar,
    clock: str,
    amount: int,
    end: Optional[str] = None,
    roll: Optional[str] = None,
) -> Any:
    """The deadline of every start (an Arrow array of zoned timestamps) on
    ``calendar``: columns ``due_at`` (in the calendar's zone; null for a null
    start) and the error columns (e.g. ``calendar_range_exceeded``)."""
    return _out(_plaint._arrow_deadlines(starts, calendar, clock, amount, end, roll))
