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
        svg { max-width: 100%; height: auto; display: block; margin: 0.8rem 0; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", sans-serif; }
        ol.moves li { margin-bottom: 0.3rem; }
        </style>
        </head>
        <body>
        \(body)</body>
        </html>

        """
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"]

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

    /// Bars of P(outcome) per labelled point.
    static func outcomeChart(_ i: IssueForecast, id: String) -> String {
        let d = i.distribution
        let rowHeight = 26.0, labelWidth = 360.0, barWidth = 320.0, top = 34.0
        let height = top + rowHeight * Double(d.outcomes.count) + 36
        var s = "<svg viewBox=\"0 0 760 \(n(height))\" width=\"760\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title\">\n"
        s += "<title id=\"\(id)-title\">Probability of each outcome: \(esc(i.issue.name))</title>\n"
        s += "<text x=\"380\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">Probability of each outcome: \(esc(i.issue.name))</text>\n"
        for (k, o) in d.outcomes.enumerated() {
            let y = top + rowHeight * Double(k)
            let w = barWidth * o.probability
            s += "<text x=\"\(n(labelWidth - 8))\" y=\"\(n(y + 17))\" text-anchor=\"end\" font-size=\"12\">\(esc(clip(i.issue.points[o.point].label, 50)))</text>\n"
            s += "<rect x=\"\(n(labelWidth))\" y=\"\(n(y + 4))\" width=\"\(n(w))\" height=\"\(n(rowHeight - 8))\" fill=\"#1f77b4\"/>\n"
            s += "<text x=\"\(n(labelWidth + w + 6))\" y=\"\(n(y + 17))\" font-size=\"12\">\(NegotiationNarrative.percent(o.probability))</text>\n"
        }
        let axisY = top + rowHeight * Double(d.outcomes.count) + 4
        s += "<line x1=\"\(n(labelWidth))\" y1=\"\(n(axisY))\" x2=\"\(n(labelWidth + barWidth))\" y2=\"\(n(axisY))\" stroke=\"#444\"/>\n"
        for t in [0.0, 0.25, 0.5, 0.75, 1.0] {
            let x = labelWidth + barWidth * t
            s += "<line x1=\"\(n(x))\" y1=\"\(n(axisY))\" x2=\"\(n(x))\" y2=\"\(n(axisY + 4))\" stroke=\"#444\"/>"
            s += "<text x=\"\(n(x))\" y=\"\(n(axisY + 16))\" text-anchor=\"middle\" font-size=\"11\">\(Format.percent(t, decimals: 0))</text>\n"
        }
        s += "<text x=\"\(n(labelWidth + barWidth / 2))\" y=\"\(n(axisY + 30))\" text-anchor=\"middle\" font-size=\"12\">share of Monte Carlo runs whose forecast is nearest to the outcome</text>\n"
        return s + "</svg>\n"
    }

    /// Lines of every actor's position by round, and the forecast dashed.
    static func positionChart(_ i: IssueForecast, id: String) -> String {
        let c = i.central
        let rounds = max(c.rounds.count, 1)
        let left = 270.0, right = 600.0, top = 36.0, bottom = 300.0
        let scaleMax = max(i.issue.scale.upperBound, 1)
        func x(_ r: Int) -> Double { left + (right - left) * Double(r) / Double(rounds) }
        func y(_ p: Double) -> Double { bottom - (bottom - top) * p / scaleMax }
        let legendHeight = 18.0 * Double(i.actorNames.count + 1)
        let height = max(bottom + 50, top + legendHeight + 10)
        var s = "<svg viewBox=\"0 0 760 \(n(height))\" width=\"760\" height=\"\(n(height))\" role=\"img\" aria-labelledby=\"\(id)-title\">\n"
        s += "<title id=\"\(id)-title\">Positions by round: \(esc(i.issue.name))</title>\n"
        s += "<text x=\"380\" y=\"18\" text-anchor=\"middle\" font-size=\"14\" font-weight=\"600\">Positions by round: \(esc(i.issue.name))</text>\n"
        // Axes, with the scale's labelled points as the y ticks.
        s += "<line x1=\"\(n(left))\" y1=\"\(n(top))\" x2=\"\(n(left))\" y2=\"\(n(bottom))\" stroke=\"#444\"/>\n"
        s += "<line x1=\"\(n(left))\" y1=\"\(n(bottom))\" x2=\"\(n(right))\" y2=\"\(n(bottom))\" stroke=\"#444\"/>\n"
        for (k, p) in i.issue.points.enumerated() {
            let yy = y(Double(k))
            s += "<line x1=\"\(n(left - 4))\" y1=\"\(n(yy))\" x2=\"\(n(right))\" y2=\"\(n(yy))\" stroke=\"#e3e3e3\"/>"
            s += "<text x=\"\(n(left - 8))\" y=\"\(n(yy + 4))\" text-anchor=\"end\" font-size=\"11\">\(esc(clip(p.label, 40)))</text>\n"
        }
        for r in 0...rounds {
            s += "<text x=\"\(n(x(r)))\" y=\"\(n(bottom + 16))\" text-anchor=\"middle\" font-size=\"11\">\(r == 0 ? "start" : String(r))</text>\n"
        }
        s += "<text x=\"\(n((left + right) / 2))\" y=\"\(n(bottom + 34))\" text-anchor=\"middle\" font-size=\"12\">round</text>\n"
        s += "<text transform=\"translate(14 \(n((top + bottom) / 2))) rotate(-90)\" text-anchor=\"middle\" font-size=\"12\">position on the issue scale</text>\n"
        let byRound = c.positionsByRound
        for (a, name) in i.actorNames.enumerated() {
            let color = palette[a % palette.count]
            let points = byRound.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element[a])))" }.joined(separator: " ")
            s += "<polyline points=\"\(points)\" fill=\"none\" stroke=\"\(color)\" stroke-width=\"2\"><title>\(esc(name))</title></polyline>\n"
            for (r, positions) in byRound.enumerated() {
                s += "<circle cx=\"\(n(x(r)))\" cy=\"\(n(y(positions[a])))\" r=\"3\" fill=\"\(color)\"/>"
            }
            s += "\n"
        }
        let forecasts = [c.initialForecast] + c.rounds.map { c.options.forecast == .median ? $0.median : $0.mean }
        let fp = forecasts.enumerated().map { "\(n(x($0.offset))),\(n(y($0.element)))" }.joined(separator: " ")
        s += "<polyline points=\"\(fp)\" fill=\"none\" stroke=\"#000\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"><title>forecast (\(c.options.forecast.rawValue))</title></polyline>\n"
        // Legend.
        let lx = right + 20
        for (a, name) in i.actorNames.enumerated() {
            let ly = top + 18 * Double(a)
            s += "<line x1=\"\(n(lx))\" y1=\"\(n(ly))\" x2=\"\(n(lx + 22))\" y2=\"\(n(ly))\" stroke=\"\(palette[a % palette.count])\" stroke-width=\"2\"/>"
            s += "<text x=\"\(n(lx + 28))\" y=\"\(n(ly + 4))\" font-size=\"12\">\(esc(clip(name, 18)))</text>\n"
        }
        let ly = top + 18 * Double(i.actorNames.count)
        s += "<line x1=\"\(n(lx))\" y1=\"\(n(ly))\" x2=\"\(n(lx + 22))\" y2=\"\(n(ly))\" stroke=\"#000\" stroke-width=\"2.5\" stroke-dasharray=\"6 4\"/>"
        s += "<text x=\"\(n(lx + 28))\" y=\"\(n(ly + 4))\" font-size=\"12\">forecast (\(c.options.forecast.rawValue))</text>\n"
        return s + "</svg>\n"
    }

    static func n(_ x: Double) -> String { Format.fixed(x, decimals: 1) }

    static func clip(_ s: String, _ limit: Int) -> String {
        s.count <= limit ? s : String(s.prefix(limit - 1)) + "…"
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
