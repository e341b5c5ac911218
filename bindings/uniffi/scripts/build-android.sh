#!/usr/bin/env bash
# Builds libplaint_uniffi.so for Android with cargo-ndk (profile `mobile`:
# opt-level z, stripped, panics unwind) for arm64-v8a, armeabi-v7a and
# x86_64, into the jniLibs of the Gradle library module:
#
#   bindings/uniffi/android/src/main/jniLibs/arm64-v8a/libplaint_uniffi.so
#   bindings/uniffi/android/src/main/jniLibs/armeabi-v7a/libplaint_uniffi.so
#   bindings/uniffi/android/src/main/jniLibs/x86_64/libplaint_uniffi.so
#
# Then `gradle assembleRelease` in bindings/uniffi/android builds the AAR.
# The libraries link with 16 KB page alignment (.cargo/config.toml); this
# script checks every LOAD segment with the NDK's llvm-readelf.
#
# Needs the Android NDK (ANDROID_NDK_HOME) and, installed once:
#   cargo install cargo-ndk --locked
#   rustup target add aarch64-linux-android armv7-linux-androideabi x86_64-linux-android
# usage: build-android.sh [JNILIBS_DIR]
# Not runnable on the project's Linux CI machines (no NDK): there,
# tools/uniffi/test.sh checks the Rust for aarch64-linux-android up to the link.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
OUT="${1:-$ROOT/bindings/uniffi/android/src/main/jniLibs}"
# The module's minSdk (java.time.Instant needs 26); see android/build.gradle.kts.
API="${ANDROID_API:-26}"

command -v cargo-ndk >/dev/null || { echo "cargo-ndk is missing: cargo install cargo-ndk --locked" >&2; exit 1; }
[ -n "${ANDROID_NDK_HOME:-}" ] || { echo "set ANDROID_NDK_HOME to the Android NDK" >&2; exit 1; }
# RUSTFLAGS would replace the per-target flags of .cargo/config.toml (the page size).
[ -z "${RUSTFLAGS:-}" ] || { echo "unset RUSTFLAGS: it would drop the 16 KB page alignment of .cargo/config.toml" >&2; exit 1; }

mkdir -p "$OUT"
cargo ndk --platform "$API" \
    -t arm64-v8a -t armeabi-v7a -t x86_64 \
    -o "$OUT" \
    build -p plaint-uniffi --profile mobile

READELF="$(find "$ANDROID_NDK_HOME/toolchains/llvm/prebuilt" -name llvm-readelf -type f | head -1)"
for abi in arm64-v8a x86_64; do
    so="$OUT/$abi/libplaint_uniffi.so"
    bad="$("$READELF" -lW "$so" | awk '$1 == "LOAD" && $NF != "0x4000" {print $NF}')"
    [ -z "$bad" ] || { echo "$so: LOAD segments aligned to $bad, not 16 KB" >&2; exit 1; }
done
find "$OUT" -name '*.so' -exec ls -l {} \;
echo "android: jniLibs in $OUT (16 KB aligned); now: cd bindings/uniffi/android && gradle assembleRelease"
