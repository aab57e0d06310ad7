/// `enummixed`: all extreme Nash equilibria of a two-player strategic game, by vertex
/// enumeration of the two best-response polytopes (Mangasarian 1964; Avis, Rosenberg,
/// Savani & von Stengel 2010, "Enumeration of Nash equilibria for two-player games",
/// Economic Theory 42:9-37).
///
/// With payoffs made positive, `P = {x ≥ 0 : Bᵀx ≤ 1}` and `Q = {y ≥ 0 : Ay ≤ 1}`; an
/// extreme equilibrium is a pair of nonzero vertices that together carry every label
/// (each pure strategy is either unused or a best response). Vertices are found by a
/// breadth-first walk over all feasible bases (the basis graph of a polytope is
/// connected), so degenerate games, where a vertex has several bases, are handled and
/// every vertex is reported once. Arithmetic is exact.
public enum EnumMixed {
    public static func solve(_ game: NormalFormGame) throws -> [MixedStrategyProfile] {
        guard game.playerCount == 2 else { throw GameError("enummixed needs a two-player game; this one has \(game.playerCount) players (use enumpure)") }
        let m = game.players[0].strategies.count, n = game.players[1].strategies.count
        var (lo, hi) = game.payoffRange()
        if lo > .zero { lo = .zero }
        lo -= .one
        if hi < .zero { hi = .zero }
        let fac = Rational.one / (hi - lo)
        let a: [[Rational]] = (0..<m).map { i in (0..<n).map { j in fac * (game.payoff([i, j], player: 0) - lo) } }
        let bT: [[Rational]] = (0..<n).map { j in (0..<m).map { i in fac * (game.payoff([i, j], player: 1) - lo) } }
        let vp = try vertices(constraints: bT, variables: m)   // player 1's x
        let vq = try vertices(constraints: a, variables: n)    // player 2's y
        let full = Set(0..<(m + n))
        func labelsP(_ x: [Rational]) -> Set<Int> {
            var l = Set<Int>()
            for i in 0..<m where x[i].isZero { l.insert(i) }
            for j in 0..<n where (0..<m).reduce(Rational.zero, { $0 + bT[j][$1] * x[$1] }) == .one { l.insert(m + j) }
            return l
        }
        func labelsQ(_ y: [Rational]) -> Set<Int> {
            var l = Set<Int>()
            for j in 0..<n where y[j].isZero { l.insert(m + j) }
            for i in 0..<m where (0..<n).reduce(Rational.zero, { $0 + a[i][$1] * y[$1] }) == .one { l.insert(i) }
            return l
        }
        let xs = vp.filter { !$0.allSatisfy(\.isZero) }, ys = vq.filter { !$0.allSatisfy(\.isZero) }
        let lx = xs.map(labelsP), ly = ys.map(labelsQ)
        var result: [MixedStrategyProfile] = []
        for (i, x) in xs.enumerated() {
            for (j, y) in ys.enumerated() where lx[i].union(ly[j]) == full {
                let sx = x.sum(), sy = y.sum()
                result.append(MixedStrategyProfile([x.map { $0 / sx }, y.map { $0 / sy }]))
                guard result.count <= GameLimits.maxEquilibria else { throw GameError("more than \(GameLimits.maxEquilibria) extreme equilibria") }
                try GameLimits.checkEquilibriumMemory(count: result.count, entries: x.count + y.count, solver: "enummixed")
            }
        }
        return result
    }

    /// Every vertex of `{v ≥ 0 : constraints · v ≤ 1}` (with positive constraint rows, a polytope).
    static func vertices(constraints: [[Rational]], variables k: Int) throws -> [[Rational]] {
        let rows = constraints.count
        let width = k + rows + 1
        let maxBases = max(1_000, min(2_000_000, GameLimits.maxWork / max(1, rows * width)))
        // Tableaux waiting in the queue, in entries (about 64 bytes each).
        let maxPendingEntries = 4_000_000
        // Work as in the Lemke solvers: every ratio and updated entry weighted by `Rational.cost`
        // (a tree's reduced form of 135 strategies ran 80 s on a budget counted in bases alone).
        var work = 0
        let start: [[Rational]] = constraints.enumerated().map { r, row in
            row + (0..<rows).map { $0 == r ? Rational.one : .zero } + [Rational.one]
        }
        let basisStart = (0..<rows).map { k + $0 }
        var visited: Set<[Int]> = [basisStart.sorted()]
        var queue: [([[Rational]], [Int])] = [(start, basisStart)]
        var found: Set<[Rational]> = []
        var ordered: [[Rational]] = []
        var head = 0
        while head < queue.count {
            let (t, basis) = queue[head]
            queue[head] = ([], [])   // free the tableau once it is taken
            head += 1
            var point = [Rational](repeating: .zero, count: k)
            for (r, v) in basis.enumerated() where v < k { point[v] = t[r][width - 1] }
            if found.insert(point).inserted { ordered.append(point) }
            let basic = Set(basis)
            for j in 0..<(k + rows) where !basic.contains(j) {
                var best: Rational? = nil
                var argmin: [Int] = []
                for r in 0..<rows where t[r][j] > .zero {
                    let ratio = t[r][width - 1] / t[r][j]
                    work += ratio.cost
                    if let b = best, ratio >= b {
                        if ratio == b { argmin.append(r) }
                    } else {
                        best = ratio
                        argmin = [r]
                    }
                }
                for r in argmin {
                    var nb = basis
                    nb[r] = j
                    guard visited.insert(nb.sorted()).inserted else { continue }
                    guard visited.count <= maxBases else {
                        throw GameError.budget("vertex enumeration visited more than \(maxBases) bases (its work budget); the game is too large or too degenerate for enummixed")
                    }
                    guard (queue.count - head) * rows * width <= maxPendingEntries else {
                        throw GameError.budget("vertex enumeration needs more memory than its budget; the game is too large or too degenerate for enummixed")
                    }
                    queue.append((pivot(t, row: r, column: j, work: &work), nb))
                    guard work <= GameLimits.maxWork else {
                        throw GameError.budget("vertex enumeration exceeded its work budget (\(GameLimits.maxWork / 1_000_000) million tableau-entry updates, weighted by the size of the exact numbers); the game is too large or too degenerate for enummixed")
                    }
                }
            }
        }
        return ordered
    }

    static func pivot(_ t: [[Rational]], row r: Int, column c: Int, work: inout Int) -> [[Rational]] {
        var t = t
        work += t.count * (t.first?.count ?? 0)   // the copy
        let pv = t[r][c]
        t[r] = t[r].map { $0.isZero ? $0 : $0 / pv }
        let pivotRow = t[r]
        let nz = pivotRow.indices.filter { !pivotRow[$0].isZero }
        for i in t.indices where i != r {
            let f = t[i][c]
            if f.isZero { continue }
            for j in nz {
                t[i][j] = t[i][j] - f * pivotRow[j]
                work += t[i][j].cost
            }
        }
        return t
    }
}
