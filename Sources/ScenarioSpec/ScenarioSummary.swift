import GuarantorModel

/// The readable summary printed by `guarantor show`.
public enum ScenarioSummary {
    /// "p5 / p50 / p95" for uncertain numbers, the value for constants.
    public static func range(_ d: Distribution, percent: Bool = false) -> String {
        func f(_ x: Double) -> String { percent ? Format.percent(x) : Format.compact(x) }
        if case .constant(let v) = d { return f(v) }
        return "\(f(d.quantile(0.05))) / \(f(d.quantile(0.5))) / \(f(d.quantile(0.95)))"
    }

    public static func text(_ s: Scenario) -> String {
        var out: [String] = []
        out.append(s.name)
        out.append(String(repeating: "=", count: min(78, s.name.count)))
        if !s.summary.isEmpty { out.append(s.summary) }
        out.append("")
        out.append("Uncertain numbers are shown as 5th / 50th / 95th percentile.")
        out.append("Money in \(s.currency); combat power in \(s.powerUnit).")
        out.append("Start \(s.start); attack after \(range(s.attackAfterYears)) years; horizon \(s.horizonDays) days; \(s.runs) runs, seed \(s.seed).")
        out.append("")
        out.append("Protégé   \(s.protege.name) (\(s.protege.id)): combat power \(range(s.protege.combatPower)), mobilisation \(range(s.protege.mobilisationPerDay))/day")
        let a = s.aggressor
        out.append("Aggressor \(a.name) (\(a.id)): combat power \(range(a.combatPower)), reinforcement \(range(a.reinforcementPerDay))/day, perception \(range(a.perception))")
        out.append("          values the objective at \(range(a.valuation.objectiveValue)); loss cost \(range(a.valuation.lossCost)); sanctions cost \(range(a.valuation.sanctionsCost)); escalation cost \(range(a.valuation.escalationCost))")
        out.append("")
        let st = s.settlement
        out.append("Settlement: \(st.name) [\(st.kind.rawValue)]")
        out.append("  warning \(range(st.warningDays)) days; objective depth \(range(st.objectiveDepthKm)) km" + (st.zoneWidthKm > 0 ? "; zone width \(Format.number(st.zoneWidthKm)) km" : ""))
        if st.aggressorPoliceInside { out.append("  the aggressor's police and national guard stand inside the zone") }
        if !st.monitorGuarantors.isEmpty || !st.monitorStates.isEmpty {
            out.append("  monitors: " + (st.monitorGuarantors + st.monitorStates).joined(separator: ", "))
        }
        out.append("")
        out.append("Attack types:")
        for k in s.attacks {
            var line = "  \(k.id) [\(k.kind.rawValue)] \(k.name): force share \(range(k.forceShare, percent: true)), aims at \(range(k.objectiveShare, percent: true)) of the objective"
            if k.kind == .strikes { line += ", strike rate \(range(k.strikeRatePerDay, percent: true))/day" } else { line += ", up to \(range(k.maxAdvanceKmPerDay)) km/day" }
            if k.coverFactor != .constant(1) { line += ", cover factor \(range(k.coverFactor))" }
            out.append(line)
        }
        out.append("")
        out.append("Guarantors:")
        if s.guarantors.isEmpty { out.append("  (none)") }
        for g in s.guarantors {
            let honour: String
            switch g.honour {
            case .probability(let d): honour = range(d, percent: true)
            case .prior(let name):
                let d = NamedPrior.named(name)?.distribution ?? .constant(0)
                honour = "\(range(d, percent: true)) (prior `\(name)`)"
            }
            out.append("  \(g.id) \(g.name): base honour \(honour)")
            var will = "      will: common loading \(Format.number(g.commonLoading))"
            for l in g.leaderLoadings { will += ", follows \(l.leader) \(Format.number(l.loading))" }
            out.append(will)
            if !g.elections.isEmpty {
                out.append("      elections \(g.elections.map(\.description).joined(separator: ", ")); turnover \(range(g.turnoverProbability, percent: true)) each")
            }
            if let m = g.capacity.moneyPerMonth { out.append("      capacity \(range(m)) \(s.currency)/month") }
            if let p = g.capacity.powerPerMonth { out.append("      capacity \(range(p)) power/month") }
        }
        out.append("")
        out.append("Agreements:")
        if s.agreements.isEmpty { out.append("  (none)") }
        for ag in s.agreements {
            let trig: String
            switch ag.trigger {
            case .automatic: trig = "automatic"
            case .consult(let h): trig = "consult within \(Format.number(h)) h"
            case .discretionary: trig = ag.needsAppropriation ? "discretionary, needs appropriation" : "discretionary"
            }
            let until = ag.expires.map { "until \($0)" } ?? "indefinite"
            out.append("  \(ag.id) \(ag.name)")
            out.append("      \(ag.guarantors.joined(separator: ", ")); \(ag.form.rawValue); signed \(ag.signed), \(until); trigger \(trig)")
            var flags: [String] = ["covers " + ag.covers.joined(separator: ", ")]
            if ag.integratedCommand { flags.append("integrated command") }
            if let f = ag.stationedForces { flags.append("stationed forces \(range(f))") }
            out.append("      " + flags.joined(separator: "; "))
            for c in ag.commitments {
                var line = "      - \(c.kind.rawValue)"
                switch c.kind.sizeUnit {
                case .money: line += ": \(range(c.sizePerMonth)) \(s.currency)/month"
                case .power: line += ": \(range(c.sizePerMonth)) power/month"
                case .none: break
                }
                line += ", latency \(range(c.latencyDays)) days"
                if let d = c.durationMonths { line += ", for \(range(d)) months" }
                if let e = c.effect { line += ", effect \(range(e))" }
                out.append(line)
            }
        }
        return out.joined(separator: "\n")
    }
}
