// swift-tools-version: 6.0
import PackageDescription

// Swift 6 language mode everywhere, plus two upcoming features (as Hummingbird does):
// ExistentialAny: https://github.com/swiftlang/swift-evolution/blob/main/proposals/0335-existential-any.md
// MemberImportVisibility: https://github.com/swiftlang/swift-evolution/blob/main/proposals/0444-member-import-visibility.md
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "RegWatch",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "regwatch", targets: ["regwatch"]),
        .executable(name: "regwatch-bench", targets: ["regwatch-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        .systemLibrary(
            name: "CLibXML2",
            pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]
        ),
        .target(name: "RegWatchCore", swiftSettings: swiftSettings),
        .target(
            name: "RegWatchIngest",
            dependencies: ["RegWatchCore", "CLibXML2"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RegWatchExtract",
            dependencies: ["RegWatchCore"],
            resources: [.copy("Resources")],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "regwatch",
            dependencies: [
                "RegWatchCore", "RegWatchIngest", "RegWatchExtract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "regwatch-bench",
            dependencies: [
                "RegWatchCore", "RegWatchIngest", "RegWatchExtract",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Sources/regwatch-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchIngestTests",
            dependencies: ["RegWatchIngest", "RegWatchCore"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchExtractTests",
            dependencies: ["RegWatchExtract", "RegWatchIngest", "RegWatchCore"],
            swiftSettings: swiftSettings
        ),
    ]
)
