#!/usr/bin/env python3
"""The classpath of a pom's runtime dependencies, from this machine's jars.

The test programs of tools/uniffi/test.sh run with the plaint jar and exactly
the dependencies its pom.xml declares, so a dependency missing from the pom
fails them. Each coordinate maps to the jar that tools/uniffi/setup.sh
installed, and its version must be the one the pom names.

usage: pom_classpath.py POM ROOT   (prints the jars, ':'-separated)
"""

import os
import sys
import xml.etree.ElementTree as ET
import zipfile

NS = {"m": "http://maven.apache.org/POM/4.0.0"}


def local_jars(root):
    kotlin = os.path.join(root, ".tools/kotlin")
    with open(os.path.join(kotlin, "VERSION")) as f:
        kotlin_version = f.read().strip()
    coroutines = os.path.join(kotlin, "package/lib/kotlinx-coroutines-core-jvm.jar")
    with zipfile.ZipFile(coroutines) as z:
        coroutines_version = z.read("META-INF/kotlinx_coroutines_core.version").decode().strip()
    jna = os.path.realpath("/usr/share/java/jna.jar")
    jna_version = os.path.basename(jna)[len("jna-"):-len(".jar")]
    return {
        ("net.java.dev.jna", "jna"): (jna_version, jna),
        ("org.jetbrains.kotlin", "kotlin-stdlib"): (kotlin_version, os.path.join(kotlin, "package/lib/kotlin-stdlib.jar")),
        ("org.jetbrains.kotlinx", "kotlinx-coroutines-core-jvm"): (coroutines_version, coroutines),
    }


def main(pom, root):
    have = local_jars(root)
    out = []
    for dep in ET.parse(pom).getroot().findall("m:dependencies/m:dependency", NS):
        g, a, v = (dep.find(f"m:{k}", NS).text for k in ("groupId", "artifactId", "version"))
        scope = dep.find("m:scope", NS)
        if scope is not None and scope.text in ("test", "provided"):
            continue
        if (g, a) not in have:
            sys.exit(f"pom_classpath: no local jar for {g}:{a}")
        version, path = have[(g, a)]
        if version != v:
            sys.exit(f"pom_classpath: the pom asks {g}:{a}:{v}, this machine has {version}")
        out.append(path)
    print(":".join(out))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
