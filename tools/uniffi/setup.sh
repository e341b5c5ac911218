#!/usr/bin/env bash
# Installs, idempotently, what tools/uniffi/test.sh needs: kotlinc (npm
# package kotlin-compiler) in .tools/kotlin, JNA and a JDK from Debian, and a
# Python venv .venv-swift with tree-sitter and the Swift grammar.
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

# JNA and a JDK, from Debian.
if [ ! -f /usr/share/java/jna.jar ] || ! command -v java >/dev/null 2>&1; then
    echo "setup: apt-get install libjna-java default-jdk-headless"
    SUDO=""
    [ "$(id -u)" = 0 ] || SUDO="sudo"
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq libjna-java default-jdk-headless >/dev/null
fi

# tree-sitter and its Swift grammar, for the syntax check of the Swift sources.
bash "$ROOT/tools/setup-venv.sh" "$ROOT/.venv-swift" "$ROOT/tools/uniffi/requirements-swift.txt" >/dev/null
