import Benchmark
import CrisisEngine
import Foundation
import GuarantorModel
import ScenarioSpec

// The bundled scenario, 365-day horizon: runs per second and nanoseconds per
// simulated run-day (one day of one attack type in one run), on one thread
// and on every core. Each iteration simulates `runs` runs.
let scenarioPath: String = {
    let here = URL(fileURLWithPath: #filePath)
    return here.deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("scenarios/ukraine-proposed-guarantees.yaml").path
}()

let plan: CompiledScenario? = {
    guard case .success(var s) = ScenarioLoader.load(path: scenarioPath) else { return nil }
    s.horizonDays = 365
    return CompiledScenario(s)
}()

let runs: Int64 = 2_000

let benchmarks: @Sendable () -> Void = {
    guard let plan else {
        print("cannot load \(scenarioPath)")
        return
    }
    let runDays = Int64(CrisisKernel(plan: plan, seed: 1).runDaysPerRun) * runs
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           timeUnits: .milliseconds, maxDuration: .seconds(20), maxIterations: 20)

    Benchmark("study, 1 thread, \(runs) runs (\(runDays) run-days)") { benchmark in
        let acc = try await StudyRunner.accumulate(plan: plan, seed: 1, runs: 0..<runs, threads: 1)
        blackHole(acc)
    }

    let cores = ProcessInfo.processInfo.activeProcessorCount
    Benchmark("study, \(cores) threads, \(runs) runs (\(runDays) run-days)") { benchmark in
        let acc = try await StudyRunner.accumulate(plan: plan, seed: 1, runs: 0..<runs, threads: cores)
        blackHole(acc)
    }

    Benchmark("kernel only, 1 thread, \(runs) runs") { benchmark in
        var kernel = CrisisKernel(plan: plan, seed: 1)
        var outcome = kernel.makeOutcome()
        for run in 0..<UInt64(runs) {
            kernel.simulate(run: run, into: &outcome)
            blackHole(outcome.actual[0].objectiveShare)
        }
    }
}
