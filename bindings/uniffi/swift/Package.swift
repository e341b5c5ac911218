// swift-tools-version:5.9
// The Swift package of plaint for iOS (and macOS): the generated bindings
// (Sources/Plaint/Plaint.swift, a link to ../generated/swift/Plaint.swift)
// over the Rust library packed as an XCFramework by
// ../scripts/build-xcframework.sh. See ../README.md.
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
        .testTarget(
            name: "PlaintTests",
            dependencies: ["Plaint"],
            path: "Tests/PlaintTests",
            resources: [.copy("Resources")]
        ),
    ]
)
