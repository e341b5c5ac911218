"""Seed the fuzz corpora (fuzz/corpus/<target>/) from the conformance vectors,
the presets, the calendars and the examples. Deterministic; stdlib only.
Run: python3 tools/fuzz/seed.py"""

import glob
import hashlib
import json
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "fuzz", "corpus")


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def put(target, text):
    data = text.encode("utf-8")
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)


def main():
    shutil.rmtree(OUT, ignore_errors=True)
    for path in sorted(glob.glob(os.path.join(ROOT, "core/data/presets/*.json"))):
        put("policy_json", open(path, encoding="utf-8").read())
    for path in sorted(glob.glob(os.path.join(ROOT, "core/data/calendars/*.json"))):
        if "cn-mainland" in path or "always" in path:
            put("calendar_json", open(path, encoding="utf-8").read())
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/cases/*.json"))):
        put("case_json", open(path, encoding="utf-8").read())
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/vectors/*.json"))):
        cases = load(path)["cases"]
        for i, case in enumerate(cases):
            inp = case["input"]
            # Every vector of the small suites; every 20th of the large ones.
            if len(cases) > 100 and i % 20:
                continue
            put("run_op", json.dumps({"op": case["op"], "input": inp}, ensure_ascii=False))
            if isinstance(inp.get("policy"), dict):
                put("policy_json", json.dumps(inp["policy"], ensure_ascii=False))
            if isinstance(inp.get("calendar"), dict):
                put("calendar_json", json.dumps(inp["calendar"], ensure_ascii=False))
            if "case" in inp:
                put("case_json", json.dumps(inp["case"], ensure_ascii=False))
            if "request" in inp:
                put("deadline_line", json.dumps(inp["request"], ensure_ascii=False))
    for seed in (b"", bytes(range(64)), bytes([7] * 64), bytes([200, 3, 1, 0, 5, 9] * 10)):
        d = os.path.join(OUT, "structured")
        os.makedirs(d, exist_ok=True)
        with open(os.path.join(d, hashlib.sha1(seed).hexdigest()[:16]), "wb") as f:
            f.write(seed)
    sizes = {t: len(os.listdir(os.path.join(OUT, t))) for t in sorted(os.listdir(OUT))}
    print("corpus:", sizes)


if __name__ == "__main__":
    main()
