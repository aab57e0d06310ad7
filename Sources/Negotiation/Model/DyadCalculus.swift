/// Everything the model computes about pairs of actors in one round, from
/// the positions at the start of the round (Scholz sections 3-4).
///
/// Indices are actor indices; the probability matrix is precomputed because
/// every expected utility needs one entry of it.
struct DyadCalculus {
    let positions: [Double]
    let weights: [Double]
    let saliences: [Double]
    let range: Double
    let median: Double
    let statusQuoProbability: Double
    /// successProbability[i * n + j] = P^i in the contest of x_i against x_j.
    let successProbability: [Double]

    init(positions: [Double], weights: [Double], saliences: [Double], range: Double,
         denominator: BargainingOptions.ProbabilityDenominator, statusQuoProbability: Double) {
        self.positions = positions
        self.weights = weights
        self.saliences = saliences
        self.range = range
        self.statusQuoProbability = statusQuoProbability
        median = MedianVoter.median(positions: positions, weights: weights)
        let n = positions.count
        var allPairs = 0.0
        if denominator == .allActorPairs {
            for k in 0..<n {
                for a in 0..<n {
                    for b in 0..<n {
                        allPairs += abs(MedianVoter.vote(weight: weights[k], voter: positions[k], for: positions[a], over: positions[b], range: range))
                    }
                }
            }
        }
        var p = [Double](repeating: 0, count: n * n)
        for i in 0..<n {
            for j in 0..<n where positions[i] != positions[j] {
                // Scholz eq. 30: votes of i's supporters over all votes cast.
                var support = 0.0, cast = 0.0
                for k in 0..<n {
                    let v = MedianVoter.vote(weight: weights[k], voter: positions[k], for: positions[i], over: positions[j], range: range)
                    if v > 0 { support += v }
                    cast += abs(v)
                }
                let total = denominator == .contest ? cast : allPairs
                // A contest nobody votes in is a coin toss.
                p[i * n + j] = total > 0 ? support / total : 0.5
            }
        }
        successProbability = p
    }

    var count: Int { positions.count }

    func probability(_ i: Int, over j: Int) -> Double { successProbability[i * positions.count + j] }

    /// E^i(U_ij): what i expects from challenging j, priced with risk
    /// exponent `risk` (Scholz eq. 5-7):
    /// s_j (P U_s + (1 - P) U_f) + (1 - s_j) U_s - Q U_sq - (1 - Q)(T U_b + (1 - T) U_w).
    /// Zero when both hold the same position: there is nothing to contest.
    func expectedUtility(of i: Int, challenging j: Int, risk: Double) -> Double {
        let xi = positions[i], xj = positions[j]
        if xi == xj { return 0 }
        let u = BasicUtilities(distance: abs(xi - xj) / range, medianDistance: abs(xi - median) / range, risk: risk)
        let p = probability(i, over: j)
        let sj = saliences[j]
        let challenge = sj * (p * u.success + (1 - p) * u.failure) + (1 - sj) * u.success
        // T = 1 when j drifting to the median helps i (Scholz figs. 1-4, cases 1 and 3A).
        let t: Double = abs(xi - median) < abs(xi - xj) ? 1 : 0
        let q = statusQuoProbability
        let noChallenge = q * u.statusQuo + (1 - q) * (t * u.better + (1 - t) * u.worse)
        return challenge - noChallenge
    }

    /// r_i from the security levels (Scholz eq. 32-34 and 33): the more the
    /// others expect to gain from challenging i, the less secure i is and the
    /// more risk-averse it is taken to be. `risks` prices each challenger's
    /// expected utility.
    func riskExponents(pricedWith risks: [Double]) -> [Double] {
        let n = count
        var security = [Double](repeating: 0, count: n)
        for i in 0..<n {
            for j in 0..<n where j != i {
                security[i] += expectedUtility(of: j, challenging: i, risk: risks[j])
            }
        }
        guard let most = security.max(), let least = security.min(), most > least else {
            return [Double](repeating: 1, count: n)
        }
        return security.map { sec in
            let basis = (2 * sec - most - least) / (most - least)
            return (1 - basis / 3) / (1 + basis / 3)
        }
    }
}
