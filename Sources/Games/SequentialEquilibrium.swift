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
        // Beliefs are pinned by Nature where an information set's nodes follow the same player moves;
        // elsewhere only actions that are optimal at every node (whatever the beliefs) are accepted.
        var beliefs: [[[Rational]?]] = tree.infosets.map { $0.map { _ in nil } }
        for p in 0..<tree.playerCount {
            for (k, h) in tree.infosets[p].enumerated() {
                let first = moves[h.members[0]]
                guard h.members.allSatisfy({ moves[$0] == first }) else { continue }
                let weights = h.members.map { chanceWeight[$0] }
                let total = weights.sum()
                beliefs[p][k] = total.isZero
                    ? [Rational](repeating: .one / Rational(h.members.count), count: h.members.count)
                    : weights.map { $0 / total }
            }
        }
        let order = try backwardOrder(tree)
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
        func optimalActions(at step: Int) throws -> [Int] {
            let (p, k) = order[step]
            let h = tree.infosets[p][k]
            if let mu = beliefs[p][k] {
                var best: Rational? = nil
                var argmax: [Int] = []
                for a in h.actions.indices {
                    var v = Rational.zero
                    for (m, w) in zip(h.members, mu) where !w.isZero {
                        v += w * value(tree.nodes[m].children[a], player: p)
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
            var robust = Set(h.actions.indices)
            for m in h.members {
                let values = h.actions.indices.map { value(tree.nodes[m].children[$0], player: p) }
                guard let top = values.max() else { continue }
                robust.formIntersection(h.actions.indices.filter { values[$0] == top })
            }
            guard !robust.isEmpty else {
                throw GameError("spe: at player \(p + 1)'s information set \(k + 1) ('\(h.label)') the best action depends on beliefs about other players' earlier moves; spe handles perfect-information games, information sets that hide only chance moves, and information sets where one action is best at every node (use lcp or enummixed for Nash equilibria)")
            }
            return robust.sorted()
        }
        let entries = tree.infosets.reduce(0) { $0 + $1.reduce(0) { $0 + $1.actions.count } }
        func emit() throws {
            results.append(BehaviorProfile(tree.infosets.enumerated().map { p, list in
                list.enumerated().map { k, h in h.actions.indices.map { $0 == choice[p][k] ? Rational.one : .zero } }
            }))
            guard results.count <= GameLimits.maxSequentialEquilibria else {
                throw GameError("more than \(GameLimits.maxSequentialEquilibria) pure sequential equilibria (many ties); spe stops there")
            }
            try GameLimits.checkEquilibriumMemory(count: results.count, entries: entries, solver: "spe")
        }
        if order.isEmpty {
            try emit()
            return results
        }
        var stack = [Frame(step: 0, options: try optimalActions(at: 0), next: 0)]
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
                stack.append(Frame(step: f.step + 1, options: try optimalActions(at: f.step + 1), next: 0))
            }
        }
        return results
    }

    /// Information sets ordered so that every information set comes after all those that
    /// have a node below one of its nodes (deepest first).
    static func backwardOrder(_ tree: ExtensiveFormGame) throws -> [(player: Int, infoset: Int)] {
        var ids: [[Int]] = []
        var keys: [(Int, Int)] = []
        for p in 0..<tree.playerCount {
            ids.append(tree.infosets[p].indices.map { keys.count + $0 })
            for k in tree.infosets[p].indices { keys.append((p, k)) }
        }
        // below[a] = information sets with a node directly below a node of a (the nearest
        // player node above); the order is transitive, so nearest links are enough.
        var below = [Set<Int>](repeating: [], count: keys.count)
        var nearest = [Int?](repeating: nil, count: tree.nodes.count)
        for i in tree.nodes.indices {
            let n = tree.nodes[i]
            var mine = nearest[i]
            if case .player(let p) = n.mover {
                let id = ids[p][n.infoset]
                if let a = nearest[i] { below[a].insert(id) }
                mine = id
            }
            for c in n.children { nearest[c] = mine }
        }
        var pending = below.map(\.count)
        var above = [[Int]](repeating: [], count: keys.count)
        for (a, set) in below.enumerated() { for b in set { above[b].append(a) } }
        var ready = pending.indices.filter { pending[$0] == 0 }
        var order: [(player: Int, infoset: Int)] = []
        while let x = ready.popLast() {
            order.append(keys[x])
            for a in above[x] {
                pending[a] -= 1
                if pending[a] == 0 { ready.append(a) }
            }
        }
        guard order.count == keys.count else {
            throw GameError("spe: information sets precede each other in a cycle, so backward induction has no order")
        }
        return order
    }
}
