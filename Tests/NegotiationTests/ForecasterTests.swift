import Foundation
import GuarantorModel
import Testing
@testable import Negotiation

@Suite struct ForecasterTests {
    static func emissionSpec(uncertain: Bool) -> NegotiationSpec {
        let issue = NegotiationIssue(id: "emissions", name: "Car emission standards",
                                     points: (4...10).map { .init(id: "y\($0)", label: "\($0) years") })
        let actors = ReferenceData.emissionStandards.map { a in
            NegotiationActor(id: a.name.lowercased(), name: a.name,
                             capability: uncertain ? .interval(a.capability * 0.7, a.capability * 1.3) : .constant(a.capability),
                             stakes: [IssueStake(issue: 0, position: .constant(a.position - 4),
                                                 salience: uncertain ? .uniform(lo: max(0, a.salience - 0.1), hi: min(1, a.salience + 0.1)) : .constant(a.salience))])
        }
        return NegotiationSpec(name: "Emission standards", runs: 300, seed: 42, issues: [issue], actors: actors)
    }

    @Test func constantInputsGiveADegenerateDistributionAtThePointForecast() async throws {
        let f = try await NegotiationForecaster.forecast(Self.emissionSpec(uncertain: false), runs: 50)
        let i = try #require(f.issues.first)
        let central = try BargainingModel.play(ReferenceData.emissionStandards.map { var a = $0; a.position -= 4; return a },
                                               scale: 0...6)
        #expect(i.central.forecast == central.forecast)
        #expect(i.distribution.completedRuns == 50)
        #expect(i.distribution.standardDeviation == 0)
        #expect(abs(i.distribution.mean - central.forecast) < 1e-6)
        #expect(i.distribution.quantiles.allSatisfy { $0.value == central.forecast })
        let k = i.issue.nearestPoint(to: central.forecast)
        #expect(i.distribution.outcomes[k].probability == 1)
        #expect(i.distribution.outcomes[k].standardError == 0)
        #expect(i.distribution.histogram.counts.reduce(0, +) == 50)
    }

    @Test func theResultDoesNotDependOnTheNumberOfThreads() async throws {
        let spec = Self.emissionSpec(uncertain: true)
        let one = try await NegotiationForecaster.forecast(spec, threads: 1)
        let three = try await NegotiationForecaster.forecast(spec, threads: 3)
        let eight = try await NegotiationForecaster.forecast(spec, threads: 8)
        #expect(one == three)
        #expect(one == eight)
        #expect(one.issues[0].distribution.standardDeviation > 0)
    }

    @Test func theSeedMattersAndIsReproducible() async throws {
        let spec = Self.emissionSpec(uncertain: true)
        let a = try await NegotiationForecaster.forecast(spec, seed: 1)
        let b = try await NegotiationForecaster.forecast(spec, seed: 1)
        let c = try await NegotiationForecaster.forecast(spec, seed: 2)
        #expect(a == b)
        #expect(a.issues[0].distribution != c.issues[0].distribution)
    }

    @Test func outcomeProbabilitiesAddUpToOneAndQuantilesAreOrdered() async throws {
        let f = try await NegotiationForecaster.forecast(Self.emissionSpec(uncertain: true), runs: 400)
        let d = try #require(f.issues.first?.distribution)
        #expect(abs(d.outcomes.map(\.probability).reduce(0, +) - 1) < 1e-12)
        #expect(d.completedRuns + d.failedRuns == 400)
        let q = d.quantiles.map(\.value)
        #expect(q == q.sorted())
        #expect(q.allSatisfy { $0 >= 0 && $0 <= 6 })
        #expect(d.meanFinalPositions.count == 10)
        #expect(d.meanFinalPositions.allSatisfy { $0 >= 0 && $0 <= 6 })
    }

    /// The same run index draws the same inputs whatever else is computed:
    /// every input's draw is a pure function of (seed, run, slot).
    @Test func drawsDependOnlyOnSeedRunAndSlot() {
        let spec = Self.emissionSpec(uncertain: true)
        let layout = SlotLayout(spec)
        func draw(run: UInt64) -> [BargainingActor] {
            layout.actors(in: 0, spec: spec) { slot, d in SlotLayout.draw(d, seed: 9, run: run, slot: slot) }
        }
        #expect(draw(run: 5) == draw(run: 5))
        #expect(draw(run: 5) != draw(run: 6))
        // Slots are distinct for every input.
        let slots = layout.capabilitySlot + layout.stakeSlots.flatMap { $0.flatMap { [$0.position, $0.salience, $0.capability] } }
        #expect(Set(slots).count == slots.count)
    }

    @Test func badRunCountsAreErrors() async {
        await #expect(throws: BargainingInputError.self) {
            try await NegotiationForecaster.forecast(Self.emissionSpec(uncertain: false), runs: 0)
        }
    }

    @Test func theReferenceNegotiationForecastsADistributionPerIssue() async throws {
        let url = ReferenceData.packageRoot.appendingPathComponent("negotiations/ukraine-settlement.yaml")
        let spec = try NegotiationLoader.parse(text: String(contentsOf: url, encoding: .utf8), file: url.path).get()
        let f = try await NegotiationForecaster.forecast(spec, runs: 200, threads: 2)
        #expect(f.issues.count == 2)
        for i in f.issues {
            #expect(i.distribution.completedRuns == 200)
            #expect(i.distribution.outcomes.count == 5)
            #expect(abs(i.distribution.outcomes.map(\.probability).reduce(0, +) - 1) < 1e-12)
            #expect(i.central.rounds.count >= 1)
        }
    }
}
