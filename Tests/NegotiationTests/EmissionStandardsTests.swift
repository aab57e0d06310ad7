import Foundation
import Testing
@testable import Negotiation

/// Validation on the example Bueno de Mesquita (1994) and Scholz, Calbert &
/// Smith (2011) use: ten EC members bargaining over car emission standards.
@Suite struct EmissionStandardsTests {
    let actors = ReferenceData.emissionStandards
    var weights: [Double] { actors.map(\.votingWeight) }
    var positions: [Double] { actors.map(\.position) }

    @Test(.enabled(if: ReferenceData.hasEmissionStandards, "shared/reference/negotiation/emission-standards.csv is absent"))
    func referenceFileMatchesThePublishedTable() throws {
        let text = try String(contentsOf: ReferenceData.emissionStandardsURL, encoding: .utf8)
        let parsed = try ActorTable.parse(text)
        #expect(parsed == actors)
    }

    @Test(.enabled(if: ReferenceData.hasEmissionStandards, "shared/reference/negotiation/emission-standards.csv is absent"))
    func referenceFileGivesThePublishedInitialMedianAndMean() throws {
        let parsed = try ActorTable.parse(String(contentsOf: ReferenceData.emissionStandardsURL, encoding: .utf8))
        let trajectory = try BargainingModel.play(parsed, options: .scholz)
        #expect(trajectory.initialMedian == 7)
        #expect(abs(trajectory.initialMean - 7.39) < 0.005)
    }

    @Test func initialMedianIsTheCondorcetWinnerSeven() {
        let median = MedianVoter.median(positions: positions, weights: weights)
        #expect(median == 7)
        #expect(MedianVoter.isCondorcetWinner(7, positions: positions, weights: weights))
        #expect(!MedianVoter.isCondorcetWinner(4, positions: positions, weights: weights))
        #expect(!MedianVoter.isCondorcetWinner(10, positions: positions, weights: weights))
    }

    @Test func initialWeightedMeanIsAbout7point39() {
        // (4 * 0.248 + 7 * 0.093 + 10 * 0.336) / 0.677 = 5.003 / 0.677
        let mean = MedianVoter.mean(positions: positions, weights: weights)
        #expect(abs(mean - 5.003 / 0.677) < 1e-12)
        #expect(abs(mean - 7.39) < 0.005)
    }

    @Test func probabilitiesOfTheTwoSidesOfAContestAddUpToOne() {
        let calculus = DyadCalculus(positions: positions, weights: weights, saliences: actors.map(\.salience), range: 6,
                                    denominator: .contest, statusQuoProbability: 1)
        for i in actors.indices {
            for j in actors.indices where positions[i] != positions[j] {
                #expect(abs(calculus.probability(i, over: j) + calculus.probability(j, over: i) - 1) < 1e-12)
            }
        }
        // 4 against 10: supporters of 4 are the actors at 4 (weight 0.248, 6 steps
        // each), those at 7 abstain, those at 10 back 10 (weight 0.336).
        let netherlands = 0, france = 4
        #expect(abs(calculus.probability(netherlands, over: france) - 0.248 / (0.248 + 0.336)) < 1e-12)
    }

    /// The first round under the Scholz options. The numbers come from the
    /// formulas of docs/negotiation.md; the independent Python implementation
    /// in CrossCheckTests reproduces them.
    @Test func firstRoundOffersAndMovesUnderTheScholzOptions() throws {
        let trajectory = try BargainingModel.play(actors, options: .scholz)
        let round = try #require(trajectory.rounds.first)
        #expect(round.medianBefore == 7)

        let expected: [(mover: String, proposer: String, kind: OfferKind, to: Double, a: Double, b: Double)] = [
            ("Netherlands", "UK", .compromise, 6.811040238780006, -0.227258617979183, 0.48507014914410507),
            ("Belgium", "France", .confrontation, 10, 0.40374018413849655, 0.5965751716997241),
            ("Luxembourg", "Belgium", .confrontation, 7, 0.4573195366256012, 0.7211605957789337),
            ("Germany", "UK", .compromise, 6.811040238780006, -0.227258617979183, 0.48507014914410507),
            ("France", "Greece", .confrontation, 7, 0.2915301680035159, 0.4016214438889696),
            ("Italy", "Greece", .confrontation, 7, 0.2915301680035159, 0.4016214438889696),
            ("Ireland", "France", .confrontation, 10, 0.4202075640781662, 0.8385951605416437),
            ("Denmark", "Greece", .compromise, 4.080058099328591, -0.004216292158885859, 0.1579962125348684),
            ("Greece", "UK", .compromise, 7.712403185070086, -0.03780603067290578, 0.15920491990439278),
        ]
        #expect(round.moves.count == expected.count)
        for (move, want) in zip(round.moves, expected) {
            #expect(actors[move.mover].name == want.mover)
            #expect(actors[move.proposer].name == want.proposer)
            #expect(move.kind == want.kind)
            #expect(abs(move.to - want.to) < 1e-9)
            #expect(abs(move.moverExpectedUtility - want.a) < 1e-9)
            #expect(abs(move.proposerExpectedUtility - want.b) < 1e-9)
        }
        // The UK, the most secure of the laxest group, is offered nothing it accepts.
        #expect(!round.moves.contains { actors[$0.mover].name == "UK" })
        #expect(round.positions[6] == 10)

        let risks = [1.1171814836347251, 1.004406866845189, 0.5, 1.1171814836347251, 1.0175816191043199,
                     1.0175816191043199, 2.0, 0.6482639175844046, 1.4537115593223324, 1.556874778578685]
        for (r, want) in zip(round.riskExponents, risks) { #expect(abs(r - want) < 1e-9) }
        #expect(round.median == 7)
        #expect(abs(round.mean - 7.591753632461027) < 1e-9)
    }

    /// Scholz et al. (2011, Table 2) report the median after round 1 as 8.4
    /// and after round 3 as 9.9, with means near 7.4-7.6. The denominator that
    /// public ports attribute to their code reproduces the medians to the
    /// published precision (round 2 gives 9.5 where they print 9.9; see
    /// docs/negotiation.md).
    @Test func allActorPairsDenominatorReproducesScholzTable2() throws {
        var options = BargainingOptions.scholz
        options.probabilityDenominator = .allActorPairs
        options.maximumRounds = 3
        options.stableRounds = 10
        let rounds = try BargainingModel.play(actors, options: options).rounds
        #expect(rounds.count == 3)
        func oneDecimal(_ x: Double) -> Double { (x * 10).rounded() / 10 }
        #expect(oneDecimal(rounds[0].median) == 8.4)
        #expect(oneDecimal(rounds[2].median) == 9.9)
        #expect(abs(rounds[0].mean - 7.4) < 0.1)
        #expect(abs(rounds[1].mean - 7.5) < 0.1)
        #expect(abs(rounds[2].mean - 7.6) < 0.1)
        // Belgium's compromise with France is the move that makes 8.4.
        let belgium = try #require(rounds[0].moves.first { actors[$0.mover].name == "Belgium" })
        #expect(belgium.kind == .compromise)
        #expect(actors[belgium.proposer].name == "France")
    }

    /// Under the default denominator the median never leaves 7, so the run
    /// stops once it has held for three rounds.
    @Test func underTheDefaultsTheMedianHoldsAtSevenAndTheRunSettles() throws {
        let trajectory = try BargainingModel.play(actors, options: .scholz)
        #expect(trajectory.rounds.map(\.median) == [7, 7, 7])
        #expect(trajectory.stopReason == .forecastSettled)
        let means = [7.591753632461027, 7.584268657794077, 7.534597372753308]
        for (round, mean) in zip(trajectory.rounds, means) { #expect(abs(round.mean - mean) < 1e-9) }
        #expect(trajectory.forecast == 7)
    }

    @Test func theDefaultsAreScholzsReading() {
        let o = BargainingOptions()
        #expect(o == BargainingOptions.scholz)
        #expect(o.probabilityDenominator == .contest)
        #expect(o.compromise == .expectedUtilityRatio)
        #expect(o.riskRecalculation == .everyRoundFromNeutral)
        #expect(o.conflict == .weakerConcedes)
        #expect(o.offerSelection == .leastMovement)
        #expect(o.forecast == .median)
        #expect(o.statusQuoProbability == 1)
    }
}
