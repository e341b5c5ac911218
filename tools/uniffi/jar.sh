#!/usr/bin/env bash
# Builds the JVM jar of plaint for servers: the Kotlin bindings (JVM
# flavour, generated/kotlin-jvm, and kotlin/PlaintErrors.kt) compiled with
# kotlinc, and the native library of this machine as a JNA resource
# (linux-x86-64/libplaint_uniffi.so), so the jar loads it with no
# -Djna.library.path. Writes beside it the pom.xml of its Maven coordinates
# (org.plaint:plaint:VERSION) with its runtime dependencies, also kept in
# the jar under META-INF/maven/.
#
#   bash tools/uniffi/jar.sh [PROFILE] [OUT_DIR]   # PROFILE: dev (default; target/debug) or release
#
# Prints the path of the jar. Needs what tools/uniffi/setup.sh installs.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
cd "$ROOT"
PROFILE="${1:-dev}"
TARGET_DIR="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
OUT="${2:-$TARGET_DIR/jar}"
VERSION="$(cargo metadata --format-version 1 --no-deps | python3 -c 'import json,sys; print(next(p["version"] for p in json.load(sys.stdin)["packages"] if p["name"] == "plaint-uniffi"))')"
KOTLIN="$ROOT/.tools/kotlin/package"
KOTLIN_VERSION="$(cat "$ROOT/.tools/kotlin/VERSION")"
COROUTINES_VERSION="$(unzip -p "$KOTLIN/lib/kotlinx-coroutines-core-jvm.jar" META-INF/kotlinx_coroutines_core.version)"
JNA=/usr/share/java/jna.jar
JNA_VERSION="$(readlink -f "$JNA" | sed -E 's/.*jna-([0-9.]+)\.jar/\1/')"

case "$(uname -s)-$(uname -m)" in
    Linux-x86_64) PREFIX=linux-x86-64 ;;
    Linux-aarch64) PREFIX=linux-aarch64 ;;
    *) echo "jar.sh: no JNA resource prefix known for $(uname -s)-$(uname -m)" >&2; exit 1 ;;
esac

cargo build --quiet -p plaint-uniffi --profile "$PROFILE"
case "$PROFILE" in dev) DIR=debug ;; *) DIR="$PROFILE" ;; esac
LIB="$TARGET_DIR/$DIR/libplaint_uniffi.so"

# The compiled classes are reused while the sources and the compiler are unchanged.
SOURCES=(bindings/uniffi/generated/kotlin-jvm/org/plaint/plaint.kt bindings/uniffi/kotlin/org/plaint/PlaintErrors.kt)
KEY="$(cat "${SOURCES[@]}" "$ROOT/.tools/kotlin/VERSION" | sha256sum | cut -c1-16)"
mkdir -p "$OUT"
CLASSES="$OUT/classes-$KEY.jar"
if [ ! -f "$CLASSES" ]; then
    rm -f "$OUT"/classes-*.jar
    "$KOTLIN/bin/kotlinc" -nowarn "${SOURCES[@]}" \
        -classpath "$JNA:$KOTLIN/lib/kotlinx-coroutines-core-jvm.jar" -d "$CLASSES.tmp.jar"
    mv "$CLASSES.tmp.jar" "$CLASSES"
fi

POM="$OUT/plaint-$VERSION.pom"
cat >"$POM" <<POM
<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0"
         xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
         xsi:schemaLocation="http://maven.apache.org/POM/4.0.0 https://maven.apache.org/xsd/maven-4.0.0.xsd">
  <modelVersion>4.0.0</modelVersion>
  <groupId>org.plaint</groupId>
  <artifactId>plaint</artifactId>
  <version>$VERSION</version>
  <packaging>jar</packaging>
  <name>plaint</name>
  <description>Complaint-handling rules (classification, working-calendar deadlines, SLA states, escalation) for the JVM: Kotlin and Java API over the plaint Rust core, native library for $PREFIX included.</description>
  <licenses>
    <license><name>Apache-2.0</name></license>
  </licenses>
  <dependencies>
    <dependency>
      <groupId>net.java.dev.jna</groupId>
      <artifactId>jna</artifactId>
      <version>$JNA_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlin</groupId>
      <artifactId>kotlin-stdlib</artifactId>
      <version>$KOTLIN_VERSION</version>
    </dependency>
    <dependency>
      <groupId>org.jetbrains.kotlinx</groupId>
      <artifactId>kotlinx-coroutines-core-jvm</artifactId>
      <version>$COROUTINES_VERSION</version>
    </dependency>
  </dependencies>
</project>
POM

STAGE="$(mktemp -d)"
trap 'rm -rf "$STAGE"' EXIT
(cd "$STAGE" && unzip -q "$CLASSES" -x 'META-INF/MANIFEST.MF')
mkdir -p "$STAGE/$PREFIX" "$STAGE/META-INF/maven/org.plaint/plaint"
cp "$LIB" "$STAGE/$PREFIX/libplaint_uniffi.so"
cp "$POM" "$STAGE/META-INF/maven/org.plaint/plaint/pom.xml"
printf 'groupId=org.plaint\nartifactId=plaint\nversion=%s\n' "$VERSION" >"$STAGE/META-INF/maven/org.plaint/plaint/pom.properties"
JAR="$OUT/plaint-$VERSION.jar"
rm -f "$JAR"
jar --create --file "$JAR" -C "$STAGE" .
echo "$JAR"
