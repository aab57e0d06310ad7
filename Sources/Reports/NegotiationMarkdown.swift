import GuarantorModel
import Negotiation

/// The Markdown rendering, for notes and pull requests.
public enum NegotiationMarkdown {
    public static func render(_ f: NegotiationForecast) -> String {
        var out = "# \(escape(f.name))\n\n"
        if let s = f.summary { out += escape(s) + "\n\n" }
        out += "Monte Carlo over the uncertain inputs: \(f.runs) runs, seed \(f.seed). "
        out += "Model (Bueno de Mesquita's expected-utility model as reconstructed by Scholz, Calbert & Smith 2011): "
        out += NegotiationNarrative.optionsLine(f.options) + ".\n"
        for i in f.issues {
            let d = i.distribution
            out += "\n## \(escape(i.issue.name))\n\n"
            out += "Forecast: mean \(NegotiationNarrative.position(d.mean)) (s.e. \(Format.fixed(d.standardError, decimals: 3))), "
            out += "quantiles \(NegotiationNarrative.quantiles(d)); over \(d.completedRuns) runs"
            out += d.failedRuns > 0 ? ", \(d.failedRuns) runs could not be bargained over" : ""
            out += ".\n\n| point | outcome | probability | s.e. |\n| ---: | --- | ---: | ---: |\n"
            for o in d.outcomes {
                let mark = o.point == d.mostLikelyOutcome ? "**" : ""
                out += "| \(o.point) | \(mark)\(escape(i.issue.points[o.point].label))\(mark) | \(NegotiationNarrative.percent(o.probability)) | \(NegotiationNarrative.percent(o.standardError)) |\n"
            }
            let c = i.central
            out += "\n### Round by round, at the inputs' medians\n\n"
            out += "Forecast \(escape(NegotiationNarrative.positionWithLabel(c.initialForecast, issue: i.issue))) before bargaining, "
            out += "\(escape(NegotiationNarrative.positionWithLabel(c.forecast, issue: i.issue))) after \(c.rounds.count) round\(c.rounds.count == 1 ? "" : "s") (\(NegotiationNarrative.stopReason(c.stopReason))).\n\n"
            out += "| actor | start | " + c.rounds.map { "round \($0.number)" }.joined(separator: " | ") + " |\n"
            out += "| --- |" + String(repeating: " ---: |", count: c.rounds.count + 1) + "\n"
            for (a, name) in i.actorNames.enumerated() {
                out += "| \(escape(name)) | " + c.positionsByRound.map { NegotiationNarrative.position($0[a]) }.joined(separator: " | ") + " |\n"
            }
            out += "| *\(c.options.forecast.rawValue)* | " + ([c.initialForecast] + c.rounds.map { c.options.forecast == .median ? $0.median : $0.mean })
                .map { NegotiationNarrative.position($0) }.joined(separator: " | ") + " |\n"
            for round in c.rounds {
                out += "\n**Round \(round.number).**"
                if round.moves.isEmpty { out += " Nobody moved.\n"; continue }
                out += "\n\n"
                for m in round.moves { out += "- " + escape(NegotiationNarrative.move(m, names: i.actorNames, issue: i.issue)) + "\n" }
            }
        }
        return out
    }

    /// Keeps table cells and emphasis intact.
    static func escape(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "|": out += "\\|"
            case "*", "_", "`", "<", ">", "[", "]": out += "\\\(ch)"
            case "\n": out += " "
            default: out.append(ch)
            }
        }
        return out
    }
}
