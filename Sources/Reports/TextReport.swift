import CrisisEngine
import GuarantorModel

/// Plain-text tables for the terminal.
public enum TextReport {
    static func pct(_ e: Estimate) -> String { ReportText.percent(e) }
    static func num(_ e: Estimate) -> String { ReportText.number(e) }
    static func day(_ x: Double?) -> String { x.map { Format.fixed($0, decimals: 0) } ?? "never" }

    /// Left-aligned columns separated by two spaces.
    public static func table(_ header: [String], _ rows: [[String]]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], c.count) } }
        func line(_ cells: [String]) -> String {
            cells.enumerated().map { i, c in i == cells.count - 1 ? c : c + String(repeating: " ", count: widths[i] - c.count) }.joined(separator: "  ")
        }
        var out = [line(header), line(widths.map { String(repeating: "-", count: $0) })]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }

    public static func study(_ r: StudyResult) -> String {
        var out: [String] = []
        let m = r.meta
        out.append("\(m.scenario)")
        if let st = m.settlement { out.append("Settlement: \(st.name) (`\(st.kind)`)") }
        out.append("\(m.runs) run\(m.runs == 1 ? "" : "s"), seed \(m.seed), horizon \(m.horizonDays) days, Guarantor \(m.version), scenario sha256 \(m.scenarioSHA256.prefix(12))")
        if let s = m.shard { out.append("shard \(s.index)/\(s.count): runs [\(s.firstRun), \(s.endRun)) of \(s.totalRuns) (merge the shards with `guarantor merge`)") }
        out.append("Figures are Monte Carlo means ± one standard error.")
        out.append("")
        if let d = r.deterrence {
            out.append("Will it deter?")
            out.append("  P(deterred)      \(pct(d.pDeterred))   (share of \(d.aggressorTypes) aggressor types for which every attack is worse than not attacking)")
            out.append("  best response    \(ReportText.responseName(d.bestResponse, in: r))")
            out.append("  probe risk       \(pct(d.probeRisk))   (a smaller attack, any short of full invasion, pays while a full invasion does not)")
            out.append("")
        }
        out.append("Per attack type (actual honour):")
        var rows: [[String]] = []
        for a in r.attacks {
            var row = [a.type, pct(a.objectiveShare), num(a.aggressorLosses), num(a.protegeLosses), num(a.sanctionsCost), pct(a.escalationProbability)]
            if let eu = a.expectedUtility { row.append(num(eu)) }
            if let b = a.pBestResponse { row.append(ReportText.percent(b, se: a.pBestResponseSE)) }
            rows.append(row)
        }
        let power = ReportText.shortUnit(ReportText.aidUnit(r)), money = ReportText.shortUnit(ReportText.moneyUnit(r))
        var header = ["attack", "objective share", "aggressor losses (\(power))", "protégé losses (\(power))", "sanctions cost (\(money))", "P(escalation)"]
        if r.deterrence != nil { header += ["EU (perceived)", "P(best response)"] }
        out.append(table(header, rows))
        out.append("")
        if r.guarantors.isEmpty {
            out.append("Guarantors: none (nobody is committed to the protégé in this scenario).")
            out.append("")
        } else {
            out.append("Guarantors (reference attack `\(m.referenceAttack)`):")
            rows = r.guarantors.map { g in
                [g.id, pct(g.honourProbability), pct(g.perceivedHonourProbability), pct(g.agreementInForce)]
            }
            out.append(table(["guarantor", "P(honour)", "perceived", "agreement in force"], rows))
            out.append("")
            out.append("Commitments:")
            rows = []
            for g in r.guarantors {
                for c in g.commitments {
                    rows.append([g.id, c.agreement, c.kind, pct(c.honourProbability),
                                 "\(day(c.firstEffectDay.p10)) / \(day(c.firstEffectDay.p50)) / \(day(c.firstEffectDay.p90))",
                                 c.unit.isEmpty ? "-" : num(c.deliveredByDay.d90)])
                }
            }
            out.append(table(["guarantor", "agreement", "commitment", "P(honoured)", "first effect day p10/p50/p90", "delivered " + ReportText.byDay(90, r)], rows))
            out.append("")
        }
        let h = r.headline
        out.append("P(all guarantors honour)         \(r.guarantors.isEmpty ? "- (no guarantors)" : pct(h.pAllHonour))")
        out.append("days to first military aid      p10 \(day(h.daysToFirstMilitaryAid.p10)), median \(day(h.daysToFirstMilitaryAid.p50)), p90 \(day(h.daysToFirstMilitaryAid.p90)) (within horizon in \(ReportText.percent(h.daysToFirstMilitaryAid.pWithinHorizon, se: h.daysToFirstMilitaryAid.pWithinHorizonSE)) of runs)")
        out.append("aid delivered \(ReportText.byDay(90, r))          \(num(h.aidDeliveredByDay90)) (\(ReportText.shortUnit(ReportText.aidUnit(r))))")
        if let d = r.deterrence, !d.credibilityGap.isEmpty {
            out.append("")
            out.append("Credibility gap (actual minus perceived honour):")
            out.append(table(["guarantor", "actual", "perceived", "gap"], d.credibilityGap.map {
                [$0.guarantor, Format.percent($0.actual), Format.percent($0.perceived), ReportText.percent($0.gap, se: $0.gapSE)]
            }))
        }
        if let s = r.sensitivity {
            out.append("")
            out.append("Sensitivity (\(s.runsPerVariant) runs per variant; baseline P(deterred) \(ReportText.percent(s.baselinePDeterred, se: s.baselinePDeterredSE))):")
            out.append(table(["input", "p5", "p95", "P(deterred) at p5", "at p95", "objective share at p5", "at p95"],
                             s.rows.prefix(15).map { row in
                                 [row.input, ReportText.inputValue(row.low), ReportText.inputValue(row.high),
                                  ReportText.percent(row.pDeterredLow, se: row.pDeterredLowSE), ReportText.percent(row.pDeterredHigh, se: row.pDeterredHighSE),
                                  ReportText.percent(row.objectiveShareLow, se: row.objectiveShareLowSE),
                                  ReportText.percent(row.objectiveShareHigh, se: row.objectiveShareHighSE)]
                             }))
            if s.rows.count > 15 {
                out.append("(the \(s.rows.count - 15) inputs with the smallest swings are left out here; --format json, csv, markdown or html lists all \(s.rows.count))")
            }
        }
        if let t = m.timing {
            out.append("")
            let part = t.sensitivitySeconds.map { " (\(Format.fixed($0, decimals: 2)) s of them the sensitivity analysis)" } ?? ""
            out.append("\(Format.fixed(t.seconds, decimals: 2)) s on \(t.threads) thread\(t.threads == 1 ? "" : "s")\(part): \(Format.fixed(t.runsPerSecond, decimals: 0)) runs/s, \(Format.fixed(t.nsPerRunDay, decimals: 2)) ns per run-day")
        }
        return out.joined(separator: "\n")
    }
}

import Deterrence

extension TextReport {
    public static func compare(_ c: ComparisonResult) -> String {
        var out = ["Comparison: \(c.rows.count) scenarios, \(c.runs) runs each, seed \(c.seed), Guarantor \(c.version)",
                   "Figures are Monte Carlo means ± one standard error; a change's error treats the designs as independent (an upper bound).", ""]
        let rows = c.rows.map { r in
            [r.scenario, pct(r.pDeterred), r.pDeterredChange.map(ReportText.points) ?? "", r.bestResponse, pct(r.probeRisk), pct(r.pAllHonour),
             r.medianDaysToFirstMilitaryAid.map { Format.fixed($0, decimals: 0) } ?? "never",
             ReportText.percent(r.pMilitaryAidWithinHorizon, se: r.pMilitaryAidWithinHorizonSE), num(r.aidDeliveredByDay90),
             pct(r.fullInvasionObjectiveShare)]
        }
        out.append(table(["scenario", "P(deterred)", "change", "best response", "probe risk", "P(all honour)", "median days to military aid",
                          "P(military aid)", "aid by day 90", "full-invasion objective share"], rows))
        out.append("")
        out += c.explanation
        return out.joined(separator: "\n")
    }
}
