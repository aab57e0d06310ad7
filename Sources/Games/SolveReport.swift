/// Renders solver results. JSON has a fixed key order and exact rational strings, so
/// results compare byte for byte:
/// `{"equilibria": [{"profile": ..., "payoffs": [...]}]}`.
public enum SolveReport {
    public static func json(_ result: SolveResult) -> String {
        var s = "{\"equilibria\": ["
        for (i, e) in result.equilibria.enumerated() {
            s += i == 0 ? "\n  " : ",\n  "
            s += "{\"profile\": \(profileJSON(e.profile)), \"payoffs\": \(list(e.payoffs))}"
        }
        s += result.equilibria.isEmpty ? "]}\n" : "\n]}\n"
        return s
    }

    static func list(_ values: [Rational]) -> String {
        "[" + values.map { "\"\($0)\"" }.joined(separator: ", ") + "]"
    }

    static func profileJSON(_ p: Equilibrium.Profile) -> String {
        switch p {
        case .strategic(let m): return "[" + m.probabilities.map(list).joined(separator: ", ") + "]"
        case .behaviour(let b): return "[" + b.probabilities.map { "[" + $0.map(list).joined(separator: ", ") + "]" }.joined(separator: ", ") + "]"
        }
    }

    public static func text(_ result: SolveResult) -> String {
        var s = "\(result.method.rawValue): \(result.equilibria.count) equilibri\(result.equilibria.count == 1 ? "um" : "a")\n"
        for (i, e) in result.equilibria.enumerated() {
            s += "\nEquilibrium \(i + 1)\n"
            for (p, label) in result.playerLabels.enumerated() {
                let name = label.isEmpty ? "Player \(p + 1)" : label
                s += "  \(name)  payoff \(e.payoffs[p])\n"
                switch e.profile {
                case .strategic(let m):
                    let parts = zip(result.strategyLabels[p], m.probabilities[p]).filter { !$0.1.isZero }.map { "\($0.0.isEmpty ? "?" : $0.0)=\($0.1)" }
                    s += "    " + parts.joined(separator: "  ") + "\n"
                case .behaviour(let b):
                    for (k, probs) in b.probabilities[p].enumerated() {
                        let actions = result.actionLabels[p][k]
                        let parts = zip(actions, probs).map { "\($0.0.isEmpty ? "?" : $0.0)=\($0.1)" }
                        let label = result.infosetLabels.indices.contains(p) && result.infosetLabels[p].indices.contains(k) ? result.infosetLabels[p][k] : ""
                        s += "    information set \(k + 1)\(label.isEmpty ? "" : " (\(label))"): " + parts.joined(separator: "  ") + "\n"
                    }
                }
            }
        }
        return s
    }
}
