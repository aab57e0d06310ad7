import Testing
@testable import CrisisEngine

/// Quantiles from the fixed histograms: whole days for day bins, exact zeros a point mass at 0.
struct QuantileTests {
    @Test func dayQuantilesAreWholeDays() {
        var h = FixedHistogram(days: 365)
        // 10 runs on day 0, 10 on day 6, 10 on day 23.
        for d in [0, 6, 23] { for _ in 0..<10 { h.add(day: d) } }
        #expect(h.quantile(0.1) == 0)
        #expect(h.quantile(0.3) == 0)
        #expect(h.quantile(0.5) == 6)
        #expect(h.quantile(0.9) == 23)
        // Never (negative) goes to the overflow bin, which a quantile past the others reaches.
        for _ in 0..<30 { h.add(day: -1) }
        #expect(h.quantile(0.9) == .infinity)
        // The interpolating rule would have said 6.5 for the median of days 6 alone.
        var one = FixedHistogram(days: 365)
        for _ in 0..<7 { one.add(day: 6) }
        #expect(one.quantile(0.5) == 6)
        // Bins of width 1 from 0 that are not days interpolate.
        var values = FixedHistogram(lo: 0, hi: 365, bins: 365)
        for _ in 0..<7 { values.add(6.0) }
        #expect(values.quantile(0.5) == 6.5)
    }

    @Test func exactZerosAreAPointMassAtZero() {
        var h = FixedHistogram(lo: 0, hi: 10, bins: 10)
        for _ in 0..<60 { h.add(0.0) }
        for _ in 0..<40 { h.add(5.5) }
        #expect(h.zeros == 60)
        #expect(h.quantile(0.1) == 0)
        #expect(h.quantile(0.6) == 0)
        // Above the zeros: within the bin of 5.5, [5, 6), interpolated.
        #expect(h.quantile(0.8) == 5.5)
        // No value at all but zeros (no aid delivered): every quantile is 0, not a point inside the first bin.
        var none = FixedHistogram(lo: 0, hi: 10, bins: 10)
        for _ in 0..<5 { none.add(0.0) }
        #expect([0.1, 0.5, 0.9].map(none.quantile) == [0, 0, 0])
        // Small positive values in the first bin spread over it, after the zeros.
        var small = FixedHistogram(lo: 0, hi: 10, bins: 10)
        for _ in 0..<50 { small.add(0.0) }
        for _ in 0..<50 { small.add(0.4) }
        #expect(small.quantile(0.75) == 0.5)
    }

    @Test func zerosMergeAndTravelInShardRecords() throws {
        var a = FixedHistogram(lo: 0, hi: 10, bins: 10), b = a
        a.add(0.0); a.add(1.0); b.add(0.0); b.add(0.0)
        a.merge(b)
        #expect(a.zeros == 3 && a.total == 4)
        #expect(a.quantile(0.75) == 0)
        // A shard file keeps each histogram's zeros: restored, the accumulator is the same.
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
        var acc = StudyAccumulator(plan: plan)
        for j in acc.aidOverTime.indices { for v in [0.0, 0.0, Double(j + 1)] { acc.aidOverTime[j].add(v) } }
        acc.attacks[0].shareHistogram.add(0.0)
        let restored = AccumulatorRecord(acc).restore(plan: plan)
        #expect(restored?.aidOverTime.map(\.zeros) == acc.aidOverTime.map { _ in 2 })
        #expect(restored?.attacks[0].shareHistogram.zeros == 1)
        #expect(restored == acc)
        // A record of an earlier version (no zeros) restores with none counted.
        var old = AccumulatorRecord(acc)
        old.zeros = nil
        #expect(old.restore(plan: plan)?.aidOverTime.allSatisfy { $0.zeros == 0 } == true)
    }
}
