import CrisisEngine
import Deterrence
import Foundation
import GuarantorModel

/// Predicted against observed for historical cases, scored by the Brier score.
public enum Backtest {
    /// The model's predictions for one case.
    public struct Prediction: Sendable, Hashable, Codable {
        public var pDeterred: Double?
        /// Guarantor id -> P(honour) at the attack that happened.
        public var honour: [String: Double]
        /// Guarantor id -> mean of its base honour probability alone (the prior,
        /// before form, trigger, cover and events): the baseline the model must beat.
        public var baseHonour: [String: Double] = [:]
    }

    /// One scored prediction.
    public struct Scored: Sendable, Hashable, Codable {
        public var caseName: String
        /// `deterred` or `honour:<guarantor id>`.
        public var quantity: String
        public var predicted: Double
        /// The base honour rate alone for honour; 0.5 for deterrence.
        public var baseline: Double
        public var observed: Bool
        public var squaredError: Double { let o = observed ? 1.0 : 0.0; return (predicted - o) * (predicted - o) }
        public var baselineSquaredError: Double { let o = observed ? 1.0 : 0.0; return (baseline - o) * (baseline - o) }
    }

    public struct Report: Sendable, Codable {
        public var cases: Int
        public var runsPerCase: Int64?
        public var scored: [Scored]
        public var brier: Double
        /// Standard error of the mean squared error: how little N pins it down.
        public var brierStandardError: Double
        public var honourBrier: Double?
        public var deterrenceBrier: Double?
        /// Brier of always predicting 0.5, for scale.
        public var uninformativeBrier: Double
        /// Brier of the baselines: the prior alone for honour, 0.5 for deterrence.
        public var baselineBrier: Double
        public var warning: String
    }

    /// Runs the study of one case's scenario: P(deterred) over all attack types
    /// and P(honour) per guarantor at the attack that happened.
    public static func predict(_ scenario: Scenario, outcome: CaseOutcome, runs: Int64? = nil, seed: UInt64? = nil,
                               threads: Int = 1, aggressorTypes: Int = AggressorDecision.defaultTypes) async throws -> Prediction {
        var plan = CompiledScenario(scenario)
        if let attack = outcome.attack, let k = scenario.attacks.firstIndex(where: { $0.id == attack }) {
            // The honour figures are recorded for the reference attack: make it the one that happened.
            plan.referenceAttack = k
        }
        let seed = seed ?? scenario.seed
        let (acc, result) = try await StudyRunner.run(plan: plan, seed: seed, runs: runs ?? Int64(scenario.runs), threads: threads)
        var honour: [String: Double] = [:]
        for g in result.guarantors { honour[g.id] = g.honourProbability.mean }
        var pDeterred: Double? = nil
        if outcome.deterred != nil {
            pDeterred = AggressorDecision.evaluate(plan: plan, accumulator: acc, seed: seed, types: aggressorTypes).pDeterred
        }
        var base: [String: Double] = [:]
        for g in scenario.guarantors {
            switch g.honour {
            case .probability(let d): base[g.id] = min(1, max(0, d.mean))
            case .prior(let name): base[g.id] = NamedPrior.named(name).map { min(1, max(0, $0.distribution.mean)) }
            }
        }
        return Prediction(pDeterred: pDeterred, honour: honour, baseHonour: base)
    }

    /// Pairs predictions with observations (in the outcome's order).
    public static func score(_ outcome: CaseOutcome, _ p: Prediction) -> [Scored] {
        var out: [Scored] = []
        if let d = outcome.deterred, let pd = p.pDeterred {
            out.append(Scored(caseName: outcome.name, quantity: "deterred", predicted: pd, baseline: 0.5, observed: d))
        }
        for o in outcome.honoured {
            if let ph = p.honour[o.guarantor] {
                out.append(Scored(caseName: outcome.name, quantity: "honour:\(o.guarantor)", predicted: ph,
                                  baseline: p.baseHonour[o.guarantor] ?? 0.5, observed: o.honoured))
            }
        }
        return out
    }

    public static func report(_ scored: [Scored], cases: Int, runsPerCase: Int64?) -> Report {
        func mean(_ xs: [Double]) -> Double? { xs.isEmpty ? nil : xs.reduce(0, +) / Double(xs.count) }
        let errors = scored.map(\.squaredError)
        let brier = mean(errors) ?? 0
        var se = 0.0
        if errors.count > 1 {
            let v = errors.reduce(0) { $0 + ($1 - brier) * ($1 - brier) } / Double(errors.count - 1)
            se = (v / Double(errors.count)).squareRoot()
        }
        let honour = mean(scored.filter { $0.quantity.hasPrefix("honour:") }.map(\.squaredError))
        let deterrence = mean(scored.filter { $0.quantity == "deterred" }.map(\.squaredError))
        let warning = "SMALL N: \(scored.count) predictions from \(cases) cases, several sharing a guarantor or a war, so they are not independent. "
            + "The Brier score's standard error is about \(Format.fixed(se, decimals: 3)); it shows where the model misses, not whether it is calibrated."
        return Report(cases: cases, runsPerCase: runsPerCase, scored: scored, brier: brier, brierStandardError: se,
                      honourBrier: honour, deterrenceBrier: deterrence, uninformativeBrier: 0.25,
                      baselineBrier: mean(scored.map(\.baselineSquaredError)) ?? 0, warning: warning)
    }
}

extension Backtest.Report {
    public var text: String {
        var t = TextTable(header: ["case", "prediction", "predicted", "baseline", "observed", "squared error"])
        for s in scored {
            t.add([s.caseName, s.quantity == "deterred" ? "P(deterred)" : "P(\(s.quantity.dropFirst(7)) honours)",
                   Format.percent(s.predicted), Format.percent(s.baseline), s.observed ? "yes" : "no",
                   Format.fixed(s.squaredError, decimals: 3)])
        }
        var out = ["Backtest: \(cases) historical cases" + (runsPerCase.map { ", \($0) runs each" } ?? ""), "", t.render(), ""]
        out.append("Brier score      \(Format.fixed(brier, decimals: 3)) ± \(Format.fixed(brierStandardError, decimals: 3)) over \(scored.count) predictions (0 = perfect; always 50 % scores 0.250)")
        if let h = honourBrier { out.append("  honour         \(Format.fixed(h, decimals: 3))") }
        if let d = deterrenceBrier { out.append("  deterrence     \(Format.fixed(d, decimals: 3))") }
        out.append("Baseline Brier   \(Format.fixed(baselineBrier, decimals: 3)) (honour: the guarantor's prior alone, before form, trigger and cover; deterrence: 50 %)")
        out.append("")
        out.append(warning)
        return out.joined(separator: "\n") + "\n"
    }

    public func json() throws(EvidenceError) -> String { try EvidenceJSON.encode(self) }
}
