/// `lcp` on a two-player strategic game: Lemke & Howson (1964), "Equilibrium points of
/// bimatrix games", SIAM J. Appl. Math. 12:413-423.
///
/// As in Gambit's `lcp`, Lemke-Howson paths are followed from the artificial equilibrium
/// for every missing label, then again from every equilibrium found, for every label
/// except the one that led there, until no new completely labelled basis appears. The
/// result is every equilibrium *accessible* by Lemke-Howson paths (in nondegenerate
/// games, all equilibria of the connected component of the artificial one). Payoffs are
/// shifted and scaled exactly as Gambit does, and pivots use Gambit's lexicographic rule,
/// so the set found is Gambit's set, degenerate games included.
public enum LemkeHowson {
    public static func solve(_ game: NormalFormGame) throws -> [MixedStrategyProfile] {
        guard game.playerCount == 2 else { throw GameError("lcp needs a two-player game; this one has \(game.playerCount) players (use enumpure)") }
        let n1 = game.players[0].strategies.count, n2 = game.players[1].strategies.count
        var (lo, hi) = game.payoffRange()
        if lo > .zero { lo = .zero }
        lo -= .one
        if hi < .zero { hi = .zero }
        let fac = Rational.one / (hi - lo)
        let a1: [[Rational]] = (0..<n1).map { i in (0..<n2).map { j in fac * (game.payoff([i, j], player: 0) - lo) } }
        let a2: [[Rational]] = (0..<n2).map { j in (0..<n1).map { i in fac * (game.payoff([i, j], player: 1) - lo) } }
        let start = Pair(
            t1: LemkeTableau(minRow: 1, minColumn: n1 + 1, a: a1, b: [Rational](repeating: -.one, count: n1)),
            t2: LemkeTableau(minRow: n1 + 1, minColumn: 1, a: a2, b: [Rational](repeating: -.one, count: n2)))

        var seenBases: Set<[Int]> = []
        var equilibria: [MixedStrategyProfile] = []
        // The budget counts work, not pivots: every updated tableau entry weighted by the square
        // of its size in machine words (`Rational.cost`). Exact entries grow along the paths, so a
        // pivot of a 30 x 30 game can cost a hundred times one of small numbers (a budget in
        // pivots let one run for hours).
        var budget = Budget(pivots: 0, work: 0)
        struct Frame { var tableau: Pair; var arrivedBy: Int; var next: Int }
        var stack = [Frame(tableau: start, arrivedBy: 0, next: 1)]
        while let top = stack.indices.last {
            var label = stack[top].next
            if label == stack[top].arrivedBy { label += 1 }
            guard label <= n1 + n2 else {
                stack.removeLast()
                continue
            }
            stack[top].next = label + 1
            var copy = stack[top].tableau
            // Each path starts from a copy of both tableaux and ends with a look at every label.
            budget.work += (n1 + n2) * (n1 + n2 + 1)
            try copy.lemkePath(label, budget: &budget)
            let basic = (1...(n1 + n2)).filter { copy.isBasic($0) }
            guard seenBases.insert(basic).inserted else { continue }
            let values = copy.values(1...(n1 + n2))
            let xs = (1...n1).map { values[$0] ?? .zero }, ys = ((n1 + 1)...(n1 + n2)).map { values[$0] ?? .zero }
            let sx = xs.sum(), sy = ys.sum()
            guard !sx.isZero, !sy.isZero else { continue }
            equilibria.append(MixedStrategyProfile([xs.map { $0 / sx }, ys.map { $0 / sy }]))
            guard equilibria.count <= GameLimits.maxEquilibria else { throw GameError("more than \(GameLimits.maxEquilibria) equilibria") }
            try GameLimits.checkEquilibriumMemory(count: equilibria.count, entries: n1 + n2, solver: "lcp")
            guard stack.count * (n1 + n2) * (n1 + n2 + 1) <= 4_000_000 else {
                throw GameError.budget("Lemke-Howson's search from equilibrium to equilibrium needs more memory than its budget; the game is too large for lcp")
            }
            stack.append(Frame(tableau: copy, arrivedBy: label, next: 1))
        }
        return equilibria
    }

    struct Budget { var pivots: Int; var work: Int }

    /// The two tableaux of the bimatrix LCP: player 1's rows with player 2's variables, and vice versa.
    struct Pair {
        var t1: LemkeTableau
        var t2: LemkeTableau

        func isBasic(_ label: Int) -> Bool { t1.isBasic(label) || t2.isBasic(label) }

        func values(_ labels: ClosedRange<Int>) -> [Int: Rational] {
            let s1 = t1.basicSolution(), s2 = t2.basicSolution()
            var out: [Int: Rational] = [:]
            for l in labels {
                if let p = t1.position(of: l) { out[l] = s1[p] } else if let p = t2.position(of: l) { out[l] = s2[p] }
            }
            return out
        }

        /// Pivots `label` in; returns the label that leaves and the work done.
        mutating func pivotIn(_ label: Int) throws -> (exit: Int, work: Int) {
            var work = 0
            if t1.isValid(label) {
                guard let r = try t1.exitPosition(entering: label, rule: .largest, work: &work) else { throw GameError("Lemke-Howson met an unbounded ray; the game data is inconsistent") }
                let out = t1.basis[r]
                return (out, work + t1.pivot(position: r, entering: label))
            }
            guard t2.isValid(label), let r = try t2.exitPosition(entering: label, rule: .largest, work: &work) else {
                throw GameError("Lemke-Howson met an unbounded ray; the game data is inconsistent")
            }
            let out = t2.basis[r]
            return (out, work + t2.pivot(position: r, entering: label))
        }

        /// Follows the path that drops `label` until a completely labelled basis is reached.
        mutating func lemkePath(_ dup: Int, budget: inout Budget) throws {
            var enter = isBasic(dup) ? -dup : dup
            while true {
                let (exit, work) = try pivotIn(enter)
                budget.pivots += 1
                budget.work += work
                guard budget.pivots <= GameLimits.maxPivots, budget.work <= GameLimits.maxWork else {
                    throw GameError.budget("Lemke-Howson exceeded its work budget (\(GameLimits.maxWork / 1_000_000) million tableau-entry updates, weighted by the size of the exact numbers) after \(budget.pivots) pivots; the game is too large for lcp (enumpure finds its pure equilibria)")
                }
                if exit == dup || exit == -dup { return }
                enter = -exit
            }
        }
    }
}
