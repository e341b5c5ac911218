#!/usr/bin/env bash
# Compile and run examples/kotlin/Main.kt against the Kotlin bindings on the JVM.
# Needs what tools/uniffi/setup.sh installs (kotlinc, JNA, a JDK).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
bash tools/uniffi/setup.sh
cargo build --quiet -p plaint-uniffi -p plaint-uniffi-bindgen
KLIB="$ROOT/.tools/kotlin/package/lib"
KOTLINC="$ROOT/.tools/kotlin/package/bin/kotlinc"
JNA=/usr/share/java/jna.jar
OUT="$ROOT/target/uniffi-kotlin"
mkdir -p "$OUT"
"$KOTLINC" -nowarn bindings/uniffi/generated/kotlin/uniffi/plaint/plaint.kt examples/kotlin/Main.kt \
    -classpath "$JNA" -d "$OUT/example.jar"
java -Djna.library.path="$ROOT/target/debug" -cp "$OUT/example.jar:$JNA:$KLIB/kotlin-stdlib.jar" MainKt "$@"
