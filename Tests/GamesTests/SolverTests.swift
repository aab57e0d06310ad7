import Foundation
import Games
import GuarantorModel
import Testing

@Suite struct SolverTests {
    func strategic(_ rows: [[(Int, Int)]]) throws -> NormalFormGame {
        try NormalFormGame(title: "t", playerLabels: ["1", "2"],
                           strategyLabels: [rows.indices.map { "r\($0)" }, rows[0].indices.map { "c\($0)" }]) { p in
            [Rational(rows[p[0]][p[1]].0), Rational(rows[p[0]][p[1]].1)]
        }
    }

    func texts(_ r: [MixedStrategyProfile]) -> Set<String> {
        Set(r.map { Canonical.profile(.strategic($0)) })
    }

    @Test func matchingPenniesHasOnlyTheMixedEquilibrium() throws {
        let g = try strategic([[(1, -1), (-1, 1)], [(-1, 1), (1, -1)]])
        #expect(try EnumPure.solve(g).isEmpty)
        #expect(texts(try EnumMixed.solve(g)) == ["1/2,1/2|1/2,1/2"])
        #expect(texts(try LemkeHowson.solve(g)) == ["1/2,1/2|1/2,1/2"])
    }

    @Test func battleOfTheSexes() throws {
        let g = try strategic([[(2, 1), (0, 0)], [(0, 0), (1, 2)]])
        #expect(texts(try EnumPure.solve(g)) == ["1,0|1,0", "0,1|0,1"])
        #expect(texts(try EnumMixed.solve(g)) == ["1,0|1,0", "0,1|0,1", "2/3,1/3|1/3,2/3"])
    }

    @Test func degenerateGameGivesExtremeEquilibria() throws {
        // Column 2 is a best reply to both rows; the equilibrium set is an edge.
        let g = try strategic([[(1, 1), (1, 1)], [(0, 0), (2, 1)]])
        let eqs = try EnumMixed.solve(g)
        for e in eqs { #expect(e.maxRegret(in: g) == .zero) }
        #expect(texts(eqs) == ["1,0|1,0", "1,0|1/2,1/2", "0,1|0,1"])
    }

    @Test func threePlayerPureEquilibria() throws {
        let g = try NormalFormGame(title: "unanimity", playerLabels: ["a", "b", "c"], strategyLabels: [["0", "1"], ["0", "1"], ["0", "1"]]) { p in
            let same = p.allSatisfy { $0 == p[0] }
            return [Rational(same ? 1 : 0), Rational(same ? 1 : 0), Rational(same ? 1 : 0)]
        }
        #expect(texts(try EnumPure.solve(g)) == ["1,0|1,0|1,0", "0,1|0,1|0,1"])
        #expect(throws: GameError.self) { try EnumMixed.solve(g) }
    }

    @Test func randomGamesGiveExactZeroRegret() throws {
        var rng = SplitMix64(seed: 7)
        for size in 2...5 {
            let g = try RandomGames.strategic(rows: size, columns: size + 1, rng: &rng)
            for e in try EnumMixed.solve(g) + LemkeHowson.solve(g) + EnumPure.solve(g) { #expect(e.maxRegret(in: g) == .zero) }
            #expect(try !LemkeHowson.solve(g).isEmpty)
        }
        for seed in 1...6 {
            let t = try RandomGames.tree(seed: UInt64(seed))
            for e in try SequenceFormLCP.solve(t) { #expect(e.maxRegret(in: t) == .zero, "tree \(seed)") }
        }
    }

    @Test func convertsStrategicToSimultaneousTreeAndBack() throws {
        let g = try strategic([[(2, 1), (0, 0)], [(0, 0), (1, 2)], [(3, 3), (1, 0)]])
        let t = try GameSolver.convertToExtensive(.strategic(g))
        let back = try GameSolver.convertToStrategic(.extensive(t))
        #expect(back.payoffTable() == g.payoffTable())
        #expect(try EFGFormat.read(EFGFormat.write(t)) == t)
    }
}

@Suite(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent: reference solver tests skipped"))
struct ReferenceSolverTests {
    func solve(_ name: String, _ method: SolverMethod) throws -> SolveResult {
        try GameSolver.solve(Fixtures.read(Fixtures.referenceGames.appendingPathComponent(name)), method: method)
    }

    @Test func knownEquilibria() throws {
        #expect(try solve("contrib_coord3.nfg", .enummixed).equilibria.count == 7)
        #expect(try solve("contrib_coord3.nfg", .lcp).equilibria.count == 7)
        #expect(try solve("contrib_2x2x2.nfg", .enumpure).equilibria.count == 4)
        let poker = try solve("doc_poker.efg", .lcp)
        #expect(poker.equilibria.map { Canonical.profile($0.profile) } == ["1,0;1/3,2/3|2/3,1/3"])
        #expect(poker.equilibria.first?.payoffs.map(\.description) == ["1/3", "-1/3"])
        let low = try solve("rudimentary_asym_deterrence_pB_low.efg", .enummixed)
        #expect(low.equilibria.contains { Canonical.profile($0.profile) == "1,0|5/9,4/9,0,0" })
    }

    @Test func everySolutionHasZeroRegret() throws {
        for url in Fixtures.referenceFiles() {
            let game = try Fixtures.read(url)
            for method in SolverMethod.allCases {
                guard let result = try? GameSolver.solve(game, method: method) else { continue }
                for e in result.equilibria {
                    switch (game, e.profile) {
                    case (.strategic(let g), .strategic(let m)): #expect(m.maxRegret(in: g) == .zero, "\(url.lastPathComponent) \(method)")
                    case (.extensive(let t), .behaviour(let b)): #expect(b.maxRegret(in: t) == .zero, "\(url.lastPathComponent) \(method)")
                    case (.extensive(let t), .strategic(let m)):
                        #expect(m.maxRegret(in: try GameSolver.convertToStrategic(.extensive(t))) == .zero)
                    default: Issue.record("unexpected profile kind")
                    }
                }
            }
        }
    }

    @Test func speExcludesNonCredibleThreats() throws {
        // Nash has the threat equilibrium (A plays C because B 'would' fight); spe does not.
        let nash = try solve("generic_deterrence_incredible.efg", .enumpure).equilibria.map { Canonical.profile($0.profile) }
        #expect(Set(nash) == ["1,0|0,1", "0,1|1,0"])
        let spe = try solve("generic_deterrence_incredible.efg", .spe).equilibria.map { Canonical.profile($0.profile) }
        #expect(spe == ["0,1|1,0"])
        #expect(try solve("generic_deterrence_credible.efg", .spe).equilibria.map { Canonical.profile($0.profile) } == ["1,0|0,1"])
        #expect(try solve("tests_perfect_info_with_chance.efg", .spe).equilibria.count == 4)
    }

    @Test func speOfTheRudimentaryGameFollowsTheThreshold() throws {
        // pB = 1/4 < 1/3: A challenges; 1/2 > 1/3: A is deterred; 1/3: both are sequential equilibria.
        let low = try solve("rudimentary_asym_deterrence_pB_low.efg", .spe).equilibria.map { Canonical.profile($0.profile) }
        let high = try solve("rudimentary_asym_deterrence_pB_high.efg", .spe).equilibria.map { Canonical.profile($0.profile) }
        let at = try solve("rudimentary_asym_deterrence_pB_threshold.efg", .spe).equilibria.map { Canonical.profile($0.profile) }
        #expect(low == ["0,1|0,1;1,0"])
        #expect(high == ["1,0|0,1;1,0"])
        #expect(Set(at) == ["1,0|0,1;1,0", "0,1|0,1;1,0"])
    }

    @Test func jsonIsExactAndDeterministic() throws {
        let r = try solve("rudimentary_asym_deterrence_pB_low.efg", .spe)
        #expect(SolveReport.json(r) == "{\"equilibria\": [\n  {\"profile\": [[[\"0\", \"1\"]], [[\"0\", \"1\"], [\"1\", \"0\"]]], \"payoffs\": [\"9/4\", \"5/4\"]}\n]}\n")
    }
}
