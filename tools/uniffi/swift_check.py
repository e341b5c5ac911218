#!/usr/bin/env python3
"""What can be checked of the Swift bindings without a Swift compiler.

1. Every Swift file given parses with tree-sitter's Swift grammar, without
   ERROR or MISSING nodes. uniffi's attribute-only blocks
   (`#if swift(>=5.8)` / `@_documentation(visibility: private)` / `#endif`)
   are a known limitation of the grammar: the `#if`/`#endif` lines are
   dropped from the checker's copy (line numbers are kept).
2. Every API the tests use exists in the generated sources: each member
   (`x.name`), free function called, type and enum case (`.Case`) the tests
   name is declared (not private) in the generated Swift, unless the test
   declares it itself or it is a Swift / Foundation / XCTest name listed
   below; and the argument labels of each call of a generated function match
   one of its declarations (in order, every parameter without a default
   given).

usage: swift_check.py --generated Plaint.swift [...] --tests T.swift [...] [--parse-only F.swift ...]
"""

import argparse
import re
import sys

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
    JSONSerialization jsonObject with data withJSONObject
    FileManager default contentsOfDirectory at includingPropertiesForKeys pathExtension lastPathComponent
    filter sorted map compactMap first contains isEmpty count joined separator append isEqual
    hasPrefix hasSuffix description
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
            names = [text(x) for x in c.children if x.type == "simple_identifier"]
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


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--generated", nargs="+", required=True)
    ap.add_argument("--tests", nargs="+", required=True)
    ap.add_argument("--parse-only", nargs="*", default=[])
    args = ap.parse_args()

    p = parser()
    trees, problems = {}, []
    for path in args.generated + args.tests + args.parse_only:
        with open(path, encoding="utf-8") as f:
            tree = p.parse(clean(f.read()).encode())
        trees[path] = tree
        errs = syntax_errors(tree)
        problems += [f"{path}:{e}" for e in errs]
        print(f"swift-check: {path}: {'parses' if not errs else f'{len(errs)} syntax errors'}")

    api, funcs = set(), {}
    for path in args.generated:
        names, fs = declarations(trees[path], include_private=False)
        api |= names
        for k, v in fs.items():
            funcs.setdefault(k, []).extend(v)

    checked = set()
    for path in args.tests:
        local, local_funcs = declarations(trees[path], include_private=True)
        for name, line, kind in uses(trees[path]):
            if name in PLATFORM or name in local or name.startswith("$") or name == "init":
                continue
            checked.add(name)
            if name not in api:
                problems.append(f"{path}:{line}: {kind} {name!r} is not in the generated Swift")
        for name, labels, trailing, line in calls(trees[path]):
            if name in local_funcs or name not in funcs:
                continue
            if not any(labels_match(labels, trailing, d) for d in funcs[name]):
                sigs = " | ".join(f"{name}(" + "".join(f"{lab}:" for lab, _ in d) + ")" for d in funcs[name])
                problems.append(f"{path}:{line}: {name}({''.join(f'{lab}:' for lab in labels)}) matches no declaration: {sigs}")

    for prob in problems:
        print(f"swift-check: {prob}")
    print(f"swift-check: {len(checked)} generated API names used by the tests, all declared"
          if not problems else f"swift-check: {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
