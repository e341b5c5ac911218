"""The stubs catch misuse: mypy --strict accepts typing/ok.py,
examples/python and the package's own Python modules, and reports an error on exactly the lines of
typing/misuse.py marked `# error` (one mypy run for all three)."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Dict, Set, Tuple

import pytest
from mypy import api

HERE = Path(__file__).resolve().parent / "typing"
EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "python"
PACKAGE = Path(__file__).resolve().parents[1] / "python" / "plaint"


@pytest.fixture(scope="module")
def errors() -> Set[Tuple[str, int]]:
    paths = [HERE / "ok.py", HERE / "misuse.py", EXAMPLES, PACKAGE]
    out, err, _ = api.run(["--strict", "--no-incremental", "--cache-dir=/dev/null", *map(str, paths)])
    assert not err, err
    found: Set[Tuple[str, int]] = set()
    for line in out.splitlines():
        m = re.match(r"(.+?):(\d+): error: ", line)
        if m:
            found.add((Path(m.group(1)).name, int(m.group(2))))
    return found


def test_correct_calls_and_examples_type_check(errors: Set[Tuple[str, int]]) -> None:
    assert {e for e in errors if e[0] != "misuse.py"} == set()


def test_misuse_is_a_type_error(errors: Set[Tuple[str, int]]) -> None:
    lines: Dict[int, str] = dict(enumerate((HERE / "misuse.py").read_text().splitlines(), 1))
    marked = {i for i, line in lines.items() if "# error" in line}
    assert len(marked) == 13
    assert {i for name, i in errors if name == "misuse.py"} == marked
