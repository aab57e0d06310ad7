import GuarantorModel
import Negotiation

/// The HTML report: one self-contained file (no scripts, fonts or network),
/// with inline SVG charts of the outcome distribution and of the
/// round-by-round positions on every issue.
public enum NegotiationHTML {
    public static func render(_ f: NegotiationForecast) -> String {
        var body = "<h1>\(esc(f.name))</h1>\n"
        if let s = f.summary { body += "<p>\(esc(s))</p>\n" }
        body += "<p class=\"meta\">Monte Carlo over the uncertain inputs: \(f.runs) runs, seed \(f.seed). "
        body += "Model: Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert &amp; Smith (2011); "
        body += esc(NegotiationNarrative.optionsLine(f.options)) + ".</p>\n"
        for (k, i) in f.issues.enumerated() { body += section(i, index: k, options: f.options) }
        return """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>\(esc(f.name))</title>
        <style>
        body { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; color: #1a1a1a; line-height: 1.45; }
        h1 { font-size: 1.6rem; } h2 { font-size: 1.3rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; } h3 { font-size: 1.05rem; }
        table { border-collapse: collapse; margin: 0.8rem 0; font-size: 0.9rem; }
        th, td { border-bottom: 1px solid #ddd; padding: 0.25rem 0.6rem; text-align: left; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
        tr.best td { font-weight: 600; }
        .meta { color: #555; font-size: 0.9rem; }
        figure { margin: 0.8rem 0; }
        svg { max-width: 100%; height: auto; display: block; }
        ol.moves li { margin-bottom: 0.3rem; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static func section(_ i: IssueForecast, index: Int, options: BargainingOptions) -> String {
        let d = i.distribution
        var s = "<h2>\(esc(i.issue.name))</h2>\n"
        s += "<p>Forecast (\(options.forecast.rawValue) position after bargaining) over \(d.completedRuns) runs: mean "
        s += "\(NegotiationNarrative.position(d.mean)) (standard error \(Format.fixed(d.standardError, decimals: 3))); "
        s += "quantiles \(esc(NegotiationNarrative.quantiles(d))). Most likely outcome: <strong>\(esc(i.issue.points[d.mostLikelyOutcome].label))</strong> "
        s += "(\(NegotiationNarrative.percent(d.outcomes[d.mostLikelyOutcome].probability))).</p>\n"
        if d.failedRuns > 0 { s += "<p class=\"meta\">\(d.failedRuns) runs could not be bargained over (every weight drawn as zero).</p>\n" }
        s += outcomeChart(i, id: "outcomes-\(index)")
        s += "<table><thead><tr><th class=\"num\">point</th><th>outcome</th><th class=\"num\">probability</th><th class=\"num\">s.e.</th></tr></thead><tbody>\n"
        for o in d.outcomes {
            s += "<tr\(o.point == d.mostLikelyOutcome ? " class=\"best\"" : "")><td class=\"num\">\(o.point)</td><td>\(esc(i.issue.points[o.point].label))</td>"
            s += "<td class=\"num\">\(NegotiationNarrative.percent(o.probability))</td><td class=\"num\">\(NegotiationNarrative.percent(o.standardError))</td></tr>\n"
        }
        s += "</tbody></table>\n"
        let c = i.central
        s += "<h3>Round by round, with every input at its median</h3>\n"
        s += "<p>Forecast \(esc(NegotiationNarrative.positionWithLabel(c.initialForecast, issue: i.issue))) before bargaining, "
        s += "\(esc(NegotiationNarrative.positionWithLabel(c.forecast, issue: i.issue))) after \(c.rounds.count) round\(c.rounds.count == 1 ? "" : "s") "
        s += "(\(NegotiationNarrative.stopReason(c.stopReason))).</p>\n"
        s += positionChart(i, id: "rounds-\(index)")
        s += "<table><thead><tr><th>actor</th><th class=\"num\">start</th>"
        s += c.rounds.map { "<th class=\"num\">round \($0.number)</th>" }.joined() + "</tr></thead><tbody>\n"
        for (a, name) in i.actorNames.enumerated() {
            s += "<tr><td>\(esc(name))</td>" + c.positionsByRound.map { "<td class=\"num\">\(NegotiationNarrative.position($0[a]))</td>" }.joined() + "</tr>\n"
        }
        s += "<tr><td><em>\(c.options.forecast.rawValue)</em></td>" + ([c.initialForecast] + c.rounds.map { c.options.forecast == .median ? $0.median : $0.mean })
            .map { "<td class=\"num\"><em>\(NegotiationNarrative.position($0))</em></td>" }.joined() + "</tr>\n"
        s += "</tbody></table>\n"
        s += "<h3>Who moved whom, and why</h3>\n"
        for round in c.rounds {
            s += "<p><strong>Round \(round.number).</strong>\(round.moves.isEmpty ? " Nobody moved." : "")</p>\n"
            if round.moves.isEmpty { continue }
            s += "<ol class=\"moves\">\n"
            for m in round.moves { s += "<li>\(esc(NegotiationNarrative.move(m, names: i.actorNames, issue: i.issue)))</li>\n" }
            s += "</ol>\n"
        }
        return s
    }

    /// Bars of P(outcome) per labelled point (the report kit's bar chart).
    static func outcomeChart(_ i: IssueForecast, id: String) -> String {
        let d = i.distribution
        let title = "Probability of each outcome: \(i.issue.name)"
        let chart = SVGBarChart(
            title: title,
            summary: "Bars: for each point of the issue's scale, the share of Monte Carlo runs whose forecast is nearest to it.",
            categories: d.outcomes.map { i.issue.points[$0.point].label },
            categoryAxis: "outcome",
            series: [.init(name: "P(outcome)", values: d.outcomes.map(\.probability))],
            valueAxis: "share of Monte Carlo runs whose forecast is nearest to the outcome",
            style: .percent, orientation: .horizontal, domain: [0, 1])
        return "<figure id=\"\(id)\">" + SVGChart.bars(chart) + "</figure>\n"
    }

    /// Lines of every actor's position by round, and the forecast dashed (the
    /// report kit's line chart, its y axis labelled by the scale's points).
    static func positionChart(_ i: IssueForecast, id: String) -> String {
        let c = i.central
        let byRound = c.positionsByRound
        var series: [SVGLineChart.Series] = i.actorNames.enumerated().map { a, name in
            .init(name: name, points: byRound.enumerated().map { .init(x: Double($0.offset), y: $0.element[a]) },
                  colour: SVGPalette.colour(a))
        }
        let forecasts = [c.initialForecast] + c.rounds.map { c.options.forecast == .median ? $0.median : $0.mean }
        series.append(.init(name: "forecast (\(c.options.forecast.rawValue))",
                            points: forecasts.enumerated().map { .init(x: Double($0.offset), y: $0.element) },
                            dashed: true, colour: SVGPalette.black))
        let chart = SVGLineChart(
            title: "Positions by round: \(i.issue.name)",
            summary: "Lines: each actor's position on the issue scale after each round of the central run (round 0 is the start); dashed: the forecast.",
            series: series, xAxis: "round (0 = start)", yAxis: "position on the issue scale",
            xStyle: .number(decimals: 0), yStyle: .points(i.issue.points.map(\.label)),
            xDomain: [0, Double(max(c.rounds.count, 1))], yDomain: [0, i.issue.scale.upperBound])
        return "<figure id=\"\(id)\">" + SVGChart.lines(chart) + "</figure>\n"
    }

    static func esc(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }
}
