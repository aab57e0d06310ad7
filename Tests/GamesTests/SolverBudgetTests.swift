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

    /// A perfect-information binary tree of ties: players alternate by level, every payoff 0.
    func tieTree(depth: Int, payoff: String = "0") throws -> ExtensiveFormGame {
        var lines: [String] = [], infosets = [0, 0], outcomes = 0
        func node(_ d: Int) {
            if d == depth {
                outcomes += 1
                lines.append("t \"\" \(outcomes) \"\" { \(payoff), \(payoff) }")
                return
            }
            let p = d % 2
            infosets[p] += 1
            lines.append("p \"\" \(p + 1) \(infosets[p]) \"\" { \"L\" \"R\" } 0")
            node(d + 1)
            node(d + 1)
        }
        node(0)
        return try EFGFormat.read("EFG 2 R \"ties\" { \"1\" \"2\" }\n\"\"\n\n" + lines.joined(separator: "\n") + "\n")
    }

    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch let e as GameError { return e.message } catch { return "\(error)" }
    }

    /// Memory, not only counts: 12,500 x 800 pure equilibria of a 400 x 400 game of ties filled
    /// 6 GB before the 100,000 limit, `spe` on a tree of ties 4 GB before its 10,000, and the
    /// reduced strategies of a tree with thousands of information sets 24 GB. (Reaching the
    /// budgets takes their memory, so the checks themselves are tested here; the CLI runs on
    /// those games were checked by hand: errors after 2 to 4 s, at most 1.3 GB.)
    @Test func solversStopAtTheirMemoryBudgets() throws {
        #expect(message { try GameLimits.checkEquilibriumMemory(count: 25_000, entries: 400, solver: "enumpure") } == "")
        #expect(message { try GameLimits.checkEquilibriumMemory(count: 25_001, entries: 400, solver: "enumpure") }
                    .contains("enumpure found more than 25000 equilibria of 400 probabilities each"))
        #expect(message { try GameLimits.checkEquilibriumMemory(count: 2, entries: 20_000_000, solver: "spe") }.contains("memory budget"))
        let tree = try tieTree(depth: 12)
        #expect(message { _ = try ReducedNormalForm.enumerate(tree, player: 0, limit: 50) }.contains("more than 1000000 strategy profiles"))
        #expect(GameLimits.maxStrategyEntries / tree.infosets[0].count < 20_000)
        let small = try tieTree(depth: 3)
        #expect(try SequentialEquilibrium.solve(small).count == 128)   // 7 information sets of 2 tied actions
        #expect(try ReducedNormalForm(small).game.cellCount == 8 * 4)
    }

    /// enummixed counted its budget in bases, each assumed to cost one tableau; a tree's reduced
    /// form of 135 strategies (entries past machine integers) ran 80 s. Its pivots now count
    /// every entry by `Rational.cost`, like the Lemke solvers.
    @Test func vertexEnumerationPivotsCountTheirWork() {
        var small = 0, large = 0
        let t = [[Rational(2), Rational(1), Rational(1)], [Rational(1), Rational(3), Rational(1)]]
        _ = EnumMixed.pivot(t, row: 0, column: 0, work: &small)
        let big = Rational(1 << 62) * Rational(1 << 62)
        _ = EnumMixed.pivot([[Rational(2), big, Rational(1)], [Rational(1), big, Rational(1)]], row: 0, column: 0, work: &large)
        #expect(small >= 6)
        #expect(large >= small + 100)
    }

    /// A strategic game too large for lcp or enummixed may be a tree's normal form (the 5 x 256
    /// game of `game deterrence --guarantors 1`, converted): the error says to solve the tree,
    /// whose lcp and spe do (and a tree's enummixed says it went through the normal form).
    /// Errors that are not about a budget are left as they are.
    @Test func budgetErrorsPointToTheTree() {
        let budget = GameError.budget("Lemke-Howson exceeded its work budget (60 million tableau-entry updates) after 53 pivots; the game is too large for lcp (enumpure finds its pure equilibria)")
        let advised = GameSolver.strategicAdvice(budget).message
        #expect(advised.hasPrefix(budget.message) && advised.contains("solve that .efg instead: lcp there works on the sequence form"), "\(advised)")
        let reduced = GameSolver.reducedFormAdvice(GameError.budget("vertex enumeration needs more memory than its budget; the game is too large or too degenerate for enummixed"),
                                                   method: .enummixed, strategies: [5, 256]).message
        #expect(reduced.hasSuffix("(enummixed solves an extensive game through its reduced normal form, here 5 x 256 strategies); lcp and spe work on the tree itself"), "\(reduced)")
        let other = GameError("lcp needs a two-player game; this one has 3 players (use enumpure)")
        #expect(GameSolver.strategicAdvice(other) == other)
        #expect(GameSolver.reducedFormAdvice(other, method: .enummixed, strategies: [2, 2]) == other)
        // The solvers' own budget errors are the ones recognised, by kind, not by wording.
        do { try GameLimits.checkEquilibriumMemory(count: 2, entries: 20_000_000, solver: "lcp"); Issue.record("no error") }
        catch let e as GameError { #expect(e.overBudget, "\(e)") } catch { Issue.record("\(error)") }
        #expect(!GameError("a game with a budget in its message").overBudget)
    }

    /// The reduced normal form's budget weighs each step by the size of the tree's numbers:
    /// 73,728 cells of a tree with payoffs of 1e300 passed the budget and took minutes.
    @Test func reducedFormBudgetWeighsTheSizeOfNumbers() throws {
        #expect(try ReducedNormalForm(tieTree(depth: 5)).game.cellCount == 8192)
        #expect(message { _ = try ReducedNormalForm(tieTree(depth: 5, payoff: "1e300")) }.contains("x 256 for the size of its numbers"))
    }
}
