import CrisisEngine
import Deterrence
import GuarantorModel

/// One tidy (long-format) table per figure. A CSV file holds one table, so the
/// tables follow each other separated by a blank line, each preceded by a
/// `# table: NAME` line; every table's first two columns are `table,scenario`.
public enum CSVReport {
    public static func study(_ r: StudyResult) -> String {
        render(studyTables(r))
    }

    public static func compare(_ c: ComparisonResult) -> String {
        var comparison = CSVTable(name: "comparison", columns: ["table", "scenario", "file", "statistic", "value", "se"])
        for row in c.rows {
            func add(_ s: String, _ e: Estimate) { comparison.rows.append([row.scenario, row.file, s, num(e.mean), num(e.se)]) }
            add("p_deterred", row.pDeterred)
            if let change = row.pDeterredChange { add("p_deterred_change_from_first", change) }
            comparison.rows.append([row.scenario, row.file, "best_response", row.bestResponse, ""])
            add("probe_risk", row.probeRisk)
            add("p_all_honour", row.pAllHonour)
            comparison.rows.append([row.scenario, row.file, "median_days_to_first_military_aid", row.medianDaysToFirstMilitaryAid.map(num) ?? "", ""])
            comparison.rows.append([row.scenario, row.file, "p_military_aid_within_horizon", num(row.pMilitaryAidWithinHorizon), row.pMilitaryAidWithinHorizonSE.map(num) ?? ""])
            add("aid_delivered_by_day_90", row.aidDeliveredByDay90)
            add("full_invasion_objective_share", row.fullInvasionObjectiveShare)
        }
        var explanation = CSVTable(name: "explanation", columns: ["table", "scenario", "index", "sentence"])
        for (i, s) in c.explanation.enumerated() { explanation.rows.append(["", "\(i + 1)", s]) }
        // The per-scenario tables share their names, so all scenarios land in one table each.
        var merged: [CSVTable] = []
        for row in c.rows {
            for t in studyTables(row.study) {
                if let k = merged.firstIndex(where: { $0.name == t.name }) { merged[k].rows += t.rows } else { merged.append(t) }
            }
        }
        return render([comparison, explanation] + merged)
    }

    static func num(_ x: Double) -> String { Format.number(x, digits: 6) }

    struct CSVTable {
        var name: String
        var columns: [String]
        /// Rows without the leading `table` column (added on output).
        var rows: [[String]] = []
    }

    static func render(_ tables: [CSVTable]) -> String {
        tables.map { t in
            var lines = ["# table: \(t.name)", t.columns.map(field).joined(separator: ",")]
            lines += t.rows.map { ([t.name] + $0).map(field).joined(separator: ",") }
            return lines.joined(separator: "\n") + "\n"
        }.joined(separator: "\n")
    }

    /// RFC 4180 quoting; text that a spreadsheet would run as a formula gets a leading apostrophe.
    static func field(_ s: String) -> String {
        var text = s
        if let f = text.first, "=+-@".contains(f), Double(text) == nil { text = "'" + text }
        if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.hasPrefix(" ") || text.hasSuffix(" ") {
            return "\"" + String(text.flatMap { $0 == "\"" ? ["\"", "\""] : [$0] }) + "\""
        }
        return text
    }

    static func studyTables(_ r: StudyResult) -> [CSVTable] {
        let sc = r.meta.scenario
        var meta = CSVTable(name: "meta", columns: ["table", "scenario", "key", "value"])
        meta.rows = [
            [sc, "scenario_sha256", r.meta.scenarioSHA256], [sc, "seed", "\(r.meta.seed)"], [sc, "runs", "\(r.meta.runs)"],
            [sc, "version", r.meta.version], [sc, "horizon_days", "\(r.meta.horizonDays)"], [sc, "reference_attack", r.meta.referenceAttack],
        ]
        var headline = CSVTable(name: "headline", columns: ["table", "scenario", "statistic", "value", "se"])
        if let d = r.deterrence {
            headline.rows += [[sc, "p_deterred", num(d.pDeterred.mean), num(d.pDeterred.se)], [sc, "best_response", d.bestResponse, ""],
                              [sc, "probe_risk", num(d.probeRisk.mean), num(d.probeRisk.se)], [sc, "aggressor_types", "\(d.aggressorTypes)", ""]]
        }
        let h = r.headline, q = h.daysToFirstMilitaryAid
        headline.rows += [
            [sc, "p_all_honour", num(h.pAllHonour.mean), num(h.pAllHonour.se)],
            [sc, "days_to_first_military_aid_p10", q.p10.map(num) ?? "", ""],
            [sc, "days_to_first_military_aid_p50", q.p50.map(num) ?? "", ""],
            [sc, "days_to_first_military_aid_p90", q.p90.map(num) ?? "", ""],
            [sc, "p_military_aid_within_horizon", num(q.pWithinHorizon), q.pWithinHorizonSE.map(num) ?? ""],
            [sc, "aid_delivered_by_day_90", num(h.aidDeliveredByDay90.mean), num(h.aidDeliveredByDay90.se)],
        ]
        var guarantors = CSVTable(name: "honour_by_guarantor", columns: ["table", "scenario", "guarantor", "name", "statistic", "value", "se"])
        for g in r.guarantors {
            for (s, e) in [("honour_probability", g.honourProbability), ("perceived_honour_probability", g.perceivedHonourProbability), ("p_agreement_in_force", g.agreementInForce)] {
                guarantors.rows.append([sc, g.id, g.name, s, num(e.mean), num(e.se)])
            }
        }
        var commitments = CSVTable(name: "commitments", columns: ["table", "scenario", "guarantor", "agreement", "commitment", "unit", "statistic", "value", "se"])
        var firstEffect = CSVTable(name: "first_effect_day", columns: ["table", "scenario", "guarantor", "agreement", "commitment", "statistic", "value", "se"])
        for g in r.guarantors {
            for c in g.commitments {
                let key = [sc, g.id, c.agreement, c.kind]
                commitments.rows.append(key + ["", "honour_probability", num(c.honourProbability.mean), num(c.honourProbability.se)])
                for (s, e) in [("delivered_by_day_30", c.deliveredByDay.d30), ("delivered_by_day_90", c.deliveredByDay.d90), ("delivered_by_day_365", c.deliveredByDay.d365)] {
                    commitments.rows.append(key + [c.unit, s, num(e.mean), num(e.se)])
                }
                let fq = c.firstEffectDay
                firstEffect.rows += [key + ["p10", fq.p10.map(num) ?? "", ""], key + ["p50", fq.p50.map(num) ?? "", ""],
                                     key + ["p90", fq.p90.map(num) ?? "", ""],
                                     key + ["p_within_horizon", num(fq.pWithinHorizon), fq.pWithinHorizonSE.map(num) ?? ""]]
            }
        }
        firstEffect.rows += [[sc, "", "", "first_military_aid", "p10", q.p10.map(num) ?? "", ""], [sc, "", "", "first_military_aid", "p50", q.p50.map(num) ?? "", ""],
                             [sc, "", "", "first_military_aid", "p90", q.p90.map(num) ?? "", ""],
                             [sc, "", "", "first_military_aid", "p_within_horizon", num(q.pWithinHorizon), q.pWithinHorizonSE.map(num) ?? ""]]
        var aid = CSVTable(name: "aid_over_time", columns: ["table", "scenario", "day", "statistic", "value"])
        for p in r.aidOverTime {
            for (s, v) in [("p10", p.p10), ("p50", p.p50), ("p90", p.p90)] { aid.rows.append([sc, "\(p.day)", s, v.map(num) ?? ""]) }
        }
        var attacks = CSVTable(name: "attacks", columns: ["table", "scenario", "attack", "kind", "statistic", "value", "se"])
        var histogram = CSVTable(name: "objective_share_histogram", columns: ["table", "scenario", "attack", "bin_lo", "bin_hi", "runs", "share"])
        for a in r.attacks {
            for (s, e) in [("objective_share", a.objectiveShare), ("aggressor_losses", a.aggressorLosses), ("protege_losses", a.protegeLosses),
                           ("sanctions_cost", a.sanctionsCost), ("escalation_probability", a.escalationProbability)] {
                attacks.rows.append([sc, a.type, a.kind, s, num(e.mean), num(e.se)])
            }
            if let eu = a.expectedUtility { attacks.rows.append([sc, a.type, a.kind, "expected_utility", num(eu.mean), num(eu.se)]) }
            if let b = a.pBestResponse { attacks.rows.append([sc, a.type, a.kind, "p_best_response", num(b), a.pBestResponseSE.map(num) ?? ""]) }
            let hist = ShareHistogram(a.objectiveShareHistogram)
            for (i, n) in hist.counts.enumerated() {
                let lo = hist.lo + Double(i) * hist.width
                histogram.rows.append([sc, a.type, num(lo), num(lo + hist.width), "\(n)", num(hist.total > 0 ? Double(n) / Double(hist.total) : 0)])
            }
        }
        var tables = [meta, headline, guarantors, commitments, firstEffect, aid, attacks, histogram]
        if let d = r.deterrence, !d.credibilityGap.isEmpty {
            var gap = CSVTable(name: "credibility_gap", columns: ["table", "scenario", "guarantor", "statistic", "value", "se"])
            let se = Dictionary(r.guarantors.map { ($0.id, ($0.honourProbability.se, $0.perceivedHonourProbability.se)) }, uniquingKeysWith: { a, _ in a })
            for g in d.credibilityGap {
                gap.rows += [[sc, g.guarantor, "actual", num(g.actual), se[g.guarantor].map { num($0.0) } ?? ""],
                             [sc, g.guarantor, "perceived", num(g.perceived), se[g.guarantor].map { num($0.1) } ?? ""],
                             [sc, g.guarantor, "gap", num(g.gap), g.gapSE.map(num) ?? ""]]
            }
            tables.append(gap)
        }
        if let s = r.sensitivity {
            var sens = CSVTable(name: "sensitivity", columns: ["table", "scenario", "input", "end", "input_value", "output", "value", "se", "baseline"])
            func se(_ x: Double?) -> String { x.map(num) ?? "" }
            for row in s.rows {
                sens.rows += [
                    [sc, row.input, "p5", num(row.low), "p_deterred", num(row.pDeterredLow), se(row.pDeterredLowSE), num(s.baselinePDeterred)],
                    [sc, row.input, "p95", num(row.high), "p_deterred", num(row.pDeterredHigh), se(row.pDeterredHighSE), num(s.baselinePDeterred)],
                    [sc, row.input, "p5", num(row.low), "objective_share", num(row.objectiveShareLow), se(row.objectiveShareLowSE), num(s.baselineObjectiveShare)],
                    [sc, row.input, "p95", num(row.high), "objective_share", num(row.objectiveShareHigh), se(row.objectiveShareHighSE), num(s.baselineObjectiveShare)],
                ]
            }
            tables.append(sens)
        }
        return tables
    }
}
