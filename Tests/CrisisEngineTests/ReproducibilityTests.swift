import CrisisEngine
import GuarantorModel
import Testing

/// Same scenario, seed and version give bit-identical statistics whatever the
/// thread count or sharding (issue 3).
@Suite struct ReproducibilityTests {
    @Test func threadCountDoesNotChangeAnything() async throws {
        let s = try loadCase("minimal.yaml")
        let one = try await accumulate(s, runs: 1500, threads: 1)
        let two = try await accumulate(s, runs: 1500, threads: 2)
        let five = try await accumulate(s, runs: 1500, threads: 5)
        #expect(one == two)
        #expect(one == five)
        let plan = CompiledScenario(s)
        let r1 = StudyResult.summarise(plan: plan, accumulator: one, seed: s.seed)
        let r2 = StudyResult.summarise(plan: plan, accumulator: two, seed: s.seed)
        #expect(r1 == r2)
    }

    @Test func shardsMergeToTheWholeExactly() async throws {
        let s = try loadCase("minimal.yaml")
        let plan = CompiledScenario(s)
        let whole = try await StudyRunner.accumulate(plan: plan, seed: 9, runs: 0..<1200, threads: 2)
        for n in [2, 3, 7] {
            var merged: StudyAccumulator?
            // Merge in reverse order: integer sums do not care.
            for i in (0..<n).reversed() {
                let range = ShardSpec(index: i, count: n)!.runRange(total: 1200)
                let part = try await StudyRunner.accumulate(plan: plan, seed: 9, runs: range, threads: 1)
                if merged == nil { merged = part } else { merged?.merge(part) }
            }
            #expect(merged == whole, "\(n) shards")
        }
    }

    @Test func shardRecordsRoundTrip() async throws {
        let s = try loadCase("minimal.yaml")
        let plan = CompiledScenario(s)
        let (acc, result) = try await StudyRunner.run(plan: plan, seed: 4, runs: 600, threads: 2, shard: ShardSpec(index: 1, count: 3))
        #expect(result.meta.shard?.firstRun == 200 && result.meta.shard?.endRun == 400)
        #expect(StudyRunner.accumulator(from: result, plan: plan) == acc)
    }

    @Test func differentSeedsDiffer() async throws {
        let s = try loadCase("minimal.yaml")
        let a = try await accumulate(s, runs: 300, seed: 1)
        let b = try await accumulate(s, runs: 300, seed: 2)
        #expect(a != b)
    }

    @Test func statisticsAreExact() {
        var m = Moments()
        for x in [0.1, 0.2, 0.3] { m.add(x) }
        var a = Moments(), b = Moments()
        a.add(0.3); b.add(0.1); b.add(0.2)
        a.merge(b)
        #expect(a == m)
        #expect(abs(m.mean - 0.2) < 1e-7)
    }
}
