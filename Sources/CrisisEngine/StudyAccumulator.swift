import GuarantorModel

/// Everything a study accumulates, exactly mergeable: any partition of the
/// runs (threads, chunks, shards on other machines), merged in any order,
/// gives the same accumulator bit for bit.
public struct StudyAccumulator: Sendable, Hashable {
    /// Batches for the batch-means standard error of P(deterred): run i is in batch i mod batches.
    public static let batches = 16
    /// Days at which aid delivered so far is recorded for the 10-90 % band.
    public static func checkpoints(horizon: Int) -> [Int] {
        let step = max(1, horizon / 24)
        var days = Array(stride(from: 0, through: horizon, by: step))
        if days.last != horizon { days.append(horizon) }
        return days
    }

    public struct Attack: Sendable, Hashable {
        public var objectiveShare = Moments()
        public var aggressorLosses = Moments()
        public var protegeLosses = Moments()
        public var sanctionsCost = Moments()
        public var escalated = Moments()
        public var shareHistogram = FixedHistogram(lo: 0, hi: 1, bins: 50)
        /// Perceived outcome vector y = (share, aggressor losses, sanctions, escalated):
        /// sums, cross-product sums (upper triangle, 10), and per-batch sums.
        public var perceivedSum = [ExactSum](repeating: ExactSum(), count: 4)
        public var perceivedCross = [ExactSum](repeating: ExactSum(), count: 10)
        public var batchSum = [ExactSum](repeating: ExactSum(), count: 4 * StudyAccumulator.batches)
        public var batchCount = [Int64](repeating: 0, count: StudyAccumulator.batches)
    }

    public struct Obligation: Sendable, Hashable {
        public var honoured = Moments()
        /// First delivery day of honoured runs; never (not honoured, or after the horizon) in the overflow bin.
        public var firstEffectDay: FixedHistogram
        public var delivered30 = Moments()
        public var delivered90 = Moments()
        public var delivered365 = Moments()
    }

    public var runs: Int64 = 0
    public var runDays: Int64 = 0
    public var attacks: [Attack]
    public var guarantorHonours: [Moments]
    public var guarantorHonoursPerceived: [Moments]
    public var guarantorActive: [Moments]
    /// Runs in which a guarantor's actual and perceived honour differ: with
    /// the two means, the standard error of the credibility gap (`gapStandardError`).
    public var guarantorViewsDiffer: [Moments]
    public var obligations: [Obligation]
    public var allHonour = Moments()
    public var firstMilitaryAidDay: FixedHistogram
    public var aid90 = Moments()
    public var aidOverTime: [FixedHistogram]
    public let aidCheckpoints: [Int]
    /// The checkpoint days as doubles, eight to a vector (the last one padded with zeros).
    var aidCheckpointLanes: [SIMD8<Double>]
    /// What `add` reads of the scenario (kept here, so that adding a run
    /// copies no scenario).
    let horizon: Int
    let obligationIsMilitary: [Bool]

    public init(plan: CompiledScenario) {
        let H = plan.horizon
        horizon = H
        obligationIsMilitary = plan.obligationIsMilitary
        attacks = Array(repeating: Attack(), count: plan.attacks.count)
        let G = plan.guarantors.count
        guarantorHonours = Array(repeating: Moments(), count: G)
        guarantorHonoursPerceived = Array(repeating: Moments(), count: G)
        guarantorActive = Array(repeating: Moments(), count: G)
        guarantorViewsDiffer = Array(repeating: Moments(), count: G)
        obligations = Array(repeating: Obligation(firstEffectDay: FixedHistogram(days: H)),
                            count: plan.obligations.count)
        firstMilitaryAidDay = FixedHistogram(days: H)
        let days = Self.checkpoints(horizon: H)
        aidCheckpoints = days
        aidCheckpointLanes = stride(from: 0, to: days.count, by: 8).map { first in
            var lanes = SIMD8<Double>(repeating: 0)
            for l in 0..<min(8, days.count - first) { lanes[l] = Double(days[first + l]) }
            return lanes
        }
        let top = max(1, Self.maxAid(plan))
        aidOverTime = aidCheckpoints.map { _ in FixedHistogram(lo: 0, hi: top, bins: 200) }
    }

    /// Upper end of the aid histograms: every material commitment at its
    /// 99th percentile size, flowing from day 0 to the horizon.
    static func maxAid(_ plan: CompiledScenario) -> Double {
        var total = 0.0
        for o in plan.obligations {
            let c = plan.commitments[o.commitment]
            let size = plan.slots[c.size].distribution.quantile(0.99)
            switch c.kind {
            case .financialAid: total += size * (c.effect ?? plan.parameters.powerPerMoney)
            case .armsDeliveries, .airDefense, .training, .troops: total += size
            default: break
            }
        }
        return total * Double(plan.horizon) / 30.4375 * plan.parameters.aidEffectiveness
    }

    public mutating func add(_ o: RunOutcome, run: UInt64, runDays: Int) {
        runs += 1
        self.runDays += Int64(runDays)
        let batch = Int(run % UInt64(Self.batches))
        // Through buffer pointers: one uniqueness check per array, not one per field.
        attacks.withUnsafeMutableBufferPointer { at in
            for k in at.indices {
                let a = o.actual[k]
                at[k].objectiveShare.add(a.objectiveShare)
                at[k].aggressorLosses.add(a.aggressorLosses)
                at[k].protegeLosses.add(a.protegeLosses)
                at[k].sanctionsCost.add(a.sanctionsCost)
                at[k].escalated.add(a.escalated)
                at[k].shareHistogram.add(a.objectiveShare)
                let p = o.perceived[k]
                let ys = SIMD4<Double>(p.objectiveShare, p.aggressorLosses, p.sanctionsCost, p.escalated ? 1.0 : 0.0)
                at[k].perceivedSum.withUnsafeMutableBufferPointer { sum in
                    at[k].batchSum.withUnsafeMutableBufferPointer { batchSum in
                        at[k].perceivedCross.withUnsafeMutableBufferPointer { cross in
                            // A zero adds zero units to a sum (escalation, most runs): skipped.
                            var c = 0
                            for i in 0..<4 {
                                guard ys[i] != 0 else { c += 4 - i; continue }
                                sum[i].add(ys[i])
                                batchSum[batch * 4 + i].add(ys[i])
                                for j in i..<4 {
                                    if ys[j] != 0 { cross[c].add(ys[i] * ys[j]) }
                                    c += 1
                                }
                            }
                        }
                    }
                }
                at[k].batchCount[batch] += 1
            }
        }
        var all = true, anyActive = false
        guarantorActive.withUnsafeMutableBufferPointer { active in
        guarantorHonours.withUnsafeMutableBufferPointer { honours in
        guarantorHonoursPerceived.withUnsafeMutableBufferPointer { perceived in
        guarantorViewsDiffer.withUnsafeMutableBufferPointer { differ in
            for g in honours.indices {
                active[g].add(o.guarantorActive[g])
                honours[g].add(o.guarantorHonours[g])
                perceived[g].add(o.guarantorHonoursPerceived[g])
                differ[g].add(o.guarantorHonours[g] != o.guarantorHonoursPerceived[g])
                if o.guarantorActive[g] { anyActive = true; if !o.guarantorHonours[g] { all = false } }
            }
        }}}}
        allHonour.add(anyActive && all)
        var firstMilitary = Int.max
        var aid90Total = 0.0
        var anyAid = false
        let H = horizon
        let (by30, by90, by365) = (min(30, H), min(90, H), min(365, H))
        obligationIsMilitary.withUnsafeBufferPointer { isMilitary in
        o.obligationHonoured.withUnsafeBufferPointer { honoured in
        o.obligationStartDay.withUnsafeBufferPointer { startDays in
        o.obligationEndDay.withUnsafeBufferPointer { endDays in
        o.obligationRate.withUnsafeBufferPointer { rates in
        o.obligationAidRate.withUnsafeBufferPointer { aidRates in
        obligations.withUnsafeMutableBufferPointer { obs in
            // (An outcome of another scenario, with fewer obligations, is read no further than it goes.)
            let count = min(obs.count, isMilitary.count, honoured.count, startDays.count, endDays.count, rates.count, aidRates.count)
            for i in 0..<count {
                let h = honoured[i], sd = startDays[i], aidRate = aidRates[i]
                obs[i].honoured.add(h)
                obs[i].firstEffectDay.add(day: sd)
                if sd >= 0 && isMilitary[i] { firstMilitary = min(firstMilitary, sd) }
                if sd >= 0 && aidRate > 0 { anyAid = true }
                guard h && sd >= 0 else {
                    // Nothing delivered (`delivered` and `aidDelivered` are 0).
                    obs[i].delivered30.add(0.0); obs[i].delivered90.add(0.0); obs[i].delivered365.add(0.0)
                    continue
                }
                // As `RunOutcome.delivered(i, byDay:)` and `aidDelivered(i, byDay:)`, from the numbers read once.
                let end = endDays[i], rate = rates[i]
                obs[i].delivered30.add(RunOutcome.delivered(start: sd, end: end, rate: rate, byDay: by30))
                obs[i].delivered90.add(RunOutcome.delivered(start: sd, end: end, rate: rate, byDay: by90))
                obs[i].delivered365.add(RunOutcome.delivered(start: sd, end: end, rate: rate, byDay: by365))
                aid90Total += RunOutcome.delivered(start: sd, end: end, rate: aidRate, byDay: by90)
            }
        }}}}}}}
        firstMilitaryAidDay.add(day: firstMilitary == Int.max ? -1 : firstMilitary)
        aid90.add(aid90Total)
        if anyAid {
            addAidOverTime(o)
        } else {
            for j in aidOverTime.indices { aidOverTime[j].add(0.0) }
        }
    }

    /// Aid delivered by each checkpoint day: the sum over the obligations
    /// whose aid flows, in obligation order, eight checkpoints at a time in
    /// vector lanes (each lane sums in the same order as one by one, so the
    /// totals are the same bits).
    mutating func addAidOverTime(_ o: RunOutcome) {
        let chunks = aidCheckpointLanes.count, n = aidCheckpoints.count
        let zero = SIMD8<Double>(repeating: 0)
        withUnsafeTemporaryAllocation(of: SIMD8<Double>.self, capacity: chunks) { totals in
            for c in 0..<chunks { totals[c] = zero }
            for i in obligations.indices where o.obligationHonoured[i] && o.obligationStartDay[i] >= 0 && o.obligationAidRate[i] > 0 {
                // Days delivered by each checkpoint, min(t, end) - start (exact in doubles), times the rate where positive.
                let end = SIMD8<Double>(repeating: Double(o.obligationEndDay[i]))
                let start = SIMD8<Double>(repeating: Double(o.obligationStartDay[i]))
                let rate = SIMD8<Double>(repeating: o.obligationAidRate[i])
                for c in 0..<chunks {
                    let days = aidCheckpointLanes[c]
                    let elapsed = days.replacing(with: end, where: end .< days) - start
                    totals[c] += (elapsed * rate).replacing(with: zero, where: elapsed .<= zero)
                }
            }
            for j in 0..<n { aidOverTime[j].add(totals[j / 8][j % 8]) }
        }
    }

    public mutating func merge(_ o: StudyAccumulator) {
        // Wrapping sums: shard files are read from disk, and a damaged one
        // must give a wrong count that the caller can check, not a trap.
        runs &+= o.runs; runDays &+= o.runDays
        for k in attacks.indices where k < o.attacks.count {
            attacks[k].objectiveShare.merge(o.attacks[k].objectiveShare)
            attacks[k].aggressorLosses.merge(o.attacks[k].aggressorLosses)
            attacks[k].protegeLosses.merge(o.attacks[k].protegeLosses)
            attacks[k].sanctionsCost.merge(o.attacks[k].sanctionsCost)
            attacks[k].escalated.merge(o.attacks[k].escalated)
            attacks[k].shareHistogram.merge(o.attacks[k].shareHistogram)
            for i in 0..<4 { attacks[k].perceivedSum[i].merge(o.attacks[k].perceivedSum[i]) }
            for i in 0..<10 { attacks[k].perceivedCross[i].merge(o.attacks[k].perceivedCross[i]) }
            for i in attacks[k].batchSum.indices { attacks[k].batchSum[i].merge(o.attacks[k].batchSum[i]) }
            for i in attacks[k].batchCount.indices { attacks[k].batchCount[i] &+= o.attacks[k].batchCount[i] }
        }
        for g in guarantorHonours.indices where g < o.guarantorHonours.count {
            guarantorHonours[g].merge(o.guarantorHonours[g])
            guarantorHonoursPerceived[g].merge(o.guarantorHonoursPerceived[g])
            guarantorActive[g].merge(o.guarantorActive[g])
            guarantorViewsDiffer[g].merge(o.guarantorViewsDiffer[g])
        }
        for i in obligations.indices where i < o.obligations.count {
            obligations[i].honoured.merge(o.obligations[i].honoured)
            obligations[i].firstEffectDay.merge(o.obligations[i].firstEffectDay)
            obligations[i].delivered30.merge(o.obligations[i].delivered30)
            obligations[i].delivered90.merge(o.obligations[i].delivered90)
            obligations[i].delivered365.merge(o.obligations[i].delivered365)
        }
        allHonour.merge(o.allHonour)
        firstMilitaryAidDay.merge(o.firstMilitaryAidDay)
        aid90.merge(o.aid90)
        for j in aidOverTime.indices where j < o.aidOverTime.count { aidOverTime[j].merge(o.aidOverTime[j]) }
    }

    /// Standard error of guarantor g's credibility gap (actual minus
    /// perceived honour): the runs' differences d are -1, 0 or 1, so the sum
    /// of d^2 is the number of runs whose views differ.
    public func gapStandardError(guarantor g: Int) -> Double {
        let n = Double(runs)
        guard runs > 1 else { return 0 }
        let gap = guarantorHonours[g].mean - guarantorHonoursPerceived[g].mean
        let squares = guarantorViewsDiffer[g].sum.value
        return (max(0, (squares - n * gap * gap) / (n - 1)) / n).squareRoot()
    }

    /// Mean perceived outcome vector of attack k, overall or for one batch.
    public func perceivedMean(attack k: Int, batch: Int? = nil) -> [Double] {
        let a = attacks[k]
        if let b = batch {
            let n = Double(max(1, a.batchCount[b]))
            return (0..<4).map { a.batchSum[b * 4 + $0].value / n }
        }
        let n = Double(max(1, runs))
        return (0..<4).map { a.perceivedSum[$0].value / n }
    }

    /// Covariance matrix (4x4) of the perceived outcome vector of attack k.
    public func perceivedCovariance(attack k: Int) -> [[Double]] {
        let a = attacks[k]
        let n = Double(runs)
        let m = perceivedMean(attack: k)
        var cov = Array(repeating: Array(repeating: 0.0, count: 4), count: 4)
        guard runs > 1 else { return cov }
        var c = 0
        for i in 0..<4 {
            for j in i..<4 {
                let v = (a.perceivedCross[c].value - n * m[i] * m[j]) / (n - 1)
                cov[i][j] = v; cov[j][i] = v
                c += 1
            }
        }
        return cov
    }
}
