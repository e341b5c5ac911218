#!/usr/bin/env python3
"""What can be checked of the Swift package without a Swift compiler.

1. Every committed file of the package is what it claims: no symlinks (git
   mode 120000, or a link on disk), no file whose whole content is a path
   (a symlink stored as a regular file), every .swift file parses with
   tree-sitter's Swift grammar without ERROR or MISSING nodes, every .json
   file parses as JSON, and no other kind of file is there. uniffi's
   attribute-only blocks (`#if swift(>=5.8)` / `@_documentation(visibility:
   private)` / `#endif`) are a known limitation of the grammar: the
   `#if`/`#endif` lines are dropped from the checker's copy (line numbers
   are kept).
2. Every API the tests use exists in the sources: each member (`x.name`),
   free function called, type and enum case (`.Case`) the tests name is
   declared (not private) in Sources/, unless the test declares it itself or
   it is a Swift / Foundation / XCTest name listed below; and the argument
   labels of each call of a declared function match one of its declarations
   (in order, every parameter without a default given).
3. With --release DIR: the release folder of swift_release.py: its
   Package.swift parses and names the zip by URL with the zip's SHA-256,
   and its sources equal the package's.

usage: swift_check.py PACKAGE_DIR [--release DIR]
       swift_check.py --self-test     (the check fails on a path string, a symlink, bad JSON)
"""

import argparse
import hashlib
import json
import os
import re
import subprocess
import sys
import tempfile

import tree_sitter
import tree_sitter_swift

# Names of Swift, Foundation and XCTest the tests may use.
PLATFORM = set(
    """
    XCTestCase XCTAssertEqual XCTAssertNotEqual XCTAssertTrue XCTAssertFalse XCTAssertNil XCTAssertNotNil
    XCTAssertThrowsError XCTAssertNoThrow XCTAssertGreaterThan XCTAssertGreaterThanOrEqual XCTAssertLessThan
    XCTFail XCTUnwrap XCTSkip
    testable Void Foundation XCTest
    String Int Int64 UInt UInt8 UInt64 Double Bool Data URL Any AnyObject Error NSObject StaticString
    Array Dictionary Set Optional Character
    Bundle module url forResource withExtension contentsOf encoding utf8 utf8String
    JSONSerialization jsonObject with data withJSONObject Date ISO8601DateFormatter date from
    URL fileURLWithPath deletingLastPathComponent appendingPathComponent
    FileManager default contentsOfDirectory at includingPropertiesForKeys pathExtension lastPathComponent
    filter sorted map compactMap first contains isEmpty count joined separator append isEqual
    hasPrefix hasSuffix description localizedDescription
    """.split()
)

PRIVATE = {"private", "fileprivate"}


def parser():
    return tree_sitter.Parser(tree_sitter.Language(tree_sitter_swift.language()))


def clean(text):
    """The text without `#if`/`#endif` lines (blanked, so line numbers stay)."""
    lines = text.split("\n")
    return "\n".join("" if re.match(r"\s*#(if|endif)\b", ln) else ln for ln in lines)


def walk(node):
    stack = [node]
    while stack:
        n = stack.pop()
        yield n
        stack.extend(reversed(n.children))


def syntax_errors(tree):
    out = []
    for n in walk(tree.root_node):
        if n.type == "ERROR" or n.is_missing:
            kind = "MISSING " + n.type if n.is_missing else "ERROR"
            out.append(f"{n.start_point[0] + 1}:{n.start_point[1] + 1}: {kind} near {n.text[:60]!r}")
    return out


def text(n):
    return n.text.decode()


def is_private(decl):
    for c in decl.children:
        if c.type == "modifiers":
            return any(text(m) in PRIVATE for m in c.children if m.type == "visibility_modifier")
    return False


def params(decl):
    """[(label, has_default)] of a function declaration."""
    out = []
    kids = decl.children
    for i, c in enumerate(kids):
        if c.type == "parameter":
            names = [text(x).strip("`") for x in c.children if x.type == "simple_identifier"]
            label = names[0] if names else "_"
            has_default = i + 1 < len(kids) and kids[i + 1].type == "="
            out.append((label, has_default))
    return out


def declarations(tree, include_private):
    """Declared names, and the parameter lists of every function by name."""
    names, funcs = set(), {}
    for n in walk(tree.root_node):
        if n.type in ("function_declaration", "protocol_function_declaration"):
            if not include_private and is_private(n):
                continue
            ident = next((c for c in n.children if c.type == "simple_identifier"), None)
            if ident is not None:
                names.add(text(ident))
                funcs.setdefault(text(ident), []).append(params(n))
        elif n.type in ("class_declaration", "protocol_declaration", "typealias_declaration"):
            if not include_private and is_private(n):
                continue
            for c in n.children:
                if c.type == "type_identifier":
                    names.add(text(c))
        elif n.type == "enum_entry":
            for c in n.children:
                if c.type == "simple_identifier":
                    names.add(text(c))
        elif n.type in ("property_declaration", "protocol_property_declaration"):
            if not include_private and is_private(n):
                continue
            for c in walk(n):
                if c.type == "pattern":
                    for x in c.children:
                        if x.type == "simple_identifier":
                            names.add(text(x))
                    break
        elif include_private and n.type in ("parameter", "lambda_parameter"):
            for c in n.children:
                if c.type == "simple_identifier":
                    names.add(text(c))
        elif include_private and n.type == "pattern":
            for c in n.children:
                if c.type == "simple_identifier":
                    names.add(text(c))
    return names, funcs


def uses(tree):
    """(name, line, kind) of every member, function, type and case the file uses."""
    out = []
    for n in walk(tree.root_node):
        line = n.start_point[0] + 1
        if n.type == "navigation_suffix":
            for c in n.children:
                if c.type == "simple_identifier":
                    out.append((text(c), line, "member"))
        elif n.type == "call_expression":
            callee = n.children[0]
            if callee.type == "simple_identifier":
                out.append((text(callee), line, "function"))
        elif n.type == "user_type":
            for c in n.children:
                if c.type == "type_identifier":
                    out.append((text(c), line, "type"))
        elif n.type == "prefix_expression" and len(n.children) == 2 and n.children[0].type == "." \
                and n.children[1].type == "simple_identifier":
            out.append((text(n.children[1]), line, "case"))  # an implicit member: `.letter`, `.workingDays`
        elif n.type in ("switch_pattern", "guard_statement", "if_statement", "catch_block", "pattern"):
            kids = n.children
            for i, c in enumerate(kids[:-1]):
                if c.type == "." and kids[i + 1].type == "simple_identifier":
                    out.append((text(kids[i + 1]), line, "case"))
    return out


def calls(tree):
    """(function name, [labels], line) of every call."""
    out = []
    for n in walk(tree.root_node):
        if n.type != "call_expression" or len(n.children) < 2:
            continue
        callee, suffix = n.children[0], n.children[1]
        if callee.type == "navigation_expression":
            nav = [c for c in callee.children if c.type == "navigation_suffix"]
            idents = [c for c in nav[-1].children if c.type == "simple_identifier"] if nav else []
            if not idents:
                continue
            name = text(idents[0])
        elif callee.type == "simple_identifier":
            name = text(callee)
        else:
            continue
        args = next((c for c in suffix.children if c.type == "value_arguments"), None)
        labels = []
        if args is not None:
            for a in args.children:
                if a.type == "value_argument":
                    lab = next((c for c in a.children if c.type == "value_argument_label"), None)
                    labels.append(text(lab) if lab is not None else "_")
        trailing = any(c.type == "lambda_literal" for c in suffix.children)
        out.append((name, labels, trailing, n.start_point[0] + 1))
    return out


def labels_match(used, trailing, declared):
    """Whether the labels of a call fit a parameter list (defaults may be left out)."""
    i = 0
    for label, has_default in declared:
        if i < len(used) and used[i] == label:
            i += 1
        elif not has_default:
            if trailing and i == len(used):  # a trailing closure gives the last parameter
                trailing = False
                continue
            return False
    return i == len(used)


# A file whose whole content is one relative or absolute path: a symlink
# that a checkout without symlink support (or a copy) stored as a regular file.
PATH_STRING = re.compile(r"^\s*(\.{1,2}/|/)?([\w.@+-]+/)+[\w.@+-]*\s*$")


def committed(package):
    """(path, is_symlink) of every file of the package: git's index where it is tracked, else the disk."""
    try:
        out = subprocess.run(["git", "ls-files", "-s", "--", package], capture_output=True, text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        out = ""
    files = []
    for line in out.splitlines():
        meta, path = line.split("\t", 1)
        files.append((path, meta.split()[0] == "120000"))
    if not files:
        for d, _, names in os.walk(package):
            if "/." in d or "/.build" in d:
                continue
            files += [(os.path.join(d, n), os.path.islink(os.path.join(d, n))) for n in names if not n.startswith(".")]
    return sorted(files)


def structure(package, p):
    """Problems of the package's files (1.), and the parsed Swift trees by path."""
    problems, trees = [], {}
    files = committed(package)
    if not files:
        return [f"{package}: no files"], trees
    for path, link in files:
        if link or os.path.islink(path):
            problems.append(f"{path}: a symlink; commit the file's content")
            continue
        with open(path, "rb") as f:
            raw = f.read()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError:
            problems.append(f"{path}: not UTF-8 text")
            continue
        if PATH_STRING.match(text):
            problems.append(f"{path}: its content is a path ({text.strip()!r}), not the file")
            continue
        if path.endswith(".swift"):
            tree = p.parse(clean(text).encode())
            trees[path] = tree
            errs = syntax_errors(tree)
            problems += [f"{path}:{e}" for e in errs]
            print(f"swift-check: {path}: {'parses' if not errs else f'{len(errs)} syntax errors'}")
        elif path.endswith(".json"):
            try:
                json.loads(text)
            except ValueError as e:
                problems.append(f"{path}: not JSON ({e})")
        else:
            problems.append(f"{path}: not a Swift or JSON file")
    return problems, trees


def coverage(trees, package):
    """Problems of the tests' use of the API (2.), and the number of names checked."""
    sources = [k for k in trees if "/Sources/" in k]
    tests = [k for k in trees if "/Tests/" in k]
    problems = [] if sources and tests else [f"{package}: no sources or no tests"]
    api, funcs = set(), {}
    for path in sources:
        names, fs = declarations(trees[path], include_private=False)
        api |= names
        for k, v in fs.items():
            funcs.setdefault(k, []).extend(v)
    checked = set()
    for path in tests:
        local, local_funcs = declarations(trees[path], include_private=True)
        for name, line, kind in uses(trees[path]):
            if name in PLATFORM or name in local or name.startswith("$") or name == "init":
                continue
            checked.add(name)
            if name not in api:
                problems.append(f"{path}:{line}: {kind} {name!r} is not in the package's sources")
        for name, labels, trailing, line in calls(trees[path]):
            if name in local_funcs or name not in funcs:
                continue
            if not any(labels_match(labels, trailing, d) for d in funcs[name]):
                sigs = " | ".join(f"{name}(" + "".join(f"{lab}:" for lab, _ in d) + ")" for d in funcs[name])
                problems.append(f"{path}:{line}: {name}({''.join(f'{lab}:' for lab in labels)}) matches no declaration: {sigs}")
    return problems, len(checked)


def release(folder, package, p):
    """Problems of a release folder (3.)."""
    problems = []
    with open(os.path.join(folder, "Package.swift"), encoding="utf-8") as f:
        manifest = f.read()
    problems += [f"{folder}/Package.swift:{e}" for e in syntax_errors(p.parse(manifest.encode()))]
    with open(os.path.join(folder, "PlaintFFI.xcframework.zip"), "rb") as f:
        sha = hashlib.sha256(f.read()).hexdigest()
    m = re.search(r'\.binaryTarget\(\s*name: "PlaintFFI",\s*url: "(https://[^"]+\.zip)",\s*checksum: "([0-9a-f]{64})"\s*\)', manifest)
    if not m:
        problems.append(f"{folder}/Package.swift: no binaryTarget(name: \"PlaintFFI\", url:, checksum:)")
    elif m.group(2) != sha:
        problems.append(f"{folder}/Package.swift: checksum {m.group(2)} is not the zip's SHA-256 {sha}")
    src = os.path.join(package, "Sources/Plaint")
    for name in sorted(os.listdir(src)):
        with open(os.path.join(src, name), "rb") as a, open(os.path.join(folder, "Sources/Plaint", name), "rb") as b:
            if a.read() != b.read():
                problems.append(f"{folder}/Sources/Plaint/{name}: differs from the package's")
    return problems


def self_test(p):
    """The structural check must fail on the defects a broken package had."""
    with tempfile.TemporaryDirectory() as d:
        os.makedirs(os.path.join(d, "Sources/Plaint"))
        good = os.path.join(d, "Sources/Plaint/Good.swift")
        with open(good, "w") as f:
            f.write("public func ok() -> Int { 1 }\n")
        cases = {
            "Sources/Plaint/Plaint.swift": "../../../generated/swift/Plaint.swift",
            "Tests/Resources/vectors": "../../../../../../tests/vectors",
            "Tests/Resources/case.json": "{\"complaint\": ",
        }
        for rel, content in cases.items():
            os.makedirs(os.path.dirname(os.path.join(d, rel)), exist_ok=True)
            with open(os.path.join(d, rel), "w") as f:
                f.write(content)
        os.symlink(good, os.path.join(d, "Sources/Plaint/Link.swift"))
        problems, _ = structure(d, p)
        want = ["Sources/Plaint/Plaint.swift: its content is a path", "Tests/Resources/vectors: its content is a path",
                "Tests/Resources/case.json: not JSON", "Sources/Plaint/Link.swift: a symlink"]
        missing = [w for w in want if not any(w in x for x in problems)]
        extra = [x for x in problems if not any(w in x for w in want)]
        if missing or extra:
            print(f"swift-check self-test: FAILED; not reported: {missing}; reported wrongly: {extra}")
            return 1
        print(f"swift-check self-test: the structural check reports all {len(want)} planted defects and nothing else")
        return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("package", nargs="?")
    ap.add_argument("--release")
    ap.add_argument("--self-test", action="store_true")
    args = ap.parse_args()
    p = parser()
    if args.self_test:
        return self_test(p)
    package = args.package.rstrip("/")
    problems, trees = structure(package, p)
    more, checked = coverage(trees, package)
    problems += more
    if args.release:
        problems += release(args.release, package, p)
    for prob in problems:
        print(f"swift-check: {prob}")
    print(f"swift-check: {len(trees)} Swift files parse, {checked} API names used by the tests are declared"
          + (", the release folder is consistent" if args.release else "")
          if not problems else f"swift-check: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
