// swift-tools-version:5.9
// The Swift package of plaint for development on a Mac: the sources of
// Sources/Plaint (the generated Plaint.swift and PlaintError+Message.swift)
// over the Rust library packed by ../scripts/build-xcframework.sh into
// PlaintFFI.xcframework beside this file. `swift test` runs the XCTest tests.
//
// Apps do not add this package: they add the release package that
// `build-xcframework.sh --release URL` writes (target/swift-release/), whose
// Package.swift names the published XCFramework zip by URL and checksum.
// See ../README.md.
import PackageDescription

let package = Package(
    name: "Plaint",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "Plaint", targets: ["Plaint"]),
    ],
    targets: [
        // libplaint_uniffi.a for each platform, with PlaintFFI.h and its module map.
        .binaryTarget(name: "PlaintFFI", path: "PlaintFFI.xcframework"),
        .target(name: "Plaint", dependencies: ["PlaintFFI"], path: "Sources/Plaint"),
        .testTarget(name: "PlaintTests", dependencies: ["Plaint"], path: "Tests/PlaintTests"),
    ]
)
