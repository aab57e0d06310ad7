import GuarantorModel

/// A negotiation over several issues, as written in a negotiation file
/// (docs/negotiation.md, "The file format"). Inputs may be uncertain
/// numbers; `NegotiationForecaster` draws them.
public struct NegotiationSpec: Hashable, Sendable, Codable {
    public var name: String
    public var summary: String?
    /// Monte Carlo runs and their seed.
    public var runs: Int
    public var seed: UInt64
    public var options: BargainingOptions
    public var issues: [NegotiationIssue]
    public var actors: [NegotiationActor]

    public init(name: String, summary: String? = nil, runs: Int = NegotiationSpec.defaultRuns, seed: UInt64 = 1,
                options: BargainingOptions = .scholz, issues: [NegotiationIssue], actors: [NegotiationActor]) {
        self.name = name
        self.summary = summary
        self.runs = runs
        self.seed = seed
        self.options = options
        self.issues = issues
        self.actors = actors
    }

    public static let defaultRuns = 2000
    public static let maxRuns = 1_000_000

    /// The actors that take part in issue `issue`, with their stakes in it.
    public func participants(in issue: Int) -> [(actor: NegotiationActor, stake: IssueStake)] {
        actors.compactMap { actor in actor.stakes.first { $0.issue == issue }.map { (actor, $0) } }
    }
}

/// One issue: an ordered scale of labelled outcomes, point k at position k.
public struct NegotiationIssue: Hashable, Sendable, Codable {
    public struct Point: Hashable, Sendable, Codable {
        public var id: String
        public var label: String
        public init(id: String, label: String) { self.id = id; self.label = label }
    }
    public var id: String
    public var name: String
    public var points: [Point]

    public init(id: String, name: String, points: [Point]) {
        self.id = id
        self.name = name
        self.points = points
    }

    /// Positions run from 0 (first point) to count - 1 (last point).
    public var scale: ClosedRange<Double> { 0...Double(max(points.count - 1, 0)) }

    /// The labelled point a position falls closest to; a position exactly
    /// halfway between two points counts for the lower one.
    public func nearestPoint(to position: Double) -> Int {
        guard position.isFinite else { return 0 }
        let k = (position - 0.5).rounded(.up)
        return Int(min(max(k, 0), Double(max(points.count - 1, 0))))
    }
}

/// An actor of the negotiation and what it wants on each issue it takes part in.
public struct NegotiationActor: Hashable, Sendable, Codable {
    public var id: String
    public var name: String
    /// Capability on every issue unless a stake overrides it.
    public var capability: Distribution
    public var stakes: [IssueStake]

    public init(id: String, name: String, capability: Distribution, stakes: [IssueStake]) {
        self.id = id
        self.name = name
        self.capability = capability
        self.stakes = stakes
    }
}

/// An actor's position and salience on one issue (index into `issues`).
public struct IssueStake: Hashable, Sendable, Codable {
    public var issue: Int
    public var position: Distribution
    public var salience: Distribution
    public var capability: Distribution?

    public init(issue: Int, position: Distribution, salience: Distribution, capability: Distribution? = nil) {
        self.issue = issue
        self.position = position
        self.salience = salience
        self.capability = capability
    }
}
