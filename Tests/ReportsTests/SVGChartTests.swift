import CrisisEngine
import Foundation
import FoundationXML
import Testing
@testable import Reports

/// Every chart kind, rendered from known data, parsed as XML and read back.
@Suite struct SVGChartTests {
    let study = Fixtures.study()

    /// The frame every chart must have: role, accessible name, title, description, axis titles.
    func checkFrame(_ root: XMLElement, kind: String, title: String, axes: [String]) throws {
        #expect(root.name == "svg")
        #expect(SVG.attr(root, "role") == "img")
        #expect(SVG.attr(root, "data-kind") == kind)
        #expect(SVG.attr(root, "aria-label") == title)
        #expect(try SVG.all(root, "./*[local-name()='title']").first?.stringValue == title)
        #expect(!(try SVG.all(root, "./*[local-name()='desc']").first?.stringValue ?? "").isEmpty)
        #expect(try SVG.texts(root, "chart-title").joined(separator: " ") == title)
        let axisTitles = try SVG.texts(root, "axis-title")
        for a in axes { #expect(axisTitles.contains(a), "missing axis title \(a) in \(axisTitles)") }
        #expect(!(try SVG.texts(root, "tick")).isEmpty)
    }

    @Test func horizontalGroupedBarsCarryValuesErrorsAndEscapedNames() throws {
        let svg = try #require(StudyCharts.honourByGuarantor(study))
        let root = try SVG.parse(svg)
        try checkFrame(root, kind: "bar", title: "Honour probability per guarantor: actual and as the aggressor perceives it",
                       axes: ["P(honours) (% of simulated crises)", "Guarantor"])
        let bars = try SVG.byClass(root, "rect", "bar")
        #expect(bars.count == 4)
        let expected: [(String, String, Double, Double)] = [
            ("actual", "Leader (G1)", 0.4305, 0.011), ("perceived by the aggressor", "Leader (G1)", 0.344, 0.0106),
            ("actual", Fixtures.nastyName + " (G2)", 0.385, 0.0108), ("perceived by the aggressor", Fixtures.nastyName + " (G2)", 0.3025, 0.0102),
        ]
        for (series, category, value, se) in expected {
            let bar = try #require(bars.first { SVG.attr($0, "data-series") == series && SVG.attr($0, "data-category") == category })
            #expect(SVG.number(bar, "data-value") == value)
            #expect(SVG.number(bar, "data-error") == se)
        }
        // Widths are proportional to the values (same zero, same scale).
        let w = bars.compactMap { SVG.number($0, "width") }
        #expect(abs(w[0] / w[1] - 0.4305 / 0.344) < 0.01)
        #expect(try SVG.byClass(root, "path", "error-bar").count == 4)
        let ticks = try SVG.texts(root, "tick")
        #expect(ticks.first == "0%" && ticks.last == "100%")
        #expect(try SVG.texts(root, "legend-label") == ["actual", "perceived by the aggressor"])
    }

    @Test func verticalBarsWithNegativeValuesAndStatusQuoReference() throws {
        let svg = try #require(StudyCharts.expectedUtility(study))
        let root = try SVG.parse(svg)
        try checkFrame(root, kind: "bar", title: "Aggressor's expected utility per attack type",
                       axes: ["expected utility (objective-value units)", "Attack type"])
        let bars = try SVG.byClass(root, "rect", "bar")
        #expect(bars.map { SVG.number($0, "data-value") } == [44.2, -22.36, 61.84])
        #expect(bars.map { SVG.attr($0, "data-category") } == ["Strike campaign", "Limited incursion", "Full invasion"])
        let ref = try #require(try SVG.byClass(root, "g", "reference").first)
        #expect(SVG.number(ref, "data-value") == 0)
        let baseline = try #require(try SVG.byClass(root, "line", "baseline").first)
        let zeroY = try #require(SVG.number(baseline, "y1"))
        // Positive bars end at the zero line, the negative one starts there.
        let y = bars.compactMap { SVG.number($0, "y") }, h = bars.compactMap { SVG.number($0, "height") }
        #expect(abs(y[0] + h[0] - zeroY) < 0.11)
        #expect(abs(y[1] - zeroY) < 0.11)
        #expect(abs(h[0] / h[2] - 44.2 / 61.84) < 0.01)
        #expect(abs(h[1] / h[2] - 22.36 / 61.84) < 0.01)
    }

    @Test func lineWithBandPlotsMedianAndPercentiles() throws {
        let svg = try #require(StudyCharts.aidOverTime(study))
        let root = try SVG.parse(svg)
        try checkFrame(root, kind: "line", title: "Military aid delivered over time",
                       axes: ["days since the attack", "aid delivered (test index)"])
        let points = try SVG.byClass(root, "circle", "point")
        #expect(points.map { SVG.number($0, "data-x") } == [0, 30, 60, 90, 120])
        #expect(points.map { SVG.number($0, "data-y") } == [0, 0.75, 1.5, 2.25, 3])
        // Larger values sit higher on the page.
        let cy = points.compactMap { SVG.number($0, "cy") }
        #expect(zip(cy, cy.dropFirst()).allSatisfy { $0 > $1 })
        let band = try #require(try SVG.byClass(root, "path", "band").first)
        // Day 60 has no 90th percentile, so the band skips it.
        #expect(SVG.attr(band, "data-x")?.split(separator: " ").compactMap { Double($0) } == [0, 30, 90, 120])
        #expect(SVG.attr(band, "data-lower")?.split(separator: " ").compactMap { Double($0) } == [0, 0.3, 0.9, 1.2])
        #expect(SVG.attr(band, "data-upper")?.split(separator: " ").compactMap { Double($0) } == [0, 3, 9, 12])
        #expect(try SVG.texts(root, "legend-label") == ["median", "10–90 % of crises"])
    }

    @Test func cumulativeDistributionOfFirstEffect() throws {
        let svg = try #require(StudyCharts.firstEffectCDF(study))
        let root = try SVG.parse(svg)
        try checkFrame(root, kind: "cdf", title: "Days from attack to first effect (cumulative distribution)",
                       axes: ["days since the attack", "share of crises with effect begun (%)"])
        let groups = try SVG.byClass(root, "g", "points")
        #expect(groups.count == 4)
        let first = try SVG.all(groups[0], "./*[local-name()='circle']")
        #expect(SVG.attr(groups[0], "data-series") == "first military aid (any guarantor)")
        #expect(first.map { SVG.number($0, "data-x") } == [0, 6, 9, 15, 120])
        #expect(first.map { SVG.number($0, "data-y") } == [0, 0.05, 0.25, 0.45, 0.5])
        // A commitment that never took effect stays at zero.
        let never = try SVG.all(groups[3], "./*[local-name()='circle']")
        #expect(never.map { SVG.number($0, "data-y") } == [0, 0])
        let ticks = try SVG.texts(root, "tick")
        #expect(ticks.contains("0%") && ticks.contains("100%") && ticks.contains("120"))
    }

    @Test func stepCDFDrawsSteps() throws {
        let chart = SVGLineChart(title: "t", summary: "s", series: [.init(name: "a", points: [.init(x: 0, y: 0), .init(x: 5, y: 0.5), .init(x: 10, y: 1)])],
                                 xAxis: "days", yAxis: "share (%)", yStyle: .percent)
        let root = try SVG.parse(SVGChart.cdf(chart))
        let path = try #require(try SVG.byClass(root, "path", "series").first)
        let d = try #require(SVG.attr(path, "d"))
        #expect(d.contains("H") && d.contains("V") && !d.contains("L"))
    }

    @Test func histogramPanelsFoldTheOverflowBinIntoTheLastBin() throws {
        let root = try SVG.parse(try #require(StudyCharts.objectiveShare(study)))
        try checkFrame(root, kind: "histogram", title: "What the aggressor achieves: distribution of the objective share per attack type",
                       axes: ["share of the objective achieved (%)", "share of runs (%)"])
        let panels = try SVG.byClass(root, "g", "panel")
        #expect(panels.map { SVG.attr($0, "data-panel") } == ["Strike campaign", "Limited incursion", "Full invasion"])
        #expect(try SVG.all(root, "//*[local-name()='text'][@class='panel-title']").count == 3)
        let bins = try SVG.all(panels[2], "./*[local-name()='rect']")
        #expect(bins.count == 50)
        #expect(SVG.number(bins[47], "data-count") == 100)
        #expect(SVG.number(bins[47], "data-value") == 0.25)
        #expect(SVG.number(bins[49], "data-count") == 300)
        #expect(SVG.number(bins[49], "data-value") == 0.75)
        #expect(SVG.number(bins[49], "data-lo") == 0.98 && SVG.number(bins[49], "data-hi") == 1)
        let total = bins.compactMap { SVG.number($0, "data-value") }.reduce(0, +)
        #expect(abs(total - 1) < 1e-9)
        #expect(bins.filter { (SVG.number($0, "height") ?? 0) > 0 }.count == 2)
        // Bar heights are proportional to the shares within a panel.
        let h = try #require(SVG.number(bins[49], "height")) / (try #require(SVG.number(bins[47], "height")))
        #expect(abs(h - 3) < 0.02)
        let strikes = try SVG.all(panels[0], "./*[local-name()='rect']")
        #expect(SVG.number(strikes[22], "data-value") == 1)
    }

    @Test func singleHistogram() throws {
        let chart = SVGHistogram(title: "Days", summary: "s", lo: 0, hi: 10, counts: [1, 3, 0, 4], xAxis: "days", xStyle: .number(decimals: 0))
        let root = try SVG.parse(SVGChart.histogram(chart))
        let bins = try SVG.byClass(root, "rect", "bin")
        #expect(bins.map { SVG.number($0, "data-value") } == [0.125, 0.375, 0, 0.5])
        #expect(bins.map { SVG.number($0, "data-lo") } == [0, 2.5, 5, 7.5])
        #expect(try SVG.all(root, "//*[local-name()='text'][@class='panel-title']").isEmpty)
    }

    @Test func tornadoSortsBySwingAndDivergesFromTheBaseline() throws {
        let svg = try #require(StudyCharts.tornadoPDeterred(study))
        let root = try SVG.parse(svg)
        try checkFrame(root, kind: "tornado", title: "What moves P(deterred): each input at its 5th and 95th percentile",
                       axes: ["P(deterred) (% of aggressor types)"])
        let bars = try SVG.byClass(root, "rect", "bar")
        #expect(bars.map { SVG.attr($0, "data-input") } == ["aggressor.combat_power", "aggressor.combat_power", "protege.combat_power",
                                                             "protege.combat_power", "guarantors.G2.honour", "guarantors.G2.honour"])
        #expect(bars.map { SVG.attr($0, "data-end") } == ["low", "high", "low", "high", "low", "high"])
        #expect(bars.map { SVG.number($0, "data-value") } == [0.8, 0.3, 0.5, 0.7, 0.61, 0.63])
        let ref = try #require(try SVG.byClass(root, "g", "reference").first)
        #expect(SVG.number(ref, "data-value") == 0.62)
        let line = try #require(try SVG.all(ref, "./*[local-name()='line']").first)
        let base = try #require(SVG.number(line, "x1"))
        // 0.8 lies right of the 0.62 baseline, 0.3 left of it; lengths are proportional.
        let x = bars.compactMap { SVG.number($0, "x") }, w = bars.compactMap { SVG.number($0, "width") }
        #expect(abs(x[0] - base) < 0.11)
        #expect(abs(x[1] + w[1] - base) < 0.11)
        #expect(abs(w[0] / w[1] - 0.18 / 0.32) < 0.01)
        #expect(try SVG.texts(root, "input-range").first == "150 → 250")
    }

    @Test func tornadoIsOmittedWhenNoInputMovesTheDecision() {
        var flat = study
        let rows: [StudyResult.SensitivityRow] = (study.sensitivity?.rows ?? []).map { row in
            var r = row
            r.pDeterredLow = 0.62
            r.pDeterredHigh = 0.62
            return r
        }
        flat.sensitivity?.rows = rows
        #expect(StudyCharts.tornadoPDeterred(flat) == nil)
        #expect(StudyCharts.tornadoObjectiveShare(flat) != nil)
    }

    @Test func comparisonSideBySideBars() throws {
        let c = Fixtures.comparison()
        let charts = CompareCharts.all(c)
        #expect(charts.count == 4)
        let root = try SVG.parse(charts[1])
        try checkFrame(root, kind: "bar", title: "Headline probabilities side by side", axes: ["probability or share (%)", "Headline figure"])
        let bars = try SVG.byClass(root, "rect", "bar")
        #expect(bars.count == 8)
        let pd = bars.filter { SVG.attr($0, "data-category") == "P(deterred)" }
        #expect(pd.map { SVG.attr($0, "data-series") } == ["Executive agreement", "Ratified treaty, \"Senate\" & co"])
        #expect(pd.map { SVG.number($0, "data-value") } == [0.41, 0.62])
        #expect(pd.map { SVG.number($0, "data-error") } == [0.011, 0.011])
        let first = try SVG.parse(charts[0])
        #expect(try SVG.byClass(first, "rect", "bar").map { SVG.number($0, "data-value") } == [0.41, 0.62])
    }

    @Test func missingValuesAreMarkedNotPlotted() throws {
        let chart = SVGBarChart(title: "t", summary: "s", categories: ["a", "b"], categoryAxis: "c",
                                series: [.init(name: "", values: [0.5, nil])], valueAxis: "v", style: .percent)
        let root = try SVG.parse(chart.svg())
        #expect(try SVG.byClass(root, "rect", "bar").count == 1)
        #expect(try SVG.texts(root, "missing") == ["n/a"])
    }

    /// Values in the trillions are drawn to scale: the scale pinned values at
    /// 1e12, so expected utilities of -2.05, -2.13 and -2.23 tn were drawn as
    /// three bars of -1 tn (and their data attributes said -1e12).
    @Test func trillionsAreDrawnToScale() throws {
        let chart = SVGBarChart(title: "t", summary: "s", categories: ["a", "b", "c"], categoryAxis: "c",
                                series: [.init(name: "x", values: [-2.05e12, -2.23e12, -0.5e12], errors: [0, 0, 0])],
                                valueAxis: "v", style: .number(decimals: 2), orientation: .vertical)
        let root = try SVG.parse(chart.svg())
        let bars = try SVG.byClass(root, "rect", "bar")
        #expect(bars.map { SVG.number($0, "data-value") } == [-2.05e12, -2.23e12, -0.5e12])
        let h = bars.compactMap { SVG.number($0, "height") }
        #expect(h.count == 3 && abs(h[0] / h[1] - 2.05 / 2.23) < 0.01 && abs(h[2] / h[1] - 0.5 / 2.23) < 0.01, "\(h)")
    }

    @Test func degenerateNumbersStillGiveValidCharts() throws {
        let chart = SVGBarChart(title: "t", summary: "s", categories: ["a", "b", "c"], categoryAxis: "c",
                                series: [.init(name: "x", values: [.nan, .infinity, 1e300], errors: [.nan, 1e300, -1])], valueAxis: "v", style: .number(decimals: 2))
        _ = try SVG.parse(chart.svg())
        let line = SVGLineChart(title: "t", summary: "s", series: [.init(name: "x", points: [.init(x: .nan, y: 1), .init(x: 1, y: -1e300)])],
                                xAxis: "x", yAxis: "y", yStyle: .number(decimals: 1))
        _ = try SVG.parse(line.svg())
        let hist = SVGHistogram(title: "t", summary: "s", lo: 1, hi: 1, counts: [], xAxis: "x", xStyle: .percent)
        _ = try SVG.parse(hist.svg())
        let tornado = SVGTornado(title: "t", summary: "s", rows: [], baseline: .nan, baselineName: "b", valueAxis: "v", style: .percent)
        _ = try SVG.parse(tornado.svg())
    }

    @Test func niceTicks() {
        let s = SVGScale(covering: [0, 0.93], style: .percent, start: 0, end: 100)
        #expect(s.ticks.map { s.tickLabel($0) } == ["0%", "20%", "40%", "60%", "80%", "100%"])
        let n = SVGScale(covering: [-22.36, 61.84], style: .number(decimals: 1), start: 0, end: 100)
        #expect(n.ticks.map { n.tickLabel($0) } == ["-40", "-20", "0", "20", "40", "60", "80"])
        #expect(SVGScale.niceStep(0.03) == 0.05)
        #expect(SVGScale.niceStep(7) == 10)
    }

    @Test func escaping() {
        #expect(Markup.escape("A&B <x> \"q\" 'a'") == "A&amp;B &lt;x&gt; &quot;q&quot; &#39;a&#39;")
        #expect(Markup.escape("bell\u{07}") == "bell ")
    }
}

@Suite struct ReportTextTests {
    /// A standard error never reads "± 0.0%" unless it is zero: a small one
    /// gets the decimals it needs (at most six), and the mean as many.
    @Test func smallStandardErrorsStayVisible() {
        #expect(ReportText.percent(Estimate(mean: 0.531, se: 0.007)) == "53.1% ± 0.7%")
        #expect(ReportText.percent(Estimate(mean: 0.0302, se: 0.0003)) == "3.02% ± 0.03%")
        #expect(ReportText.percent(Estimate(mean: 0.001234, se: 0.000012)) == "0.123% ± 0.001%")
        #expect(ReportText.percent(Estimate(mean: 0.000094, se: 0.000003)) == "0.0094% ± 0.0003%")
        #expect(ReportText.percent(Estimate(mean: 0.5, se: 1e-12)) == "50.000000% ± 0.000000%")
        #expect(ReportText.percent(Estimate(mean: 0, se: 0)) == "0.0% ± 0.0%")
        #expect(ReportText.percent(Estimate(mean: 1, se: 0)) == "100.0% ± 0.0%")
        #expect(ReportText.points(Estimate(mean: 0.0004, se: 0.0002)) == "+0.04 ± 0.02 pp")
        #expect(ReportText.points(Estimate(mean: -0.028, se: 0.008)) == "-2.8 ± 0.8 pp")
        #expect(ReportText.tile("P", Estimate(mean: 0.0302, se: 0.0003)) == ("P", "3.02%", "± 0.03%"))
    }

    @Test func distinctiveNamesDropTheSharedOpening() {
        #expect(ReportText.distinctive(["Proposed guarantees for Ukraine (freeze on the line of contact)", "Proposed guarantees for Ukraine (buffer zone)"])
                == ["… (freeze on the line of contact)", "… (buffer zone)"])
        // A short shared word is kept: "NATO" alone says too little to drop.
        #expect(ReportText.distinctive(["NATO now", "NATO later"]) == ["NATO now", "NATO later"])
        #expect(ReportText.distinctive(["Same name", "Same name"]) == ["Same name", "Same name"])
        #expect(ReportText.distinctive(["Only one"]) == ["Only one"])
    }

    @Test func shortUnitDropsTheExplanation() {
        #expect(ReportText.shortUnit("brigade equivalents (one manoeuvre brigade of about 4,000 troops)") == "brigade equivalents")
        #expect(ReportText.shortUnit("EUR 2024") == "EUR 2024")
        #expect(ReportText.shortUnit("(odd)") == "(odd)")
    }

    @Test func largeNumbersAreScaled() {
        #expect(ReportText.number(Estimate(mean: 1_734_534_802, se: 101_434_008)) == "1.73\u{00A0}bn ± 0.101\u{00A0}bn")
        #expect(ReportText.number(Estimate(mean: 2676, se: 56.2)) == "2676 ± 56.2")
        #expect(ReportText.number(-211_456_400_133.6) == "-211\u{00A0}bn")
        #expect(SVGValueStyle.number(decimals: 1).label(-17_659_760_240) == "-17.7\u{00A0}bn")
        // Just under a thousand millions is a billion, not "1000 M".
        #expect(ReportText.number(999_999_999.9) == "1.00\u{00A0}bn")
        #expect(ReportText.number(999_400_000) == "999\u{00A0}M")
    }
}
