import Foundation
import Games
import Testing

@Suite struct DeterrenceGameTests {
    let aSQ = Rational(2), aDC = Rational(3), aDD = Rational(0)

    func rudimentary(_ p: Rational) -> DeterrenceGameSpec {
        .rudimentary(pHard: p, aSQ: aSQ, aDC: aDC, aDD: aDD, bSQ: 3, bDC: 1, bDDHard: 2, bDDSoft: 0)
    }

    @Test func thresholdOfTheGenericGame() throws {
        let threshold = try #require(DeterrenceGameSpec.credibilityThreshold(statusQuo: aSQ, defenderConcedes: aDC, conflict: aDD))
        #expect(threshold == Rational(1) / Rational(3))
        // Deterred exactly when credibility exceeds the threshold; at it, both choices are sequential equilibria.
        for k in 0...24 {
            let p = Rational(k) / Rational(24)
            let choices = Set(try rudimentary(p).predictions().map(\.deterred))
            if p > threshold { #expect(choices == [true], "p = \(p)") }
            if p < threshold { #expect(choices == [false], "p = \(p)") }
            if p == threshold { #expect(choices == [true, false]) }
        }
        #expect(DeterrenceGameSpec.credibilityThreshold(statusQuo: 1, defenderConcedes: 2, conflict: 2) == nil)
    }

    @Test func responsesAreCredible() throws {
        let prediction = try #require(try rudimentary(Rational(1) / Rational(4)).predictions().first)
        #expect(prediction.challengerChoice == "D")
        #expect(prediction.respondsIfResolute == [true] && prediction.respondsIfIrresolute == [false])
        #expect(prediction.challengerPayoff == Rational(9) / Rational(4))
    }

    @Test(.enabled(if: Fixtures.referenceAvailable, "../shared/reference/games is absent"))
    func buildsTheReferenceGame() throws {
        for (name, p) in [("low", Rational(1) / Rational(4)), ("threshold", Rational(1) / Rational(3)), ("high", Rational(1) / Rational(2))] {
            let built = try rudimentary(p).extensiveForm()
            let file = try Fixtures.read(Fixtures.referenceGames.appendingPathComponent("rudimentary_asym_deterrence_pB_\(name).efg"))
            guard case .extensive(let reference) = file else { Issue.record("not a tree"); continue }
            #expect(built.nodes.map(\.children) == reference.nodes.map(\.children))
            #expect(built.cumulativePayoffs() == reference.cumulativePayoffs())
            #expect(built.chanceInfosets.map(\.probabilities) == reference.chanceInfosets.map(\.probabilities))
            #expect(built.infosets.map { $0.map(\.members) } == reference.infosets.map { $0.map(\.members) })
            for method in SolverMethod.allCases {
                let a = try GameSolver.solve(.extensive(built), method: method).equilibria
                let b = try GameSolver.solve(file, method: method).equilibria
                #expect(Set(a) == Set(b), "\(name) \(method)")
            }
        }
    }

    @Test func severalGuarantorsAndAttacks() throws {
        // Two guarantors; the challenger loses 2 per responder on a full attack, 1 per responder on a probe.
        let patterns = [0, 1, 2, 3]
        let responders = patterns.map { $0.nonzeroBitCount }
        let spec = DeterrenceGameSpec(
            title: "two guarantors", challenger: "Aggressor", challengerStatusQuo: 0,
            attacks: [.init(label: "Probe", challengerPayoff: responders.map { Rational(1 - $0) }),
                      .init(label: "Full attack", challengerPayoff: responders.map { Rational(3 - 2 * $0) })],
            guarantors: [
                .init(name: "G1", resolve: Rational(3) / Rational(4), statusQuo: 0, respondIfResolute: [1, 1], respondIfIrresolute: [-1, -1], abandon: [0, 0]),
                .init(name: "G2", resolve: Rational(1) / Rational(2), statusQuo: 0, respondIfResolute: [1, 1], respondIfIrresolute: [-1, -1], abandon: [0, 0]),
            ])
        let tree = try spec.extensiveForm()
        #expect(tree.hasPerfectRecall)
        #expect(try EFGFormat.read(EFGFormat.write(tree)) == tree)
        // Expected responders: 3/4 + 1/2 = 5/4. Probe: 1 - 5/4 < 0; full: 3 - 5/2 = 1/2 > 0 = status quo.
        let predictions = try spec.predictions()
        #expect(predictions.map(\.challengerChoice) == ["Full attack"])
        #expect(predictions.first?.challengerPayoff == Rational(1) / Rational(2))
        #expect(predictions.first?.respondsIfResolute == [true, true])
        for e in try SequentialEquilibrium.solve(tree) { #expect(e.maxRegret(in: tree) == .zero) }
        #expect(throws: GameError.self) {
            var bad = spec
            bad.attacks[0].challengerPayoff = [1]
            _ = try bad.extensiveForm()
        }
    }
}

@Suite struct DeterrenceStudyFiguresTests {
    let figures = DeterrenceStudyFigures(
        scenario: "test", statusQuoUtility: 0,
        guarantors: [.init(id: "A", perceivedHonour: 0.2), .init(id: "B", perceivedHonour: 0.7), .init(id: "C", perceivedHonour: 0.5),
                     .init(id: "D", perceivedHonour: 0.1)],
        attacks: [.init(id: "probe", expectedUtility: 1.25), .init(id: "full", expectedUtility: -3.5)])

    @Test func modelsTheMostResoluteGuarantorsAndKeepsTheStudysMeans() throws {
        let game = try figures.deterrenceGame(modelled: 2)
        #expect(game.modelled == ["B", "C"] && game.omitted == ["A", "D"])
        #expect(game.spec.guarantors.map(\.resolve) == [Rational(7) / Rational(10), Rational(1) / Rational(2)])
        // Under Nature's draws (independent types; resolute respond) the attack is worth the study's EU exactly.
        let r = game.spec.guarantors.map(\.resolve)
        for (k, a) in game.spec.attacks.enumerated() {
            var mean = Rational.zero
            for mask in 0..<4 {
                var p = Rational.one
                for g in 0..<2 { p *= mask & (1 << g) != 0 ? r[g] : .one - r[g] }
                mean += p * a.challengerPayoff[mask]
            }
            #expect(mean == game.expectedUtility[k])
            #expect(a.challengerPayoff[0] > a.challengerPayoff[3], "more responders make the attack worse")
        }
        #expect(game.expectedUtility.map(\.description) == ["5/4", "-7/2"])
        // The mean aggressor's best response is the probe (5/4 > 0 > -7/2).
        #expect(try game.spec.predictions().map(\.challengerChoice) == ["probe"])
    }

    @Test func refusesWhatCannotBeAGame() {
        var none = figures
        none.guarantors = []
        #expect(throws: GameError.self) { try none.deterrenceGame() }
        var infinite = figures
        infinite.attacks[0].expectedUtility = .infinity
        #expect(throws: GameError.self) { try infinite.deterrenceGame() }
        #expect(throws: GameError.self) { try figures.deterrenceGame(modelled: 9) }
    }
}
