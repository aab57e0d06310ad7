import CrisisEngine
import Deterrence
import GuarantorModel

/// Sentences generated from the numbers that a journalist can quote as they stand.
public enum HeadlineSentence {
    /// "62% ± 1%": rounded as `ReportText.prosePercent` rounds, with the standard error.
    static func withError(_ mean: Double, _ se: Double) -> String {
        "\(ReportText.prosePercent(mean, se: se)) ± \(ReportText.prosePercent(se, se: se))"
    }

    public static func study(_ r: StudyResult) -> String {
        var out: [String] = []
        if let d = r.deterrence {
            let pd = ReportText.prosePercent(d.pDeterred.mean, se: d.pDeterred.se)
            let se = ReportText.prosePercent(d.pDeterred.se, se: d.pDeterred.se)
            // "No attack beats the status quo" was read as "not attacking beats the status quo":
            // say who is deterred and why, in words that survive being quoted.
            var s = "The aggressor is deterred in \(pd) ± \(se) of the simulated aggressor types (its values and costs drawn "
                + "from the scenario's ranges): for them every attack is worse than not attacking"
            if d.bestResponse == "status_quo" || d.bestResponse.isEmpty {
                s += "; the most likely choice is not to attack."
            } else {
                let attack = r.attacks.first { $0.type == d.bestResponse }
                s += "; the most likely choice is \(ReportText.responseName(d.bestResponse, in: r))"
                if let share = attack?.pBestResponse {
                    s += " (\(attack?.pBestResponseSE.map { withError(share, $0) } ?? Markup.percent(share, decimals: 0)) of types)."
                } else {
                    s += "."
                }
            }
            out.append(s)
            if d.probeRisk.mean >= 0.005 {
                out.append("For \(withError(d.probeRisk.mean, d.probeRisk.se)) of types a smaller attack (any short of full invasion) pays while a full invasion does not: the risk that the aggressor probes with a smaller attack.")
            }
        }
        let h = r.headline
        // A scenario without guarantors (a baseline to compare against) has nobody to honour anything.
        var honour = r.guarantors.isEmpty
            ? "The scenario has no guarantors"
            : "All guarantors honour their commitments in \(withError(h.pAllHonour.mean, h.pAllHonour.se)) of simulated crises"
        let q = h.daysToFirstMilitaryAid
        if r.guarantors.isEmpty {
            honour += ", so no aid arrives."
        } else if let median = q.p50, q.pWithinHorizon > 0 {
            let share = q.pWithinHorizonSE.map { withError(q.pWithinHorizon, $0) } ?? Markup.percent(q.pWithinHorizon, decimals: 0)
            honour += "; military aid (arms, air defence, training or troops) arrives within \(r.meta.horizonDays) days in \(share) of them, after a median of \(Markup.fixed(median, decimals: 0)) days."
        } else {
            honour += "; no military aid arrives within \(r.meta.horizonDays) days."
        }
        out.append(honour)
        if let a = ReportText.referenceAttack(r) {
            out.append("Under \(ReportText.attackName(a).lowercasedFirst()) the aggressor takes \(withError(a.objectiveShare.mean, a.objectiveShare.se)) of its objective on average.")
        }
        return out.joined(separator: " ")
    }

    public static func compare(_ c: ComparisonResult) -> String {
        guard let first = c.rows.first else { return "No scenarios to compare." }
        if c.rows.count == 1 {
            return "\(first.scenario): P(deterred) \(ReportText.percent(first.pDeterred))."
        }
        guard let (best, worst, gap, separation) = ComparisonExplainer.gap(c.rows) else { return "" }
        var s = "P(deterred) is \(ReportText.percent(best.pDeterred)) under “\(best.scenario)” against \(ReportText.percent(worst.pDeterred)) under “\(worst.scenario)”"
        s += ", a difference of \(Markup.fixed(gap.mean * 100, decimals: 1)) ± \(Markup.fixed(gap.se * 100, decimals: 1)) percentage points"
        switch separation {
        case .identical: s += ": the same figure, to the last digit."
        case .beyondNoise: s += "."
        case .withinNoise: s += " (within two standard errors of zero: these designs may deter alike; more runs would tell whether the gap is real)."
        }
        return s
    }
}
