#!/usr/bin/env bash
# Builds libplaint_uniffi.so for Android with cargo-ndk (profile `mobile`:
# opt-level z, stripped, panics unwind) into the jniLibs layout of an Android
# module, and copies the generated Kotlin sources beside it:
#
#   OUT/jniLibs/arm64-v8a/libplaint_uniffi.so
#   OUT/jniLibs/armeabi-v7a/libplaint_uniffi.so
#   OUT/jniLibs/x86_64/libplaint_uniffi.so
#   OUT/kotlin/uniffi/plaint/plaint.kt
#
# Needs the Android NDK (ANDROID_NDK_HOME) and, installed once:
#   cargo install cargo-ndk --locked
#   rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
# usage: build-android.sh [OUT]   (default: target/android)
# Not runnable on the project's Linux CI machines (no NDK); see ../README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
OUT="${1:-$ROOT/target/android}"
API="${ANDROID_API:-24}"

command -v cargo-ndk >/dev/null || { echo "cargo-ndk is missing: cargo install cargo-ndk --locked" >&2; exit 1; }
[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "set ANDROID_NDK_HOME to the Android NDK" >&2; exit 1; }

mkdir -p "$OUT/jniLibs"
cargo ndk --platform "$API" \
    -t arm64-v8a -t armeabi-v7a -t x86_64 \
    -o "$OUT/jniLibs" \
    build -p plaint-uniffi --profile mobile

# The Kotlin sources are the committed ones (tools/uniffi/bindings.sh keeps them current).
rm -rf "$OUT/kotlin"
mkdir -p "$OUT/kotlin"
cp -R bindings/uniffi/generated/kotlin/. "$OUT/kotlin/"
find "$OUT/jniLibs" -name '*.so' -exec ls -l {} \;
echo "android: jniLibs and Kotlin sources in $OUT"
