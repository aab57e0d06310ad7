/// The octants of Bueno de Mesquita's quadrant chart in which one actor
/// moves (Scholz section 6, fig. 6), seen from the actor that moves.
public enum OfferKind: String, CaseIterable, Hashable, Sendable, Codable {
    /// Both expect to gain from a challenge; the mover expects less and loses.
    case confrontation
    /// The mover expects to lose, the proposer to gain more than the mover
    /// loses: the mover gives ground part of the way.
    case compromise
    /// The mover expects to lose more than the proposer gains: it gives in.
    case capitulation
}

/// A proposal that `proposer` makes to `mover`, and why.
public struct Offer: Hashable, Sendable, Codable {
    public var mover: Int
    public var proposer: Int
    public var kind: OfferKind
    public var from: Double
    public var to: Double
    /// E^i(U_ij) of the mover i challenging the proposer j.
    public var moverExpectedUtility: Double
    /// E^j(U_ji) of the proposer j challenging the mover i, as the options' perspective prices it.
    public var proposerExpectedUtility: Double
    /// P^j, the proposer's probability of success against the mover.
    public var proposerSuccessProbability: Double

    public var distance: Double { abs(to - from) }

    /// The offer j makes to i, if the quadrant of (a, b) = (E^i(U_ij), E^j(U_ji))
    /// puts i in a moving octant (Scholz fig. 6 and eq. 36):
    /// - a > 0, b > a: confrontation, i moves to x_j (unless conflicts do not move anyone);
    /// - a <= 0, b > |a|: compromise, i moves part way;
    /// - a <= 0, 0 < b <= |a|: capitulation, i moves to x_j.
    /// Every other octant moves i nowhere: i wins, or nobody challenges.
    static func between(mover i: Int, proposer j: Int, from xi: Double, to xj: Double,
                        a: Double, b: Double, proposerProbability: Double,
                        options: BargainingOptions) -> Offer? {
        guard b > 0, xi != xj else { return nil }
        let kind: OfferKind
        let target: Double
        if a > 0 {
            guard b > a, options.conflict == .weakerConcedes else { return nil }
            kind = .confrontation
            target = xj
        } else if b > -a {
            kind = .compromise
            switch options.compromise {
            case .expectedUtilityRatio:
                target = xi + (xj - xi) * (-a / b)
            case .expectedUtilityWeightedMean:
                target = xi + (xj - xi) * (b / (b - a))
            }
        } else {
            kind = .capitulation
            target = xj
        }
        return Offer(mover: i, proposer: j, kind: kind, from: xi, to: target,
                     moverExpectedUtility: a, proposerExpectedUtility: b,
                     proposerSuccessProbability: proposerProbability)
    }

    /// Whether `self` is the better offer to accept than `other` under the
    /// selection rule; ties end at the lower proposer index so results never
    /// depend on iteration order.
    func isPreferred(to other: Offer, by rule: BargainingOptions.OfferSelection) -> Bool {
        switch rule {
        case .leastMovement:
            if distance != other.distance { return distance < other.distance }
            if proposerExpectedUtility != other.proposerExpectedUtility { return proposerExpectedUtility > other.proposerExpectedUtility }
        case .mostEnforceable:
            if proposerExpectedUtility != other.proposerExpectedUtility { return proposerExpectedUtility > other.proposerExpectedUtility }
            if distance != other.distance { return distance < other.distance }
        }
        return proposer < other.proposer
    }
}
