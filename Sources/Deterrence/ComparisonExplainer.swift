import CrisisEngine
import GuarantorModel

/// Writes the sentences under a comparison from the figures themselves: which
/// design deters most, whether the gap exceeds the simulation noise, and
/// which per-guarantor and timing figures (and, when present, which inputs of
/// the sensitivity analysis) account for it.
public enum ComparisonExplainer {
    /// The best response in words, as the reports name it: "no attack (status quo)", or the
    /// attack's name ("missile and drone campaign on energy and ports"), not its id.
    static func responseName(_ row: ComparisonResult.Row) -> String {
        let id = row.bestResponse
        if id == "status_quo" || id.isEmpty { return "no attack (status quo)" }
        guard let a = row.study.attacks.first(where: { $0.type == id }), !a.name.isEmpty else { return id }
        return a.name.prefix(1).lowercased() + a.name.dropFirst()
    }

    static func pct(_ x: Double) -> String { Format.percent(x, decimals: 1) }
    static func pp(_ x: Double) -> String { Format.fixed(x * 100, decimals: 1) + " percentage points" }
    /// "43.1% ± 0.5%": a probability with its standard error.
    static func pct(_ e: Estimate) -> String { "\(pct(e.mean)) ± \(pct(e.se))" }
    static func pct(_ x: Double, se: Double?) -> String { se.map { pct(Estimate(mean: x, se: $0)) } ?? pct(x) }
    /// "62.4 ± 1.5 percentage points" (the error as if the two variants were independent: an upper bound).
    static func pp(_ x: Double, se: Double?) -> String {
        se.map { Format.fixed(x * 100, decimals: 1) + " ± " + Format.fixed($0 * 100, decimals: 1) + " percentage points" } ?? pp(x)
    }

    /// How the best and the worst design's P(deterred) stand apart: equal to
    /// the last digit in every design, beyond two standard errors of the gap,
    /// or within them. The explanation and the headline sentence both say it.
    public enum Separation { case identical, beyondNoise, withinNoise }

    /// The designs with the highest and the lowest P(deterred), the gap between them, and how it stands.
    public static func gap(_ rows: [ComparisonResult.Row])
        -> (best: ComparisonResult.Row, worst: ComparisonResult.Row, gap: Estimate, separation: Separation)? {
        let sorted = rows.sorted { $0.pDeterred.mean > $1.pDeterred.mean }
        guard let best = sorted.first, let worst = sorted.last, rows.count >= 2 else { return nil }
        let gap = best.pDeterred.minus(worst.pDeterred)
        let separation: Separation = sorted.allSatisfy({ $0.pDeterred == best.pDeterred }) ? .identical
            : gap.mean > 2 * gap.se ? .beyondNoise : .withinNoise
        return (best, worst, gap, separation)
    }

    public static func explain(_ rows: [ComparisonResult.Row]) -> [String] {
        guard let (best, worst, gap, separation) = gap(rows) else {
            return rows.isEmpty ? [] : ["Only one scenario: nothing to compare."]
        }
        var out: [String] = []
        let sorted = rows.sorted { $0.pDeterred.mean > $1.pDeterred.mean }
        let verdict: String
        switch separation {
        case .identical:
            verdict = ": the same figure in every design, to the last digit (the designs share their random numbers, so designs that differ in nothing that matters here give the same numbers)."
        case .beyondNoise:
            verdict = ": a gap of \(pp(gap.mean, se: gap.se)), well beyond the simulation error."
        case .withinNoise:
            verdict = ": a gap of \(pp(gap.mean, se: gap.se)), within two standard errors of zero at this run count: "
                + "these designs may deter alike; more runs would tell whether the gap is real."
        }
        out.append("\(best.scenario) deters in \(pct(best.pDeterred.mean)) ± \(pct(best.pDeterred.se)) of aggressor types, \(worst.scenario) in \(pct(worst.pDeterred.mean)) ± \(pct(worst.pDeterred.se))" + verdict)
        // Best responses.
        let responses = Set(rows.map(\.bestResponse))
        if responses.count > 1 {
            out.append("The aggressor's most likely choice changes with the design: " + sorted.map { "\(Self.responseName($0)) under \($0.scenario)" }.joined(separator: ", ") + ".")
        } else if let r = responses.first {
            out.append("Under every design the aggressor's most likely choice is \(r == "status_quo" ? "to keep the status quo" : "`\(r)`").")
        }
        // Drivers: compare the best and the worst on the mechanisms the model
        // has, and keep those whose difference is beyond two standard errors
        // (of independent estimates: an upper bound), not the noise.
        var drivers: [(weight: Double, se: Double, text: String)] = []
        func noise(_ a: Estimate, _ b: Estimate) -> Double { a.minus(b).se }
        let dAll = best.pAllHonour.mean - worst.pAllHonour.mean
        drivers.append((abs(dAll), noise(best.pAllHonour, worst.pAllHonour),
                        "all guarantors honour in \(pct(best.pAllHonour)) of runs under \(best.scenario) against \(pct(worst.pAllHonour)) under \(worst.scenario)"))
        let dShare = worst.fullInvasionObjectiveShare.mean - best.fullInvasionObjectiveShare.mean
        drivers.append((abs(dShare), noise(best.fullInvasionObjectiveShare, worst.fullInvasionObjectiveShare),
                        "a full invasion achieves \(pct(best.fullInvasionObjectiveShare)) of its objective under \(best.scenario) and \(pct(worst.fullInvasionObjectiveShare)) under \(worst.scenario)"))
        let dAidShare = best.pMilitaryAidWithinHorizon - worst.pMilitaryAidWithinHorizon
        drivers.append((abs(dAidShare), noise(Estimate(mean: 0, se: best.pMilitaryAidWithinHorizonSE ?? 0), Estimate(mean: 0, se: worst.pMilitaryAidWithinHorizonSE ?? 0)),
                        "military aid arrives within the horizon in \(pct(best.pMilitaryAidWithinHorizon, se: best.pMilitaryAidWithinHorizonSE)) of runs against \(pct(worst.pMilitaryAidWithinHorizon, se: worst.pMilitaryAidWithinHorizonSE))" + timing(best, worst)))
        let bEsc = escalation(best), wEsc = escalation(worst)
        drivers.append((abs(bEsc.mean - wEsc.mean), noise(bEsc, wEsc),
                        "attacking risks fighting a guarantor's own forces in \(pct(bEsc)) of runs under \(best.scenario) against \(pct(wEsc)) under \(worst.scenario)"))
        // Agreements in force: survival across elections.
        let bForce = meanInForce(best), wForce = meanInForce(worst)
        drivers.append((abs(bForce.mean - wForce.mean), noise(bForce, wForce),
                        "guarantors' agreements are still in force at the attack in \(pct(bForce)) of guarantor-runs against \(pct(wForce)) (expiry and survival across government turnovers)"))
        let ranked = drivers.filter { $0.weight > 0.005 && $0.weight > 2 * $0.se }.sorted { $0.weight > $1.weight }.prefix(3)
        if !ranked.isEmpty {
            out.append("What separates them (differences beyond two standard errors): " + ranked.map(\.text).joined(separator: "; ") + ".")
        }
        // Guarantor that differs most.
        var largest: (Double, String)?
        for g in best.study.guarantors {
            if let w = worst.study.guarantors.first(where: { $0.id == g.id }) {
                let d = g.honourProbability.mean - w.honourProbability.mean
                guard abs(d) > 2 * noise(g.honourProbability, w.honourProbability) else { continue }
                if largest.map({ abs(d) > abs($0.0) }) ?? true { largest = (d, "\(g.name) honours with probability \(pct(g.honourProbability)) under \(best.scenario) and \(pct(w.honourProbability)) under \(worst.scenario)") }
            }
        }
        if let (d, text) = largest, abs(d) > 0.01 { out.append("The largest single-guarantor difference: \(text).") }
        // Sensitivity: the inputs that move P(deterred) most in each design.
        for r in sorted {
            guard let s = r.study.sensitivity, let top = s.rows.first, top.swingPDeterred > 0 else { continue }
            let second = s.rows.dropFirst().first.map { " then `\($0.input)` (\(pp($0.swingPDeterred, se: $0.swingPDeterredSE)))" } ?? ""
            out.append("Under \(r.scenario), P(deterred) is most sensitive to `\(top.input)` (a swing of \(pp(top.swingPDeterred, se: top.swingPDeterredSE)) between its 5th and 95th percentiles, \(s.runsPerVariant) runs per variant)\(second).")
        }
        if let units = unitsDiffer(rows) { out.append(units) }
        return out
    }

    /// A warning when the scenarios count amounts in different units (their
    /// commitments' currencies and combat-power units): aid, sanctions and
    /// expected utilities are then not comparable across them.
    static func unitsDiffer(_ rows: [ComparisonResult.Row]) -> String? {
        let units = rows.map { r in
            (r.scenario, Set(r.study.guarantors.flatMap { $0.commitments.map(\.unit) }.filter { !$0.isEmpty }).sorted())
        }.filter { !$0.1.isEmpty }
        guard let first = units.first, units.contains(where: { $0.1 != first.1 }) else { return nil }
        let list = units.map { "\($0.0) counts in \($0.1.joined(separator: " and "))" }.joined(separator: "; ")
        return "Amounts are in different units across these scenarios (\(list)): compare aid, sanctions and expected utilities within a scenario, not across them."
    }

    static func timing(_ a: ComparisonResult.Row, _ b: ComparisonResult.Row) -> String {
        guard let x = a.medianDaysToFirstMilitaryAid, let y = b.medianDaysToFirstMilitaryAid else { return "" }
        return ", with a median of \(Format.fixed(x, decimals: 0)) and \(Format.fixed(y, decimals: 0)) days to the first delivery"
    }

    static func escalation(_ r: ComparisonResult.Row) -> Estimate {
        r.study.attacks.first { $0.type == r.study.meta.referenceAttack }?.escalationProbability ?? Estimate(mean: 0, se: 0)
    }

    /// The guarantors' mean share of runs with their agreements in force, with the standard
    /// error of a mean of independent estimates (the guarantors' turnovers are drawn apart).
    static func meanInForce(_ r: ComparisonResult.Row) -> Estimate {
        let gs = r.study.guarantors
        guard !gs.isEmpty else { return Estimate(mean: 0, se: 0) }
        let n = Double(gs.count)
        return Estimate(mean: gs.reduce(0) { $0 + $1.agreementInForce.mean } / n,
                        se: gs.reduce(0) { $0 + $1.agreementInForce.se * $1.agreementInForce.se }.squareRoot() / n)
    }
}
