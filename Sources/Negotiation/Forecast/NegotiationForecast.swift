/// The forecast of a whole negotiation: one distribution per issue.
public struct NegotiationForecast: Hashable, Sendable, Codable {
    public var name: String
    public var summary: String?
    public var runs: Int
    public var seed: UInt64
    public var options: BargainingOptions
    public var issues: [IssueForecast]

    public init(name: String, summary: String?, runs: Int, seed: UInt64, options: BargainingOptions, issues: [IssueForecast]) {
        self.name = name
        self.summary = summary
        self.runs = runs
        self.seed = seed
        self.options = options
        self.issues = issues
    }
}

/// The forecast on one issue: its distribution over the Monte Carlo runs,
/// and the round-by-round story of the run at the inputs' medians.
public struct IssueForecast: Hashable, Sendable, Codable {
    public var issue: NegotiationIssue
    /// The participants' names, in the order of `central.actors`.
    public var actorNames: [String]
    /// The bargaining with every input at its median: rounds, moves, reasons.
    public var central: BargainingTrajectory
    public var distribution: IssueDistribution

    public init(issue: NegotiationIssue, actorNames: [String], central: BargainingTrajectory, distribution: IssueDistribution) {
        self.issue = issue
        self.actorNames = actorNames
        self.central = central
        self.distribution = distribution
    }
}

/// The distribution of one issue's forecast over the runs.
public struct IssueDistribution: Hashable, Sendable, Codable {
    public struct Quantile: Hashable, Sendable, Codable {
        public var probability: Double
        public var value: Double
    }
    public struct Outcome: Hashable, Sendable, Codable {
        /// Index of the labelled point.
        public var point: Int
        /// Share of runs whose forecast fell nearest to the point.
        public var probability: Double
        /// Its Monte Carlo standard error, sqrt(p (1 - p) / runs).
        public var standardError: Double
    }
    /// Counts of forecasts in bins of width `binWidth` starting at `lowerEdge`.
    public struct Histogram: Hashable, Sendable, Codable {
        public var lowerEdge: Double
        public var binWidth: Double
        public var counts: [Int64]
    }

    public var completedRuns: Int64
    /// Runs whose drawn inputs could not be bargained over (every weight drawn as zero).
    public var failedRuns: Int64
    public var mean: Double
    public var standardDeviation: Double
    public var standardError: Double
    public var quantiles: [Quantile]
    public var outcomes: [Outcome]
    public var histogram: Histogram
    /// Mean final position of each participant over the runs.
    public var meanFinalPositions: [Double]
    public var meanRounds: Double

    /// The labelled point with the highest probability (the lower on ties).
    public var mostLikelyOutcome: Int {
        var best = 0
        for o in outcomes where o.probability > (outcomes.indices.contains(best) ? outcomes[best].probability : -1) { best = o.point }
        return best
    }

    public func quantile(_ p: Double) -> Double? { quantiles.first { $0.probability == p }?.value }

    public static let reportedQuantiles = [0.05, 0.25, 0.5, 0.75, 0.95]
}
