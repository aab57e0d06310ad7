import GuarantorModel
import Testing
@testable import Negotiation

/// Properties any faithful implementation must have, checked exhaustively
/// over the option combinations and on many generated negotiations.
@Suite struct ModelPropertyTests {
    static let instances: [[BargainingActor]] = {
        var random = SplitMix64(seed: 20_110_510)
        return [ReferenceData.emissionStandards] + (0..<40).map { k in random.actors(count: 2 + k % 9) }
    }()

    @Test func positionsStayInsideTheInitialRange() throws {
        for options in BargainingOptions.allCombinations {
            for actors in Self.instances.prefix(12) {
                let lo = actors.map(\.position).min() ?? 0, hi = actors.map(\.position).max() ?? 0
                let trajectory = try BargainingModel.play(actors, options: options)
                for positions in trajectory.positionsByRound {
                    #expect(positions.allSatisfy { $0 >= lo && $0 <= hi }, "\(options)")
                }
                #expect(trajectory.forecast >= lo && trajectory.forecast <= hi)
            }
        }
    }

    @Test func theMedianIsAlwaysACondorcetWinner() throws {
        for actors in Self.instances {
            let trajectory = try BargainingModel.play(actors)
            let weights = actors.map(\.votingWeight)
            for round in trajectory.rounds {
                #expect(MedianVoter.isCondorcetWinner(round.median, positions: round.positions, weights: weights))
            }
        }
    }

    /// An actor that does not care about the issue is never the one whose
    /// offer another actor accepts.
    @Test func anActorWithZeroSalienceNeverMovesAnyone() throws {
        for (index, actors) in Self.instances.enumerated() {
            for position in [0.0, 50, 100] {
                var withBystander = actors
                withBystander.append(BargainingActor(name: "bystander", capability: 5, position: position, salience: 0))
                let bystander = withBystander.count - 1
                let trajectory = try BargainingModel.play(withBystander, options: .scholz)
                for round in trajectory.rounds {
                    #expect(!round.moves.contains { $0.proposer == bystander }, "instance \(index), bystander at \(position)")
                }
            }
        }
    }

    /// Splitting every actor into two identical halves changes neither the
    /// positions, nor the median, the mean or the forecast.
    @Test func duplicatingEveryActorWithHalfTheCapabilityChangesNothing() throws {
        for (index, actors) in Self.instances.enumerated() {
            let halves = actors.map { a in
                var half = a
                half.capability = a.capability / 2
                return half
            }
            let doubled = halves + halves.map { var b = $0; b.name += " twin"; return b }
            let original = try BargainingModel.play(actors, options: .scholz)
            let split = try BargainingModel.play(doubled, options: .scholz)
            #expect(original.rounds.count == split.rounds.count, "instance \(index)")
            #expect(abs(original.initialMean - split.initialMean) < 1e-9)
            #expect(original.initialMedian == split.initialMedian)
            for (a, b) in zip(original.rounds, split.rounds) {
                let n = actors.count
                for i in 0..<n {
                    #expect(abs(a.positions[i] - b.positions[i]) < 1e-9, "instance \(index) round \(a.number) actor \(i)")
                    #expect(abs(a.positions[i] - b.positions[i + n]) < 1e-9)
                    #expect(abs(a.riskExponents[i] - b.riskExponents[i]) < 1e-9)
                }
                #expect(abs(a.median - b.median) < 1e-9)
                #expect(abs(a.mean - b.mean) < 1e-9)
            }
            #expect(abs(original.forecast - split.forecast) < 1e-9)
        }
    }

    @Test func riskExponentsStayBetweenHalfAndTwo() throws {
        for actors in Self.instances {
            for round in try BargainingModel.play(actors).rounds {
                #expect(round.riskExponents.allSatisfy { $0 >= 0.5 - 1e-12 && $0 <= 2 + 1e-12 })
            }
        }
    }

    @Test func neverRecalculatingRiskKeepsEveryoneNeutral() throws {
        var options = BargainingOptions.scholz
        options.riskRecalculation = .never
        for round in try BargainingModel.play(ReferenceData.emissionStandards, options: options).rounds {
            #expect(round.riskExponents.allSatisfy { $0 == 1 })
        }
    }

    @Test func playingIsDeterministic() throws {
        for actors in Self.instances.prefix(10) {
            #expect(try BargainingModel.play(actors) == BargainingModel.play(actors))
        }
    }

    @Test func roundLimitIsRespected() throws {
        var options = BargainingOptions.scholz
        options.maximumRounds = 2
        let trajectory = try BargainingModel.play(ReferenceData.emissionStandards, options: options)
        #expect(trajectory.rounds.count <= 2)
    }

    @Test func actorsWhoAgreeDoNotBargain() throws {
        let actors = (0..<3).map { BargainingActor(name: "\($0)", capability: 1, position: 5, salience: 0.5) }
        let trajectory = try BargainingModel.play(actors)
        #expect(trajectory.rounds.isEmpty)
        #expect(trajectory.stopReason == .agreement)
        #expect(trajectory.forecast == 5)
    }

    @Test func badInputsAreErrorsNotCrashes() {
        let ok = BargainingActor(name: "a", capability: 1, position: 0, salience: 0.5)
        #expect(throws: BargainingInputError.self) { try BargainingModel.play([ok]) }
        #expect(throws: BargainingInputError.self) {
            try BargainingModel.play([ok, BargainingActor(name: "b", capability: -1, position: 1, salience: 0.5)])
        }
        #expect(throws: BargainingInputError.self) {
            try BargainingModel.play([ok, BargainingActor(name: "b", capability: 1, position: .nan, salience: 0.5)])
        }
        #expect(throws: BargainingInputError.self) {
            try BargainingModel.play([ok, BargainingActor(name: "b", capability: 1, position: 1, salience: 1.5)])
        }
        let silent = [BargainingActor(name: "a", capability: 1, position: 0, salience: 0),
                      BargainingActor(name: "b", capability: 1, position: 1, salience: 0)]
        #expect(throws: BargainingInputError.self) { try BargainingModel.play(silent) }
        var options = BargainingOptions()
        options.maximumRounds = 0
        #expect(throws: BargainingInputError.self) { try BargainingModel.play([ok, ok], options: options) }
    }
}
