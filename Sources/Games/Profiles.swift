/// A mixed strategy profile: one probability per strategy, per player, in the game's strategy order.
public struct MixedStrategyProfile: Sendable, Hashable {
    public var probabilities: [[Rational]]
    public init(_ probabilities: [[Rational]]) { self.probabilities = probabilities }

    /// Expected payoff of every player.
    public func payoffs(in game: NormalFormGame) -> [Rational] {
        var result = [Rational](repeating: .zero, count: game.playerCount)
        let supports = probabilities.map { row in row.indices.filter { !row[$0].isZero } }
        guard supports.allSatisfy({ !$0.isEmpty }) else { return result }
        var position = [Int](repeating: 0, count: supports.count)
        while true {
            let profile = position.enumerated().map { supports[$0][$1] }
            var weight = Rational.one
            for (p, s) in profile.enumerated() { weight *= probabilities[p][s] }
            let cell = game.cellIndex(profile)
            for p in 0..<game.playerCount { result[p] += weight * game.payoff(cell: cell, player: p) }
            var i = 0
            while i < position.count {
                position[i] += 1
                if position[i] < supports[i].count { break }
                position[i] = 0
                i += 1
            }
            if i == position.count { break }
        }
        return result
    }

    /// Payoff of each pure strategy of `player` against the others' mixed strategies.
    public func strategyValues(in game: NormalFormGame, player: Int) -> [Rational] {
        (0..<game.players[player].strategies.count).map { s in
            var deviation = probabilities
            deviation[player] = (0..<game.players[player].strategies.count).map { $0 == s ? .one : .zero }
            return MixedStrategyProfile(deviation).payoffs(in: game)[player]
        }
    }

    /// The largest gain any player can make by deviating (0 exactly at a Nash equilibrium).
    public func maxRegret(in game: NormalFormGame) -> Rational {
        let current = payoffs(in: game)
        var worst = Rational.zero
        for p in 0..<game.playerCount {
            for v in strategyValues(in: game, player: p) where v - current[p] > worst { worst = v - current[p] }
        }
        return worst
    }
}

/// A behaviour profile: for each player, for each information set (game order), action probabilities.
public struct BehaviorProfile: Sendable, Hashable {
    public var probabilities: [[[Rational]]]
    public init(_ probabilities: [[[Rational]]]) { self.probabilities = probabilities }

    /// Probability of reaching every node.
    public func realisation(in tree: ExtensiveFormGame) -> [Rational] {
        var reach = [Rational](repeating: .zero, count: tree.nodes.count)
        reach[0] = .one
        for i in tree.nodes.indices {
            let n = tree.nodes[i]
            for (a, c) in n.children.enumerated() {
                switch n.mover {
                case .none: break
                case .chance: reach[c] = reach[i] * tree.chanceInfosets[n.infoset].probabilities[a]
                case .player(let p): reach[c] = reach[i] * probabilities[p][n.infoset][a]
                }
            }
        }
        return reach
    }

    public func payoffs(in tree: ExtensiveFormGame) -> [Rational] {
        let reach = realisation(in: tree)
        let cumulative = tree.cumulativePayoffs()
        var result = [Rational](repeating: .zero, count: tree.playerCount)
        for i in tree.nodes.indices where tree.nodes[i].isTerminal && !reach[i].isZero {
            for p in 0..<tree.playerCount { result[p] += reach[i] * cumulative[i][p] }
        }
        return result
    }

    /// Value of every node to every player when play continues with this profile.
    public func nodeValues(in tree: ExtensiveFormGame) -> [[Rational]] {
        let cumulative = tree.cumulativePayoffs()
        var value = [[Rational]](repeating: [], count: tree.nodes.count)
        for i in tree.nodes.indices.reversed() {
            let n = tree.nodes[i]
            if n.isTerminal {
                value[i] = cumulative[i]
                continue
            }
            var v = [Rational](repeating: .zero, count: tree.playerCount)
            for (a, c) in n.children.enumerated() {
                let pr: Rational
                switch n.mover {
                case .none: pr = .zero
                case .chance: pr = tree.chanceInfosets[n.infoset].probabilities[a]
                case .player(let p): pr = probabilities[p][n.infoset][a]
                }
                if pr.isZero { continue }
                for p in 0..<tree.playerCount { v[p] += pr * value[c][p] }
            }
            value[i] = v
        }
        return value
    }

    /// The largest gain a player can make by changing its whole behaviour strategy
    /// (computed by a best response in the tree; 0 exactly at a Nash equilibrium).
    public func maxRegret(in tree: ExtensiveFormGame) -> Rational {
        let current = payoffs(in: tree)
        var worst = Rational.zero
        for p in 0..<tree.playerCount {
            let best = BehaviorProfile.bestResponseValue(tree, profile: self, player: p)
            if best - current[p] > worst { worst = best - current[p] }
        }
        return worst
    }

    /// Best-response value of `player` against the others' behaviour, with perfect recall:
    /// the player's information sets are solved bottom-up on realisation weights.
    static func bestResponseValue(_ tree: ExtensiveFormGame, profile: BehaviorProfile, player: Int) -> Rational {
        // Weight of each node from chance and other players only.
        var weight = [Rational](repeating: .zero, count: tree.nodes.count)
        weight[0] = .one
        for i in tree.nodes.indices {
            let n = tree.nodes[i]
            for (a, c) in n.children.enumerated() {
                switch n.mover {
                case .none: break
                case .chance: weight[c] = weight[i] * tree.chanceInfosets[n.infoset].probabilities[a]
                case .player(let p): weight[c] = p == player ? weight[i] : weight[i] * profile.probabilities[p][n.infoset][a]
                }
            }
        }
        let cumulative = tree.cumulativePayoffs()
        var choice = [Int](repeating: 0, count: tree.infosets[player].count)
        // Sum of weighted payoffs below `start`, with the player following `choice`.
        func subtreeValue(_ start: Int) -> Rational {
            var total = Rational.zero
            var stack = [start]
            while let i = stack.popLast() {
                let n = tree.nodes[i]
                switch n.mover {
                case .none:
                    if !weight[i].isZero { total += weight[i] * cumulative[i][player] }
                case .player(let p) where p == player:
                    stack.append(n.children[choice[n.infoset]])
                default:
                    stack.append(contentsOf: n.children)
                }
            }
            return total
        }
        // With perfect recall an information set's choice only matters below it, so deciding the
        // player's information sets deepest-first (by own history) gives a best response.
        let history = tree.ownHistories(player: player)
        let order = tree.infosets[player].indices.sorted {
            history[tree.infosets[player][$0].members[0]].count > history[tree.infosets[player][$1].members[0]].count
        }
        for k in order {
            let h = tree.infosets[player][k]
            var best = 0
            var bestValue: Rational? = nil
            for a in h.actions.indices {
                var v = Rational.zero
                for m in h.members { v += subtreeValue(tree.nodes[m].children[a]) }
                if bestValue.map({ v > $0 }) ?? true {
                    bestValue = v
                    best = a
                }
            }
            choice[k] = best
        }
        return subtreeValue(0)
    }
}
