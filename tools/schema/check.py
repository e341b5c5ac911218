"""Check the hand-written JSON Schemas (bindings/cli/schema/, printed by
`plaint schema`) against the documents the loader accepts: every embedded
policy preset, every example complaint and case, and the inline policies and
complaints of the conformance vectors that the loader accepts, and the
example policies. Run by
`make test` (data-check) from the reference venv."""

import glob
import json
import os
import sys

import jsonschema

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def load(path):
    with open(os.path.join(ROOT, path), encoding="utf-8") as f:
        return json.load(f)


def main():
    policy = jsonschema.Draft202012Validator(load("bindings/cli/schema/policy.json"))
    complaint = jsonschema.Draft202012Validator(load("bindings/cli/schema/complaint.json"))
    checked, failures = 0, []

    def check(validator, doc, where):
        nonlocal checked
        checked += 1
        errors = sorted(validator.iter_errors(doc), key=lambda e: list(e.path))
        if errors:
            failures.append(f"{where}: {errors[0].message} at /{'/'.join(map(str, errors[0].path))}")

    for path in sorted(glob.glob(os.path.join(ROOT, "core/data/presets/*.json"))):
        check(policy, load(path), os.path.relpath(path, ROOT))
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/policies/*.json"))):
        check(policy, load(path), os.path.relpath(path, ROOT))
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/complaints/*.json"))):
        check(complaint, load(path), os.path.relpath(path, ROOT))
    for path in sorted(glob.glob(os.path.join(ROOT, "examples/cases/*.json"))):
        check(complaint, load(path)["complaint"], os.path.relpath(path, ROOT))
    for path in sorted(glob.glob(os.path.join(ROOT, "tests/vectors/*.json"))):
        for case in load(path)["cases"]:
            inp = case["input"]
            if case.get("expect") is None:
                continue  # error cases: the loader refuses them; the schema need not
            if isinstance(inp.get("policy"), dict):
                check(policy, inp["policy"], f"{os.path.basename(path)}#{case['id']} policy")
            if isinstance(inp.get("complaint"), dict):
                check(complaint, inp["complaint"], f"{os.path.basename(path)}#{case['id']} complaint")
    # A typo must be refused by the schema as by the loader.
    typo = load("core/data/presets/cn-property.json")
    typo["deadlines"][0]["clok"] = "elapsed"
    if policy.is_valid(typo):
        failures.append("policy schema accepts an unknown key in a deadline")
    versioned = load("core/data/presets/cn-consumer-samr.json")
    versioned["versions"][1]["deadlines"][0]["clok"] = "elapsed"
    if policy.is_valid(versioned):
        failures.append("policy schema accepts an unknown key in a version's deadline")
    shared = load("core/data/presets/cn-consumer-samr.json")
    shared["calendar"] = "cn-mainland"
    if policy.is_valid(shared):
        failures.append("policy schema accepts a body key beside versions (no patch semantics)")
    sites = load("examples/policies/two-sites.json")
    sites["calendars"][0]["whne"] = sites["calendars"][0].pop("when")
    if policy.is_valid(sites):
        failures.append("policy schema accepts an unknown key in a calendars entry")
    sites = load("examples/policies/two-sites.json")
    sites["deadlines"][2]["repeat"] = {"until": ["closed"]}
    if policy.is_valid(sites):
        failures.append("policy schema accepts a repeat without on or after_met")
    for f in failures:
        print("schema:", f)
    print(f"schema check: {checked - len(failures)} passed, {len(failures)} failed")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
