import CrisisEngine
import Deterrence
import Foundation
import GuarantorModel

/// One study, computed by the same library calls in the same order as the
/// CLI's `CLI.study` (StudyCommand.swift). That sequence lives only in the CLI
/// today; when it moves into a library function both should call it.
enum StudyExecution {
    /// `progress` gets 0...1 over the whole job: the simulation, then (if any) the sensitivity variants.
    static func run(scenario: Scenario, runs: Int64, seed: UInt64, threads: Int, sensitivityRuns: Int64,
                    progress: @escaping @Sendable (Double) -> Void) async throws -> StudyResult {
        let plan = CompiledScenario(scenario)
        let share = sensitivityRuns > 0 ? 0.5 : 1.0
        let clock = ContinuousClock()
        let start = clock.now
        let (acc, partial) = try await StudyRunner.run(plan: plan, seed: seed, runs: runs, threads: threads, shard: nil,
                                                       progress: { done, total in
                                                           progress(total > 0 ? share * Double(done) / Double(total) : share)
                                                       })
        try Task.checkCancellation()
        var result = partial
        AggressorDecision.annotate(&result, plan: plan, accumulator: acc, seed: seed)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        result.meta.timing = StudyResult.Timing(seconds: seconds, threads: threads,
                                                runsPerSecond: seconds > 0 ? Double(acc.runs) / seconds : 0,
                                                nsPerRunDay: acc.runDays > 0 ? seconds * 1e9 / Double(acc.runDays) : 0)
        if sensitivityRuns > 0 {
            result.sensitivity = try await SensitivityAnalysis.run(plan: plan, seed: seed, runsPerVariant: min(sensitivityRuns, runs),
                                                                   threads: threads, progress: { done, total in
                                                                       progress(share + (total > 0 ? (1 - share) * Double(done) / Double(total) : 0))
                                                                   })
        }
        return result
    }
}
