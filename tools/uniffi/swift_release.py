#!/usr/bin/env python3
"""Writes the release folder of the Swift package: what an app adds by tag.

    OUT/Package.swift          binaryTarget(name: "PlaintFFI", url: URL, checksum: SHA-256 of the zip)
    OUT/Sources/Plaint/*.swift the package's sources (copies of bindings/uniffi/swift/Sources/Plaint)
    OUT/PlaintFFI.xcframework.zip  the XCFramework, to publish at URL

The checksum is what `swift package compute-checksum` prints: the SHA-256 of
the zip. build-xcframework.sh --release runs this on a Mac after building the
XCFramework; tools/uniffi/test.sh runs it here on a stand-in zip and checks the
folder (the checksum, and that Package.swift and the sources parse).

usage: swift_release.py --zip ZIP --url URL --version VERSION --out OUT
"""

import argparse
import hashlib
import os
import shutil

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
SOURCES = os.path.join(ROOT, "bindings/uniffi/swift/Sources/Plaint")

PACKAGE = """// swift-tools-version:5.9
// plaint {version}: the Swift package (module Plaint) over the Rust library
// PlaintFFI, an XCFramework for iOS, the iOS simulator and macOS. Written by
// bindings/uniffi/scripts/build-xcframework.sh --release; do not edit.
import PackageDescription

let package = Package(
    name: "Plaint",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Plaint", targets: ["Plaint"]),
    ],
    targets: [
        .binaryTarget(
            name: "PlaintFFI",
            url: "{url}",
            checksum: "{checksum}"
        ),
        .target(name: "Plaint", dependencies: ["PlaintFFI"], path: "Sources/Plaint"),
    ]
)
"""


def checksum(path):
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--zip", required=True)
    ap.add_argument("--url", required=True)
    ap.add_argument("--version", required=True)
    ap.add_argument("--out", required=True)
    a = ap.parse_args()
    if not a.url.startswith("https://") or not a.url.endswith(".zip"):
        raise SystemExit("swift_release: the URL must be https://... ending in .zip")
    if os.path.exists(a.out):
        shutil.rmtree(a.out)
    os.makedirs(os.path.join(a.out, "Sources"))
    shutil.copytree(SOURCES, os.path.join(a.out, "Sources/Plaint"))
    zip_out = os.path.join(a.out, "PlaintFFI.xcframework.zip")
    if os.path.abspath(a.zip) != os.path.abspath(zip_out):
        shutil.copyfile(a.zip, zip_out)
    sha = checksum(zip_out)
    with open(os.path.join(a.out, "Package.swift"), "w", encoding="utf-8") as f:
        f.write(PACKAGE.format(version=a.version, url=a.url, checksum=sha))
    print(f"swift_release: {a.out} (PlaintFFI.xcframework.zip sha256 {sha})")


if __name__ == "__main__":
    main()
