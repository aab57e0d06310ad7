/// The reduced normal (strategic) form of an extensive game, built as Gambit builds it.
///
/// A reduced strategy fixes an action only at the information sets it does not itself
/// make unreachable. Strategies are enumerated in Gambit's order (depth-first through
/// the tree, branching at a player's information set when first met, actions in order)
/// and labelled as Gambit labels them: one character per information set, the action
/// number or `*` where the strategy leaves it open. Matching the order lets strategic
/// profiles be compared with pygambit entry by entry.
public struct ReducedNormalForm: Sendable {
    /// `strategies[player][k][infoset]`: the action chosen, or nil where unreachable.
    public let strategies: [[[Int?]]]
    public let game: NormalFormGame

    public init(_ tree: ExtensiveFormGame) throws {
        var all: [[[Int?]]] = []
        var total = 1
        for p in 0..<tree.playerCount {
            // At most as many strategies as leave the product within the limit: enumeration stops there.
            let s = try ReducedNormalForm.enumerate(tree, player: p, limit: GameLimits.maxProfiles / total)
            let (t, overflow) = total.multipliedReportingOverflow(by: s.count)
            guard !overflow, t <= GameLimits.maxProfiles else {
                throw GameError("the reduced normal form has more than \(GameLimits.maxProfiles) strategy profiles; solve the tree itself instead: 'spe' (any number of players), or 'lcp' for two players")
            }
            total = t
            all.append(s)
        }
        // Work budget: each cell walks the tree once, multiplying and adding numbers as large as the
        // tree's payoffs and chance probabilities, so each step weighs by their size (1 up to a few
        // machine words; payoffs of 1e300, 16 words, made 6 million steps take minutes).
        let cumulative = tree.cumulativePayoffs()
        let sizes = cumulative.joined().map(\.cost) + tree.chanceInfosets.flatMap { $0.probabilities.map(\.cost) }
        let weight = max(1, (sizes.max() ?? 1) / 100)
        let (steps, overflow) = total.multipliedReportingOverflow(by: tree.nodes.count * weight)
        guard !overflow, steps <= GameLimits.maxWork / 10 else {
            throw GameError("the reduced normal form is too large to compute (\(total) profiles x \(tree.nodes.count) nodes\(weight > 1 ? " x \(weight) for the size of its numbers" : ""))")
        }
        strategies = all
        let labels = all.enumerated().map { p, list in
            list.map { s -> String in
                let l = s.map { $0.map { String($0 + 1) } ?? "*" }.joined()
                return l.isEmpty ? "*" : l
            }
        }
        let strategiesCopy = all
        game = try NormalFormGame(title: tree.title, comment: tree.comment, playerLabels: tree.playerLabels,
                                  strategyLabels: labels) { profile in
            let behaviour = profile.enumerated().map { strategiesCopy[$0][$1] }
            return ReducedNormalForm.expectedPayoff(tree, cumulative: cumulative, behaviour: behaviour)
        }
    }

    /// Expected payoffs when each player follows a pure (reduced) strategy.
    static func expectedPayoff(_ tree: ExtensiveFormGame, cumulative: [[Rational]], behaviour: [[Int?]]) -> [Rational] {
        var result = [Rational](repeating: .zero, count: tree.playerCount)
        var stack: [(Int, Rational)] = [(0, .one)]
        while let (n, prob) = stack.popLast() {
            let node = tree.nodes[n]
            switch node.mover {
            case .none:
                for p in 0..<tree.playerCount { result[p] += prob * cumulative[n][p] }
            case .chance:
                let h = tree.chanceInfosets[node.infoset]
                for (a, c) in node.children.enumerated() where !h.probabilities[a].isZero {
                    stack.append((c, prob * h.probabilities[a]))
                }
            case .player(let p):
                if let a = behaviour[p][node.infoset] { stack.append((node.children[a], prob)) }
            }
        }
        return result
    }

    private struct Frame {
        var pending: [Int]
        var behaviour: [Int?]
        var node: Int
        var nextAction: Int
    }

    /// Runs the pending nodes until the player meets an undecided information set (returned) or the walk ends (nil).
    private static func walk(_ tree: ExtensiveFormGame, player: Int, pending: inout [Int], behaviour: [Int?]) -> Int? {
        while let n = pending.popLast() {
            let node = tree.nodes[n]
            switch node.mover {
            case .none:
                continue
            case .player(let p) where p == player:
                if let a = behaviour[node.infoset] {
                    pending.append(node.children[a])
                } else {
                    return n
                }
            default:
                pending.append(contentsOf: node.children.reversed())
            }
        }
        return nil
    }

    /// Stops with an error past `limit` strategies, or when the strategies would hold more than
    /// `GameLimits.maxStrategyEntries` entries (one per information set each): a tree with
    /// thousands of information sets filled 24 GB before the count reached its limit.
    static func enumerate(_ tree: ExtensiveFormGame, player: Int, limit: Int = GameLimits.maxProfiles) throws -> [[Int?]] {
        var result: [[Int?]] = []
        let empty = [Int?](repeating: nil, count: tree.infosets[player].count)
        let byMemory = GameLimits.maxStrategyEntries / max(1, empty.count)
        var pending = [0]
        guard let first = walk(tree, player: player, pending: &pending, behaviour: empty) else { return [empty] }
        var stack = [Frame(pending: pending, behaviour: empty, node: first, nextAction: 0)]
        while let top = stack.indices.last {
            let frame = stack[top]
            let node = tree.nodes[frame.node]
            guard frame.nextAction < node.children.count else {
                stack.removeLast()
                continue
            }
            stack[top].nextAction += 1
            var behaviour = frame.behaviour
            behaviour[node.infoset] = frame.nextAction
            var pending = frame.pending
            pending.append(node.children[frame.nextAction])
            if let branch = walk(tree, player: player, pending: &pending, behaviour: behaviour) {
                stack.append(Frame(pending: pending, behaviour: behaviour, node: branch, nextAction: 0))
            } else {
                result.append(behaviour)
                guard result.count <= limit else {
                    throw GameError("the reduced normal form has more than \(GameLimits.maxProfiles) strategy profiles (player \(player + 1) alone has more than \(limit) reduced strategies); solve the tree itself instead: 'spe' (any number of players), or 'lcp' for two players")
                }
                guard result.count <= byMemory else {
                    throw GameError.budget("player \(player + 1)'s reduced strategies over \(empty.count) information sets need more memory than the budget (\(GameLimits.maxStrategyEntries) entries: more than \(byMemory) strategies); solve the tree itself instead: 'spe' (any number of players), or 'lcp' for two players")
                }
            }
        }
        return result
    }
}
