import Benchmark
import CombatLoops
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
                                           timeUnits: .microseconds, maxDuration: .seconds(20), maxIterations: 20)

    Benchmark("study, 1 thread, \(runs) runs (\(runDays) run-days)") { benchmark in
        let acc = try await StudyRunner.accumulate(plan: plan, seed: 1, runs: 0..<runs, threads: 1)
        blackHole(acc)
    }

    let cores = ProcessInfo.processInfo.activeProcessorCount
    Benchmark("study, \(cores) threads, \(runs) runs (\(runDays) run-days)") { benchmark in
        let acc = try await StudyRunner.accumulate(plan: plan, seed: 1, runs: 0..<runs, threads: cores)
        blackHole(acc)
    }

    // The harness runs an async benchmark by blocking one thread of Swift's
    // cooperative pool (one thread per core), so on two cores the study
    // above gets one thread. This one drives the kernel and the exact
    // statistics on plain threads instead: contiguous blocks of runs, one per
    // thread, merged at the end, as shards would be.
    Benchmark("kernel + statistics, \(cores) plain threads, \(runs) runs (\(runDays) run-days)") { benchmark in
        let box = AccumulatorBox(count: cores)
        let group = DispatchGroup()
        for w in 0..<cores {
            group.enter()
            let thread = Thread {
                var kernel = CrisisKernel(plan: plan, seed: 1)
                var outcomes = kernel.makeOutcomeSlots()
                var acc = StudyAccumulator(plan: plan)
                let perRun = kernel.runDaysPerRun
                let first = UInt64(runs * Int64(w) / Int64(cores)), end = UInt64(runs * Int64(w + 1) / Int64(cores))
                kernel.simulate(runs: first..<end, outcomes: &outcomes) { run, outcome in
                    acc.add(outcome, run: run, runDays: perRun)
                }
                box.set(w, acc)
                group.leave()
            }
            thread.start()
        }
        group.wait()
        blackHole(box.merged(plan: plan))
    }

    Benchmark("kernel only, 1 thread, \(runs) runs") { benchmark in
        var kernel = CrisisKernel(plan: plan, seed: 1)
        var outcomes = kernel.makeOutcomeSlots()
        kernel.simulate(runs: 0..<UInt64(runs), outcomes: &outcomes) { _, outcome in
            blackHole(outcome.actual[0].objectiveShare)
        }
    }

    // The daily ground loop alone, on each build this machine runs: one
    // segment of 365 days for a batch of 4 and of 8 lanes, with the bundled
    // scenario's central values (forces 110 and 180 x 0.6, lethality 0.01,
    // fronts far from their objective, as in most runs). Each iteration
    // steps 1,000 batches; ns per lane-day = time / (1,000 x 365 x lanes).
    for path in VectorPath.runnable {
        for lanes in [4, 8] {
            Benchmark("ground loop, \(path.rawValue), \(lanes) lanes, 1000 x 365 days") { benchmark in
                var combat = GroundCombat(segments: 1)
                for _ in 0..<1000 {
                    combat.lanes = lanes
                    combat.horizon = 365
                    for l in 0..<lanes {
                        combat[.aggressor, l] = 180 * 0.6 + Double(l)
                        combat[.protege, l] = 110 - Double(l)
                        combat[.reinforcement, l] = 0.3 * 0.6
                        combat[.target, l] = 150
                        combat[.maxAdvance, l] = 2 + 0.1 * Double(l)
                        combat[.protegeLethality, l] = 0.01
                        combat[.aggressorLethality, l] = 0.01
                        combat.segmentRates[l] = 0.15
                        combat.segmentRates[GroundCombat.width + l] = 1.2
                    }
                    combat.steepness = 3
                    combat.ratioHalf = 3
                    combat.segmentCount = 1
                    path.stepGround(&combat)
                    blackHole(combat[.front, 0])
                }
            }
        }
    }
}

/// The per-thread accumulators of the plain-threads benchmark.
final class AccumulatorBox: @unchecked Sendable {
    private let lock = NSLock()
    private var slots: [StudyAccumulator?]
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ i: Int, _ acc: StudyAccumulator) { lock.lock(); slots[i] = acc; lock.unlock() }
    func merged(plan: CompiledScenario) -> StudyAccumulator {
        lock.lock(); defer { lock.unlock() }
        var all = StudyAccumulator(plan: plan)
        for case let acc? in slots { all.merge(acc) }
        return all
    }
}
