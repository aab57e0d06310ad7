import CrisisEngine
import GuarantorModel

/// A whole study as every front end runs it: the simulation (or one shard of
/// it), the aggressor's decision, the timings, and optionally the sensitivity
/// analysis. The CLI and the server both call this; neither computes anything itself.
public enum Study {
    public static func run(scenario: Scenario, runs: Int64, seed: UInt64, threads: Int, shard: ShardSpec? = nil,
                           sensitivityRuns: Int64 = 0, simulationProgress: ProgressHandler? = nil,
                           sensitivityProgress: ProgressHandler? = nil) async throws -> StudyResult {
        let plan = CompiledScenario(scenario)
        let clock = ContinuousClock()
        let start = clock.now
        // The aggressor types depend on the seed alone: with more than one
        // thread they are drawn beside the runs (the runners take chunks as
        // they come free, so the thread that draws them just does fewer).
        async let drawn: AggressorDecision.Types? = threads > 1 ? AggressorDecision.drawTypes(plan: plan, seed: seed) : nil
        let (acc, partial) = try await StudyRunner.run(plan: plan, seed: seed, runs: runs, threads: threads, shard: shard,
                                                       progress: simulationProgress)
        let types = await drawn
        try Task.checkCancellation()
        var result = partial
        AggressorDecision.annotate(&result, plan: plan, accumulator: acc, seed: seed, drawn: types)
        let elapsed = clock.now - start
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        result.meta.timing = StudyResult.Timing(seconds: seconds, threads: threads,
                                                runsPerSecond: seconds > 0 ? Double(acc.runs) / seconds : 0,
                                                nsPerRunDay: acc.runDays > 0 ? seconds * 1e9 / Double(acc.runDays) : 0)
        if sensitivityRuns > 0 {
            result.sensitivity = try await SensitivityAnalysis.run(plan: plan, seed: seed, runsPerVariant: min(sensitivityRuns, runs),
                                                                   threads: threads, progress: sensitivityProgress)
        }
        return result
    }
}
