import Foundation
import GuarantorModel
import ScenarioSpec
import Testing
@testable import Negotiation

@Suite struct NegotiationFileTests {
    static let small = """
    name: Test talks
    runs: 100
    seed: 3
    issues:
      - id: land
        name: Land
        scale:
          - {id: all_a, label: All to A}
          - {id: split, label: Split}
          - {id: all_b, label: All to B}
    actors:
      - id: a
        name: A
        capability: 10
        issues:
          land: {position: all_a, salience: 0.9}
      - id: b
        name: B
        capability: 5 to 15
        issues:
          land: {position: split to all_b, salience: 60% to 90%, capability: 12}
    """

    func errors(_ text: String) -> [String] {
        switch NegotiationLoader.parse(text: text, file: "t.yaml") {
        case .success: return []
        case .failure(let list): return list.diagnostics.map(\.description)
        }
    }

    @Test func readsIssuesScalesActorsAndUncertainNumbers() throws {
        let spec = try NegotiationLoader.parse(text: Self.small, file: "t.yaml").get()
        #expect(spec.name == "Test talks")
        #expect(spec.runs == 100 && spec.seed == 3)
        #expect(spec.issues.count == 1)
        #expect(spec.issues[0].points.map(\.id) == ["all_a", "split", "all_b"])
        #expect(spec.issues[0].scale == 0...2)
        #expect(spec.actors.map(\.id) == ["a", "b"])
        #expect(spec.actors[0].stakes[0].position == .constant(0))
        #expect(spec.actors[0].capability == .constant(10))
        #expect(spec.actors[1].capability == Distribution.interval(5, 15))
        #expect(spec.actors[1].stakes[0].position == Distribution.interval(1, 2))
        #expect(spec.actors[1].stakes[0].salience == Distribution.interval(0.6, 0.9))
        #expect(spec.actors[1].stakes[0].capability == .constant(12))
        #expect(spec.options == .scholz)
    }

    @Test func modelOptionsAreRead() throws {
        let text = Self.small + """

        model:
          rounds: 4
          probability_denominator: all_actor_pairs
          compromise: expected_utility_weighted_mean
          risk_recalculation: never
          perspective: owner
          conflict: no_move
          offer_selection: most_enforceable
          forecast: mean
          distance_range: issue_scale
          status_quo_probability: 0.5
          convergence_tolerance: 0.01
          stable_rounds: 2
        """
        let o = try NegotiationLoader.parse(text: text, file: "t.yaml").get().options
        #expect(o.maximumRounds == 4)
        #expect(o.probabilityDenominator == .allActorPairs)
        #expect(o.compromise == .expectedUtilityWeightedMean)
        #expect(o.riskRecalculation == .never)
        #expect(o.perspective == .owner)
        #expect(o.conflict == .noMove)
        #expect(o.offerSelection == .mostEnforceable)
        #expect(o.forecast == .mean)
        #expect(o.distanceRange == .issueScale)
        #expect(o.statusQuoProbability == 0.5)
        #expect(o.convergenceTolerance == 0.01)
        #expect(o.stableRounds == 2)
    }

    @Test func unknownKeysAreLocatedWithASuggestion() {
        let text = Self.small.replacingOccurrences(of: "capability: 10", with: "capabilty: 10")
        let e = errors(text)
        #expect(e.contains("t.yaml:14:5: error: unknown key `capabilty` in an actor (did you mean `capability`?)"))
        #expect(e.contains { $0.hasPrefix("t.yaml:12:5: error: an actor is missing the required key `capability`") })
    }

    @Test func unknownScalePointIsLocatedWithASuggestion() {
        let e = errors(Self.small.replacingOccurrences(of: "position: all_a", with: "position: all_aa"))
        #expect(e == ["t.yaml:16:24: error: `position` on `land`: `all_aa` is neither a point of the scale nor a number (did you mean `all_a`?)"])
    }

    @Test func positionsOffTheScaleAreErrors() {
        let e = errors(Self.small.replacingOccurrences(of: "position: all_a", with: "position: 3"))
        #expect(e.count == 1)
        #expect(e.first?.hasPrefix("t.yaml:16:24: error: `position` on `land` must stay on the scale, 0 (`all_a`) to 2 (`all_b`)") == true)
    }

    @Test func salienceIsAProbability() {
        let e = errors(Self.small.replacingOccurrences(of: "salience: 0.9", with: "salience: 1.5"))
        #expect(e.count == 1)
        #expect(e.first?.hasPrefix("t.yaml:16:41: error: `salience`: is a probability") == true, "\(e)")
    }

    @Test func unknownIssueAndOptionValuesAreLocated() {
        var e = errors(Self.small.replacingOccurrences(of: "      land: {position: all_a", with: "      lnd: {position: all_a"))
        #expect(e.contains("t.yaml:16:7: error: actor `a` has a stake in unknown issue `lnd` (did you mean `land`?)"))
        e = errors(Self.small + "\nmodel: {forecast: medain}")
        #expect(e == ["t.yaml:22:19: error: `model.forecast` `medain` is not known (did you mean `median`?)"])
    }

    @Test func everyIssueNeedsTwoActors() {
        let text = Self.small.replacingOccurrences(of: "      land: {position: split to all_b, salience: 60% to 90%, capability: 12}", with: "      {}")
        let e = errors(text)
        #expect(e.contains { $0.contains("issue `land` has 1 actor with a position on it; bargaining needs at least two") })
    }

    @Test func badYAMLAndEmptyFilesAreLocatedErrors() {
        #expect(errors("") == ["t.yaml:1:1: error: file is empty: a negotiation needs at least `name`, `issues` and `actors`"])
        #expect(errors("# only a comment\n") == ["t.yaml:1:1: error: file is empty: a negotiation needs at least `name`, `issues` and `actors`"])
        let e = errors("name: [unclosed\n")
        #expect(e.count == 1 && e[0].hasPrefix("t.yaml:") && e[0].contains(": error: invalid YAML"))
        #expect(errors("- a\n- b\n").first?.contains("a negotiation is a mapping") == true)
    }

    @Test func theReferenceNegotiationParses() throws {
        let url = ReferenceData.packageRoot.appendingPathComponent("negotiations/ukraine-settlement.yaml")
        let text = try String(contentsOf: url, encoding: .utf8)
        let spec = try NegotiationLoader.parse(text: text, file: url.path).get()
        #expect(spec.issues.map(\.id) == ["donetsk", "guarantees"])
        #expect(spec.issues.allSatisfy { $0.points.count == 5 })
        #expect(spec.issues[0].points.map(\.label) == [
            "Ukrainian control restored", "Freeze on the line of contact", "Demilitarised free economic zone",
            "Buffer zone with mutual withdrawal and neutral forces", "Full Ukrainian withdrawal from Donetsk",
        ])
        #expect(Set(spec.actors.map(\.name)) == ["Ukraine", "Russia", "United States", "France", "Germany", "United Kingdom"])
        for issue in spec.issues.indices { #expect(spec.participants(in: issue).count == 6) }
    }

    @Test func nearestPointSplitsHalfwayDownwards() {
        let issue = NegotiationIssue(id: "x", name: "x", points: (0..<5).map { .init(id: "p\($0)", label: "") })
        #expect(issue.nearestPoint(to: 0) == 0)
        #expect(issue.nearestPoint(to: 0.5) == 0)
        #expect(issue.nearestPoint(to: 0.5000001) == 1)
        #expect(issue.nearestPoint(to: 3.7) == 4)
        #expect(issue.nearestPoint(to: 4) == 4)
        #expect(issue.nearestPoint(to: -1) == 0)
        #expect(issue.nearestPoint(to: 9) == 4)
        #expect(issue.nearestPoint(to: .nan) == 0)
    }
}

@Suite struct NegotiationFileLimitTests {
    @Test func tooManyActorsAndHugeCapabilitiesAreErrors() {
        var text = """
        name: Crowd
        issues:
          - {id: land, name: Land, scale: [{id: a, label: A}, {id: b, label: B}]}
        actors:

        """
        for k in 0..<51 { text += "  - {id: x\(k), name: X\(k), capability: 1, issues: {land: {position: a, salience: 0.5}}}\n" }
        guard case .failure(let list) = NegotiationLoader.parse(text: text, file: "c.yaml") else {
            Issue.record("51 actors were accepted")
            return
        }
        #expect(list.diagnostics.map(\.description) == ["c.yaml:5:3: error: `actors` lists 51 actors; the limit is 50 (the model's cost grows with the cube of the number of actors)"])

        let huge = NegotiationFileTests.small.replacingOccurrences(of: "capability: 10", with: "capability: 1e300")
        guard case .failure(let list2) = NegotiationLoader.parse(text: huge, file: "t.yaml") else {
            Issue.record("a capability of 1e300 was accepted")
            return
        }
        #expect(list2.diagnostics.first?.description.hasPrefix("t.yaml:14:17: error: `capability`") == true)
        #expect(list2.diagnostics.first?.description.contains("too large") == true || list2.diagnostics.first?.description.contains("must stay below") == true)
    }
}
