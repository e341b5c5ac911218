from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path
from typing import Any, Dict
from zoneinfo import ZoneInfo

import pytest

ROOT = Path(__file__).resolve().parents[3]
SH = ZoneInfo("Asia/Shanghai")


@pytest.fixture(scope="session")
def root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def major_case() -> Dict[str, Any]:
    return json.loads((ROOT / "examples/cases/major-leak.json").read_text(encoding="utf-8"))


def at(y: int, mo: int, d: int, h: int = 0, mi: int = 0) -> datetime:
    return datetime(y, mo, d, h, mi, tzinfo=SH)
