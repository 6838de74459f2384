// swift-tools-version:6.1
import PackageDescription

// Micro-benchmarks of motcua's hot paths with ordo-one/benchmark (issue 6): CSV reading, date
// parsing, text normalisation, aggregation, snapshot write/read. A separate package so that the
// main package does not depend on the benchmark tooling. Run from this folder:
//
//     swift package benchmark
//
// See README.md here for what each benchmark measures and the figures on the project's machine.
let package = Package(
    name: "motcua-benchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(name: "motcua", path: ".."),
        // MallocInterposer only: the RuntimeInterposer default trait needs a package the mirror lacks.
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "MotcuaBenchmarks",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "MotcuaCore", package: "motcua"),
                .product(name: "MotcuaIO", package: "motcua"),
                .product(name: "MotcuaSampleGenerator", package: "motcua"),
            ],
            path: "Benchmarks/MotcuaBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        )
    ],
    swiftLanguageModes: [.v6]
)
