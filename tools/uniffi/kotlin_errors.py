#!/usr/bin/env python3
"""Give the Kotlin exceptions of plaint a readable message.

uniffi 0.32 writes every field of a rich error into the Kotlin exception's
`message` ("code=..., path=..., detail=..., problems=[...]"), and a field
named `message` does not compile (it clashes with Throwable.message). This
step replaces that getter of each PlaintException variant with
"<code>: <detail>", the message of the Swift errorDescription and of Rust's
Display. It fails when uniffi's output no longer has the expected shape, so a
uniffi upgrade cannot silently skip it.

usage: kotlin_errors.py FILE.kt
"""

import re
import sys

DUMP = 'get() = "code=${ `code` }, path=${ `path` }, detail=${ `detail` }, problems=${ `problems` }"'
READABLE = 'get() = "${ `code` }: ${ `detail` }"'
VARIANT = re.compile(r"\n    class (\w+)\(\n(?:.*\n){1,12}?        \) : PlaintException\(\) \{\n        override val message\n            " + re.escape(DUMP))


def main(path):
    text = open(path, encoding="utf-8").read()
    start = text.find("sealed class PlaintException: kotlin.Exception() {")
    end = text.find("companion object ErrorHandler", start)
    if start < 0 or end < 0:
        sys.exit(f"kotlin_errors: {path}: no sealed class PlaintException")
    body = text[start:end]
    variants = VARIANT.findall(body)
    if not variants or body.count(DUMP) != len(variants):
        sys.exit(f"kotlin_errors: {path}: PlaintException's message getters are not uniffi 0.32's; update this step")
    text = text[:start] + body.replace(DUMP, READABLE) + text[end:]
    open(path, "w", encoding="utf-8").write(text)
    print(f"kotlin_errors: {path}: readable message for {len(variants)} variants ({', '.join(variants)})")


if __name__ == "__main__":
    main(sys.argv[1])
