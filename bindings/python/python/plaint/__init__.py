"""plaint: complaint-handling rules for Python.

Classification, working-calendar deadlines, SLA states and escalation, from
the same Rust core as plaint's CLI, C ABI and mobile bindings: every host gets
the same answer for the same input.

>>> import plaint
>>> policy = plaint.Policy.preset("cn-property")
>>> cal = plaint.Calendar.preset("cn-mainland")

Instants in are aware datetimes (or pandas Timestamps) or RFC 3339 strings
with an offset; instants out are aware datetimes in the calendar's zone.
Amounts are integers in the unit of their clock (minutes for ``elapsed`` and
``business``, else working days, days, weeks or months).
"""

from __future__ import annotations

from ._cases import CaseText, cases_from_file, cases_from_text
from ._plaint import (
    AssessIter,
    Assessment,
    Calendar,
    Classification,
    Deadline,
    Policy,
    __version__,
    _run_op,
    replay,
    stats,
)
from .errors import (
    AmountError,
    CalendarRangeError,
    EventError,
    InputTooLargeError,
    PlaintError,
    TransitionError,
    UnknownPresetError,
    ValidationError,
)

__all__ = [
    "AssessIter",
    "Assessment",
    "CaseText",
    "Calendar",
    "Classification",
    "Deadline",
    "Policy",
    "PlaintError",
    "ValidationError",
    "UnknownPresetError",
    "CalendarRangeError",
    "AmountError",
    "TransitionError",
    "EventError",
    "InputTooLargeError",
    "replay",
    "cases_from_file",
    "cases_from_text",
    "stats",
    "__version__",
]
