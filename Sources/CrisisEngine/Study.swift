import GuarantorModel

/// Which runs a process computes: shard i of n takes the contiguous block of
/// runs [i*N/n, (i+1)*N/n). Any partition merges exactly (the statistics are
/// integer sums), so the choice only decides which machine does what.
public struct ShardSpec: Hashable, Sendable {
    public var index: Int
    public var count: Int
    public init?(index: Int, count: Int) {
        guard count >= 1, (0..<count).contains(index) else { return nil }
        self.index = index; self.count = count
    }
    public func runRange(total: Int64) -> Range<Int64> {
        let lo = total * Int64(index) / Int64(count)
        let hi = total * Int64(index + 1) / Int64(count)
        return lo..<hi
    }
}

/// Progress of a long study: runs done of runs to do.
public typealias ProgressHandler = @Sendable (_ done: Int64, _ total: Int64) -> Void

/// Drives the kernel over runs on every core. The kernel knows nothing of
/// this; this knows nothing of reports.
public enum StudyRunner {
    /// Runs per chunk: the unit of work handed to a thread and of progress.
    public static let chunkSize: Int64 = 512

    public static func accumulate(plan: CompiledScenario, seed: UInt64, runs range: Range<Int64>, threads: Int,
                                  progress: ProgressHandler? = nil) async throws -> StudyAccumulator {
        let chunks = (range.count + Int(chunkSize) - 1) / Int(chunkSize)
        let workers = max(1, min(threads, max(1, chunks)))
        let total = Int64(range.count)
        let counter = ProgressCounter()
        // Each worker takes the next chunk not yet taken, so a thread slowed
        // by other work (the aggressor types drawn beside the runs, another
        // process on the core) simply does fewer chunks. Which thread does a
        // chunk changes no bit of the result: the statistics are integer sums.
        let taken = ProgressCounter()
        return try await withThrowingTaskGroup(of: StudyAccumulator.self) { group in
            for _ in 0..<workers {
                group.addTask {
                    var kernel = CrisisKernel(plan: plan, seed: seed)
                    var outcomes = kernel.makeOutcomeSlots()
                    var acc = StudyAccumulator(plan: plan)
                    let runDays = kernel.runDaysPerRun
                    while true {
                        let chunk = Int(taken.add(1) - 1)
                        guard chunk < chunks else { break }
                        try Task.checkCancellation()
                        let lo = range.lowerBound + Int64(chunk) * chunkSize
                        let hi = min(range.upperBound, lo + chunkSize)
                        // Outcomes come as their combat is done (a few runs late, not always in order): the sums do not mind.
                        kernel.simulate(runs: UInt64(lo)..<UInt64(hi), outcomes: &outcomes) { run, outcome in
                            acc.add(outcome, run: run, runDays: runDays)
                        }
                        if let progress { progress(counter.add(hi - lo), total) }
                        // Let other work on the shared pool (a server's requests, a cancel) run between chunks.
                        await Task.yield()
                    }
                    return acc
                }
            }
            var merged = StudyAccumulator(plan: plan)
            for try await acc in group { merged.merge(acc) }
            return merged
        }
    }

    /// A whole study (or one shard of it) summarised.
    public static func run(plan: CompiledScenario, seed: UInt64, runs: Int64, threads: Int, shard: ShardSpec? = nil,
                           progress: ProgressHandler? = nil) async throws -> (StudyAccumulator, StudyResult) {
        let range = shard?.runRange(total: runs) ?? 0..<runs
        let acc = try await accumulate(plan: plan, seed: seed, runs: range, threads: threads, progress: progress)
        var result = StudyResult.summarise(plan: plan, accumulator: acc, seed: seed)
        if let shard {
            result.meta.shard = StudyResult.Shard(index: shard.index, count: shard.count, firstRun: range.lowerBound,
                                                  endRun: range.upperBound, totalRuns: runs)
            result.accumulator = AccumulatorRecord(acc)
        }
        return (acc, result)
    }

    /// Restores the accumulator stored in a shard result.
    public static func accumulator(from result: StudyResult, plan: CompiledScenario) -> StudyAccumulator? {
        result.accumulator?.restore(plan: plan)
    }
}

