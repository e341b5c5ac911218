#!/usr/bin/env bash
# Builds PlaintFFI.xcframework for iOS (device and simulator) and macOS from
# the static library (profile `mobile`), with the generated C header and
# module map, into bindings/uniffi/swift/ where the development package
# (swift/Package.swift) expects it. With --release BASE_URL it also zips it
# and writes the release folder target/swift-release/ (tools/uniffi/swift_release.py):
# a Package.swift with binaryTarget(url: BASE_URL/PlaintFFI.xcframework.zip,
# checksum: the zip's SHA-256), the sources, and the zip to upload there.
#
# Needs macOS with Xcode, and once:
#   rustup target add aarch64-apple-ios aarch64-apple-ios-sim x86_64-apple-ios aarch64-apple-darwin x86_64-apple-darwin
# Then: cd bindings/uniffi/swift && swift test   (the XCTest tests)
# usage: build-xcframework.sh [--release BASE_URL]
# Not runnable on the project's Linux CI machines; see ../README.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)"
cd "$ROOT"
RELEASE_URL=""
if [ "${1:-}" = "--release" ]; then
    RELEASE_URL="${2:?--release needs the base URL the zip will be published at}"
fi
[ "$(uname)" = Darwin ] || { echo "build-xcframework.sh needs macOS with Xcode" >&2; exit 1; }

PROFILE=mobile
LIB=libplaint_uniffi.a
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
VERSION="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "plaint-uniffi"))')"
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
ls -l "$TARGET_DIR"/*-apple-*/"$PROFILE/$LIB"
echo "ios: $OUT"

if [ -n "$RELEASE_URL" ]; then
    ZIP="$WORK/PlaintFFI.xcframework.zip"
    (cd "$(dirname "$OUT")" && ditto -c -k --sequesterRsrc --keepParent PlaintFFI.xcframework "$ZIP")
    python3 tools/uniffi/swift_release.py --zip "$ZIP" --url "${RELEASE_URL%/}/PlaintFFI.xcframework.zip" \
        --version "$VERSION" --out "$TARGET_DIR/swift-release"
    # The checksum SwiftPM will compute must be the one written.
    [ "$(swift package compute-checksum "$TARGET_DIR/swift-release/PlaintFFI.xcframework.zip")" \
        = "$(shasum -a 256 "$ZIP" | cut -d' ' -f1)" ] || { echo "checksum mismatch" >&2; exit 1; }
fi
