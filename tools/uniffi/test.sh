#!/usr/bin/env bash
# The tests of the Kotlin, Java and Swift bindings (bindings/uniffi), from a
# clean machine: installs what it needs (tools/uniffi/setup.sh, idempotent), then
#   1. regenerates the Kotlin and Swift sources and fails when they differ
#      from the committed ones (run tools/uniffi/bindings.sh to update them);
#   2. checks the Swift package without a Swift compiler (tools/uniffi/swift_check.py:
#      every committed file is what it claims, the Swift parses, the tests'
#      API exists; the release folder's Package.swift and checksum), and that
#      the check fails on a path string;
#   3. checks the Rust for Android (aarch64-linux-android) up to the link
#      step, and the 16 KB page-size flags of every Android target;
#   4. builds the jar (tools/uniffi/jar.sh: the native library inside, a pom)
#      and runs the Kotlin tests (typed API and suspend variants; every
#      conformance vector through the JSON API and the typed API), the Kotlin
#      example and the Java example (javac), each with only the jar and its
#      pom's dependencies on the classpath and no jna.library.path.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
UNIFFI="bindings/uniffi"
START=$SECONDS

bash tools/uniffi/setup.sh

TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
WORK="$TARGET_DIR/uniffi-test"
mkdir -p "$WORK"

# 1. Regeneration (builds the cdylib and the workspace's uniffi-bindgen).
echo "== uniffi: regenerate the Kotlin and Swift sources and compare"
rm -rf "$WORK/out"
bash tools/uniffi/bindings.sh "$WORK/out" >/dev/null
stale=0
diff -ru "$UNIFFI/generated" "$WORK/out/generated" || stale=1
diff -u "$UNIFFI/swift/Sources/Plaint/Plaint.swift" "$WORK/out/swift/Sources/Plaint/Plaint.swift" || stale=1
if [ "$stale" = 1 ]; then
    echo "uniffi: the committed bindings differ from what uniffi-bindgen generates; run: make bindings" >&2
    exit 1
fi
echo "uniffi: committed Kotlin and Swift sources are up to date"

# 2. Swift, without a compiler.
echo "== uniffi: Swift package checks (tree-sitter-swift)"
.venv-swift/bin/python tools/uniffi/swift_check.py --self-test
rm -rf "$WORK/swift-release"
mkdir -p "$WORK/swift-release-input"
# A stand-in for the XCFramework zip (built on a Mac): the release step's checksum and files are what is checked here.
printf 'stand-in for PlaintFFI.xcframework.zip\n' >"$WORK/swift-release-input/PlaintFFI.xcframework.zip"
python3 tools/uniffi/swift_release.py --zip "$WORK/swift-release-input/PlaintFFI.xcframework.zip" \
    --url "https://example.invalid/plaint/releases/download/0.1.0/PlaintFFI.xcframework.zip" \
    --version 0.1.0 --out "$WORK/swift-release" >/dev/null
.venv-swift/bin/python tools/uniffi/swift_check.py "$UNIFFI/swift" --release "$WORK/swift-release" | grep -v ': parses$'

# 3. Android: the Rust up to the link step (linking needs the NDK), and the page-size flags.
echo "== uniffi: cargo check --target aarch64-linux-android -p plaint-uniffi"
cargo check --quiet --target aarch64-linux-android -p plaint-uniffi
python3 - <<'PY'
import tomllib
cfg = tomllib.load(open(".cargo/config.toml", "rb"))
for t in ("aarch64-linux-android", "x86_64-linux-android", "armv7-linux-androideabi"):
    flags = cfg["target"][t]["rustflags"]
    assert flags == ["-C", "link-arg=-Wl,-z,max-page-size=16384"], (t, flags)
print("uniffi: aarch64-linux-android compiles; every Android target links with -z max-page-size=16384")
PY

# 4. The jar, the Kotlin tests and the two example programs.
echo "== uniffi: jar, Kotlin tests, Kotlin and Java examples"
KOTLIN="$ROOT/.tools/kotlin/package"
JAR="$(bash tools/uniffi/jar.sh dev "$WORK/jar")"
POM="${JAR%.jar}.pom"
DEPS="$(python3 tools/uniffi/pom_classpath.py "$POM" "$ROOT")"
# grep reads the whole listing (no -q): an early exit would kill unzip with
# SIGPIPE, which pipefail reports as a failure.
unzip -l "$JAR" | grep -c ' linux-x86-64/libplaint_uniffi.so$' >/dev/null || { echo "uniffi: the jar has no native library" >&2; exit 1; }
# Tests and the Kotlin example in one compile, reused while nothing they read changed.
TESTS_KT=("$UNIFFI/tests/kotlin/PlaintTest.kt" examples/kotlin/Main.kt)
# (Keyed on the compiled bindings, not the jar: a rebuilt native library needs no recompile.)
KEY="$(cat "${TESTS_KT[@]}" "$WORK"/jar/classes-*.jar "$ROOT/.tools/kotlin/VERSION" | sha256sum | cut -c1-16)"
TESTS_JAR="$WORK/tests-$KEY.jar"
if [ ! -f "$TESTS_JAR" ]; then
    rm -f "$WORK"/tests-*.jar
    "$KOTLIN/bin/kotlinc" "${TESTS_KT[@]}" -classpath "$JAR:$DEPS:$KOTLIN/lib/kotlin-test.jar" -d "$TESTS_JAR.tmp.jar"
    mv "$TESTS_JAR.tmp.jar" "$TESTS_JAR"
fi
# No jna.library.path anywhere, and no plaint library on the loader's path: the jar's copy is the one loaded.
env -u LD_LIBRARY_PATH java -cp "$TESTS_JAR:$JAR:$DEPS:$KOTLIN/lib/kotlin-test.jar" PlaintTestKt "$ROOT"
echo "-- examples/kotlin/Main.kt"
env -u LD_LIBRARY_PATH java -cp "$TESTS_JAR:$JAR:$DEPS" example.MainKt >"$WORK/example-kotlin.out"
cat "$WORK/example-kotlin.out"
grep -q '^PM-2026-0917: major, state in progress$' "$WORK/example-kotlin.out"
grep -q '^handling: undetermined (calendar_range_exceeded)$' "$WORK/example-kotlin.out"
grep -q '^handling: pending, due 2027-02-01T18:00+08:00 (provisional)$' "$WORK/example-kotlin.out"
grep -q '^  warning projected_data: ' "$WORK/example-kotlin.out"
echo "-- examples/java/Main.java (javac)"
rm -rf "$WORK/java" && mkdir -p "$WORK/java"
javac -encoding UTF-8 -d "$WORK/java" -cp "$JAR:$DEPS" examples/java/Main.java
env -u LD_LIBRARY_PATH java -cp "$WORK/java:$JAR:$DEPS" Main >"$WORK/example-java.out"
cat "$WORK/example-java.out"
grep -q '^PM-2026-0917: major, state in_progress$' "$WORK/example-java.out"
grep -q '^error negative_amount at /amount: negative_amount: ' "$WORK/example-java.out"
grep -q '^handling: pending, provisional true$' "$WORK/example-java.out"
grep -q '^  warning calendar_data_ending: ' "$WORK/example-java.out"
echo "uniffi: all checks passed ($((SECONDS - START)) s)"
