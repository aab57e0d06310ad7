import CrisisEngine
import GuarantorModel

/// The charts of a study report, one function per figure, each returning an
/// `<svg>` element (nil where the study lacks the figure). Public so the web
/// server can show the same figures.
public enum StudyCharts {
    static let seNote = "Error bars: ± 1 Monte Carlo standard error."
    /// More lines than this make a cumulative-distribution chart unreadable; the table keeps them all.
    static let maxCDFLines = 7
    static let maxTornadoRows = 12

    public static func honourByGuarantor(_ r: StudyResult) -> String? {
        guard !r.guarantors.isEmpty else { return nil }
        return SVGChart.bars(SVGBarChart(
            title: "Honour probability per guarantor: actual and as the aggressor perceives it",
            summary: "Probability that each guarantor honours its commitments if the reference attack (\(r.meta.referenceAttack)) happens, "
                + r.guarantors.map { "\(ReportText.guarantorName($0)): actual \(Markup.percent($0.honourProbability.mean)), perceived \(Markup.percent($0.perceivedHonourProbability.mean))" }.joined(separator: "; ") + ".",
            note: seNote + " Perceived: the aggressor's belief, which drives its decision.",
            categories: r.guarantors.map(ReportText.guarantorName), categoryAxis: "Guarantor",
            series: [
                .init(name: "actual", values: r.guarantors.map { $0.honourProbability.mean }, errors: r.guarantors.map { $0.honourProbability.se }, colour: SVGPalette.blue),
                .init(name: "perceived by the aggressor", values: r.guarantors.map { $0.perceivedHonourProbability.mean }, errors: r.guarantors.map { $0.perceivedHonourProbability.se }, colour: SVGPalette.orange),
            ],
            valueAxis: "P(honours) (% of simulated crises)", style: .percent, domain: [0, 1]))
    }

    public static func honourByCommitment(_ r: StudyResult) -> String? {
        let rows = r.guarantors.flatMap { g in g.commitments.map { (g, $0) } }
        guard !rows.isEmpty else { return nil }
        return SVGChart.bars(SVGBarChart(
            title: "Honour probability per commitment",
            summary: "Probability that each commitment is honoured: "
                + rows.map { "\(ReportText.commitmentName($0.0, $0.1)) \(Markup.percent($0.1.honourProbability.mean))" }.joined(separator: "; ") + ".",
            note: seNote + " Guarantor · agreement · commitment.",
            categories: rows.map { ReportText.commitmentName($0.0, $0.1) }, categoryAxis: "Commitment",
            series: [.init(name: "", values: rows.map { $0.1.honourProbability.mean }, errors: rows.map { $0.1.honourProbability.se }, colour: SVGPalette.blue)],
            valueAxis: "P(honoured) (% of simulated crises)", style: .percent, domain: [0, 1]))
    }

    /// The known points of the share of all runs with the first effect by day x: the
    /// 10th, 50th and 90th percentiles among runs with an effect, scaled by the share of
    /// runs where it happened within the horizon, which is where the curve ends.
    static func cdfPoints(_ q: Quantiles, horizon: Int) -> [SVGLineChart.Point] {
        var pts = [SVGLineChart.Point(x: 0, y: 0)]
        for (p, level) in [(q.p10, 0.1), (q.p50, 0.5), (q.p90, 0.9)] {
            if let p { pts.append(.init(x: p, y: level * q.pWithinHorizon)) }
        }
        pts.append(.init(x: Double(horizon), y: q.pWithinHorizon))
        return pts
    }

    public static func firstEffectCDF(_ r: StudyResult) -> String? {
        let h = r.meta.horizonDays
        var series = [SVGLineChart.Series(name: "first military aid (any guarantor)", points: cdfPoints(r.headline.daysToFirstMilitaryAid, horizon: h), dashed: true, colour: SVGPalette.black)]
        let all = r.guarantors.flatMap { g in g.commitments.map { (g, $0) } }
        // With many guarantors, one guarantor's full set of commitments reads better than a tangle.
        let rows = all.count > maxCDFLines ? Array(all.filter { $0.0.id == r.guarantors.first?.id }.prefix(maxCDFLines)) : all
        for (i, (g, c)) in rows.enumerated() {
            series.append(.init(name: ReportText.commitmentName(g, c), points: cdfPoints(c.firstEffectDay, horizon: h), colour: SVGPalette.colour(i)))
        }
        var note = "Share of all simulated crises in which the effect has begun by each day. Points mark the 10th, 50th and 90th percentiles (among crises where it began within the horizon) and, at the right edge, the share where it began at all; lines join them."
        if rows.count < all.count, let g = r.guarantors.first {
            note += " Commitments of \(ReportText.guarantorName(g)) shown (\(rows.count) of \(all.count)); all are in the table."
        }
        return SVGChart.cdf(SVGLineChart(
            title: "Days from attack to first effect (cumulative distribution)",
            summary: "Cumulative share of crises with first military aid by day: median \(ReportText.day(r.headline.daysToFirstMilitaryAid.p50)) days among the \(Markup.percent(r.headline.daysToFirstMilitaryAid.pWithinHorizon)) of crises where it arrives within \(h) days.",
            note: note, series: series, xAxis: "days since the attack", yAxis: "share of crises with effect begun (%)",
            yStyle: .percent, xDomain: [0, Double(h)]), steps: false)
    }

    public static func aidOverTime(_ r: StudyResult) -> String? {
        let pts = r.aidOverTime
        guard !pts.isEmpty else { return nil }
        let unit = ReportText.aidUnit(r)
        let median = pts.compactMap { p in p.p50.map { SVGLineChart.Point(x: Double(p.day), y: $0) } }
        let band = pts.compactMap { p -> SVGLineChart.BandPoint? in
            guard let lo = p.p10, let hi = p.p90 else { return nil }
            return .init(x: Double(p.day), lower: lo, upper: hi)
        }
        let last = pts.last
        return SVGChart.lines(SVGLineChart(
            title: "Military aid delivered over time",
            summary: "Cumulative military aid delivered, in \(unit): by day \(last?.day ?? 0) the median is \(ReportText.number(last?.p50 ?? 0)) (10th to 90th percentile \(ReportText.number(last?.p10 ?? 0)) to \(ReportText.number(last?.p90 ?? 0))).",
            note: "Line: median over simulated crises; band: 10th to 90th percentile. Aid is cumulative from the attack.",
            series: [.init(name: "median", points: median, band: band, bandName: "10–90 % of crises", colour: SVGPalette.blue)],
            xAxis: "days since the attack", yAxis: "aid delivered (\(ReportText.shortUnit(unit)))", yStyle: .number(decimals: 2),
            xDomain: [0, Double(r.meta.horizonDays)]))
    }

    /// The distribution of the objective share per attack type, one panel per attack.
    public static func objectiveShare(_ r: StudyResult) -> String? {
        guard let first = r.attacks.first else { return nil }
        let lo = first.objectiveShareHistogram.lo, hi = first.objectiveShareHistogram.hi
        let binWidth = ShareHistogram(first.objectiveShareHistogram).width
        let panels = r.attacks.enumerated().map { i, a -> SVGHistogram.Panel in
            let h = ShareHistogram(a.objectiveShareHistogram)
            let top = h.total > 0 ? Double(h.atTop) / Double(h.total) : 0
            return .init(name: ReportText.attackName(a), counts: h.counts, colour: SVGPalette.colour(i),
                         caption: "mean \(ReportText.percent(a.objectiveShare)) · whole objective in \(Markup.percent(top)) of crises")
        }
        return SVGChart.histogram(SVGHistogram(
            title: "What the aggressor achieves: distribution of the objective share per attack type",
            summary: "Share of its objective the aggressor achieves in each simulated crisis, per attack type: "
                + r.attacks.map { "\(ReportText.attackName($0)) mean \(Markup.percent($0.objectiveShare.mean))" }.joined(separator: "; ") + ".",
            note: "Bars: share of simulated crises in each \(Format.number(binWidth * 100, digits: 3))-point bin (with the guarantors' actual honour). The last bin includes crises where the whole objective was taken.",
            lo: lo, hi: hi, panels: panels, xAxis: "share of the objective achieved (%)", xStyle: .percent))
    }

    public static func expectedUtility(_ r: StudyResult) -> String? {
        guard r.deterrence != nil, r.attacks.contains(where: { $0.expectedUtility != nil }) else { return nil }
        return SVGChart.bars(SVGBarChart(
            title: "Aggressor's expected utility per attack type",
            summary: "Expected utility of each attack as the aggressor perceives it, against 0 for no attack: "
                + r.attacks.map { "\(ReportText.attackName($0)) \($0.expectedUtility.map { ReportText.number($0) } ?? "n/a")" }.joined(separator: "; ") + ".",
            note: "Bars above the status-quo line pay for the average aggressor type. Error bars: ± 1 standard error (simulation and type sampling).",
            categories: r.attacks.map(ReportText.attackName), categoryAxis: "Attack type",
            series: [.init(name: "", values: r.attacks.map { $0.expectedUtility?.mean }, errors: r.attacks.map { $0.expectedUtility?.se }, colour: SVGPalette.blue)],
            valueAxis: "expected utility (objective-value units)", style: .number(decimals: 1), orientation: .vertical,
            domain: [0], reference: .init(value: r.deterrence?.statusQuoUtility ?? 0, label: "status quo (no attack)")))
    }

    static func tornadoRows(_ s: StudyResult.Sensitivity, by key: (StudyResult.SensitivityRow) -> Double) -> [StudyResult.SensitivityRow] {
        s.rows.enumerated().sorted { a, b in
            let x = abs(key(a.element)), y = abs(key(b.element))
            return x != y ? x > y : a.offset < b.offset
        }.prefix(maxTornadoRows).map(\.element)
    }

    /// Nil when no input moves P(deterred) at all (the report then says so in words).
    public static func tornadoPDeterred(_ r: StudyResult) -> String? {
        guard let s = r.sensitivity, s.rows.contains(where: { $0.pDeterredLow != s.baselinePDeterred || $0.pDeterredHigh != s.baselinePDeterred }) else { return nil }
        let rows = tornadoRows(s) { $0.swingPDeterred }
        return SVGChart.tornado(SVGTornado(
            title: "What moves P(deterred): each input at its 5th and 95th percentile",
            summary: "Tornado of P(deterred) against each uncertain input; baseline \(Markup.percent(s.baselinePDeterred)).",
            note: "Each row re-runs the study (\(s.runsPerVariant) runs) with one input fixed low or high, all else as in the scenario.",
            rows: rows.map { .init(input: $0.input, lowInput: ReportText.inputValue($0.low), highInput: ReportText.inputValue($0.high), atLow: $0.pDeterredLow, atHigh: $0.pDeterredHigh) },
            baseline: s.baselinePDeterred, baselineName: "baseline \(Markup.percent(s.baselinePDeterred))",
            valueAxis: "P(deterred) (% of aggressor types)", style: .percent))
    }

    public static func tornadoObjectiveShare(_ r: StudyResult) -> String? {
        guard let s = r.sensitivity, !s.rows.isEmpty else { return nil }
        let rows = tornadoRows(s) { $0.swingObjectiveShare }
        return SVGChart.tornado(SVGTornado(
            title: "What moves the objective share under \(ReportText.referenceAttack(r).map { ReportText.attackName($0).lowercasedFirst() } ?? r.meta.referenceAttack): each input at its 5th and 95th percentile",
            summary: "Tornado of the aggressor's mean objective share under the reference attack; baseline \(Markup.percent(s.baselineObjectiveShare)).",
            note: "Each row re-runs the study (\(s.runsPerVariant) runs) with one input fixed low or high, all else as in the scenario.",
            rows: rows.map { .init(input: $0.input, lowInput: ReportText.inputValue($0.low), highInput: ReportText.inputValue($0.high), atLow: $0.objectiveShareLow, atHigh: $0.objectiveShareHigh) },
            baseline: s.baselineObjectiveShare, baselineName: "baseline \(Markup.percent(s.baselineObjectiveShare))",
            valueAxis: "objective share (% of the objective)", style: .percent))
    }
}
