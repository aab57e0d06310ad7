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
        func seconds(since instant: ContinuousClock.Instant) -> Double {
            let elapsed = clock.now - instant
            return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        }
        func timing(runs: Int64, runDays: Int64, seconds: Double, sensitivity: Double? = nil) -> StudyResult.Timing {
            StudyResult.Timing(seconds: seconds, threads: threads, runsPerSecond: seconds > 0 ? Double(runs) / seconds : 0,
                               nsPerRunDay: runDays > 0 ? seconds * 1e9 / Double(runDays) : 0, sensitivitySeconds: sensitivity)
        }
        result.meta.timing = timing(runs: acc.runs, runDays: acc.runDays, seconds: seconds(since: start))
        if sensitivityRuns > 0 {
            let sensitivityStart = clock.now
            let s = try await SensitivityAnalysis.run(plan: plan, seed: seed, runsPerVariant: min(sensitivityRuns, runs),
                                                      threads: threads, progress: sensitivityProgress)
            result.sensitivity = s
            // Its runs are passes of the study: in the run-days, and in the timing.
            result.meta.runDays &+= s.runDays ?? 0
            result.meta.timing = timing(runs: acc.runs &+ (s.runs ?? 0), runDays: result.meta.runDays, seconds: seconds(since: start),
                                        sensitivity: seconds(since: sensitivityStart))
        }
        return result
    }
}
