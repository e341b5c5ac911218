"""The exceptions of plaint. Every error of the core is a :class:`PlaintError`
subclass carrying its stable ``code`` (snake_case, never renamed), the JSON
``path`` of the (first) problem ("" when it concerns no one field) and every
problem found as ``problems`` (dicts with ``code``, ``path``, ``message``).

A batch run with ``errors="raise"`` (``Policy.assess_many``,
``plaint.pandas.assess_frame``) raises one error for all its failing items:
``problems`` then lists every problem of every failing item, each with the
item's ``index`` (the position in the batch, or the DataFrame's index label)
and a path that starts with the position (``/cases/17/complaint/id``)."""

from __future__ import annotations

from typing import Any, Dict, Hashable, List, Sequence, Tuple, Type

__all__ = [
    "PlaintError",
    "ValidationError",
    "UnknownPresetError",
    "CalendarRangeError",
    "AmountError",
    "TransitionError",
    "EventError",
    "InputTooLargeError",
]


class PlaintError(Exception):
    """An error of plaint, with its stable code and JSON path."""

    code: str
    path: str
    problems: List[Dict[str, Any]]

    def __init__(self, message: str, code: str, path: str = "", problems: List[Dict[str, Any]] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.code = code
        self.path = path
        self.problems = problems if problems is not None else [{"code": code, "path": path, "message": message}]

    def __reduce__(self) -> Tuple[Any, ...]:
        return (type(self), (self.message, self.code, self.path, self.problems))


class ValidationError(PlaintError, ValueError):
    """The input (a policy, a calendar, a complaint, a case...) is not valid;
    ``problems`` lists every problem found, each with its JSON path."""


class UnknownPresetError(PlaintError, LookupError):
    """No embedded policy preset or calendar has this name (``unknown_preset``,
    ``unknown_calendar``), or ``NAME@VERSION`` names a version the policy does
    not have (``unknown_version``)."""


class CalendarRangeError(PlaintError):
    """The computation needs a date outside the calendar's holiday data
    (``calendar_range_exceeded``): plaint never guesses."""


class AmountError(PlaintError, ValueError):
    """An amount is negative or too large (``negative_amount``, ``amount_overflow``)."""


class TransitionError(PlaintError):
    """An event is not allowed in the complaint's lifecycle state (``invalid_transition``)."""


class EventError(PlaintError):
    """An event is inconsistent with the log (``invalid_event``)."""


class InputTooLargeError(PlaintError, ValueError):
    """An input exceeds a documented size limit (``input_too_large``)."""


_BY_CODE: Dict[str, Type[PlaintError]] = {
    "unknown_preset": UnknownPresetError,
    "unknown_calendar": UnknownPresetError,
    "unknown_version": UnknownPresetError,
    "calendar_range_exceeded": CalendarRangeError,
    "negative_amount": AmountError,
    "amount_overflow": AmountError,
    "invalid_transition": TransitionError,
    "invalid_event": EventError,
    "input_too_large": InputTooLargeError,
}


def error_class(code: str) -> Type[PlaintError]:
    """The exception class raised for an error code."""
    return _BY_CODE.get(code, ValidationError)


def _from_core(message: str, code: str, path: str, problems: List[Dict[str, Any]]) -> PlaintError:
    # Called by the native module to build the exception it raises.
    return error_class(code)(message, code, path, problems)


_SHOWN = 10
"""How many failing items the message of a batch error lists."""


def _batch_error(name: str, total: int, failures: Sequence[Tuple[Hashable, int, str, str, str]]) -> PlaintError:
    """The error of a batch of ``total`` items named ``name`` whose items
    ``failures`` failed: ``(index, position, code, path, message)`` for each
    problem, ``path`` relative to the item."""
    problems = [
        {"code": code, "path": f"/{name}/{pos}{path}", "message": msg, "index": index}
        for index, pos, code, path, msg in failures
    ]
    items = list(dict.fromkeys(pos for _, pos, _, _, _ in failures))
    lines = []
    for index, pos, _, path, msg in failures[:_SHOWN]:
        msg = msg[len(path) + 2 :] if path and msg.startswith(f"{path}: ") else msg
        label = f"{name}[{pos}]" if index == pos else f"{name}[{pos}] (index {index!r})"
        lines.append(f"{label} {path}: {msg}" if path else f"{label}: {msg}")
    more = f"; and {len(failures) - _SHOWN} more problems" if len(failures) > _SHOWN else ""
    message = f"{len(items)} of {total} {name} failed: " + "; ".join(lines) + more
    first = problems[0]
    return error_class(str(first["code"]))(message, str(first["code"]), str(first["path"]), problems)
