/// `spe`: pure-strategy subgame-perfect equilibria by backward induction, extended to
/// games of incomplete information whose information sets hide only chance moves (Nature
/// draws types; every other move is observed), where it gives the pure sequential
/// equilibria (Kreps & Wilson 1982).
///
/// In such games the beliefs at an information set are fixed by Nature alone: all its
/// nodes follow the same player moves, so under any completely mixed profile their
/// relative probabilities are the ratios of the chance probabilities on their paths.
/// Those are therefore the consistent beliefs, and sequential rationality can be imposed
/// information set by information set, deepest first (an information set's nodes all
/// follow the same player moves, so those below it have longer move histories). Where a
/// player is indifferent, every optimal action is followed, so the result is the set of
/// all pure sequential (in perfect-information games, subgame-perfect) equilibria; a
/// continuum of mixed ones between two of them is reported by its pure end points.
///
/// This excludes the Nash equilibria that rest on non-credible threats, as in the
/// perfect deterrence model of Zagare & Kilgour, *Perfect Deterrence* (2000).
public enum SequentialEquilibrium {
    public static func solve(_ tree: ExtensiveFormGame) throws -> [BehaviorProfile] {
        if let why = tree.perfectRecallViolation() { throw GameError("spe needs perfect recall: \(why)") }
        // Moves by players (not chance) on the path to each node, and the chance weight of the path.
        var moves = [[Int]](repeating: [], count: tree.nodes.count)
        var chanceWeight = [Rational](repeating: .zero, count: tree.nodes.count)
        chanceWeight[0] = .one
        for i in tree.nodes.indices {
            let n = tree.nodes[i]
            for (a, c) in n.children.enumerated() {
                switch n.mover {
                case .none: break
                case .chance:
                    moves[c] = moves[i]
                    chanceWeight[c] = chanceWeight[i] * tree.chanceInfosets[n.infoset].probabilities[a]
                case .player(let p):
                    moves[c] = moves[i] + [p, n.infoset, a]
                    chanceWeight[c] = chanceWeight[i]
                }
            }
        }
        var order: [(player: Int, infoset: Int)] = []
        var beliefs: [[[Rational]]] = tree.infosets.map { $0.map { _ in [] } }
        for p in 0..<tree.playerCount {
            for (k, h) in tree.infosets[p].enumerated() {
                let first = moves[h.members[0]]
                for m in h.members.dropFirst() where moves[m] != first {
                    throw GameError("spe: player \(p + 1)'s information set \(k + 1) ('\(h.label)') hides a player's move, so beliefs depend on strategies; spe supports perfect-information games and games whose information sets hide only chance moves (use lcp or enummixed for Nash equilibria)")
                }
                let weights = h.members.map { chanceWeight[$0] }
                let total = weights.sum()
                beliefs[p][k] = total.isZero
                    ? [Rational](repeating: .one / Rational(h.members.count), count: h.members.count)
                    : weights.map { $0 / total }
                order.append((p, k))
            }
        }
        order.sort { moves[tree.infosets[$0.player][$0.infoset].members[0]].count > moves[tree.infosets[$1.player][$1.infoset].members[0]].count }

        let cumulative = tree.cumulativePayoffs()
        var choice: [[Int]] = tree.infosets.map { [Int](repeating: 0, count: $0.count) }
        // Expected payoff to `player` of the subtree at `start`, given the choices made so far
        // (all information sets below `start` are already decided when this is called).
        func value(_ start: Int, player: Int) -> Rational {
            var total = Rational.zero
            var stack: [(Int, Rational)] = [(start, .one)]
            while let (i, w) = stack.popLast() {
                let n = tree.nodes[i]
                switch n.mover {
                case .none: total += w * cumulative[i][player]
                case .chance:
                    let h = tree.chanceInfosets[n.infoset]
                    for (a, c) in n.children.enumerated() where !h.probabilities[a].isZero { stack.append((c, w * h.probabilities[a])) }
                case .player(let p): stack.append((n.children[choice[p][n.infoset]], w))
                }
            }
            return total
        }

        var results: [BehaviorProfile] = []
        // Depth-first over ties: frame = position in `order` and the optimal actions left to try there.
        struct Frame { var step: Int; var options: [Int]; var next: Int }
        func optimalActions(at step: Int) -> [Int] {
            let (p, k) = order[step]
            let h = tree.infosets[p][k]
            var best: Rational? = nil
            var argmax: [Int] = []
            for a in h.actions.indices {
                var v = Rational.zero
                for (m, mu) in zip(h.members, beliefs[p][k]) where !mu.isZero {
                    v += mu * value(tree.nodes[m].children[a], player: p)
                }
                if let b = best, v <= b {
                    if v == b { argmax.append(a) }
                } else {
                    best = v
                    argmax = [a]
                }
            }
            return argmax
        }
        func emit() throws {
            results.append(BehaviorProfile(tree.infosets.enumerated().map { p, list in
                list.enumerated().map { k, h in h.actions.indices.map { $0 == choice[p][k] ? Rational.one : .zero } }
            }))
            guard results.count <= GameLimits.maxEquilibria else { throw GameError("more than \(GameLimits.maxEquilibria) pure sequential equilibria") }
        }
        if order.isEmpty {
            try emit()
            return results
        }
        var stack = [Frame(step: 0, options: optimalActions(at: 0), next: 0)]
        while let top = stack.indices.last {
            let f = stack[top]
            guard f.next < f.options.count else {
                stack.removeLast()
                continue
            }
            stack[top].next += 1
            let (p, k) = order[f.step]
            choice[p][k] = f.options[f.next]
            if f.step + 1 == order.count {
                try emit()
            } else {
                stack.append(Frame(step: f.step + 1, options: optimalActions(at: f.step + 1), next: 0))
            }
        }
        return results
    }
}
