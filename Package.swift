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
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-extras.git", from: "1.35.0"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
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
        // Event logic, pure: merging mentions into events, alert rules, the event JSON (issue 12). The store, the
        // pipeline and the CLI call it; it reads no files of its own and knows no database.
        .target(name: "RegWatchEvents", dependencies: ["RegWatchCore"], swiftSettings: swiftSettings),
        // The store: SQLite through GRDB, nothing else (issue 4).
        .target(
            name: "RegWatchStore",
            dependencies: [
                "RegWatchCore", "RegWatchEvents",
                .product(name: "GRDB", package: "GRDB.swift"),
                // SQLite's C API, for the few reads that step a statement themselves (CountedEvents.swift).
                .product(name: "GRDBSQLite", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL engine of the store (issue 15): the same schema and queries for a team's shared database,
        // through PostgresNIO. Only this target knows PostgreSQL, as only RegWatchStore knows GRDB.
        .target(
            name: "RegWatchPostgres",
            dependencies: [
                "RegWatchCore", "RegWatchEvents", "RegWatchStore",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // Store copy reads and writes the SQLite side through GRDB, as RegWatchStore does.
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        // HTTP fetching lives outside RegWatchIngest so the parsers and their benchmarks build without NIO.
        .target(
            name: "RegWatchFetch",
            dependencies: [
                "RegWatchCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPCompression", package: "swift-nio-extras"),
            ],
            swiftSettings: swiftSettings
        ),
        // The feed list (Feeds/feeds.txt) and OPML: reading, checking and writing sources. Pure (no network, no
        // store), so the fuzz build compiles it as it is (Fuzz/FeedListFuzz.swift, Fuzz/OPMLFuzz.swift); Ingest only
        // checks the expressions of list pages.
        .target(name: "RegWatchFeedList", dependencies: ["RegWatchCore", "RegWatchIngest"], swiftSettings: swiftSettings),
        // Pull glue: scheduling, article identity, duplicate detection.
        .target(
            name: "RegWatchPipeline",
            dependencies: ["RegWatchCore", "RegWatchEvents", "RegWatchIngest", "RegWatchStore", "RegWatchFetch", "RegWatchExtract",
                           "RegWatchFeedList"],
            swiftSettings: swiftSettings
        ),
        // Trends, what to watch and the weekly digest: values in, text out (issue 7).
        // Resources: the word lists of "what to watch" merging (watch-words.txt) and its kinds of development
        // (watch-developments.txt).
        .target(name: "RegWatchReport", dependencies: ["RegWatchCore"], resources: [.copy("Resources")],
                swiftSettings: swiftSettings),
        .executableTarget(
            name: "regwatch",
            dependencies: [
                "RegWatchCore", "RegWatchEvents", "RegWatchIngest", "RegWatchExtract",
                "RegWatchStore", "RegWatchFetch", "RegWatchPipeline", "RegWatchReport", "RegWatchFeedList", "RegWatchPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "regwatch-bench",
            dependencies: [
                "RegWatchCore", "RegWatchEvents", "RegWatchIngest", "RegWatchExtract",
                "RegWatchStore", "RegWatchPostgres", "RegWatchFetch", "RegWatchPipeline", "RegWatchReport", "RegWatchFeedList",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            path: "Sources/regwatch-bench",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchIngestTests",
            dependencies: ["RegWatchIngest", "RegWatchCore", "RegWatchTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchExtractTests",
            dependencies: ["RegWatchExtract", "RegWatchIngest", "RegWatchPipeline", "RegWatchCore", "RegWatchTestSupport"],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "RegWatchTestSupport",
            dependencies: [
                "RegWatchCore",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/RegWatchTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchReportTests",
            dependencies: ["RegWatchReport", "RegWatchCore", "RegWatchIngest", "RegWatchTestSupport"],
            exclude: ["Fixtures", "Golden"],
            swiftSettings: swiftSettings
        ),
        // Merging, event queries, alerts and re-extraction (issue 6).
        .testTarget(
            name: "RegWatchEventsTests",
            dependencies: [
                "RegWatchEvents", "RegWatchPipeline", "RegWatchStore", "RegWatchExtract", "RegWatchCore", "RegWatchIngest",
                "RegWatchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
        // The PostgreSQL engine and the store conformance suite (issue 15); the tests that need a server skip without
        // REGWATCH_TEST_POSTGRES (scripts/postgres-test-server).
        .testTarget(
            name: "RegWatchPostgresTests",
            dependencies: [
                "RegWatchPostgres", "RegWatchStore", "RegWatchCore", "RegWatchTestSupport",
                .product(name: "PostgresNIO", package: "postgres-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchStoreTests",
            dependencies: ["RegWatchStore", "RegWatchCore", .product(name: "GRDB", package: "GRDB.swift")],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "RegWatchPullTests",
            dependencies: [
                "RegWatchPipeline", "RegWatchStore", "RegWatchFetch", "RegWatchCore", "RegWatchIngest", "RegWatchFeedList",
                "RegWatchTestSupport",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            swiftSettings: swiftSettings
        ),
    ]
)
