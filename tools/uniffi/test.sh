#!/usr/bin/env bash
# The tests of the Kotlin and Swift bindings (bindings/uniffi), from a clean
# machine: installs what it needs (tools/uniffi/setup.sh, idempotent), then
#   1. regenerates the Kotlin and Swift sources and fails when they differ
#      from the committed ones (run tools/uniffi/bindings.sh to update them);
#   2. compiles the Kotlin bindings and tests with kotlinc and runs them on
#      the JVM (API, errors, TIME.md examples, every conformance vector);
#   3. checks the generated Swift, the Swift tests and Package.swift parse
#      with tree-sitter's Swift grammar, and that every API the Swift tests
#      call exists in the generated Swift (no Swift compiler runs here).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
UNIFFI="bindings/uniffi"

bash tools/uniffi/setup.sh

TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
WORK="$TARGET_DIR/uniffi-test"
mkdir -p "$WORK"

# 1. Regeneration (builds the cdylib and the workspace's uniffi-bindgen).
echo "== uniffi: regenerate the Kotlin and Swift sources and compare"
rm -rf "$WORK/generated"
bash tools/uniffi/bindings.sh "$WORK/generated" >/dev/null
if ! diff -ru "$UNIFFI/generated" "$WORK/generated"; then
    echo "uniffi: the committed bindings differ from what uniffi-bindgen generates; run: bash tools/uniffi/bindings.sh" >&2
    exit 1
fi
echo "uniffi: committed Kotlin and Swift sources are up to date"

# 2. Kotlin on the JVM.
echo "== uniffi: Kotlin tests"
KOTLIN="$ROOT/.tools/kotlin/package"
KOTLINC="$KOTLIN/bin/kotlinc"
JNA=/usr/share/java/jna.jar
BINDINGS_KT="$UNIFFI/generated/kotlin/uniffi/plaint/plaint.kt"
TESTS_KT="$UNIFFI/tests/kotlin/PlaintTest.kt"
# Compiled jars are reused while their sources and the compiler are unchanged.
key() { cat "$@" "$ROOT/.tools/kotlin/VERSION" | sha256sum | cut -c1-16; }
BINDINGS_JAR="$WORK/plaint-$(key "$BINDINGS_KT").jar"
if [ ! -f "$BINDINGS_JAR" ]; then
    rm -f "$WORK"/plaint-*.jar
    "$KOTLINC" -nowarn "$BINDINGS_KT" -classpath "$JNA" -d "$BINDINGS_JAR.tmp.jar"
    mv "$BINDINGS_JAR.tmp.jar" "$BINDINGS_JAR"
fi
TESTS_JAR="$WORK/tests-$(key "$BINDINGS_KT" "$TESTS_KT").jar"
if [ ! -f "$TESTS_JAR" ]; then
    rm -f "$WORK"/tests-*.jar
    "$KOTLINC" "$TESTS_KT" -classpath "$BINDINGS_JAR:$JNA:$KOTLIN/lib/kotlin-test.jar" -d "$TESTS_JAR.tmp.jar"
    mv "$TESTS_JAR.tmp.jar" "$TESTS_JAR"
fi
java -Djna.library.path="$TARGET_DIR/debug" \
    -cp "$TESTS_JAR:$BINDINGS_JAR:$JNA:$KOTLIN/lib/kotlin-stdlib.jar:$KOTLIN/lib/kotlin-test.jar" \
    PlaintTestKt "$ROOT"

# 3. Swift: syntax, and the API the tests use.
echo "== uniffi: Swift checks (tree-sitter-swift)"
.venv-swift/bin/python tools/uniffi/swift_check.py \
    --generated "$UNIFFI/generated/swift/Plaint.swift" \
    --tests "$UNIFFI"/swift/Tests/PlaintTests/*.swift \
    --parse-only "$UNIFFI/swift/Package.swift"
echo "uniffi: all checks passed"
