// swift-tools-version:6.1
import PackageDescription

// The libFuzzer harnesses of issue 7, kept out of the product package so its build and tests
// never see them. The product's library sources are reached through symlinks in Sources/
// (MotcuaCore, MotcuaIO and the C shims), because the product package exports no library.
// Build and run with Tests/Fuzz/run.sh; see docs/reliability.md.

let upcomingFeatures: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "motcua-fuzz",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0")
    ],
    targets: [
        // MARK: - The product's code, through symlinks
        .systemLibrary(name: "CSQLite", pkgConfig: "sqlite3"),
        .systemLibrary(name: "CZstd", pkgConfig: "libzstd"),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib"),
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto"),
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0"),
        .systemLibrary(name: "CZip", pkgConfig: "libzip"),
        .systemLibrary(name: "CXlsxWriter", pkgConfig: "xlsxwriter"),
        .systemLibrary(name: "CIntrinsics"),
        .target(name: "MotcuaCore"),
        .target(
            name: "MotcuaIO",
            dependencies: [
                "MotcuaCore", "CSQLite", "CZstd", "CZlib", "CCrypto", "CLibXML2", "CZip", "CXlsxWriter", "CIntrinsics",
                .product(name: "Yams", package: "Yams"),
            ]),

        // MARK: - Harness support and one executable per fuzz target
        .target(name: "CFuzzDriver"),
        .target(name: "FuzzSupport", dependencies: ["CFuzzDriver"]),
        .executableTarget(name: "FuzzCSVReader", dependencies: ["FuzzSupport", "MotcuaIO"]),
        .executableTarget(name: "FuzzDateParser", dependencies: ["FuzzSupport", "MotcuaCore"]),
        .executableTarget(name: "FuzzValueNormaliser", dependencies: ["FuzzSupport", "MotcuaCore"]),
        .executableTarget(name: "FuzzPipelineFile", dependencies: ["FuzzSupport", "MotcuaIO"]),
        .executableTarget(name: "FuzzIngest", dependencies: ["FuzzSupport", "MotcuaCore", "MotcuaIO"]),
    ],
    swiftLanguageModes: [.v6]
)

for target in package.targets where target.type != .system {
    target.swiftSettings = (target.swiftSettings ?? []) + upcomingFeatures
}
