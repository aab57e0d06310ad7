import CrisisEngine
import GuarantorModel

/// The aggressor's choice (MODEL.md section 4). Because EU_k is linear in the
/// valuations, the simulated (perceived) outcome means are computed once per
/// attack type; aggressor types are drawn separately from the valuation and
/// entry-cost distributions and each picks its best response.
public enum AggressorDecision {
    /// Aggressor types drawn per study (ASSUMPTIONS.md).
    public static let defaultTypes = 20_000

    public struct Evaluation: Sendable {
        public var pDeterred: Double
        public var pDeterredSE: Double
        public var probeRisk: Double
        public var probeRiskSE: Double
        /// Per attack: mean EU over types and its standard error.
        public var expectedUtility: [Estimate]
        /// Per attack: share of types for which it is the best response, and its SE.
        public var pBestResponse: [Double]
        public var pBestResponseSE: [Double]
        /// Status quo's share of types.
        public var pStatusQuoBest: Double
        public var bestResponse: String
        public var types: Int
    }

    /// Valuation vector and entry costs of `count` aggressor types, drawn from
    /// their own substreams (type m's draws depend only on seed and m), so
    /// they can be drawn before, after or beside the runs.
    public struct Types: Sendable {
        var value: [Double], loss: [Double], sanctions: [Double], escalation: [Double]
        var entry: [[Double]]   // [attack][type]
    }

    public static func drawTypes(plan: CompiledScenario, seed: UInt64, count: Int = defaultTypes) -> Types {
        func draws(_ slot: Int) -> [Double] {
            let s = plan.slots[slot]
            if case .constant(let v) = s.distribution { return Array(repeating: v, count: count) }
            // Type m from stream (seed, m, aggressorTypesBase + slot), four types at a time.
            return Sampler.firstDraws(s.distribution, seed: seed, runs: 0..<UInt64(count),
                                      substream: Substream.aggressorTypesBase + UInt32(slot), lower: s.lower, upper: s.upper)
        }
        return Types(value: draws(plan.objectiveValue), loss: draws(plan.lossCost), sanctions: draws(plan.sanctionsCost),
                     escalation: draws(plan.escalationCost), entry: plan.attacks.map { draws($0.entryCost) })
    }

    static func utility(_ t: Types, _ m: Int, mean y: [Double], entry: Double) -> Double {
        t.value[m] * y[0] - t.loss[m] * y[1] - t.sanctions[m] * y[2] - t.escalation[m] * y[3] - entry
    }

    /// Share of types deterred and probing, for given perceived means per attack.
    static func shares(_ t: Types, means: [[Double]], limited: [Bool], full: [Bool], count: Int) -> (deterred: Double, probe: Double, best: [Int]) {
        var deterred = 0, probe = 0
        var best = Array(repeating: 0, count: means.count + 1)   // last: status quo
        for m in 0..<count {
            var bestK = -1, bestU = 0.0
            var limitedPays = false, fullPays = false
            for k in means.indices {
                let u = utility(t, m, mean: means[k], entry: t.entry[k][m])
                if u > bestU { bestU = u; bestK = k }
                if u > 0 && limited[k] { limitedPays = true }
                if u > 0 && full[k] { fullPays = true }
            }
            if bestK < 0 { deterred += 1; best[means.count] += 1 } else { best[bestK] += 1 }
            if limitedPays && !fullPays { probe += 1 }
        }
        return (Double(deterred) / Double(count), Double(probe) / Double(count), best)
    }

    /// The decision figures over `types` aggressor types, or over `drawn`,
    /// the types if already drawn (with `drawTypes(plan:seed:count:)` and the
    /// same seed; their number is then the count).
    public static func evaluate(plan: CompiledScenario, accumulator acc: StudyAccumulator, seed: UInt64,
                                types requested: Int = defaultTypes, drawn: Types? = nil) -> Evaluation {
        let K = plan.attacks.count
        let count = drawn?.value.count ?? requested
        let t = drawn ?? drawTypes(plan: plan, seed: seed, count: count)
        let limited = plan.attacks.map { $0.kind != .fullInvasion }
        let full = plan.attacks.map { $0.kind == .fullInvasion }
        let means = (0..<K).map { acc.perceivedMean(attack: $0) }
        let (pd, probe, best) = shares(t, means: means, limited: limited, full: full, count: count)

        // Batch means: the spread of the shares computed from each batch's
        // outcome means estimates the simulation error of the whole.
        var batchPD: [Double] = [], batchProbe: [Double] = [], batchBest: [[Double]] = Array(repeating: [], count: K)
        let batchTypes = min(count, 4000)
        for b in 0..<StudyAccumulator.batches where acc.attacks.first.map({ $0.batchCount[b] > 0 }) ?? false {
            let bm = (0..<K).map { acc.perceivedMean(attack: $0, batch: b) }
            let r = shares(t, means: bm, limited: limited, full: full, count: batchTypes)
            batchPD.append(r.deterred); batchProbe.append(r.probe)
            for k in 0..<K { batchBest[k].append(Double(r.best[k]) / Double(batchTypes)) }
        }
        func batchSE(_ xs: [Double]) -> Double {
            guard xs.count > 1 else { return 0 }
            let m = xs.reduce(0, +) / Double(xs.count)
            let v = xs.reduce(0) { $0 + ($1 - m) * ($1 - m) } / Double(xs.count - 1)
            return (v / Double(xs.count)).squareRoot()
        }
        func binomial(_ p: Double) -> Double { (p * (1 - p) / Double(count)).squareRoot() }
        let pdSE = (batchSE(batchPD) * batchSE(batchPD) + binomial(pd) * binomial(pd)).squareRoot()
        let probeSE = (batchSE(batchProbe) * batchSE(batchProbe) + binomial(probe) * binomial(probe)).squareRoot()

        // EU per attack over types, with the simulation error (w' Sigma w / n) and the type-sampling error.
        var eu: [Estimate] = []
        let n = Double(max(1, acc.runs))
        let wMean = [mean(t.value), -mean(t.loss), -mean(t.sanctions), -mean(t.escalation)]
        for k in 0..<K {
            let us = (0..<count).map { utility(t, $0, mean: means[k], entry: t.entry[k][$0]) }
            let mu = mean(us)
            let typeVar = us.reduce(0) { $0 + ($1 - mu) * ($1 - mu) } / Double(max(1, count - 1)) / Double(count)
            let cov = acc.perceivedCovariance(attack: k)
            var simVar = 0.0
            for i in 0..<4 { for j in 0..<4 { simVar += wMean[i] * cov[i][j] * wMean[j] } }
            eu.append(Estimate(mean: mu, se: (max(0, simVar / n) + typeVar).squareRoot()))
        }
        let pBest = (0..<K).map { Double(best[$0]) / Double(count) }
        let pBestSE = (0..<K).map { k in (batchSE(batchBest[k]) * batchSE(batchBest[k]) + binomial(pBest[k]) * binomial(pBest[k])).squareRoot() }
        let pSQ = Double(best[K]) / Double(count)
        var bestName = "status_quo"
        var bestShare = pSQ
        for k in 0..<K where pBest[k] > bestShare { bestShare = pBest[k]; bestName = plan.scenario.attacks[k].id }
        return Evaluation(pDeterred: pd, pDeterredSE: pdSE, probeRisk: probe, probeRiskSE: probeSE,
                          expectedUtility: eu, pBestResponse: pBest, pBestResponseSE: pBestSE, pStatusQuoBest: pSQ, bestResponse: bestName, types: count)
    }

    static func mean(_ xs: [Double]) -> Double { xs.isEmpty ? 0 : xs.reduce(0, +) / Double(xs.count) }

    /// Adds the decision figures to a study result.
    public static func annotate(_ result: inout StudyResult, plan: CompiledScenario, accumulator: StudyAccumulator,
                                seed: UInt64, types: Int = defaultTypes, drawn: Types? = nil) {
        let e = evaluate(plan: plan, accumulator: accumulator, seed: seed, types: types, drawn: drawn)
        for k in result.attacks.indices {
            result.attacks[k].expectedUtility = e.expectedUtility[k]
            result.attacks[k].pBestResponse = e.pBestResponse[k]
            result.attacks[k].pBestResponseSE = e.pBestResponseSE[k]
        }
        let gaps = result.guarantors.enumerated().map { g, figures in
            StudyResult.CredibilityGap(guarantor: figures.id, actual: figures.honourProbability.mean, perceived: figures.perceivedHonourProbability.mean,
                                       gap: figures.honourProbability.mean - figures.perceivedHonourProbability.mean,
                                       gapSE: accumulator.guarantorViewsDiffer.indices.contains(g)
                                           ? accumulator.gapStandardError(guarantor: g) : nil)
        }
        result.deterrence = StudyResult.DeterrenceFigures(
            pDeterred: Estimate(mean: e.pDeterred, se: e.pDeterredSE), bestResponse: e.bestResponse,
            probeRisk: Estimate(mean: e.probeRisk, se: e.probeRiskSE), credibilityGap: gaps,
            aggressorTypes: e.types, statusQuoUtility: 0)
    }
}
