"""The wheel as its users get it: run in a fresh venv holding only the wheel
(no pytest, no pandas, no Rust toolchain on PATH). Imports plaint, runs every
conformance vector through the installed module and a few public calls.

    python tools/python/wheel_check.py VECTORS_DIR
"""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path
from typing import Any


def subset(expect: Any, actual: Any) -> bool:
    if isinstance(expect, dict):
        return isinstance(actual, dict) and all(k in actual and subset(v, actual[k]) for k, v in expect.items())
    if isinstance(expect, bool) or isinstance(actual, bool):
        return type(expect) is type(actual) and expect == actual
    return bool(expect == actual)


def main() -> int:
    for tool in ("cargo", "rustc"):
        if shutil.which(tool):
            print(f"wheel check: {tool} is on PATH; this check must run without a Rust toolchain", file=sys.stderr)
            return 1
    import plaint

    ran = failed = 0
    for f in sorted(Path(sys.argv[1]).glob("*.json")):
        for case in json.loads(f.read_text(encoding="utf-8"))["cases"]:
            ran += 1
            try:
                out = json.loads(plaint._run_op(case["op"], json.dumps(case["input"])))
                ok = "expect" in case and subset(case["expect"], out)
            except plaint.PlaintError as e:
                want = case.get("expect_error") or {}
                ok = want.get("code") == e.code and want.get("path", e.path) == e.path
            if not ok:
                failed += 1
                print(f"wheel check: {f.stem}#{case['id']} failed", file=sys.stderr)
    policy = plaint.Policy.preset("cn-property")
    a = policy.assess(
        {"complaint": {"id": "W1", "received_at": "2026-09-24T16:00:00+08:00", "text": "我母亲被砸伤", "facts": {"personal_injury": True}}},
        "2026-09-29T10:00:00+08:00",
    )
    due = {d.id: d.due_at.isoformat() for d in a.deadlines if d.due_at is not None}
    if a.severity != "major" or due.get("major_reply") != "2026-09-29T18:00:00+08:00":
        print(f"wheel check: assess gave {a.severity} {due}", file=sys.stderr)
        failed += 1
    if ran < 50:
        print(f"wheel check: only {ran} vectors found in {sys.argv[1]}", file=sys.stderr)
        return 1
    print(f"wheel check: {ran - failed}/{ran} conformance vectors passed with plaint {plaint.__version__} from the wheel")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
