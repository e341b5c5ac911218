#!/usr/bin/env bash
# Installs, idempotently, what tools/uniffi/test.sh needs: kotlinc (npm
# package kotlin-compiler, which also ships kotlinx-coroutines-core-jvm 1.8.0,
# the coroutines of the suspend functions) in .tools/kotlin; JNA and a JDK
# from Debian; the Rust target aarch64-linux-android (checked up to the link
# step: linking needs the Android NDK); and a Python venv .venv-swift with
# tree-sitter and the Swift grammar.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
KOTLIN_VERSION=2.4.20

# kotlinc, from the npm registry (the package carries the compiler distribution).
KOTLIN_HOME="$ROOT/.tools/kotlin"
if [ ! -x "$KOTLIN_HOME/package/bin/kotlinc" ] || [ "$(cat "$KOTLIN_HOME/VERSION" 2>/dev/null)" != "$KOTLIN_VERSION" ]; then
    echo "setup: kotlinc $KOTLIN_VERSION (npm pack kotlin-compiler@$KOTLIN_VERSION)"
    rm -rf "$KOTLIN_HOME"
    mkdir -p "$KOTLIN_HOME"
    (cd "$KOTLIN_HOME" && npm pack --silent "kotlin-compiler@$KOTLIN_VERSION" >/dev/null && tar xzf kotlin-compiler-*.tgz && rm -f kotlin-compiler-*.tgz)
    chmod +x "$KOTLIN_HOME"/package/bin/*
    echo "$KOTLIN_VERSION" >"$KOTLIN_HOME/VERSION"
fi

# JNA and a JDK with javac, from Debian. (Debian's libkotlinx-coroutines-java
# is 1.0.1, older than the DelicateCoroutinesApi the generated code imports,
# so the coroutines come with the compiler above.)
if [ ! -f /usr/share/java/jna.jar ] || ! command -v javac >/dev/null 2>&1; then
    echo "setup: apt-get install libjna-java default-jdk-headless"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libjna-java default-jdk-headless >/dev/null
fi

# The Android targets' Rust: `cargo check` only (no NDK here to link).
for t in aarch64-linux-android; do
    rustup target list --installed | grep -cx "$t" >/dev/null || rustup target add "$t"
done

# tree-sitter and its Swift grammar, for the syntax check of the Swift sources.
bash "$ROOT/tools/setup-venv.sh" "$ROOT/.venv-swift" "$ROOT/tools/uniffi/requirements-swift.txt" >/dev/null
