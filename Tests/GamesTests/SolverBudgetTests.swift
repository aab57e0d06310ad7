@testable import Games
import Testing

/// Found by the fuzz campaign of session 17: solves that ran for minutes or hours.
@Suite struct SolverBudgetTests {
    /// The per-cell deviation check that `EnumPure` replaced, as the reference.
    func naivePure(_ g: NormalFormGame) -> [[Int]] {
        let counts = g.strategyCounts
        var out: [[Int]] = []
        var profile = [Int](repeating: 0, count: counts.count)
        for _ in 0..<g.cellCount {
            var stable = true
            for p in counts.indices where stable {
                for s in 0..<counts[p] where s != profile[p] {
                    var q = profile
                    q[p] = s
                    if g.payoff(q, player: p) > g.payoff(profile, player: p) { stable = false }
                }
            }
            if stable { out.append(profile) }
            NormalFormGame.advance(&profile, counts)
        }
        return out
    }

    func pure(_ r: [MixedStrategyProfile]) -> [[Int]] {
        r.map { $0.probabilities.map { $0.firstIndex(of: .one) ?? -1 } }
    }

    @Test func enumpureAgreesWithTheCellByCellCheck() throws {
        var seed: UInt64 = 17
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for shape in [[2, 2], [3, 4], [5, 1], [2, 3, 2], [3, 3, 3], [2, 2, 2, 2], [1, 1], [4, 2, 1, 3]] {
            for _ in 0..<6 {
                let g = try NormalFormGame(title: "r", playerLabels: shape.indices.map { "p\($0)" },
                                           strategyLabels: shape.map { n in (0..<n).map { "s\($0)" } }) { _ in
                    shape.indices.map { _ in Rational(next(3)) }   // payoffs 0..2: many ties
                }
                #expect(pure(try EnumPure.solve(g)) == naivePure(g), "shape \(shape)")
            }
        }
    }

    /// A 1000 x 1000 game where player 2 prefers only its last strategy took over five minutes
    /// (every cell scanned every deviation); now two passes over the cells per player.
    @Test func enumpureOnALargeFlatGameIsQuick() throws {
        let n = 400
        let g = try NormalFormGame(title: "flat", playerLabels: ["1", "2"],
                                   strategyLabels: [(0..<n).map { "r\($0)" }, (0..<n).map { "c\($0)" }]) { p in
            [.zero, p[1] == n - 1 ? .one : .zero]
        }
        let clock = ContinuousClock(), start = clock.now
        let r = try EnumPure.solve(g)
        #expect(clock.now - start < .seconds(60))
        #expect(pure(r) == (0..<n).map { [$0, n - 1] })
    }

    /// The Lemke solvers' budget weighs each updated entry by its size (`Rational.cost`): a
    /// 30 x 30 game's exact entries overflow machine integers and made each pivot 100 to 200
    /// times dearer, so a budget in pivots let `lcp` run for over three minutes.
    @Test func arithmeticCostGrowsWithTheNumbers() throws {
        #expect(Rational(5).cost == 1)
        #expect((Rational(7) / Rational(1 << 20)).cost == 1)
        #expect(Rational(1 << 40).cost == 100)
        let big = Rational(1 << 62) * Rational(1 << 62) * Rational(1 << 62)
        #expect(big.cost >= 400)
    }
}
