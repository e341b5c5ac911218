#!/usr/bin/env bash
# Regenerates the committed Kotlin and Swift sources of bindings/uniffi with
# the workspace's own uniffi-bindgen (crate plaint-uniffi-bindgen, the same
# uniffi version as the library):
#
#   generated/kotlin/org/plaint/plaint.kt      Android flavour (uniffi.toml: android = true)
#   generated/kotlin-jvm/org/plaint/plaint.kt  JVM flavour (tools/uniffi/jvm.toml: android = false)
#   generated/swift/PlaintFFI.h, PlaintFFI.modulemap   the C module of the XCFramework
#   swift/Sources/Plaint/Plaint.swift          the Swift package's generated source
#
# Both Kotlin files then get readable exception messages (tools/uniffi/kotlin_errors.py).
#
#   bash tools/uniffi/bindings.sh           # into bindings/uniffi/
#   bash tools/uniffi/bindings.sh OUT_DIR   # into OUT_DIR/{generated,swift/...} (the check of tools/uniffi/test.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CARGO="${CARGO:-cargo}"
OUT="${1:-$ROOT/bindings/uniffi}"
TARGET_DIR="$("$CARGO" metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

"$CARGO" build --quiet -p plaint-uniffi -p plaint-uniffi-bindgen
LIB="$TARGET_DIR/debug/libplaint_uniffi.so"
[ "$(uname)" = Darwin ] && LIB="$TARGET_DIR/debug/libplaint_uniffi.dylib"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# uniffi-bindgen runs `cargo metadata` to find bindings/uniffi/uniffi.toml: run it from the workspace.
BINDGEN="$TARGET_DIR/debug/uniffi-bindgen"
"$BINDGEN" generate "$LIB" --language kotlin --out-dir "$TMP/kotlin" --no-format >/dev/null
"$BINDGEN" generate "$LIB" --language kotlin --config tools/uniffi/jvm.toml --out-dir "$TMP/kotlin-jvm" --no-format >/dev/null
"$BINDGEN" generate "$LIB" --language swift --out-dir "$TMP/swift" --no-format >/dev/null
for flavour in kotlin kotlin-jvm; do
    python3 tools/uniffi/kotlin_errors.py "$TMP/$flavour/org/plaint/plaint.kt" >/dev/null
done

GEN="$OUT/generated"
rm -rf "${GEN:?}/kotlin" "$GEN/kotlin-jvm" "$GEN/swift"
mkdir -p "$GEN/swift" "$OUT/swift/Sources/Plaint"
cp -R "$TMP/kotlin" "$TMP/kotlin-jvm" "$GEN/"
cp "$TMP/swift/PlaintFFI.h" "$TMP/swift/PlaintFFI.modulemap" "$GEN/swift/"
cp "$TMP/swift/Plaint.swift" "$OUT/swift/Sources/Plaint/Plaint.swift"
echo "bindings: Kotlin and Swift sources in ${OUT#"$ROOT"/}"
