import Benchmark
import Foundation
import Games

// Times each solver on every reference game (file text parsed inside the measurement,
// as Benchmarks/gambit_timing.py does for pygambit), so the two can be compared.
// Run: cd Benchmarks && swift package --allow-writing-to-package-directory benchmark --target GameSolvers

let referenceFolder: URL = {
    var url = URL(fileURLWithPath: #filePath)
    for _ in 0..<4 { url.deleteLastPathComponent() }  // .../Benchmarks/Benchmarks/GameSolvers/GameSolvers.swift -> repo root
    return url.appendingPathComponent("../shared/reference/games").standardized
}()

let referenceGames: [(name: String, text: String)] = {
    let names = (try? FileManager.default.contentsOfDirectory(atPath: referenceFolder.path)) ?? []
    return names.filter { $0.hasSuffix(".efg") || $0.hasSuffix(".nfg") }.sorted().compactMap { name in
        (try? String(contentsOf: referenceFolder.appendingPathComponent(name), encoding: .utf8)).map { (name, $0) }
    }
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .mallocCountTotal], maxDuration: .seconds(1), maxIterations: 2_000)
    for (name, text) in referenceGames {
        guard let game = try? AnyGame.read(text) else { continue }
        for method in [SolverMethod.enumpure, .enummixed, .lcp, .spe] {
            // Only methods that apply to the game (e.g. two players for enummixed and lcp).
            guard (try? GameSolver.solve(game, method: method)) != nil else { continue }
            Benchmark("\(method.rawValue) \(name)") { benchmark in
                for _ in benchmark.scaledIterations {
                    let parsed = try AnyGame.read(text)
                    blackHole(try GameSolver.solve(parsed, method: method))
                }
            }
        }
    }
}
