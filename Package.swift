// swift-tools-version:6.1
import PackageDescription

// MARK: - Settings shared by every target

/// Upcoming features set once for all targets (STYLE.md habit 9, after swift-log's Package.swift).
let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "motcua",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "motcua", targets: ["motcua"]),
        // For the separate Benchmarks package, which measures the libraries directly.
        .library(name: "MotcuaCore", targets: ["MotcuaCore"]),
        .library(name: "MotcuaIO", targets: ["MotcuaIO"]),
        .library(name: "MotcuaSampleGenerator", targets: ["MotcuaSampleGenerator"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
    ],
    targets: [
        // MARK: - C libraries from Debian (declarations only)
        .systemLibrary(
            name: "CSQLite", pkgConfig: "sqlite3",
            providers: [.apt(["libsqlite3-dev"])]),
        .systemLibrary(
            name: "CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        .systemLibrary(
            name: "CZlib", pkgConfig: "zlib",
            providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(
            name: "CCrypto", pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"])]),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter", providers: [.apt(["libxlsxwriter-dev"])]),
        .systemLibrary(
            name: "CLibXML2", pkgConfig: "libxml-2.0",
            providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(
            name: "CZip", pkgConfig: "libzip",
            providers: [.apt(["libzip-dev"])]),

        // MARK: - Compiler built-ins (a header, nothing to link)
        .systemLibrary(name: "CIntrinsics"),

        // MARK: - The domain, pure
        .target(name: "MotcuaCore"),

        // MARK: - Files, compression, SQLite
        .target(
            name: "MotcuaIO",
            dependencies: [
                "MotcuaCore", "CSQLite", "CZstd", "CZlib", "CCrypto", "CLibXML2", "CZip", "CXlsxWriter", "CIntrinsics",
                .product(name: "Yams", package: "Yams"),
            ]),

        // MARK: - Synthetic exports for tests, benchmarks and the sample (not in the product's IO)
        .target(name: "MotcuaSampleGenerator", dependencies: ["MotcuaCore", "MotcuaIO"]),

        // MARK: - Stages and the command tree
        .target(
            name: "MotcuaCommands",
            dependencies: [
                "MotcuaCore", "MotcuaIO", "MotcuaSampleGenerator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // MARK: - The executable
        .executableTarget(
            name: "motcua",
            dependencies: ["MotcuaCommands", .product(name: "ArgumentParser", package: "swift-argument-parser")]),

        // MARK: - Tests, one target per library target
        .testTarget(name: "MotcuaCoreTests", dependencies: ["MotcuaCore"]),
        .testTarget(
            name: "MotcuaIOTests", dependencies: ["MotcuaCore", "MotcuaIO", "MotcuaSampleGenerator"], exclude: ["MalformedCorpus"],
            resources: [.copy("Fixtures")]),
        .testTarget(
            name: "MotcuaSampleGeneratorTests", dependencies: ["MotcuaCore", "MotcuaIO", "MotcuaSampleGenerator"]),
        .testTarget(
            name: "MotcuaCommandsTests",
            dependencies: ["MotcuaCore", "MotcuaIO", "MotcuaCommands", "MotcuaSampleGenerator", "CSQLite"],
            resources: [.copy("Fixtures")]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + upcomingFeatures
}

/// Release builds drop Swift's run-time exclusivity checks on class properties: the CSV reader
/// and the ingest lanes touch theirs for every field, and `swift_beginAccess` with its
/// thread-local access set was 3% of ingest in perf. Debug builds, which the tests run, keep
/// them, as do the compile-time checks.
for target in package.targets where ["MotcuaCore", "MotcuaIO", "MotcuaSampleGenerator", "MotcuaCommands"].contains(target.name) {
    target.swiftSettings = (target.swiftSettings ?? []) + [
        .unsafeFlags(["-enforce-exclusivity=unchecked"], .when(configuration: .release))
    ]
}
