"""plaint: complaint-handling rules for Python.

Classification, working-calendar deadlines, SLA states and escalation, from
the same Rust core as plaint's CLI, C ABI and mobile bindings: every host gets
the same answer for the same input.

>>> import plaint
>>> policy = plaint.Policy.preset("cn-property")
>>> cal = plaint.Calendar.preset("cn-mainland")
"""

from __future__ import annotations

from ._plaint import (
    Assessment,
    Calendar,
    Classification,
    Deadline,
    Policy,
    __version__,
    _run_op,
    replay,
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
    "Assessment",
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
    "__version__",
]
