import CrisisEngine
import Deterrence
import GuarantorModel

enum CompareTables {
    static func headline(_ c: ComparisonResult) -> ReportTable {
        ReportTable(
            caption: "One row per scenario (mean ± 1 Monte Carlo standard error; a change's error treats the two designs as independent, an upper bound)",
            header: ["scenario", "P(deterred)", "change from the first row", "best response", "probe risk", "P(all guarantors honour)",
                     "median days to first military aid", "aid delivered by day 90", "objective share under full invasion"],
            rows: c.rows.map { row in
                [row.scenario, ReportText.percent(row.pDeterred), row.pDeterredChange.map(ReportText.points) ?? "",
                 ReportText.responseName(row.bestResponse, in: row.study),
                 ReportText.percent(row.probeRisk), ReportText.percent(row.pAllHonour),
                 row.medianDaysToFirstMilitaryAid.map { "\(ReportText.day($0)) (in \(ReportText.percent(row.pMilitaryAidWithinHorizon, se: row.pMilitaryAidWithinHorizonSE)) of crises)" } ?? "none within horizon",
                 ReportText.number(row.aidDeliveredByDay90), ReportText.percent(row.fullInvasionObjectiveShare)]
            }, numeric: [1, 2, 4, 5, 6, 7, 8])
    }
}

/// The side-by-side charts of a comparison: one bar per scenario, with error bars.
public enum CompareCharts {
    /// The chart note, plus what "…" stands for when the shared opening of the names was dropped.
    static func note(_ c: ComparisonResult, _ base: String) -> String {
        let names = c.rows.map(\.scenario)
        guard let short = ReportText.distinctive(names).first, let full = names.first, short != full else { return base }
        let rest = short.dropFirst(2)
        return base + " “…” stands for “\(full.dropLast(rest.count).trimmingSpaces())”."
    }

    public static func all(_ c: ComparisonResult) -> [String] {
        guard !c.rows.isEmpty else { return [] }
        return [pDeterred(c), probabilities(c), aidByDay90(c), daysToFirstMilitaryAid(c)]
    }

    public static func pDeterred(_ c: ComparisonResult) -> String {
        SVGChart.bars(SVGBarChart(
            title: "P(deterred) by design",
            summary: "Share of aggressor types for which every attack is worse than not attacking: "
                + c.rows.map { "\($0.scenario) \(ReportText.percent($0.pDeterred))" }.joined(separator: "; ") + ".",
            note: note(c, StudyCharts.seNote),
            categories: ReportText.distinctive(c.rows.map(\.scenario)), categoryAxis: "Scenario",
            series: [.init(name: "", values: c.rows.map { $0.pDeterred.mean }, errors: c.rows.map { $0.pDeterred.se }, colour: SVGPalette.blue)],
            valueAxis: "P(deterred) (% of aggressor types)", style: .percent, domain: [0, 1]))
    }

    /// The probability-valued headline figures, grouped by figure with one bar per scenario.
    public static func probabilities(_ c: ComparisonResult) -> String {
        let figures: [(String, (ComparisonResult.Row) -> Estimate)] = [
            ("P(deterred)", { $0.pDeterred }), ("probe risk", { $0.probeRisk }),
            ("P(all guarantors honour)", { $0.pAllHonour }), ("objective share, full invasion", { $0.fullInvasionObjectiveShare }),
        ]
        let names = ReportText.distinctive(c.rows.map(\.scenario))
        return SVGChart.bars(SVGBarChart(
            title: "Headline probabilities side by side",
            summary: "For each headline figure, one bar per scenario: " + figures.map { name, f in
                "\(name): " + c.rows.map { "\($0.scenario) \(Markup.percent(f($0).mean))" }.joined(separator: ", ")
            }.joined(separator: "; ") + ".",
            note: note(c, StudyCharts.seNote),
            categories: figures.map(\.0), categoryAxis: "Headline figure",
            series: c.rows.enumerated().map { i, row in
                .init(name: names[i], values: figures.map { f in f.1(row).mean }, errors: figures.map { f in f.1(row).se }, colour: SVGPalette.colour(i))
            },
            valueAxis: "probability or share (%)", style: .percent, orientation: .vertical, domain: [0, 1]))
    }

    public static func aidByDay90(_ c: ComparisonResult) -> String {
        let unit = c.rows.first.map { ReportText.aidUnit($0.study) } ?? "combat-power units"
        return SVGChart.bars(SVGBarChart(
            title: "Military aid delivered by day 90",
            summary: "Mean cumulative military aid by day 90 after the attack: "
                + c.rows.map { "\($0.scenario) \(ReportText.number($0.aidDeliveredByDay90))" }.joined(separator: "; ") + ".",
            note: note(c, StudyCharts.seNote),
            categories: ReportText.distinctive(c.rows.map(\.scenario)), categoryAxis: "Scenario",
            series: [.init(name: "", values: c.rows.map { $0.aidDeliveredByDay90.mean }, errors: c.rows.map { $0.aidDeliveredByDay90.se }, colour: SVGPalette.green)],
            valueAxis: "aid delivered by day 90 (\(ReportText.shortUnit(unit)))", style: .number(decimals: 2), domain: [0]))
    }

    public static func daysToFirstMilitaryAid(_ c: ComparisonResult) -> String {
        SVGChart.bars(SVGBarChart(
            title: "Median days to first military aid",
            summary: "Median days from the attack to the first military aid, among crises where it arrives within the horizon: "
                + c.rows.map { "\($0.scenario) \(ReportText.day($0.medianDaysToFirstMilitaryAid))" }.joined(separator: "; ") + ".",
            note: note(c, "Among crises where military aid arrives within the horizon; n/a where it never does. Shorter is better."),
            categories: ReportText.distinctive(c.rows.map(\.scenario)), categoryAxis: "Scenario",
            series: [.init(name: "", values: c.rows.map(\.medianDaysToFirstMilitaryAid), colour: SVGPalette.orange)],
            valueAxis: "days since the attack", style: .number(decimals: 0), domain: [0]))
    }
}
