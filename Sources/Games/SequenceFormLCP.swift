/// `lcp` on a two-player extensive game: the sequence form of Koller, Megiddo &
/// von Stengel (1996), "Efficient computation of equilibria for extensive two-person
/// games", Games and Economic Behavior 14:247-259, solved by Lemke's algorithm
/// (Lemke 1965) with a covering vector of ones.
///
/// The LCP is laid out exactly as Gambit's `lcp` lays it out (sequences numbered
/// per player with the empty sequence first and then every information set's actions
/// in order; payoffs shifted by the largest path payoff plus one; the artificial
/// variable entering at the first player's root constraint), and pivots use Gambit's
/// lexicographic rule, so the equilibrium found is the one Gambit reports. Behaviour
/// at information sets the equilibrium never reaches is set to the uniform
/// distribution, as Gambit does.
public enum SequenceFormLCP {
    public static func solve(_ tree: ExtensiveFormGame) throws -> [BehaviorProfile] {
        guard tree.playerCount == 2 else { throw GameError("lcp needs a two-player game; this one has \(tree.playerCount) players") }
        if let why = tree.perfectRecallViolation() { throw GameError("lcp needs perfect recall: \(why)") }
        let ns1 = 1 + tree.actionCount(player: 0), ns2 = 1 + tree.actionCount(player: 1)
        let ni1 = tree.infosets[0].count + 1, ni2 = tree.infosets[1].count + 1
        let ntot = ns1 + ns2 + ni1 + ni2
        guard ntot <= GameLimits.maxSequenceFormRows else {
            throw GameError("the sequence form has \(ntot) rows; Guarantor's dense LCP stops at \(GameLimits.maxSequenceFormRows)")
        }
        let offsets = tree.infosets.map { list -> [Int] in
            var o: [Int] = [], acc = 1
            for h in list { o.append(acc); acc += h.actions.count }
            return o
        }
        let maxpay = tree.maxPathPayoff() + .one
        // a[row][col], rows 1...ntot, columns 0...ntot (index 0 of rows unused).
        var a = [[Rational]](repeating: [Rational](repeating: .zero, count: ntot + 1), count: ntot + 1)
        struct Visit { var node: Int; var prob: Rational; var s1: Int; var s2: Int; var pay: [Rational] }
        var stack = [Visit(node: 0, prob: .one, s1: 1, s2: 1, pay: [.zero, .zero])]
        while let v = stack.popLast() {
            let n = tree.nodes[v.node]
            var pay = v.pay
            if n.outcome > 0 {
                pay[0] += tree.outcomes[n.outcome - 1].payoffs[0]
                pay[1] += tree.outcomes[n.outcome - 1].payoffs[1]
            }
            switch n.mover {
            case .none:
                a[v.s1][ns1 + v.s2] += v.prob * (pay[0] - maxpay)
                a[ns1 + v.s2][v.s1] += v.prob * (pay[1] - maxpay)
            case .chance:
                let h = tree.chanceInfosets[n.infoset]
                for (k, c) in n.children.enumerated().reversed() {
                    stack.append(Visit(node: c, prob: v.prob * h.probabilities[k], s1: v.s1, s2: v.s2, pay: pay))
                }
            case .player(0):
                let idx = ns1 + ns2 + n.infoset + 2
                a[v.s1][idx] = -.one
                a[idx][v.s1] = .one
                var snew = offsets[0][n.infoset]
                var children: [Visit] = []
                for c in n.children {
                    snew += 1
                    a[snew][idx] = .one
                    a[idx][snew] = -.one
                    children.append(Visit(node: c, prob: v.prob, s1: snew, s2: v.s2, pay: pay))
                }
                stack.append(contentsOf: children.reversed())
            case .player:
                let idx = ns1 + ns2 + ni1 + n.infoset + 2
                a[ns1 + v.s2][idx] = -.one
                a[idx][ns1 + v.s2] = .one
                var snew = offsets[1][n.infoset]
                var children: [Visit] = []
                for c in n.children {
                    snew += 1
                    a[ns1 + snew][idx] = .one
                    a[idx][ns1 + snew] = -.one
                    children.append(Visit(node: c, prob: v.prob, s1: v.s1, s2: snew, pay: pay))
                }
                stack.append(contentsOf: children.reversed())
            }
        }
        for i in 1...ntot { a[i][0] = -.one }
        a[1][ns1 + ns2 + 1] = .one
        a[ns1 + ns2 + 1][1] = -.one
        a[ns1 + 1][ns1 + ns2 + ni1 + 1] = .one
        a[ns1 + ns2 + ni1 + 1][ns1 + 1] = -.one
        var b = [Rational](repeating: .zero, count: ntot)
        b[ns1 + ns2] = -.one
        b[ns1 + ns2 + ni1] = -.one
        var tableau = LemkeTableau(minRow: 1, minColumn: 0, a: Array(a[1...]), b: b)

        var work = tableau.pivot(position: ns1 + ns2, entering: 0)
        var enter = ns1 + ns2 + 1
        var pivots = 0
        pathLoop: while true {
            guard let r = try tableau.exitPosition(entering: enter, rule: .smallest, work: &work) else { break pathLoop }
            let exit = tableau.basis[r]
            // Work: updated entries weighted by their size (`Rational.cost`; exact entries grow).
            work += tableau.pivot(position: r, entering: enter)
            pivots += 1
            guard pivots <= GameLimits.maxPivots, work <= GameLimits.maxWork else {
                throw GameError.budget("Lemke's algorithm exceeded its work budget; the game is too large for lcp")
            }
            if exit == 0 { break }
            enter = -exit
        }

        let solution = tableau.basicSolution()
        func value(_ label: Int) -> Rational? {
            guard let p = tableau.position(of: label), solution[p] > .zero else { return nil }
            return solution[p]
        }
        var probabilities = tree.infosets.map { $0.map { [Rational](repeating: .zero, count: $0.actions.count) } }
        let parents = [tree.parentSequences(player: 0), tree.parentSequences(player: 1)]
        for p in 0..<2 {
            let shift = p == 0 ? 0 : ns1
            for (k, h) in tree.infosets[p].enumerated() {
                guard let parent = value(shift + parents[p][k]) else { continue }
                for act in h.actions.indices {
                    if let child = value(shift + offsets[p][k] + act + 1) { probabilities[p][k][act] = child / parent }
                }
            }
        }
        var profile = BehaviorProfile(probabilities)
        profile.undefinedToCentroid(in: tree)
        return [profile]
    }
}

extension ExtensiveFormGame {
    /// For each information set of `player`, the 1-based number of the sequence that leads to it
    /// (1 = the empty sequence), numbering sequences as Gambit does.
    func parentSequences(player: Int) -> [Int] {
        let history = ownHistories(player: player)
        var offsets: [Int] = [], acc = 1
        for h in infosets[player] { offsets.append(acc); acc += h.actions.count }
        return infosets[player].map { h in
            let path = history[h.members[0]]
            guard path.count >= 2 else { return 1 }
            return offsets[path[path.count - 2]] + path[path.count - 1] + 1
        }
    }
}

extension BehaviorProfile {
    /// Gambit's `UndefinedToCentroid`: an information set that is not reached and whose
    /// probabilities are all zero gets the uniform distribution, in game order, re-evaluating
    /// reach after each change.
    mutating func undefinedToCentroid(in tree: ExtensiveFormGame) {
        for p in 0..<tree.playerCount {
            for (k, h) in tree.infosets[p].enumerated() {
                let reach = realisation(in: tree)
                if h.members.map({ reach[$0] }).sum() > .zero { continue }
                if probabilities[p][k].sum().isZero {
                    let u = Rational.one / Rational(h.actions.count)
                    probabilities[p][k] = [Rational](repeating: u, count: h.actions.count)
                }
            }
        }
    }
}
