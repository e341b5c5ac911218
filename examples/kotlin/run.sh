#!/usr/bin/env bash
# Compile and run examples/kotlin/Main.kt with the plaint jar (tools/uniffi/jar.sh)
# and the dependencies of its pom. Needs what tools/uniffi/setup.sh installs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash tools/uniffi/setup.sh
JAR="$(bash tools/uniffi/jar.sh)"
DEPS="$(python3 tools/uniffi/pom_classpath.py "${JAR%.jar}.pom" "$ROOT")"
OUT="$ROOT/target/example-kotlin"
mkdir -p "$OUT"
"$ROOT/.tools/kotlin/package/bin/kotlinc" examples/kotlin/Main.kt -classpath "$JAR:$DEPS" -d "$OUT/example.jar"
java -cp "$OUT/example.jar:$JAR:$DEPS" example.MainKt "$@"
