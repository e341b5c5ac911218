#!/usr/bin/env bash
# Builds PlaintFFI.xcframework for iOS (device and simulator) and macOS from
# the static library (profile `mobile`), with the generated C header and
# module map, into bindings/uniffi/swift/ where Package.swift expects it.
# The Swift sources (swift/Sources/Plaint/Plaint.swift) link to the
# committed generated/swift/Plaint.swift.
#
# Needs macOS with Xcode, and once:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin
# Then: cd bindings/uniffi/swift && swift test   (the XCTest tests, on macOS)
# Not runnable on the project's Linux CI machines; see ../README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
[ "$(uname)" = Darwin ] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 1; }

PROFILE=mobile
LIB=libplaint_uniffi.a
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
WORK="$TARGET_DIR/xcframework"
OUT="$ROOT/bindings/uniffi/swift/PlaintFFI.xcframework"

for t in aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin; do
    cargo build -p plaint-uniffi --profile "$PROFILE" --target "$t"
done

rm -rf "$WORK" "$OUT"
mkdir -p "$WORK/headers" "$WORK/ios-sim" "$WORK/macos"
cp bindings/uniffi/generated/swift/PlaintFFI.h "$WORK/headers/"
cp bindings/uniffi/generated/swift/PlaintFFI.modulemap "$WORK/headers/module.modulemap"

# One library per platform: the simulator and macOS slices are fat.
lipo -create "$TARGET_DIR/aarch64-apple-ios-sim/$PROFILE/$LIB" "$TARGET_DIR/x86_64-apple-ios/$PROFILE/$LIB" \
    -output "$WORK/ios-sim/$LIB"
lipo -create "$TARGET_DIR/aarch64-apple-darwin/$PROFILE/$LIB" "$TARGET_DIR/x86_64-apple-darwin/$PROFILE/$LIB" \
    -output "$WORK/macos/$LIB"

xcodebuild -create-xcframework \
    -library "$TARGET_DIR/aarch64-apple-ios/$PROFILE/$LIB" -headers "$WORK/headers" \
    -library "$WORK/ios-sim/$LIB" -headers "$WORK/headers" \
    -library "$WORK/macos/$LIB" -headers "$WORK/headers" \
    -output "$OUT"
echo "ios: $OUT"
