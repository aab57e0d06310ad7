/// One round of bargaining: what every actor was offered, what it accepted,
/// and where everyone stands afterwards.
public struct BargainingRound: Hashable, Sendable, Codable {
    /// 1 for the first round.
    public var number: Int
    /// r_i used to price this round's offers (Scholz eq. 33).
    public var riskExponents: [Double]
    /// The median voter position at the start of the round.
    public var medianBefore: Double
    /// Positions after the moves, by actor index.
    public var positions: [Double]
    public var median: Double
    public var mean: Double
    /// The accepted offers, one per actor that moved, by mover index.
    public var moves: [Offer]
    /// How many offers were made in the round, accepted or not.
    public var offersMade: Int
}

extension BargainingRound {
    /// Plays one round from `positions` (Scholz Appendix steps 2-11).
    static func play(number: Int, positions: [Double], actors: [BargainingActor], range: Double,
                     previousRisks: [Double], options: BargainingOptions) -> BargainingRound {
        let n = actors.count
        let weights = actors.map(\.votingWeight)
        let calculus = DyadCalculus(positions: positions, weights: weights, saliences: actors.map(\.salience),
                                    range: range, denominator: options.probabilityDenominator,
                                    statusQuoProbability: options.statusQuoProbability)
        let neutral = [Double](repeating: 1, count: n)
        let risks: [Double]
        switch options.riskRecalculation {
        case .never: risks = neutral
        case .everyRoundFromNeutral: risks = calculus.riskExponents(pricedWith: neutral)
        case .everyRoundFromPrevious: risks = calculus.riskExponents(pricedWith: previousRisks)
        }
        var next = positions
        var moves: [Offer] = []
        var offersMade = 0
        for i in 0..<n {
            var best: Offer?
            for j in 0..<n where j != i {
                let a = calculus.expectedUtility(of: i, challenging: j, risk: risks[i])
                let b = calculus.expectedUtility(of: j, challenging: i, risk: options.perspective == .observer ? risks[i] : risks[j])
                guard let offer = Offer.between(mover: i, proposer: j, from: positions[i], to: positions[j], a: a, b: b,
                                                proposerProbability: calculus.probability(j, over: i), options: options)
                else { continue }
                offersMade += 1
                if let current = best, !offer.isPreferred(to: current, by: options.offerSelection) { continue }
                best = offer
            }
            if let accepted = best {
                next[i] = accepted.to
                moves.append(accepted)
            }
        }
        return BargainingRound(number: number, riskExponents: risks, medianBefore: calculus.median, positions: next,
                               median: MedianVoter.median(positions: next, weights: weights),
                               mean: MedianVoter.mean(positions: next, weights: weights),
                               moves: moves, offersMade: offersMade)
    }
}
