// swift-tools-version:6.1
// The listening-data platform: six independent services and the libraries they share.
// Layout: Services/<name>/ holds one executable each, Shared/<Library>/ the shared code,
// Shared/CInterop/<CLib>/ the system-library shims (the only place C headers are seen).
import PackageDescription

let package = Package(
    name: "listening-platform",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "ingest-service", targets: ["IngestService"]),
        .executable(name: "lake-writer", targets: ["LakeWriter"]),
        .executable(name: "warehouse-loader", targets: ["WarehouseLoader"]),
        .executable(name: "recommender-api", targets: ["RecommenderAPI"]),
        .executable(name: "poller", targets: ["Poller"]),
        .executable(name: "dashboard", targets: ["Dashboard"]),
        .executable(name: "platform-bench", targets: ["PlatformBench"]),
        .library(name: "EventSchema", targets: ["EventSchema"]),
        .library(name: "Parquet", targets: ["Parquet"]),
    ],
    // Pinned to exact versions: these are deployable executables, and the image (deploy/Dockerfile)
    // must build the same code on every machine. Package.resolved is not committed (it records the
    // commit ids of the copy a machine resolved from); README, "Moving the dependencies forward".
    dependencies: [
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", exact: "2.28.1"),
        .package(url: "https://github.com/apple/swift-log.git", exact: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", exact: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", exact: "2.4.1"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", exact: "2.13.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", exact: "1.8.2"),
        .package(url: "https://github.com/apple/swift-nio.git", exact: "2.101.3"),
    ],
    targets: [
        // MARK: C interop (system libraries from Debian's -dev packages; librdkafka >= 2.2, see deploy/stack)
        .systemLibrary(name: "CRdKafka", path: "Shared/CInterop/CRdKafka", pkgConfig: "rdkafka"),
        .systemLibrary(name: "CLibPQ", path: "Shared/CInterop/CLibPQ", pkgConfig: "libpq"),
        .systemLibrary(name: "CHiredis", path: "Shared/CInterop/CHiredis"),
        .systemLibrary(name: "CCurl", path: "Shared/CInterop/CCurl", pkgConfig: "libcurl"),
        .systemLibrary(name: "CSnappy", path: "Shared/CInterop/CSnappy", pkgConfig: "snappy"),
        .systemLibrary(name: "CZstd", path: "Shared/CInterop/CZstd", pkgConfig: "libzstd"),
        .systemLibrary(name: "CZlib", path: "Shared/CInterop/CZlib", pkgConfig: "zlib"),

        // MARK: Shared libraries
        // Days and civil dates (Hinnant's algorithms): the one calendar of timestamps, lake folders and PostgreSQL text.
        .target(name: "CivilTime", path: "Shared/CivilTime"),
        .target(name: "EventSchema", dependencies: ["CivilTime"], path: "Shared/EventSchema"),
        // Simulated listening (catalogue, listeners, sessions, defects), for `ingest-service simulate`,
        // `/v1/simulate`, the benchmarks and the tests.
        .target(name: "ListeningSimulation", dependencies: ["EventSchema", "CivilTime"], path: "Shared/ListeningSimulation"),
        // The doubling pause of every "until it works" loop (no dependencies).
        .target(name: "Retry", path: "Shared/Retry"),
        .target(name: "Parquet", dependencies: ["CSnappy", "CZstd", "CZlib"], path: "Shared/Parquet"),
        .target(
            name: "Kafka",
            dependencies: ["CRdKafka", "Retry", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Kafka"
        ),
        .target(
            name: "Postgres",
            dependencies: ["CLibPQ", "CivilTime", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Postgres"
        ),
        .target(
            name: "Redis",
            dependencies: ["CHiredis", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Redis"
        ),
        .target(
            name: "HTTPClient",
            dependencies: ["CCurl", .product(name: "Logging", package: "swift-log")],
            path: "Shared/HTTPClient"
        ),
        // POST /v1/events as both sides see it: the reply (IngestOutcome) and the NDJSON client.
        .target(
            name: "IngestAPI",
            dependencies: ["HTTPClient", .product(name: "Logging", package: "swift-log")],
            path: "Shared/IngestAPI"
        ),
        .target(
            name: "Lake",
            dependencies: ["HTTPClient", "Parquet", "CivilTime", "EventSchema", .product(name: "Logging", package: "swift-log")],
            path: "Shared/Lake"
        ),
        .target(
            name: "ServiceRuntime",
            dependencies: [
                "HTTPClient", "Retry",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Shared/ServiceRuntime"
        ),

        // MARK: Services (one executable each)
        .executableTarget(
            name: "IngestService",
            dependencies: [
                "ServiceRuntime", "EventSchema", "Kafka", "HTTPClient", "IngestAPI", "ListeningSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/ingest-service"
        ),
        .executableTarget(
            name: "LakeWriter",
            dependencies: [
                "ServiceRuntime", "EventSchema", "Kafka", "Parquet", "HTTPClient", "Lake", "Retry",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/lake-writer"
        ),
        .executableTarget(
            name: "WarehouseLoader",
            dependencies: [
                "ServiceRuntime", "Postgres", "Parquet", "HTTPClient", "Lake", "Retry",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/warehouse-loader"
        ),
        .executableTarget(
            name: "RecommenderAPI",
            dependencies: [
                "ServiceRuntime", "EventSchema", "Postgres", "Redis", "Kafka", "Retry",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/recommender-api"
        ),
        .executableTarget(
            name: "Poller",
            dependencies: [
                "ServiceRuntime", "EventSchema", "HTTPClient", "IngestAPI", "Postgres",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Services/poller"
        ),
        .executableTarget(
            name: "Dashboard",
            dependencies: ["ServiceRuntime", "EventSchema", "Postgres", "HTTPClient"],
            path: "Services/dashboard"
        ),

        // MARK: Benchmarks (a command anyone can run: `swift run -c release platform-bench --help`)
        .executableTarget(
            name: "PlatformBench",
            dependencies: [
                "EventSchema", "Parquet", "Kafka", "Postgres", "HTTPClient", "Lake", "TestSupport", "ListeningSimulation",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            path: "Tests/PlatformBench"
        ),

        // MARK: Test support (the test targets themselves are listed after the package, below)
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        // A faithful fake of Spotify's accounts service and Web API (with fault injection) for the poller's tests.
        .target(
            name: "FakeSpotify",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            path: "Tests/FakeSpotify"
        ),
    ],
    swiftLanguageModes: [.v6]
)

// MARK: Tests
// `Tests/<Module>Tests`: unit tests, which need nothing running (`swift test` on a plain checkout).
// `Tests/<Module>IntegrationTests`: suites marked `.integration`, which need the servers and tools
// of `deploy/stack`. Without the stack's variables they are skipped; `deploy/stack test` runs them
// in phases chosen by target (deploy/lib/commands.sh) and fails a phase that skipped any. A helper
// both kinds use is one file in the unit folder, linked into the integration folder.

/// A module's test targets, `kinds` of them, with the same dependencies.
func tests(_ module: String, _ kinds: Set<TestKind>, _ dependencies: [Target.Dependency]) -> [Target] {
    TestKind.allCases.filter(kinds.contains).map { kind in
        .testTarget(name: module + kind.rawValue, dependencies: dependencies, path: "Tests/\(module)\(kind.rawValue)")
    }
}

enum TestKind: String, CaseIterable { case unit = "Tests", integration = "IntegrationTests" }

let hummingbirdTesting = Target.Dependency.product(name: "HummingbirdTesting", package: "hummingbird")

package.targets += [
    tests("EventSchema", [.unit], ["EventSchema"]),
    tests("Retry", [.unit], ["Retry"]),
    tests("CivilTime", [.unit], ["CivilTime"]),
    tests("ListeningSimulation", [.unit], ["ListeningSimulation", "EventSchema"]),
    tests("Parquet", [.unit, .integration], ["Parquet", "TestSupport", "ListeningSimulation"]),
    tests("Kafka", [.unit, .integration], ["Kafka", "TestSupport"]),
    tests("Postgres", [.integration], ["Postgres", "TestSupport"]),
    tests("Redis", [.integration], ["Redis", "TestSupport"]),
    tests("HTTPClient", [.integration], ["HTTPClient", "TestSupport"]),
    tests("IngestAPI", [.unit], ["IngestAPI", "HTTPClient", hummingbirdTesting,
        .product(name: "Hummingbird", package: "hummingbird"), .product(name: "ServiceLifecycle", package: "swift-service-lifecycle")]),
    tests("Lake", [.unit], ["Lake", "EventSchema", "Parquet", "TestSupport", .product(name: "Logging", package: "swift-log")]),
    tests("ServiceRuntime", [.unit], ["ServiceRuntime", hummingbirdTesting]),
    tests("IngestService", [.unit, .integration], ["IngestService", "IngestAPI", "TestSupport", "Kafka", "EventSchema", hummingbirdTesting]),
    tests("LakeWriter", [.unit, .integration], ["LakeWriter", "Lake", "Kafka", "EventSchema", "Parquet", "TestSupport", hummingbirdTesting]),
    tests("WarehouseLoader", [.unit, .integration], ["WarehouseLoader", "TestSupport", "Parquet", "Postgres", "Lake", hummingbirdTesting]),
    tests("RecommenderAPI", [.unit, .integration], ["RecommenderAPI", "TestSupport", "Postgres", "Redis", "Kafka", "HTTPClient", hummingbirdTesting]),
    tests("Dashboard", [.unit, .integration], ["Dashboard", "Postgres", "HTTPClient", "TestSupport", hummingbirdTesting]),
    tests("Poller", [.unit, .integration], [
        "Poller", "FakeSpotify", "TestSupport", "Kafka", "EventSchema", "HTTPClient", "ServiceRuntime", hummingbirdTesting,
        .product(name: "NIOCore", package: "swift-nio"),
        .product(name: "NIOPosix", package: "swift-nio"),
        .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
    ]),
    // Every service's executable as an operator meets it (configuration errors, SIGTERM, /ready).
    tests("Services", [.integration], [
        "IngestService", "LakeWriter", "WarehouseLoader", "RecommenderAPI", "Poller", "Dashboard", "TestSupport", hummingbirdTesting,
    ]),
].flatMap { $0 }
