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

    /// The statistics of an obligation's deliveries are those of
    /// `RunOutcome.delivered` and `aidDelivered` (which `add` computes in
    /// place), for made-up outcomes: honoured or not, starting before,
    /// at or after each checkpoint and the horizon, ending anywhere, with
    /// horizons below 30, 90 and 365 days.
    @Test func deliveriesAreThoseOfTheOutcome() throws {
        var mix = SplitMix64(seed: 47)
        for horizon in [20, 60, 120, 365, 400] {
            var scenario = try loadScenario("scenarios/ukraine-proposed-guarantees.yaml")
            scenario.horizonDays = horizon
            let plan = CompiledScenario(scenario)
            let N = plan.obligations.count, G = plan.guarantors.count, K = plan.attacks.count
            var acc = StudyAccumulator(plan: plan)
            var expected = [(Moments, Moments, Moments)](repeating: (Moments(), Moments(), Moments()), count: N)
            var aid90 = Moments(), firstMilitary = FixedHistogram(days: horizon)
            var firstEffect = [FixedHistogram](repeating: FixedHistogram(days: horizon), count: N)
            for run in UInt64(0)..<300 {
                var o = RunOutcome(attacks: K, guarantors: G, obligations: N, slots: plan.slots.count)
                for i in 0..<N {
                    o.obligationHonoured[i] = mix.next() % 3 != 0
                    o.obligationStartDay[i] = mix.next() % 4 == 0 ? -1 : Int(mix.next() % UInt64(horizon))
                    o.obligationEndDay[i] = Int(mix.next() % UInt64(horizon + 30))
                    o.obligationRate[i] = Double(mix.next() % 1000) / 7
                    o.obligationAidRate[i] = mix.next() % 2 == 0 ? 0 : Double(mix.next() % 1000) / 3
                }
                acc.add(o, run: run, runDays: 1)
                var total = 0.0, first = Int.max
                for i in 0..<N {
                    expected[i].0.add(o.delivered(i, byDay: min(30, horizon)))
                    expected[i].1.add(o.delivered(i, byDay: min(90, horizon)))
                    expected[i].2.add(o.delivered(i, byDay: min(365, horizon)))
                    total += o.aidDelivered(i, byDay: min(90, horizon))
                    let sd = o.obligationStartDay[i]
                    firstEffect[i].add(sd >= 0 ? Double(sd) : .infinity)
                    if sd >= 0 && plan.obligationIsMilitary[i] { first = min(first, sd) }
                }
                aid90.add(total)
                firstMilitary.add(first == Int.max ? .infinity : Double(first))
            }
            for i in 0..<N {
                let ob = acc.obligations[i]
                #expect(ob.delivered30 == expected[i].0 && ob.delivered90 == expected[i].1 && ob.delivered365 == expected[i].2,
                        "horizon \(horizon), obligation \(i)")
                #expect(ob.firstEffectDay.counts == firstEffect[i].counts, "horizon \(horizon), obligation \(i)")
            }
            #expect(acc.aid90 == aid90, "horizon \(horizon)")
            #expect(acc.firstMilitaryAidDay.counts == firstMilitary.counts, "horizon \(horizon)")
        }
    }

    /// The credibility gap's standard error is that of the runs' paired
    /// differences (actual minus perceived honour, -1, 0 or 1), computed
    /// here one by one.
    @Test func gapErrorIsThatOfThePairedDifferences() throws {
        var mix = SplitMix64(seed: 59)
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
        let G = plan.guarantors.count
        var acc = StudyAccumulator(plan: plan)
        var d = [[Double]](repeating: [], count: G)
        for run in UInt64(0)..<700 {
            var o = RunOutcome(attacks: plan.attacks.count, guarantors: G, obligations: plan.obligations.count, slots: plan.slots.count)
            for g in 0..<G {
                // Guarantor g's views agree more often the higher g is.
                let h = mix.next() % 2 == 0, differ = mix.next() % UInt64(g + 2) == 0
                o.guarantorHonours[g] = h; o.guarantorHonoursPerceived[g] = differ ? !h : h
                d[g].append((h ? 1.0 : 0.0) - (o.guarantorHonoursPerceived[g] ? 1.0 : 0.0))
            }
            acc.add(o, run: run, runDays: 1)
        }
        for g in 0..<G {
            let n = Double(d[g].count), m = d[g].reduce(0, +) / n
            let se = (d[g].reduce(0) { $0 + ($1 - m) * ($1 - m) } / (n - 1) / n).squareRoot()
            #expect(abs(acc.gapStandardError(guarantor: g) - se) < 1e-9, "guarantor \(g)")
            // The sum of two independent errors would be another number.
            let independent = (acc.guarantorHonours[g].standardError * acc.guarantorHonours[g].standardError
                + acc.guarantorHonoursPerceived[g].standardError * acc.guarantorHonoursPerceived[g].standardError).squareRoot()
            #expect(abs(independent - se) > 1e-4, "guarantor \(g)")
        }
    }

    /// The perceived outcome's sums, cross products and batch sums are the
    /// exact sums of every run's numbers, zeros (skipped by `add`) and all.
    @Test func perceivedSumsCountEveryRun() throws {
        var mix = SplitMix64(seed: 53)
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
        let K = plan.attacks.count
        var acc = StudyAccumulator(plan: plan)
        var sums = [ExactSum](repeating: ExactSum(), count: 4 * K), cross = [ExactSum](repeating: ExactSum(), count: 10 * K)
        var batches = [ExactSum](repeating: ExactSum(), count: 4 * K * StudyAccumulator.batches)
        for run in UInt64(0)..<500 {
            var o = RunOutcome(attacks: K, guarantors: plan.guarantors.count, obligations: plan.obligations.count,
                               slots: plan.slots.count)
            for k in 0..<K {
                func value(_ scale: Double) -> Double { mix.next() % 3 == 0 ? 0 : Double(mix.next() % 100_000) / 100_000 * scale }
                o.perceived[k].objectiveShare = value(1); o.perceived[k].aggressorLosses = value(50)
                o.perceived[k].protegeLosses = value(40); o.perceived[k].sanctionsCost = value(3e11)
                o.perceived[k].escalated = mix.next() % 2 == 0
                let p = o.perceived[k]
                let ys = [p.objectiveShare, p.aggressorLosses, p.sanctionsCost, p.escalated ? 1.0 : 0.0]
                var c = 0
                for i in 0..<4 {
                    sums[4 * k + i].add(ys[i])
                    batches[(4 * k * StudyAccumulator.batches) + Int(run % UInt64(StudyAccumulator.batches)) * 4 + i].add(ys[i])
                    for j in i..<4 { cross[10 * k + c].add(ys[i] * ys[j]); c += 1 }
                }
            }
            acc.add(o, run: run, runDays: 1)
        }
        for k in 0..<K {
            #expect(acc.attacks[k].perceivedSum == Array(sums[(4 * k)..<(4 * k + 4)]), "attack \(k)")
            #expect(acc.attacks[k].perceivedCross == Array(cross[(10 * k)..<(10 * k + 10)]), "attack \(k)")
            let b = 4 * StudyAccumulator.batches
            #expect(acc.attacks[k].batchSum == Array(batches[(b * k)..<(b * k + b)]), "attack \(k)")
        }
    }

    /// A day's bin: `add(day:)` counts what `add` counts for the day (or
    /// for never, +infinity, when the day is negative), in day histograms
    /// (lo 0, one bin a day) and in any other.
    @Test func dayBinsAreTheBinsOfTheDays() {
        for (lo, hi, bins) in [(0.0, 365.0, 365), (0.0, 1.0, 1), (0.0, 30.0, 15), (2.0, 40.0, 38), (0.0, 365.5, 365)] {
            // Day bins (`init(days:)`, the fast path) where lo is 0 and there is a bin a day; the general path otherwise.
            var byDay = lo == 0 && hi == Double(bins) ? FixedHistogram(days: bins) : FixedHistogram(lo: lo, hi: hi, bins: bins)
            var byValue = FixedHistogram(lo: lo, hi: hi, bins: bins)
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
