/// The two summaries of a set of positions that the model forecasts with.
public enum MedianVoter {
    /// The vote of an actor at `voter` with weight `weight` for position `a`
    /// over position `b` (Scholz eq. 26-28, without the constant 2, which
    /// cancels everywhere votes are used):
    /// v = c s (|x_k - b| - |x_k - a|) / range.
    @inlinable
    public static func vote(weight: Double, voter: Double, for a: Double, over b: Double, range: Double) -> Double {
        weight * (abs(voter - b) - abs(voter - a)) / range
    }

    /// The median voter position (Scholz Appendix step 3): the position, among
    /// the actors' positions, that collects the largest sum of pairwise votes
    /// against all the others.
    ///
    /// Summing step 3's votes over the opponents k gives
    /// sum_k v^{jk} = const - n * sum_i w_i |x_i - x_j| / range, so the winner
    /// is the minimiser of the weighted absolute deviation: the weighted
    /// median, which by Black's theorem is the Condorcet winner. Computing it
    /// that way is exact and O(n^2) instead of O(n^3). Ties (two positions
    /// with equal total deviation) go to the lower position.
    public static func median(positions: [Double], weights: [Double]) -> Double {
        precondition(positions.count == weights.count && !positions.isEmpty)
        var best = positions[0]
        var bestDeviation = Double.infinity
        for candidate in positions {
            var deviation = 0.0
            for k in positions.indices { deviation += weights[k] * abs(positions[k] - candidate) }
            if deviation < bestDeviation || (deviation == bestDeviation && candidate < best) {
                best = candidate
                bestDeviation = deviation
            }
        }
        return best
    }

    /// The capability x salience weighted mean position (Scholz Table 2);
    /// the plain mean when no actor has weight.
    public static func mean(positions: [Double], weights: [Double]) -> Double {
        precondition(positions.count == weights.count && !positions.isEmpty)
        var total = 0.0, weighted = 0.0
        for k in positions.indices {
            total += weights[k]
            weighted += weights[k] * positions[k]
        }
        if total > 0 { return weighted / total }
        return positions.reduce(0, +) / Double(positions.count)
    }

    /// True when `x` beats or ties every other actor's position in pairwise
    /// weighted votes; used by the tests to check `median` against the
    /// definition.
    public static func isCondorcetWinner(_ x: Double, positions: [Double], weights: [Double]) -> Bool {
        for b in positions {
            var total = 0.0
            for k in positions.indices {
                total += weights[k] * (abs(positions[k] - b) - abs(positions[k] - x))
            }
            if total < -1e-12 { return false }
        }
        return true
    }
}
