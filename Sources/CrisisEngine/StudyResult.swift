import GuarantorModel

/// A mean with its Monte Carlo standard error.
public struct Estimate: Codable, Hashable, Sendable {
    public var mean: Double
    public var se: Double
    public init(mean: Double, se: Double) { self.mean = mean.isFinite ? mean : 0; self.se = se.isFinite ? se : 0 }
    public init(_ m: Moments) { self.init(mean: m.mean, se: m.standardError) }

    /// This estimate less `other`, with the standard error of a difference of
    /// independent estimates (an upper bound for designs that share their
    /// random numbers, whose errors are positively correlated).
    public func minus(_ other: Estimate) -> Estimate {
        Estimate(mean: mean - other.mean, se: (se * se + other.se * other.se).squareRoot())
    }
}

/// Quantiles from a fixed histogram; nil where no run reached it.
public struct Quantiles: Codable, Hashable, Sendable {
    public var p10: Double?
    public var p50: Double?
    public var p90: Double?
    /// Share of runs with a value within the histogram's range (e.g. an effect before the horizon).
    public var pWithinHorizon: Double
    /// Its Monte Carlo standard error, sqrt(p (1 - p) / runs) (absent in results of earlier versions).
    public var pWithinHorizonSE: Double?
    enum CodingKeys: String, CodingKey { case p10, p50, p90, pWithinHorizon = "p_within_horizon", pWithinHorizonSE = "p_within_horizon_se" }

    /// Quantiles among the runs whose value fell within the range (for days
    /// to an effect: among the runs where it happened before the horizon).
    public init(_ h: FixedHistogram) {
        var within = h
        within.counts[within.bins] = 0
        func q(_ x: Double) -> Double? { let v = within.quantile(x); return v.isFinite ? v : nil }
        p10 = q(0.1); p50 = q(0.5); p90 = q(0.9)
        let n = h.total
        pWithinHorizon = n > 0 ? Double(n - h.counts[h.bins]) / Double(n) : 0
        pWithinHorizonSE = n > 1 ? (pWithinHorizon * (1 - pWithinHorizon) / Double(n - 1)).squareRoot() : nil
    }
}

public struct StudyResult: Codable, Hashable, Sendable {
    public struct Meta: Codable, Hashable, Sendable {
        public init(scenario: String, scenarioSHA256: String, seed: UInt64, runs: Int64, version: String, runDays: Int64, horizonDays: Int, referenceAttack: String, shard: Shard? = nil, timing: Timing? = nil) { self.scenario = scenario; self.scenarioSHA256 = scenarioSHA256; self.seed = seed; self.runs = runs; self.version = version; self.runDays = runDays; self.horizonDays = horizonDays; self.referenceAttack = referenceAttack; self.shard = shard; self.timing = timing }
        public var scenario: String
        public var scenarioSHA256: String
        public var seed: UInt64
        public var runs: Int64
        public var version: String
        public var runDays: Int64
        public var horizonDays: Int
        public var referenceAttack: String
        public var shard: Shard?
        public var timing: Timing?
        /// The territorial settlement the scenario models (nil in results of earlier versions).
        public var settlement: StudyResult.SettlementNote?
        /// The scenario's units of money and combat power (nil in results of earlier versions).
        public var units: StudyResult.Units?
        enum CodingKeys: String, CodingKey {
            case scenario, seed, runs, version, shard, timing, settlement, units
            case scenarioSHA256 = "scenario_sha256", runDays = "run_days", horizonDays = "horizon_days"
            case referenceAttack = "reference_attack"
        }
    }
    /// The settlement in words: its kind (as the scenario language spells it) and its name.
    public struct SettlementNote: Codable, Hashable, Sendable {
        public var kind: String
        public var name: String
        public init(kind: String, name: String) { self.kind = kind; self.name = name }
    }
    /// The units the scenario declares (`currency`, `power_unit`): sanctions costs and
    /// financial aid are in `currency`, forces, losses and military aid in `power`.
    public struct Units: Codable, Hashable, Sendable {
        public var currency: String
        public var power: String
        public init(currency: String, power: String) { self.currency = currency; self.power = power }
    }
    public struct Shard: Codable, Hashable, Sendable {
        public init(index: Int, count: Int, firstRun: Int64, endRun: Int64, totalRuns: Int64) { self.index = index; self.count = count; self.firstRun = firstRun; self.endRun = endRun; self.totalRuns = totalRuns }
        public var index: Int
        public var count: Int
        public var firstRun: Int64
        public var endRun: Int64
        public var totalRuns: Int64
        enum CodingKeys: String, CodingKey { case index, count, firstRun = "first_run", endRun = "end_run", totalRuns = "total_runs" }
    }
    public struct Timing: Codable, Hashable, Sendable {
        public init(seconds: Double, threads: Int, runsPerSecond: Double, nsPerRunDay: Double, sensitivitySeconds: Double? = nil) { self.seconds = seconds; self.threads = threads; self.runsPerSecond = runsPerSecond; self.nsPerRunDay = nsPerRunDay; self.sensitivitySeconds = sensitivitySeconds }
        /// The whole study, the sensitivity analysis included when it ran; runs per second and
        /// nanoseconds per run-day count every run and run-day it simulated (`meta.run_days`).
        public var seconds: Double
        public var threads: Int
        public var runsPerSecond: Double
        public var nsPerRunDay: Double
        /// The part of `seconds` the sensitivity analysis took (absent when it did not run).
        public var sensitivitySeconds: Double?
        enum CodingKeys: String, CodingKey { case seconds, threads, runsPerSecond = "runs_per_second", nsPerRunDay = "ns_per_run_day", sensitivitySeconds = "sensitivity_seconds" }
    }
    public struct Delivered: Codable, Hashable, Sendable {
        public init(d30: Estimate, d90: Estimate, d365: Estimate) { self.d30 = d30; self.d90 = d90; self.d365 = d365 }
        public var d30: Estimate
        public var d90: Estimate
        public var d365: Estimate
        enum CodingKeys: String, CodingKey { case d30 = "30", d90 = "90", d365 = "365" }
    }
    public struct CommitmentFigures: Codable, Hashable, Sendable {
        public init(agreement: String, kind: String, unit: String, honourProbability: Estimate, firstEffectDay: Quantiles, deliveredByDay: Delivered) { self.agreement = agreement; self.kind = kind; self.unit = unit; self.honourProbability = honourProbability; self.firstEffectDay = firstEffectDay; self.deliveredByDay = deliveredByDay }
        public var agreement: String
        public var kind: String
        public var unit: String
        public var honourProbability: Estimate
        public var firstEffectDay: Quantiles
        public var deliveredByDay: Delivered
        enum CodingKeys: String, CodingKey {
            case agreement, kind, unit
            case honourProbability = "honour_probability", firstEffectDay = "first_effect_day", deliveredByDay = "delivered_by_day"
        }
    }
    public struct GuarantorFigures: Codable, Hashable, Sendable {
        public init(id: String, name: String, honourProbability: Estimate, perceivedHonourProbability: Estimate, agreementInForce: Estimate, commitments: [CommitmentFigures]) { self.id = id; self.name = name; self.honourProbability = honourProbability; self.perceivedHonourProbability = perceivedHonourProbability; self.agreementInForce = agreementInForce; self.commitments = commitments }
        public var id: String
        public var name: String
        public var honourProbability: Estimate
        public var perceivedHonourProbability: Estimate
        public var agreementInForce: Estimate
        public var commitments: [CommitmentFigures]
        enum CodingKeys: String, CodingKey {
            case id, name, commitments
            case honourProbability = "honour_probability", perceivedHonourProbability = "perceived_honour_probability"
            case agreementInForce = "p_agreement_in_force"
        }
    }
    public struct Histogram: Codable, Hashable, Sendable {
        public init(lo: Double, hi: Double, counts: [Int64], zeros: Int64? = nil) { self.lo = lo; self.hi = hi; self.counts = counts; self.zeros = zeros }
        public var lo: Double
        public var hi: Double
        public var counts: [Int64]
        /// How many of the values were exactly 0 (also counted in their bin); absent in results of earlier versions.
        public var zeros: Int64?
    }
    public struct AttackFigures: Codable, Hashable, Sendable {
        public init(type: String, kind: String, name: String, objectiveShare: Estimate, aggressorLosses: Estimate, protegeLosses: Estimate, sanctionsCost: Estimate, escalationProbability: Estimate, objectiveShareHistogram: Histogram, expectedUtility: Estimate?, pBestResponse: Double?) { self.type = type; self.kind = kind; self.name = name; self.objectiveShare = objectiveShare; self.aggressorLosses = aggressorLosses; self.protegeLosses = protegeLosses; self.sanctionsCost = sanctionsCost; self.escalationProbability = escalationProbability; self.objectiveShareHistogram = objectiveShareHistogram; self.expectedUtility = expectedUtility; self.pBestResponse = pBestResponse }
        public var type: String
        public var kind: String
        public var name: String
        public var objectiveShare: Estimate
        public var aggressorLosses: Estimate
        public var protegeLosses: Estimate
        public var sanctionsCost: Estimate
        public var escalationProbability: Estimate
        public var objectiveShareHistogram: Histogram
        public var expectedUtility: Estimate?
        public var pBestResponse: Double?
        /// Standard error of `pBestResponse` (runs and aggressor types; absent in results of earlier versions).
        public var pBestResponseSE: Double?
        enum CodingKeys: String, CodingKey {
            case type, kind, name
            case objectiveShare = "objective_share", aggressorLosses = "aggressor_losses", protegeLosses = "protege_losses"
            case sanctionsCost = "sanctions_cost", escalationProbability = "escalation_probability"
            case objectiveShareHistogram = "objective_share_histogram"
            case expectedUtility = "expected_utility", pBestResponse = "p_best_response", pBestResponseSE = "p_best_response_se"
        }
    }
    public struct AidPoint: Codable, Hashable, Sendable {
        public init(day: Int, p10: Double?, p50: Double?, p90: Double?) { self.day = day; self.p10 = p10; self.p50 = p50; self.p90 = p90 }
        public var day: Int
        public var p10: Double?
        public var p50: Double?
        public var p90: Double?
    }
    public struct Headline: Codable, Hashable, Sendable {
        public init(pAllHonour: Estimate, daysToFirstMilitaryAid: Quantiles, aidDeliveredByDay90: Estimate) { self.pAllHonour = pAllHonour; self.daysToFirstMilitaryAid = daysToFirstMilitaryAid; self.aidDeliveredByDay90 = aidDeliveredByDay90 }
        public var pAllHonour: Estimate
        public var daysToFirstMilitaryAid: Quantiles
        public var aidDeliveredByDay90: Estimate
        enum CodingKeys: String, CodingKey {
            case pAllHonour = "p_all_honour", daysToFirstMilitaryAid = "days_to_first_military_aid"
            case aidDeliveredByDay90 = "aid_delivered_by_day_90"
        }
    }
    public struct CredibilityGap: Codable, Hashable, Sendable {
        public init(guarantor: String, actual: Double, perceived: Double, gap: Double, gapSE: Double? = nil) { self.guarantor = guarantor; self.actual = actual; self.perceived = perceived; self.gap = gap; self.gapSE = gapSE }
        public var guarantor: String
        public var actual: Double
        public var perceived: Double
        public var gap: Double
        /// Standard error of the gap, from the runs' paired views (absent in results of earlier versions).
        public var gapSE: Double?
        enum CodingKeys: String, CodingKey { case guarantor, actual, perceived, gap, gapSE = "gap_se" }
    }
    public struct DeterrenceFigures: Codable, Hashable, Sendable {
        public init(pDeterred: Estimate, bestResponse: String, probeRisk: Estimate, credibilityGap: [CredibilityGap], aggressorTypes: Int, statusQuoUtility: Double) { self.pDeterred = pDeterred; self.bestResponse = bestResponse; self.probeRisk = probeRisk; self.credibilityGap = credibilityGap; self.aggressorTypes = aggressorTypes; self.statusQuoUtility = statusQuoUtility }
        public var pDeterred: Estimate
        public var bestResponse: String
        public var probeRisk: Estimate
        public var credibilityGap: [CredibilityGap]
        public var aggressorTypes: Int
        public var statusQuoUtility: Double
        enum CodingKeys: String, CodingKey {
            case pDeterred = "p_deterred", bestResponse = "best_response", probeRisk = "probe_risk"
            case credibilityGap = "credibility_gap", aggressorTypes = "aggressor_types", statusQuoUtility = "status_quo_utility"
        }
    }
    public struct SensitivityRow: Codable, Hashable, Sendable {
        public init(input: String, low: Double, high: Double, pDeterredLow: Double, pDeterredHigh: Double, objectiveShareLow: Double, objectiveShareHigh: Double, swingPDeterred: Double, swingObjectiveShare: Double) { self.input = input; self.low = low; self.high = high; self.pDeterredLow = pDeterredLow; self.pDeterredHigh = pDeterredHigh; self.objectiveShareLow = objectiveShareLow; self.objectiveShareHigh = objectiveShareHigh; self.swingPDeterred = swingPDeterred; self.swingObjectiveShare = swingObjectiveShare }
        public var input: String
        public var low: Double
        public var high: Double
        public var pDeterredLow: Double
        public var pDeterredHigh: Double
        public var objectiveShareLow: Double
        public var objectiveShareHigh: Double
        public var swingPDeterred: Double
        public var swingObjectiveShare: Double
        /// Standard errors of the variants' figures (absent in results of earlier versions). A
        /// swing's is sqrt(low^2 + high^2), the error were the two variants independent: they
        /// share their random numbers and aggressor types, which makes the true error smaller.
        public var pDeterredLowSE: Double?, pDeterredHighSE: Double?, swingPDeterredSE: Double?
        public var objectiveShareLowSE: Double?, objectiveShareHighSE: Double?, swingObjectiveShareSE: Double?
        enum CodingKeys: String, CodingKey {
            case input, low, high
            case pDeterredLow = "p_deterred_low", pDeterredHigh = "p_deterred_high"
            case objectiveShareLow = "objective_share_low", objectiveShareHigh = "objective_share_high"
            case swingPDeterred = "swing_p_deterred", swingObjectiveShare = "swing_objective_share"
            case pDeterredLowSE = "p_deterred_low_se", pDeterredHighSE = "p_deterred_high_se", swingPDeterredSE = "swing_p_deterred_se"
            case objectiveShareLowSE = "objective_share_low_se", objectiveShareHighSE = "objective_share_high_se"
            case swingObjectiveShareSE = "swing_objective_share_se"
        }
    }
    public struct Sensitivity: Codable, Hashable, Sendable {
        public init(runsPerVariant: Int64, baselinePDeterred: Double, baselineObjectiveShare: Double, rows: [SensitivityRow]) { self.runsPerVariant = runsPerVariant; self.baselinePDeterred = baselinePDeterred; self.baselineObjectiveShare = baselineObjectiveShare; self.rows = rows }
        public var runsPerVariant: Int64
        /// Every run of every variant (the baseline's and two per input), and their run-days
        /// (counted in `meta.run_days` too; absent in results of earlier versions).
        public var runs: Int64?, runDays: Int64?
        public var baselinePDeterred: Double
        public var baselineObjectiveShare: Double
        /// Standard errors of the baseline variant's figures (absent in results of earlier versions).
        public var baselinePDeterredSE: Double?, baselineObjectiveShareSE: Double?
        public var rows: [SensitivityRow]
        enum CodingKeys: String, CodingKey {
            case rows, runsPerVariant = "runs_per_variant", runs, runDays = "run_days", baselinePDeterred = "baseline_p_deterred"
            case baselineObjectiveShare = "baseline_objective_share"
            case baselinePDeterredSE = "baseline_p_deterred_se", baselineObjectiveShareSE = "baseline_objective_share_se"
        }
    }

    public var meta: Meta
    public var headline: Headline
    public var guarantors: [GuarantorFigures]
    public var attacks: [AttackFigures]
    public var aidOverTime: [AidPoint]
    public var deterrence: DeterrenceFigures?
    public var sensitivity: Sensitivity?
    /// The raw exact accumulator (shard results only), which `guarantor merge` combines.
    public var accumulator: AccumulatorRecord?

    enum CodingKeys: String, CodingKey {
        case meta, headline, guarantors, attacks, deterrence, sensitivity, accumulator
        case aidOverTime = "aid_over_time"
    }
}

extension StudyResult {
    /// The figures of MODEL.md section 5 that need no aggressor decision.
    public static func summarise(plan: CompiledScenario, accumulator acc: StudyAccumulator, seed: UInt64) -> StudyResult {
        let s = plan.scenario
        var meta = Meta(scenario: s.name, scenarioSHA256: plan.contentHash, seed: seed, runs: acc.runs,
                        version: GuarantorVersion.string, runDays: acc.runDays, horizonDays: plan.horizon,
                        referenceAttack: s.attacks.indices.contains(plan.referenceAttack) ? s.attacks[plan.referenceAttack].id : "")
        meta.settlement = SettlementNote(kind: s.settlement.kind.rawValue, name: s.settlement.name)
        meta.units = Units(currency: s.currency, power: s.powerUnit)
        var guarantors: [GuarantorFigures] = []
        for (g, gd) in s.guarantors.enumerated() {
            var commitments: [CommitmentFigures] = []
            for (i, o) in plan.obligations.enumerated() where o.guarantor == g {
                let c = plan.commitments[o.commitment]
                let ob = acc.obligations[i]
                commitments.append(CommitmentFigures(
                    agreement: s.agreements[c.agreement].id, kind: c.kind.rawValue,
                    unit: c.kind.sizeUnit == .money ? s.currency : c.kind.sizeUnit == .power ? s.powerUnit : "",
                    honourProbability: Estimate(ob.honoured), firstEffectDay: Quantiles(ob.firstEffectDay),
                    deliveredByDay: Delivered(d30: Estimate(ob.delivered30), d90: Estimate(ob.delivered90), d365: Estimate(ob.delivered365))))
            }
            guarantors.append(GuarantorFigures(
                id: gd.id, name: gd.name, honourProbability: Estimate(acc.guarantorHonours[g]),
                perceivedHonourProbability: Estimate(acc.guarantorHonoursPerceived[g]),
                agreementInForce: Estimate(acc.guarantorActive[g]), commitments: commitments))
        }
        let attacks = s.attacks.enumerated().map { k, a in
            let x = acc.attacks[k]
            return AttackFigures(type: a.id, kind: a.kind.rawValue, name: a.name,
                                 objectiveShare: Estimate(x.objectiveShare), aggressorLosses: Estimate(x.aggressorLosses),
                                 protegeLosses: Estimate(x.protegeLosses), sanctionsCost: Estimate(x.sanctionsCost),
                                 escalationProbability: Estimate(x.escalated),
                                 objectiveShareHistogram: Histogram(lo: x.shareHistogram.lo, hi: x.shareHistogram.hi, counts: x.shareHistogram.counts,
                                                                            zeros: x.shareHistogram.zeros),
                                 expectedUtility: nil, pBestResponse: nil)
        }
        let aid = zip(acc.aidCheckpoints, acc.aidOverTime).map { day, h in
            let q = Quantiles(h)
            return AidPoint(day: day, p10: q.p10, p50: q.p50, p90: q.p90)
        }
        let headline = Headline(pAllHonour: Estimate(acc.allHonour), daysToFirstMilitaryAid: Quantiles(acc.firstMilitaryAidDay),
                                aidDeliveredByDay90: Estimate(acc.aid90))
        return StudyResult(meta: meta, headline: headline, guarantors: guarantors, attacks: attacks, aidOverTime: aid,
                           deterrence: nil, sensitivity: nil, accumulator: nil)
    }
}
