// swift-tools-version: 6.1
// Benchmarks live in their own package so that the main build and the test
// suite never compile the benchmark harness. Run from this folder:
//   swift package --allow-writing-to-package-directory benchmark
import Foundation
import PackageDescription

// A path dependency's identity is its folder's name, which differs from clone
// to clone: derive it from where this manifest lives.
let guarantor = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .lastPathComponent.lowercased()

let package = Package(
    name: "GuarantorBenchmarks",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.0", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "Engine",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "CrisisEngine", package: guarantor),
                .product(name: "CombatLoops", package: guarantor),
                .product(name: "ScenarioSpec", package: guarantor),
                .product(name: "GuarantorModel", package: guarantor),
            ],
            path: "Benchmarks/Engine",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "GameSolvers",
            dependencies: [
                .product(name: "Benchmark", package: "benchmark"),
                .product(name: "Games", package: guarantor),
            ],
            path: "Benchmarks/GameSolvers",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
