import CrisisEngine
import GuarantorModel

/// A table of display strings, rendered by the HTML and Markdown reports alike.
struct ReportTable {
    var caption: String
    var header: [String]
    var rows: [[String]]
    var numeric: Set<Int>

    /// Tables with many columns get a smaller font and a wider first column.
    var html: String { HTMLTable(caption: caption, header: header, rows: rows, numeric: numeric, cssClass: header.count > 6 ? "wide" : nil).render() }
}

/// The human-readable tables of a study (CSV has its own tidy long form).
enum StudyTables {
    static func headline(_ r: StudyResult) -> ReportTable {
        var rows: [[String]] = []
        if let d = r.deterrence {
            rows.append(["P(deterred): share of aggressor types for which every attack is worse than not attacking", ReportText.percent(d.pDeterred)])
            rows.append(["Aggressor's most likely choice (best response)", ReportText.responseName(d.bestResponse, in: r)])
            rows.append(["Probe risk: a smaller attack (any short of full invasion) pays while a full invasion does not", ReportText.percent(d.probeRisk)])
        }
        let h = r.headline
        rows.append(["P(all guarantors honour)", r.guarantors.isEmpty ? "– (no guarantors)" : ReportText.percent(h.pAllHonour)])
        let q = h.daysToFirstMilitaryAid
        rows.append(["Days to first military aid: median (10th–90th percentile)",
                     q.p50 == nil ? "none within \(r.meta.horizonDays) days" : "\(ReportText.day(q.p50)) (\(ReportText.day(q.p10))–\(ReportText.day(q.p90)))"])
        rows.append(["Share of crises with military aid within \(r.meta.horizonDays) days", ReportText.percent(q.pWithinHorizon, se: q.pWithinHorizonSE)])
        rows.append(["Military aid delivered \(ReportText.byDay(90, r)) (\(ReportText.shortUnit(ReportText.aidUnit(r))))", ReportText.number(h.aidDeliveredByDay90)])
        if let a = ReportText.referenceAttack(r) {
            rows.append(["Objective share under \(ReportText.attackName(a).lowercasedFirst())", ReportText.percent(a.objectiveShare)])
        }
        return ReportTable(caption: "Headline figures (mean ± 1 Monte Carlo standard error)", header: ["figure", "value"], rows: rows, numeric: [1])
    }

    static func guarantors(_ r: StudyResult) -> ReportTable {
        let gap = Dictionary(r.deterrence?.credibilityGap.map { ($0.guarantor, $0) } ?? [], uniquingKeysWith: { a, _ in a })
        return ReportTable(
            caption: "Guarantors (honour if the reference attack, \(ReportText.referenceAttack(r).map { ReportText.attackName($0).lowercasedFirst() } ?? r.meta.referenceAttack), happens)",
            header: ["guarantor", "P(honours)", "perceived by aggressor", "credibility gap", "agreement in force"],
            rows: r.guarantors.map { g in
                [ReportText.guarantorName(g), ReportText.percent(g.honourProbability), ReportText.percent(g.perceivedHonourProbability),
                 gap[g.id].map { ReportText.percent($0.gap, se: $0.gapSE) } ?? "–", ReportText.percent(g.agreementInForce)]
            }, numeric: [1, 2, 3, 4])
    }

    static func commitments(_ r: StudyResult) -> ReportTable {
        var rows: [[String]] = []
        for g in r.guarantors {
            for c in g.commitments {
                let q = c.firstEffectDay
                rows.append([g.id, c.agreement, ReportText.kindName(c.kind), ReportText.percent(c.honourProbability),
                             q.p50 == nil ? "never" : "\(ReportText.day(q.p10)) / \(ReportText.day(q.p50)) / \(ReportText.day(q.p90))",
                             ReportText.percent(q.pWithinHorizon, se: q.pWithinHorizonSE)])
            }
        }
        return ReportTable(
            caption: "Commitments: honour and timing (first-effect days among crises where the effect began within the horizon)",
            header: ["guarantor", "agreement", "commitment", "P(honoured)", "first effect day p10 / p50 / p90", "began within horizon"],
            rows: rows, numeric: [3, 4, 5])
    }

    static func deliveries(_ r: StudyResult) -> ReportTable {
        var rows: [[String]] = []
        for g in r.guarantors {
            for c in g.commitments where !c.unit.isEmpty {
                rows.append([ReportText.commitmentName(g, c), ReportText.shortUnit(c.unit), ReportText.number(c.deliveredByDay.d30),
                             ReportText.number(c.deliveredByDay.d90), ReportText.number(c.deliveredByDay.d365)])
            }
        }
        var caption = "Commitments: amounts delivered, cumulative from the attack (mean ± 1 standard error)"
        var explained: [String] = []
        for g in r.guarantors {
            for c in g.commitments where ReportText.shortUnit(c.unit) != c.unit && !explained.contains(c.unit) { explained.append(c.unit) }
        }
        if !explained.isEmpty { caption += ". Units: " + explained.joined(separator: "; ") }
        return ReportTable(caption: caption, header: ["commitment", "unit", ReportText.byDay(30, r), ReportText.byDay(90, r), ReportText.byDay(365, r)], rows: rows, numeric: [2, 3, 4])
    }

    static func attacks(_ r: StudyResult) -> ReportTable {
        let power = ReportText.shortUnit(ReportText.aidUnit(r)), money = ReportText.shortUnit(ReportText.moneyUnit(r))
        let header = ["attack", "objective share", "objective share p10 / p50 / p90", "aggressor losses (\(power))", "protégé losses (\(power))",
                      "sanctions cost (\(money))", "P(escalation)"]
        let rows = r.attacks.map { a -> [String] in
            let h = ShareHistogram(a.objectiveShareHistogram)
            let qs = [0.1, 0.5, 0.9].map(h.percentQuantile).joined(separator: " / ")
            return [ReportText.attackName(a), ReportText.percent(a.objectiveShare), qs, ReportText.number(a.aggressorLosses),
                    ReportText.number(a.protegeLosses), ReportText.number(a.sanctionsCost), ReportText.percent(a.escalationProbability)]
        }
        return ReportTable(caption: "Attack types: outcomes (with the guarantors' actual honour)", header: header, rows: rows, numeric: Set(1..<header.count))
    }

    static func decision(_ r: StudyResult) -> ReportTable? {
        guard let d = r.deterrence else { return nil }
        var rows = r.attacks.map { a in
            [ReportText.attackName(a), a.expectedUtility.map(ReportText.number) ?? "–", a.pBestResponse.map { ReportText.percent($0, se: a.pBestResponseSE) } ?? "–"]
        }
        rows.append(["no attack (status quo)", ReportText.number(d.statusQuoUtility), "–"])
        return ReportTable(caption: "The aggressor's decision (expected utility as it perceives the guarantees, averaged over the simulated crises; \(d.aggressorTypes) aggressor types, each a draw of its values and costs, weigh those outcomes)",
                           header: ["option", "expected utility", "share of types choosing it"], rows: rows, numeric: [1, 2])
    }

    static func aidOverTime(_ r: StudyResult) -> ReportTable {
        ReportTable(caption: "Military aid delivered (\(ReportText.shortUnit(ReportText.aidUnit(r)))), cumulative", header: ["day", "p10", "median", "p90"],
                    rows: r.aidOverTime.map { p in
                        ["\(p.day)"] + [p.p10, p.p50, p.p90].map { $0.map(ReportText.number) ?? "–" }
                    }, numeric: [0, 1, 2, 3])
    }

    static func sensitivity(_ r: StudyResult) -> ReportTable? {
        guard let s = r.sensitivity else { return nil }
        return ReportTable(
            caption: "Sensitivity (\(s.runsPerVariant) runs per variant; baseline P(deterred) \(ReportText.percent(s.baselinePDeterred, se: s.baselinePDeterredSE)), objective share \(ReportText.percent(s.baselineObjectiveShare, se: s.baselineObjectiveShareSE)); each figure ± its standard error)",
            header: ["input", "5th percentile", "95th percentile", "P(deterred) at p5", "at p95", "objective share at p5", "at p95"],
            rows: s.rows.map { row in
                [row.input, ReportText.inputValue(row.low), ReportText.inputValue(row.high),
                 ReportText.percent(row.pDeterredLow, se: row.pDeterredLowSE), ReportText.percent(row.pDeterredHigh, se: row.pDeterredHighSE),
                 ReportText.percent(row.objectiveShareLow, se: row.objectiveShareLowSE), ReportText.percent(row.objectiveShareHigh, se: row.objectiveShareHighSE)]
            }, numeric: [1, 2, 3, 4, 5, 6])
    }
}
