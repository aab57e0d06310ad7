// swift-tools-version: 6.1
// Guarantor: design and stress-test security guarantees.
// The server stack (Hummingbird, GRDB, postgres-nio) is deliberately absent from
// this manifest's default products so that `guarantor` builds fast; see
// ARCHITECTURE in docs/architecture.md.
import PackageDescription

// The simulation and solver targets are optimised even in debug builds, so
// that `swift test` (a debug build) runs its Monte Carlo checks quickly.
let optimised: [SwiftSetting] = [.unsafeFlags(["-O"], .when(configuration: .debug))]

// The daily combat loop is compiled three times: for the baseline CPU, and
// for the AVX2 and AVX-512 instruction sets (the same source, linked into
// CombatLoopsAVX2 and CombatLoopsAVX512). CrisisEngine picks the widest one
// the machine runs (CPUFeatures); all three give the same bits. On other
// architectures the variants are plain copies of the baseline.
#if arch(x86_64)
let avx2: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "haswell"])]
let avx512: [SwiftSetting] = [.unsafeFlags(["-target-cpu", "skylake-avx512"])]
#else
let avx2: [SwiftSetting] = []
let avx512: [SwiftSetting] = []
#endif
let variant: [SwiftSetting] = [.define("COMBAT_LOOPS_VARIANT")]

let package = Package(
    name: "Guarantor",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "guarantor", targets: ["guarantor"]),
        .library(name: "GuarantorModel", targets: ["GuarantorModel"]),
        .library(name: "ScenarioSpec", targets: ["ScenarioSpec"]),
        .library(name: "CrisisEngine", targets: ["CrisisEngine"]),
        .library(name: "CombatLoops", targets: ["CombatLoops"]),
        .library(name: "Deterrence", targets: ["Deterrence"]),
        .library(name: "Games", targets: ["Games"]),
        .library(name: "Negotiation", targets: ["Negotiation"]),
        .library(name: "Evidence", targets: ["Evidence"]),
        .library(name: "Reports", targets: ["Reports"]),
        .library(name: "Store", targets: ["Store"]),
        .library(name: "Server", targets: ["Server"]),
        .executable(name: "guarantor-server", targets: ["guarantor-server"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/attaswift/BigInt", from: "6.0.0"),
        // Server stack: used only by Store, Server and guarantor-server, never by `guarantor`.
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.0.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.21.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.0.0"),
        // Named for the server's own channel handler (Sources/Server/MalformedRequests.swift); Hummingbird brings them anyway.
        .package(url: "https://github.com/apple/swift-nio", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-nio-extras", from: "1.20.0"),
    ],
    targets: [
        .target(name: "GuarantorModel", swiftSettings: optimised),
        .target(name: "ScenarioSpec", dependencies: ["GuarantorModel", "Yams"]),
        .target(name: "CPUFeatures"),
        .target(name: "CombatLoops", dependencies: ["GuarantorModel"], swiftSettings: optimised),
        .target(name: "CombatLoopsAVX2", dependencies: ["GuarantorModel", "CombatLoops"],
                swiftSettings: optimised + variant + avx2),
        .target(name: "CombatLoopsAVX512", dependencies: ["GuarantorModel", "CombatLoops"],
                swiftSettings: optimised + variant + avx512),
        .target(name: "CrisisEngine",
                dependencies: ["GuarantorModel", "CPUFeatures", "CombatLoops", "CombatLoopsAVX2", "CombatLoopsAVX512"],
                swiftSettings: optimised),
        .target(name: "Deterrence", dependencies: ["GuarantorModel", "CrisisEngine"], swiftSettings: optimised),
        .target(name: "Games", dependencies: [.product(name: "BigInt", package: "BigInt")]),
        .target(name: "Negotiation", dependencies: ["GuarantorModel", "ScenarioSpec", "CrisisEngine"]),
        .target(name: "Evidence", dependencies: ["GuarantorModel", "ScenarioSpec", "CrisisEngine", "Deterrence"]),
        .target(name: "Reports", dependencies: ["GuarantorModel", "CrisisEngine", "Deterrence", "Games", "Negotiation", "Evidence"]),
        .executableTarget(
            name: "guarantor",
            dependencies: [
                "GuarantorModel", "ScenarioSpec", "CrisisEngine", "Deterrence", "Games",
                "Negotiation", "Evidence", "Reports",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .target(
            name: "Store",
            dependencies: [
                "GuarantorModel",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "Server",
            dependencies: [
                "GuarantorModel", "ScenarioSpec", "CrisisEngine", "Deterrence", "Reports", "Store",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOHTTPTypes", package: "swift-nio-extras"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "guarantor-server",
            dependencies: [
                "Server", "Store",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "GuarantorModelTests", dependencies: ["GuarantorModel"]),
        .testTarget(name: "ScenarioSpecTests", dependencies: ["ScenarioSpec", "CrisisEngine"], exclude: ["Cases", "Fixtures", "schema_check.py"]),
        .testTarget(name: "CrisisEngineTests", dependencies: ["CrisisEngine", "ScenarioSpec"]),
        .testTarget(name: "DeterrenceTests", dependencies: ["Deterrence", "ScenarioSpec"]),
        .testTarget(name: "GamesTests", dependencies: ["Games", "GuarantorModel"]),
        .testTarget(name: "NegotiationTests", dependencies: ["Negotiation", "Reports", "GuarantorModel"]),
        .testTarget(name: "EvidenceTests", dependencies: ["Evidence"]),
        .testTarget(name: "ReportsTests", dependencies: ["Reports", "ScenarioSpec"]),
        .testTarget(name: "CLITests"),
        .testTarget(
            name: "StoreTests",
            dependencies: [
                "Store",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "ServerTests",
            dependencies: [
                "Server", "Store", "ScenarioSpec",
                .product(name: "HummingbirdTesting", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "Logging", package: "swift-log"),
            ],
            // The browser test's driver script, run by BrowserTests.swift.
            exclude: ["Browser"]
        ),
    ]
)
