"""The conformance vectors (tests/vectors/*.json) through the binding, with
the matching rules of core/tests/vectors.rs: `expect` is a subset (objects
recursively, arrays and scalars exactly); `expect_error` compares the code
and, when given, the path."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Dict, List, Tuple

import pytest

import plaint

VECTORS = Path(__file__).resolve().parents[3] / "tests" / "vectors"


def _cases() -> List[Tuple[str, Dict[str, Any]]]:
    out = []
    for f in sorted(VECTORS.glob("*.json")):
        suite = json.loads(f.read_text(encoding="utf-8"))
        for case in suite["cases"]:
            out.append((f"{f.stem}#{case['id']}", case))
    return out


CASES = _cases()


def subset(expect: Any, actual: Any, path: str, diffs: List[str]) -> None:
    if isinstance(expect, dict) and isinstance(actual, dict):
        for k, ev in expect.items():
            p = f"{path}/{k}"
            if k in actual:
                subset(ev, actual[k], p, diffs)
            else:
                diffs.append(f"{p}: missing, expected {ev!r}")
    elif not _json_equal(expect, actual):
        diffs.append(f"{path}: expected {expect!r}, got {actual!r}")


def _json_equal(a: Any, b: Any) -> bool:
    # JSON equality: True is not 1, 1 == 1.0 (serde_json compares numbers by value).
    if isinstance(a, bool) or isinstance(b, bool):
        return type(a) is type(b) and a == b
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_json_equal(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_json_equal(x, y) for x, y in zip(a, b))
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return a == b
    return type(a) is type(b) and a == b


def test_vectors_found() -> None:
    assert len(CASES) > 50, f"too few vectors in {VECTORS}"


@pytest.mark.parametrize("name,case", CASES, ids=[n for n, _ in CASES])
def test_vector(name: str, case: Dict[str, Any]) -> None:
    op = case["op"]
    text = json.dumps(case["input"], ensure_ascii=False)
    if "expect" in case:
        out = json.loads(plaint._run_op(op, text))
        diffs: List[str] = []
        subset(case["expect"], out, "", diffs)
        assert not diffs, "; ".join(diffs)
    else:
        want = case["expect_error"]
        with pytest.raises(plaint.PlaintError) as info:
            plaint._run_op(op, text)
        assert info.value.code == want["code"], str(info.value)
        if "path" in want:
            assert info.value.path == want["path"], str(info.value)


def test_run_op_output_is_the_json_layer() -> None:
    # The same input through the object API and the JSON layer gives the same JSON.
    case = next(c for _, c in CASES if c["op"] == "assess")
    inp = case["input"]
    out = json.loads(plaint._run_op("assess", json.dumps(inp)))
    policy = plaint.Policy.preset(inp["policy"]) if isinstance(inp["policy"], str) else plaint.Policy.from_json(inp["policy"])
    a = policy.assess(inp["case"], inp["now"])
    assert a.to_dict() == out
    assert json.loads(a.to_json()) == out


def test_unknown_op() -> None:
    with pytest.raises(plaint.ValidationError) as info:
        plaint._run_op("nope", "{}")
    assert (info.value.code, info.value.path) == ("invalid_value", "/op")
