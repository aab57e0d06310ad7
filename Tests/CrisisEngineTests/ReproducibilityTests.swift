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

    /// A day's bin: `add(day:)` counts what `add` counts for the day (or
    /// for never, +infinity, when the day is negative), in day histograms
    /// (lo 0, one bin a day) and in any other.
    @Test func dayBinsAreTheBinsOfTheDays() {
        for (lo, hi, bins) in [(0.0, 365.0, 365), (0.0, 1.0, 1), (0.0, 30.0, 15), (2.0, 40.0, 38), (0.0, 365.5, 365)] {
            var byDay = FixedHistogram(lo: lo, hi: hi, bins: bins), byValue = byDay
            for d in -3...400 {
                byDay.add(day: d)
                byValue.add(d >= 0 ? Double(d) : .infinity)
                #expect(byDay.counts == byValue.counts, "day \(d) in [\(lo), \(hi)] over \(bins) bins")
            }
        }
    }

    /// Large values (sums in euros and their squares) are converted from
    /// their bits: the units must be those of the generic conversion of the
    /// rounded value, for every magnitude and sign.
    @Test func largeValuesAddTheRoundedInteger() {
        var mix = SplitMix64(seed: 41)
        for _ in 0..<20_000 {
            let magnitude = Double(bitPattern: (mix.next() >> 12) | 0x3FF0_0000_0000_0000)   // [1, 2)
            let exponent = Int(mix.next() % 110) - 10                                          // up to 2^99
            let x = (mix.next() & 1 == 0 ? 1.0 : -1.0) * magnitude * Double(sign: .plus, exponent: exponent, significand: 1)
            var fast = ExactSum()
            fast.add(x)
            let v = (x * FixedPoint.scale).rounded(.toNearestOrEven)
            var reference = ExactSum()
            reference.addUnits(Int128(v))
            #expect(fast == reference, "x = \(x)")
        }
        var none = ExactSum()
        for x in [Double.infinity, -.infinity, .nan] { none.add(x) }
        #expect(none == ExactSum())
    }
}
