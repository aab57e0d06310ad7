import GuarantorModel

/// The choices the publications leave open, each named after the reading it
/// follows. The defaults are Scholz, Calbert & Smith's (2011) reading; the
/// long justification of every case is in docs/negotiation.md.
public struct BargainingOptions: Hashable, Sendable, Codable {
    /// Denominator of the probability of success P^i (Scholz eq. 30-31).
    public enum ProbabilityDenominator: String, CaseIterable, Hashable, Sendable, Codable {
        /// Sum of all actors' absolute votes in the contest of x_i against x_j,
        /// as printed in Scholz eq. 30; then P^i + P^j = 1.
        case contest
        /// Sum of all actors' absolute votes over every ordered pair of actors'
        /// positions, which a public port of the model reports for Scholz et
        /// al.'s own code; it reproduces their Table 2 round-1 median (8.4) on
        /// the emission-standards data, but makes P depend on the number of actors.
        case allActorPairs = "all_actor_pairs"
    }

    /// Where an actor who accepts a compromise ends up (Scholz eq. 35-36).
    public enum CompromiseRule: String, CaseIterable, Hashable, Sendable, Codable {
        /// The loser moves the fraction |E_loser / E_winner| of the distance
        /// (Scholz eq. 35-36).
        case expectedUtilityRatio = "expected_utility_ratio"
        /// The new position is the mean of both positions weighted by the
        /// absolute expected utilities: the loser moves |E_w| / (|E_l| + |E_w|).
        /// A sensitivity alternative, from no publication.
        case expectedUtilityWeightedMean = "expected_utility_weighted_mean"
    }

    /// When the risk exponents r_i are recomputed (Scholz section 5, Appendix steps 2, 8-10).
    public enum RiskRecalculation: String, CaseIterable, Hashable, Sendable, Codable {
        /// Every round: set r_i = 1, compute expected utilities, derive the
        /// security levels and r_i, then recompute the expected utilities
        /// (Scholz Appendix steps 2 and 8-10).
        case everyRoundFromNeutral = "every_round_from_neutral"
        /// Every round, but the security levels use last round's r_i rather
        /// than r_i = 1.
        case everyRoundFromPrevious = "every_round_from_previous"
        /// Never: every actor is risk-neutral, r_i = 1 (Bueno de Mesquita's
        /// risk-neutral variant, useful as a sensitivity check).
        case never
    }

    /// Whose risk exponent prices the opponent's expected utility in a dyad.
    public enum Perspective: String, CaseIterable, Hashable, Sendable, Codable {
        /// The deciding actor i perceives both E^i(U_ij) and E^j(U_ji) through
        /// its own r_i: Bueno de Mesquita's "from i's perspective" quadrant,
        /// which public ports of Scholz et al.'s code follow.
        case observer
        /// Each expected utility uses its owner's own r.
        case owner
    }

    /// What happens in a conflict (both expect to gain from challenging).
    public enum ConflictRule: String, CaseIterable, Hashable, Sendable, Codable {
        /// The actor with the smaller expected utility gives in and moves to the
        /// other's position (Scholz p. 25, fig. 6 confrontation octants).
        case weakerConcedes = "weaker_concedes"
        /// The outcome of a conflict is uncertain, so nobody moves (Bueno de
        /// Mesquita 1997, p. 244).
        case noMove = "no_move"
    }

    /// Which of the offers it receives an actor accepts (Scholz section 6.2).
    public enum OfferSelection: String, CaseIterable, Hashable, Sendable, Codable {
        /// The one that moves it least; ties go to the most enforceable
        /// (Scholz section 6.2 "players move the least that they can").
        case leastMovement = "least_movement"
        /// The one from the proposer with the highest expected utility; ties
        /// go to the smaller move (Scholz section 6.2 "concede to the actor
        /// with highest expected utility").
        case mostEnforceable = "most_enforceable"
    }

    /// Which statistic of the positions is the forecast.
    public enum ForecastStatistic: String, CaseIterable, Hashable, Sendable, Codable {
        /// The median voter position: the Condorcet winner of capability x
        /// salience weighted votes (Scholz Appendix step 3, Table 2).
        case median
        /// The capability x salience weighted mean (Scholz Table 2, second row).
        case mean
    }

    /// What "x_max - x_min" in the normalised distances means.
    public enum DistanceRange: String, CaseIterable, Hashable, Sendable, Codable {
        /// The spread of the actors' current positions (Scholz eq. 14-16).
        case currentPositions = "current_positions"
        /// The whole issue scale, fixed over the rounds.
        case issueScale = "issue_scale"
    }

    public var probabilityDenominator: ProbabilityDenominator = .contest
    public var compromise: CompromiseRule = .expectedUtilityRatio
    public var riskRecalculation: RiskRecalculation = .everyRoundFromNeutral
    public var perspective: Perspective = .observer
    public var conflict: ConflictRule = .weakerConcedes
    public var offerSelection: OfferSelection = .leastMovement
    public var forecast: ForecastStatistic = .median
    public var distanceRange: DistanceRange = .currentPositions
    /// Q, the probability that the status quo persists when i does not
    /// challenge j (Scholz eq. 7; 1.0 in their replication, p. 27).
    public var statusQuoProbability: Double = 1.0
    /// The most rounds played.
    public var maximumRounds: Int = 10
    /// The forecast counts as settled when it moved by at most this fraction
    /// of the distance range in each of the last `stableRounds` rounds.
    public var convergenceTolerance: Double = 0.001
    public var stableRounds: Int = 3

    public init() {}

    /// Scholz, Calbert & Smith's reading (the defaults).
    public static let scholz = BargainingOptions()

    /// Problems with the numbers, in words a user can act on; nil when valid.
    public var problem: String? {
        if !(0...1).contains(statusQuoProbability) {
            return "status quo probability Q must lie in [0, 1] (got \(Format.message(statusQuoProbability)))"
        }
        if maximumRounds < 1 || maximumRounds > 10_000 {
            return "rounds must be between 1 and 10000 (got \(maximumRounds))"
        }
        if !(convergenceTolerance >= 0) || !convergenceTolerance.isFinite {
            return "convergence tolerance must be a finite number >= 0 (got \(Format.message(convergenceTolerance)))"
        }
        if stableRounds < 1 { return "stable rounds must be at least 1 (got \(stableRounds))" }
        return nil
    }
}
