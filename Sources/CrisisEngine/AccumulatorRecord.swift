import Foundation
import GuarantorModel

/// The serialised form of a `StudyAccumulator`: 256-bit sums as decimal
/// strings, so that shard files written anywhere merge exactly.
public struct AccumulatorRecord: Codable, Hashable, Sendable {
    public var moments: [String]      // count,sum,sumSquares triples, flattened as strings
    public var integers: [String]     // everything else, in a fixed order
    public var histograms: [[Int64]]
    /// Each histogram's count of exact zeros, in the order of `histograms`
    /// (absent from shard files of earlier versions: no zeros counted).
    public var zeros: [Int64]?

    init(_ a: StudyAccumulator) {
        var m: [String] = []
        var ints: [String] = []
        var h: [[Int64]] = [], z: [Int64] = []
        func hist(_ x: FixedHistogram) { h.append(x.counts); z.append(x.zeros) }
        func mom(_ x: Moments) { m += [String(x.count), x.sum.text, x.sumSquares.text] }
        ints += [String(a.runs), String(a.runDays)]
        for k in a.attacks {
            mom(k.objectiveShare); mom(k.aggressorLosses); mom(k.protegeLosses); mom(k.sanctionsCost); mom(k.escalated)
            hist(k.shareHistogram)
            ints += k.perceivedSum.map(\.text) + k.perceivedCross.map(\.text) + k.batchSum.map(\.text)
            ints += k.batchCount.map { String($0) }
        }
        for g in a.guarantorHonours.indices {
            mom(a.guarantorHonours[g]); mom(a.guarantorHonoursPerceived[g]); mom(a.guarantorActive[g]); mom(a.guarantorViewsDiffer[g])
        }
        for o in a.obligations {
            mom(o.honoured); mom(o.delivered30); mom(o.delivered90); mom(o.delivered365)
            hist(o.firstEffectDay)
        }
        mom(a.allHonour); mom(a.aid90)
        hist(a.firstMilitaryAidDay)
        a.aidOverTime.forEach(hist)
        moments = m; integers = ints; histograms = h; zeros = z
    }

    /// Rebuilds the accumulator for `plan`; nil when the record does not fit it.
    func restore(plan: CompiledScenario) -> StudyAccumulator? {
        var a = StudyAccumulator(plan: plan)
        var mi = 0, ii = 0, hi = 0
        func mom() -> Moments? {
            guard mi + 3 <= moments.count, let c = Int64(moments[mi]), c >= 0, let s = ExactSum(text: moments[mi + 1]),
                  let q = ExactSum(text: moments[mi + 2]) else { return nil }
            mi += 3
            var x = Moments(); x.count = c; x.sum = s; x.sumSquares = q
            return x
        }
        func int() -> Int64? { guard ii < integers.count else { return nil }; defer { ii += 1 }; return Int64(integers[ii]) }
        func wide() -> ExactSum? { guard ii < integers.count else { return nil }; defer { ii += 1 }; return ExactSum(text: integers[ii]) }
        func hist(into h: inout FixedHistogram) -> Bool {
            guard hi < histograms.count, histograms[hi].count == h.counts.count, histograms[hi].allSatisfy({ $0 >= 0 }) else { return false }
            if let zeros {
                guard hi < zeros.count, zeros[hi] >= 0 else { return false }
                h.zeros = zeros[hi]
            }
            h.counts = histograms[hi]; hi += 1; return true
        }
        guard let runs = int(), let days = int(), runs >= 0, days >= 0 else { return nil }
        a.runs = runs; a.runDays = days
        for k in a.attacks.indices {
            guard let m1 = mom(), let m2 = mom(), let m3 = mom(), let m4 = mom(), let m5 = mom() else { return nil }
            a.attacks[k].objectiveShare = m1; a.attacks[k].aggressorLosses = m2; a.attacks[k].protegeLosses = m3
            a.attacks[k].sanctionsCost = m4; a.attacks[k].escalated = m5
            guard hist(into: &a.attacks[k].shareHistogram) else { return nil }
            for i in 0..<4 { guard let v = wide() else { return nil }; a.attacks[k].perceivedSum[i] = v }
            for i in 0..<10 { guard let v = wide() else { return nil }; a.attacks[k].perceivedCross[i] = v }
            for i in a.attacks[k].batchSum.indices { guard let v = wide() else { return nil }; a.attacks[k].batchSum[i] = v }
            for i in a.attacks[k].batchCount.indices { guard let v = int(), v >= 0 else { return nil }; a.attacks[k].batchCount[i] = v }
        }
        for g in a.guarantorHonours.indices {
            guard let x = mom(), let y = mom(), let z = mom(), let d = mom() else { return nil }
            a.guarantorHonours[g] = x; a.guarantorHonoursPerceived[g] = y; a.guarantorActive[g] = z; a.guarantorViewsDiffer[g] = d
        }
        for i in a.obligations.indices {
            guard let w = mom(), let x = mom(), let y = mom(), let z = mom() else { return nil }
            a.obligations[i].honoured = w; a.obligations[i].delivered30 = x; a.obligations[i].delivered90 = y; a.obligations[i].delivered365 = z
            guard hist(into: &a.obligations[i].firstEffectDay) else { return nil }
        }
        guard let all = mom(), let aid = mom() else { return nil }
        a.allHonour = all; a.aid90 = aid
        guard hist(into: &a.firstMilitaryAidDay) else { return nil }
        for j in a.aidOverTime.indices { guard hist(into: &a.aidOverTime[j]) else { return nil } }
        guard mi == moments.count, ii == integers.count, hi == histograms.count, zeros.map({ $0.count == hi }) ?? true else { return nil }
        return a
    }
}

extension CompiledScenario {
    /// SHA-256 of the scenario's canonical JSON (sorted keys): the same for
    /// YAML and JSON sources and for every `extends` layout of one scenario.
    public var contentHash: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        guard let data = try? encoder.encode(scenario) else { return "" }
        return SHA256.hex(data)
    }
}
