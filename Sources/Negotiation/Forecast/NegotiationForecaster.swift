import CrisisEngine
import GuarantorModel

/// The Monte Carlo over a negotiation's uncertain inputs: every run draws
/// all capabilities, positions and saliences, plays the model on every
/// issue, and adds the forecast to exactly mergeable statistics.
///
/// Run i draws from `RandomStream(seed, run: i, substream: slot)`, one
/// substream per input slot, so its draws depend only on (seed, i) and the
/// totals are identical whatever the thread count.
public enum NegotiationForecaster {
    /// Histogram bins per unit of the point scale.
    public static let binsPerPoint = 20

    /// Runs per chunk: the unit of work handed to a worker.
    public static let chunkSize = 64

    /// The forecast of every issue. `runs`, `seed` and `options` override the
    /// file's; `threads` workers share the runs (the result is the same for
    /// any number).
    public static func forecast(_ spec: NegotiationSpec, runs: Int? = nil, seed: UInt64? = nil,
                                options: BargainingOptions? = nil, threads: Int = 1) async throws -> NegotiationForecast {
        var spec = spec
        if let runs { spec.runs = runs }
        if let seed { spec.seed = seed }
        if let options { spec.options = options }
        if spec.runs < 1 || spec.runs > NegotiationSpec.maxRuns {
            throw BargainingInputError("runs must be between 1 and \(NegotiationSpec.maxRuns) (got \(spec.runs))")
        }
        if let problem = spec.options.problem { throw BargainingInputError(problem) }
        let layout = SlotLayout(spec)

        // The point forecast that the reports narrate: every input at its median.
        var central: [BargainingTrajectory] = []
        for issue in spec.issues.indices {
            let actors = layout.actors(in: issue, spec: spec) { _, d in d.quantile(0.5) }
            do {
                central.append(try BargainingModel.play(actors, options: spec.options, scale: spec.issues[issue].scale))
            } catch {
                throw BargainingInputError("issue `\(spec.issues[issue].id)` with every input at its median: \(error.message)")
            }
        }

        let frozen = spec
        let chunks = (spec.runs + chunkSize - 1) / chunkSize
        let workers = max(1, min(threads, chunks))
        let total = try await withThrowingTaskGroup(of: Tally.self) { group in
            for w in 0..<workers {
                group.addTask {
                    var tally = Tally(spec: frozen, layout: layout)
                    var chunk = w
                    while chunk < chunks {
                        try Task.checkCancellation()
                        let first = chunk * chunkSize
                        for run in first..<min(frozen.runs, first + chunkSize) { tally.add(run: UInt64(run)) }
                        chunk += workers
                    }
                    return tally
                }
            }
            var merged = Tally(spec: frozen, layout: layout)
            for try await tally in group { merged.merge(tally) }
            return merged
        }

        let issues = spec.issues.indices.map { k in
            IssueForecast(issue: spec.issues[k], actorNames: layout.participants[k].map { spec.actors[$0].name },
                          central: central[k], distribution: total.issues[k].distribution(for: spec.issues[k]))
        }
        return NegotiationForecast(name: spec.name, summary: spec.summary, runs: spec.runs, seed: spec.seed,
                                   options: spec.options, issues: issues)
    }
}

/// Which substream each uncertain input draws from: 1 + its index in the
/// order actors and stakes are written, so adding an input at the end leaves
/// the others' draws unchanged.
struct SlotLayout: Sendable {
    /// participants[issue] = actor indices with a stake in it, in file order.
    var participants: [[Int]]
    /// capabilitySlot[actor]
    var capabilitySlot: [UInt32]
    /// stakeSlots[actor][stake] = (position, salience, capability override)
    var stakeSlots: [[(position: UInt32, salience: UInt32, capability: UInt32)]]

    init(_ spec: NegotiationSpec) {
        var next: UInt32 = 1
        capabilitySlot = []
        stakeSlots = []
        for actor in spec.actors {
            capabilitySlot.append(next)
            next += 1
            var slots: [(UInt32, UInt32, UInt32)] = []
            for _ in actor.stakes {
                slots.append((next, next + 1, next + 2))
                next += 3
            }
            stakeSlots.append(slots)
        }
        participants = spec.issues.indices.map { issue in
            spec.actors.indices.filter { spec.actors[$0].stakes.contains { $0.issue == issue } }
        }
    }

    /// Run `run`'s draw of the input in `slot`: a pure function of its arguments.
    static func draw(_ d: Distribution, seed: UInt64, run: UInt64, slot: UInt32) -> Double {
        var stream = RandomStream(seed: seed, run: run, substream: slot)
        return Sampler.sample(d, &stream)
    }

    /// The bargaining actors of one issue, each input drawn by `value`.
    /// Draws are clamped to their domain: positions to the scale, saliences
    /// to [0, 1], capabilities to >= 0.
    func actors(in issue: Int, spec: NegotiationSpec, value: (UInt32, Distribution) -> Double) -> [BargainingActor] {
        let scale = spec.issues[issue].scale
        return participants[issue].map { a in
            let actor = spec.actors[a]
            let s = actor.stakes.firstIndex { $0.issue == issue } ?? 0
            let stake = actor.stakes[s]
            let slots = stakeSlots[a][s]
            let capability = stake.capability.map { value(slots.capability, $0) } ?? value(capabilitySlot[a], actor.capability)
            return BargainingActor(name: actor.name,
                                   capability: max(0, capability.isFinite ? capability : 0),
                                   position: min(max(value(slots.position, stake.position), scale.lowerBound), scale.upperBound),
                                   salience: min(max(value(slots.salience, stake.salience), 0), 1))
        }
    }
}

/// One issue's forecasts over a range of runs. Moments are exactly
/// mergeable; the forecasts themselves are kept so that quantiles are exact
/// (sorting makes them independent of the order chunks are merged in).
struct IssueStatistics: Hashable, Sendable {
    var forecast = Moments()
    var forecasts: [Double] = []
    /// Runs whose forecast fell nearest to each labelled point.
    var outcomeCounts: [Int64]
    /// Final position of each participant.
    var finalPositions: [Moments]
    var rounds = Moments()
    var failedRuns: Int64 = 0

    init(points: Int, participants: Int) {
        outcomeCounts = [Int64](repeating: 0, count: points)
        finalPositions = [Moments](repeating: Moments(), count: participants)
    }

    mutating func merge(_ o: IssueStatistics) {
        forecast.merge(o.forecast)
        forecasts += o.forecasts
        for i in outcomeCounts.indices { outcomeCounts[i] &+= o.outcomeCounts[i] }
        for i in finalPositions.indices { finalPositions[i].merge(o.finalPositions[i]) }
        rounds.merge(o.rounds)
        failedRuns &+= o.failedRuns
    }

    func distribution(for issue: NegotiationIssue) -> IssueDistribution {
        let sorted = forecasts.sorted()
        let n = Double(max(forecast.count, 1))
        let quantiles = IssueDistribution.reportedQuantiles.map { p in
            IssueDistribution.Quantile(probability: p, value: Self.quantile(p, ofSorted: sorted))
        }
        let outcomes = outcomeCounts.enumerated().map { k, count in
            let p = Double(count) / n
            return IssueDistribution.Outcome(point: k, probability: p, standardError: (p * (1 - p) / n).squareRoot())
        }
        // Bins of 1/binsPerPoint of a scale step, centred so that the halfway
        // points between labels (k + 0.5) are bin edges.
        let width = 1.0 / Double(NegotiationForecaster.binsPerPoint)
        var counts = [Int64](repeating: 0, count: issue.points.count * NegotiationForecaster.binsPerPoint)
        for x in sorted {
            let b = Int(((x + 0.5) / width).rounded(.down))
            counts[min(max(b, 0), counts.count - 1)] += 1
        }
        return IssueDistribution(completedRuns: forecast.count, failedRuns: failedRuns,
                                 mean: forecast.count > 0 ? forecast.mean : .nan,
                                 standardDeviation: forecast.variance.squareRoot(),
                                 standardError: forecast.count > 1 ? forecast.standardError : 0,
                                 quantiles: quantiles, outcomes: outcomes,
                                 histogram: .init(lowerEdge: -0.5, binWidth: width, counts: counts),
                                 meanFinalPositions: finalPositions.map { $0.count > 0 ? $0.mean : .nan },
                                 meanRounds: rounds.count > 0 ? rounds.mean : 0)
    }

    /// Linear interpolation between order statistics (Hyndman & Fan type 7).
    static func quantile(_ p: Double, ofSorted x: [Double]) -> Double {
        guard let first = x.first else { return .nan }
        if x.count == 1 { return first }
        let h = Double(x.count - 1) * p
        let lo = Int(h.rounded(.down))
        let hi = min(lo + 1, x.count - 1)
        return x[lo] + (h - Double(lo)) * (x[hi] - x[lo])
    }
}

struct Tally: Sendable {
    let spec: NegotiationSpec
    let layout: SlotLayout
    var issues: [IssueStatistics]

    init(spec: NegotiationSpec, layout: SlotLayout) {
        self.spec = spec
        self.layout = layout
        issues = spec.issues.indices.map { IssueStatistics(points: spec.issues[$0].points.count, participants: layout.participants[$0].count) }
    }

    mutating func add(run: UInt64) {
        let seed = spec.seed
        for k in spec.issues.indices {
            let actors = layout.actors(in: k, spec: spec) { slot, d in SlotLayout.draw(d, seed: seed, run: run, slot: slot) }
            guard let trajectory = try? BargainingModel.play(actors, options: spec.options, scale: spec.issues[k].scale) else {
                issues[k].failedRuns &+= 1
                continue
            }
            let f = trajectory.forecast
            issues[k].forecast.add(f)
            issues[k].forecasts.append(f)
            issues[k].outcomeCounts[spec.issues[k].nearestPoint(to: f)] &+= 1
            for (i, x) in trajectory.finalPositions.enumerated() { issues[k].finalPositions[i].add(x) }
            issues[k].rounds.add(Double(trajectory.rounds.count))
        }
    }

    mutating func merge(_ o: Tally) {
        for k in issues.indices { issues[k].merge(o.issues[k]) }
    }
}

