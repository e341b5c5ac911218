"""Cases from JSON-lines or JSON-array text and files, for
``Policy.assess_many``, ``Policy.assess_iter`` and ``plaint.stats``.

Explicit on purpose: a str given to ``assess_many`` is refused (iterating it
would read its characters), and a str is never guessed to be a path."""

from __future__ import annotations

import json
import os
from typing import Any, Dict, List, Union

__all__ = ["CaseText", "cases_from_text", "cases_from_file"]


class CaseText(str):
    """One case as JSON text. The batch methods take cases as dicts or as
    ``CaseText``, so that a type checker refuses a bare str (whose
    characters would be read as cases): wrap texts you read yourself,
    ``CaseText(line)``. At run time any str element is read as JSON text."""

    __slots__ = ()


def cases_from_text(text: str) -> List[Union[CaseText, Dict[str, Any]]]:
    """The cases of JSON-lines text (one case per line; blank lines skipped)
    or of JSON-array text (``[{...}, ...]``, detected by its first ``[``).

    A line is kept as its JSON text, so that a line that is not JSON is an
    ``invalid_json`` problem of that case alone when assessed; an array must
    parse as a whole (``json.JSONDecodeError`` otherwise)."""
    if not isinstance(text, str):
        raise TypeError(f"cases_from_text takes a str, got {type(text).__name__} (for a file: cases_from_file)")
    if text.lstrip().startswith("["):
        items = json.loads(text)
        if not isinstance(items, list):
            raise TypeError("a JSON text starting with [ must be an array of cases")
        return list(items)
    return [CaseText(line) for line in text.splitlines() if line.strip()]


def cases_from_file(path: Union[str, "os.PathLike[str]"]) -> List[Union[CaseText, Dict[str, Any]]]:
    """The cases of a JSON-lines (``.jsonl``) or JSON-array file, read as
    ``cases_from_text`` reads text (UTF-8)."""
    with open(path, encoding="utf-8") as f:
        return cases_from_text(f.read())
