/// Bueno de Mesquita's expected-utility model of group decisions, as
/// reconstructed by Scholz, Calbert & Smith (2011), played on one issue.
public enum BargainingModel {
    /// Plays rounds until the forecast settles, nobody moves, or the round
    /// limit (Scholz Appendix steps 1-13, with the stopping rule of
    /// docs/negotiation.md).
    ///
    /// - Parameter scale: the issue's scale, used by `DistanceRange.issueScale`
    ///   and to measure convergence; nil means the span of the initial positions.
    public static func play(_ actors: [BargainingActor], options: BargainingOptions = .scholz,
                            scale: ClosedRange<Double>? = nil) throws(BargainingInputError) -> BargainingTrajectory {
        if let problem = BargainingActor.problem(in: actors) { throw problem }
        if let problem = options.problem { throw BargainingInputError(problem) }
        if let scale, !(scale.lowerBound.isFinite && scale.upperBound.isFinite) {
            throw BargainingInputError("the issue scale must have finite ends")
        }
        let weights = actors.map(\.votingWeight)
        var positions = actors.map(\.position)
        let initialSpan = (positions.max() ?? 0) - (positions.min() ?? 0)
        let fixedRange: Double = {
            if let scale { return max(scale.upperBound - scale.lowerBound, initialSpan) }
            return initialSpan
        }()
        let tolerance = options.convergenceTolerance * (fixedRange > 0 ? fixedRange : 1)

        func forecast(_ median: Double, _ mean: Double) -> Double {
            options.forecast == .median ? median : mean
        }
        let initialMedian = MedianVoter.median(positions: positions, weights: weights)
        let initialMean = MedianVoter.mean(positions: positions, weights: weights)
        var forecasts = [forecast(initialMedian, initialMean)]
        var rounds: [BargainingRound] = []
        var risks = [Double](repeating: 1, count: actors.count)
        var stop = BargainingTrajectory.StopReason.roundLimit

        for number in 1...options.maximumRounds {
            let span = (positions.max() ?? 0) - (positions.min() ?? 0)
            let range = options.distanceRange == .issueScale ? fixedRange : span
            if !(span > 0) || !(range > 0) {
                stop = .agreement
                break
            }
            let round = BargainingRound.play(number: number, positions: positions, actors: actors, range: range,
                                             previousRisks: risks, options: options)
            rounds.append(round)
            positions = round.positions
            let riskChanged = options.riskRecalculation == .everyRoundFromPrevious && round.riskExponents != risks
            risks = round.riskExponents
            forecasts.append(forecast(round.median, round.mean))
            if round.moves.isEmpty && !riskChanged {
                stop = .nobodyMoves
                break
            }
            if rounds.count >= options.stableRounds {
                let recent = forecasts.suffix(options.stableRounds + 1)
                let steps = zip(recent.dropFirst(), recent.dropLast()).map { abs($0 - $1) }
                if steps.allSatisfy({ $0 <= tolerance }) {
                    stop = .forecastSettled
                    break
                }
            }
        }
        return BargainingTrajectory(actors: actors, options: options, initialMedian: initialMedian,
                                    initialMean: initialMean, rounds: rounds, stopReason: stop)
    }
}

/// The whole bargaining on one issue: the start, every round, and why it stopped.
public struct BargainingTrajectory: Hashable, Sendable, Codable {
    public enum StopReason: String, Hashable, Sendable, Codable {
        /// The forecast moved by at most the tolerance for `stableRounds` rounds.
        case forecastSettled = "forecast_settled"
        /// A round in which nobody accepted an offer: every later round would be the same.
        case nobodyMoves = "nobody_moves"
        /// Every actor holds the same position.
        case agreement
        /// The round limit came first.
        case roundLimit = "round_limit"
    }

    public var actors: [BargainingActor]
    public var options: BargainingOptions
    public var initialMedian: Double
    public var initialMean: Double
    public var rounds: [BargainingRound]
    public var stopReason: StopReason

    public var initialForecast: Double { options.forecast == .median ? initialMedian : initialMean }

    /// The forecast after the last round played.
    public var forecast: Double {
        guard let last = rounds.last else { return initialForecast }
        return options.forecast == .median ? last.median : last.mean
    }

    public var finalPositions: [Double] { rounds.last?.positions ?? actors.map(\.position) }

    /// Positions by round, starting with the initial ones: positionsByRound[t][i].
    public var positionsByRound: [[Double]] { [actors.map(\.position)] + rounds.map(\.positions) }
}
