#!/usr/bin/env bash
# Regenerates the committed Kotlin and Swift sources of bindings/uniffi with
# the workspace's own uniffi-bindgen (crate plaint-uniffi-bindgen, the same
# uniffi version as the library).
#
#   bash tools/uniffi/bindings.sh           # into bindings/uniffi/generated/
#   bash tools/uniffi/bindings.sh OUT_DIR   # into OUT_DIR/{kotlin,swift} (the check of tools/uniffi/test.sh)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
CARGO="${CARGO:-cargo}"
OUT="${1:-$ROOT/bindings/uniffi/generated}"
TARGET_DIR="$("$CARGO" metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"

"$CARGO" build --quiet -p plaint-uniffi -p plaint-uniffi-bindgen
LIB="$TARGET_DIR/debug/libplaint_uniffi.so"
[ "$(uname)" = Darwin ] && LIB="$TARGET_DIR/debug/libplaint_uniffi.dylib"

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT
# uniffi-bindgen runs `cargo metadata` to find bindings/uniffi/uniffi.toml: run it from the workspace.
"$TARGET_DIR/debug/uniffi-bindgen" generate "$LIB" --language kotlin --out-dir "$TMP/kotlin" --no-format >/dev/null
"$TARGET_DIR/debug/uniffi-bindgen" generate "$LIB" --language swift --out-dir "$TMP/swift" --no-format >/dev/null

for lang in kotlin swift; do
    rm -rf "${OUT:?}/$lang"
    mkdir -p "$OUT/$lang"
    cp -R "$TMP/$lang/." "$OUT/$lang/"
done
echo "bindings: Kotlin and Swift sources in ${OUT#"$ROOT"/}"
