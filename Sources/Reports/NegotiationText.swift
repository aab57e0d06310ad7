import GuarantorModel
import Negotiation

/// The terminal rendering of a negotiation forecast: readable tables, one
/// block per issue.
public enum NegotiationText {
    public static func render(_ f: NegotiationForecast) -> String {
        var out = "\(f.name)\n"
        out += "Monte Carlo: \(f.runs) runs, seed \(f.seed). Model: \(NegotiationNarrative.optionsLine(f.options)).\n"
        for issue in f.issues {
            out += "\n" + render(issue, options: f.options)
        }
        return out
    }

    static func render(_ i: IssueForecast, options: BargainingOptions) -> String {
        let d = i.distribution
        var out = "== \(i.issue.name) (\(i.issue.id)) ==\n"
        out += "Forecast (\(options.forecast.rawValue) position after bargaining), over \(d.completedRuns) runs"
        out += d.failedRuns > 0 ? " (\(d.failedRuns) runs could not be bargained over)" : ""
        out += ":\n"
        out += "  mean \(NegotiationNarrative.position(d.mean)) ± \(Format.fixed(d.standardError, decimals: 3)) (standard error), sd \(Format.fixed(d.standardDeviation, decimals: 2)); quantiles \(NegotiationNarrative.quantiles(d))\n\n"
        var rows: [[String]] = []
        for o in d.outcomes {
            let label = i.issue.points[o.point].label
            rows.append(["\(o.point)", label, NegotiationNarrative.percent(o.probability), "± " + NegotiationNarrative.percent(o.standardError), bar(o.probability)])
        }
        out += table(header: ["point", "outcome", "probability", "s.e.", "share"], rows: rows, rightAligned: [0, 2, 3])

        let c = i.central
        out += "\nAt the inputs' medians: forecast \(NegotiationNarrative.positionWithLabel(c.initialForecast, issue: i.issue)) before bargaining, "
        out += "\(NegotiationNarrative.positionWithLabel(c.forecast, issue: i.issue)) after \(c.rounds.count) round\(c.rounds.count == 1 ? "" : "s") (\(NegotiationNarrative.stopReason(c.stopReason))).\n\n"
        var header = ["actor", "start"]
        header += c.rounds.map { "r\($0.number)" }
        var positionRows: [[String]] = []
        for (a, name) in i.actorNames.enumerated() {
            positionRows.append([name] + c.positionsByRound.map { NegotiationNarrative.position($0[a]) })
        }
        positionRows.append([c.options.forecast.rawValue, NegotiationNarrative.position(c.initialForecast)]
            + c.rounds.map { NegotiationNarrative.position(c.options.forecast == .median ? $0.median : $0.mean) })
        out += table(header: header, rows: positionRows, rightAligned: Array(1..<header.count))
        for round in c.rounds {
            out += "\nRound \(round.number):\n"
            if round.moves.isEmpty { out += "  nobody moved\n" }
            for m in round.moves {
                out += "  - " + NegotiationNarrative.move(m, names: i.actorNames, issue: i.issue) + "\n"
            }
        }
        return out
    }

    static func bar(_ p: Double) -> String {
        String(repeating: "#", count: Int((p * 40).rounded()))
    }

    static func table(header: [String], rows: [[String]], rightAligned: [Int]) -> String {
        var widths = header.map(\.count)
        for r in rows { for (k, cell) in r.enumerated() where k < widths.count { widths[k] = max(widths[k], cell.count) } }
        func line(_ cells: [String]) -> String {
            var parts: [String] = []
            for (k, cell) in cells.enumerated() where k < widths.count {
                let pad = String(repeating: " ", count: widths[k] - cell.count)
                parts.append(rightAligned.contains(k) ? pad + cell : cell + pad)
            }
            var s = parts.joined(separator: "  ")
            while s.last == " " { s.removeLast() }
            return "  " + s + "\n"
        }
        return line(header) + line(widths.map { String(repeating: "-", count: $0) }) + rows.map(line).joined()
    }
}
