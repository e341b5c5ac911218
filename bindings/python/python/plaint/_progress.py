"""The progress bar of ``Policy.assess_iter(..., progress=True)``: tqdm when
it is installed, else a line on stderr per chunk."""

from __future__ import annotations

import sys
from typing import Any, Optional


class _Line:
    """A minimal progress report: ``plaint: 1,200,000 / 10,000,000 cases``."""

    def __init__(self, total: Optional[int]) -> None:
        self.total = total
        self.done = 0

    def update(self, n: int) -> None:
        self.done += n
        of = f" / {self.total:,}" if self.total is not None else ""
        print(f"plaint: {self.done:,}{of} cases", file=sys.stderr, flush=True)

    def close(self) -> None:
        pass


def bar(total: Optional[int]) -> Any:
    """A progress bar with ``update(n)`` and ``close()``."""
    try:
        from tqdm import tqdm  # type: ignore[import-untyped, import-not-found, unused-ignore]
    except ImportError:
        return _Line(total)
    return tqdm(total=total, unit="case", desc="plaint")
