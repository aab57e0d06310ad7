import Games
import GuarantorModel


enum RandomGames {
    /// Payoffs drawn from `payoffs`; a narrow range (0...2) makes degenerate games with many ties.
    static func strategic(rows: Int, columns: Int, payoffs: ClosedRange<Int> = -9...9, rng: inout SplitMix64) throws -> NormalFormGame {
        try NormalFormGame(title: "random \(rows)x\(columns)", playerLabels: ["1", "2"],
                           strategyLabels: [(1...rows).map(String.init), (1...columns).map(String.init)]) { _ in
            [Rational(Int.random(in: payoffs, using: &rng)), Rational(Int.random(in: payoffs, using: &rng))]
        }
    }

    /// A random two-player tree with chance moves, outcomes on inner nodes and information
    /// sets that keep perfect recall (a node joins an information set only with nodes that
    /// follow the same own moves).
    static func tree(seed: UInt64, maxDepth: Int = 4) throws -> ExtensiveFormGame {
        var rng = SplitMix64(seed: seed)
        var nodes: [ExtensiveFormGame.Node] = []
        var chance: [ExtensiveFormGame.Infoset] = []
        var infosets: [[ExtensiveFormGame.Infoset]] = [[], []]
        var infosetHistory: [[[Int]]] = [[], []]
        var outcomes: [ExtensiveFormGame.Outcome] = []
        func payoff() -> [Rational] { [Rational(Int.random(in: -5...5, using: &rng)), Rational(Int.random(in: -5...5, using: &rng))] }
        func build(parent: Int?, depth: Int, history: [[Int]]) {
            let index = nodes.count
            var node = ExtensiveFormGame.Node(label: "", mover: nil, parent: parent)
            if depth == maxDepth || (depth > 1 && Int.random(in: 0..<4, using: &rng) == 0) {
                outcomes.append(.init(label: "", payoffs: payoff()))
                node.outcome = outcomes.count
                nodes.append(node)
                if let parent { nodes[parent].children.append(index) }
                return
            }
            if depth > 0 && Int.random(in: 0..<5, using: &rng) == 0 {
                outcomes.append(.init(label: "", payoffs: payoff()))
                node.outcome = outcomes.count
            }
            let kind = Int.random(in: 0..<5, using: &rng)
            var childHistories: [[[Int]]] = []
            if kind == 0 {
                let probs: [Rational] = Bool.random(using: &rng) ? [Rational(1) / Rational(3), Rational(2) / Rational(3)] : [Rational(1) / Rational(4), Rational(3) / Rational(4)]
                chance.append(.init(label: "", actions: ["a", "b"], probabilities: probs, members: [index]))
                node.mover = .chance
                node.infoset = chance.count - 1
                childHistories = [history, history]
            } else {
                let p = kind % 2
                let actions = Int.random(in: 2...3, using: &rng)
                var k = infosets[p].indices.first { infosetHistory[p][$0] == history[p] && infosets[p][$0].actions.count == actions }
                if k != nil && Bool.random(using: &rng) { k = nil }
                if let k {
                    infosets[p][k].members.append(index)
                    node.infoset = k
                } else {
                    infosets[p].append(.init(label: "", actions: (1...actions).map { "a\($0)" }, members: [index]))
                    infosetHistory[p].append(history[p])
                    node.infoset = infosets[p].count - 1
                }
                node.mover = .player(p)
                childHistories = (0..<actions).map { a in
                    var h = history
                    h[p] += [node.infoset, a]
                    return h
                }
            }
            nodes.append(node)
            if let parent { nodes[parent].children.append(index) }
            for h in childHistories { build(parent: index, depth: depth + 1, history: h) }
        }
        build(parent: nil, depth: 0, history: [[], []])
        // Information sets must be numbered by first appearance in pre-order, as in a file.
        return try EFGFormat.read(EFGFormat.write(try ExtensiveFormGame(
            title: "random tree \(seed)", comment: "", playerLabels: ["1", "2"], nodes: nodes,
            chanceInfosets: chance, infosets: infosets, outcomes: outcomes)))
    }
}
