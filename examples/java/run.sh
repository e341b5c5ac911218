#!/usr/bin/env bash
# Compile and run examples/java/Main.java with javac and the plaint jar
# (tools/uniffi/jar.sh) and the dependencies of its pom, nothing else.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash tools/uniffi/setup.sh
JAR="$(bash tools/uniffi/jar.sh)"
DEPS="$(python3 tools/uniffi/pom_classpath.py "${JAR%.jar}.pom" "$ROOT")"
OUT="$ROOT/target/example-java"
rm -rf "$OUT" && mkdir -p "$OUT"
javac -encoding UTF-8 -d "$OUT" -cp "$JAR:$DEPS" examples/java/Main.java
java -cp "$OUT:$JAR:$DEPS" Main "$@"
