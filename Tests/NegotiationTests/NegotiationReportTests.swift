import Foundation
import Testing
@testable import Negotiation
@testable import Reports

@Suite struct NegotiationReportTests {
    /// A small negotiation whose names need escaping in every format.
    static let text = """
    name: "Talks <A & B> | \\"quoted\\""
    runs: 150
    seed: 5
    issues:
      - id: land
        name: Land & <sea>
        scale:
          - {id: a, label: "All to <A>"}
          - {id: split, label: Split | half}
          - {id: b, label: All to B}
    actors:
      - {id: a, name: "A <script>", capability: 10 to 20, issues: {land: {position: a, salience: 0.9}}}
      - {id: b, name: B & co, capability: 10, issues: {land: {position: b, salience: 50% to 80%}}}
      - {id: c, name: C, capability: 3, issues: {land: {position: split, salience: 0.5}}}
    """

    static func forecast(threads: Int = 1) async throws -> NegotiationForecast {
        let spec = try NegotiationLoader.parse(text: text, file: "t.yaml").get()
        return try await NegotiationForecaster.forecast(spec, threads: threads)
    }

    @Test func jsonIsByteIdenticalAcrossRunsAndThreadCounts() async throws {
        let a = try NegotiationJSON.render(try await Self.forecast(threads: 1))
        let b = try NegotiationJSON.render(try await Self.forecast(threads: 4))
        #expect(a == b)
        let object = try JSONSerialization.jsonObject(with: Data(a.utf8)) as? [String: Any]
        #expect(object?["format"] as? String == "guarantor-negotiation-forecast")
        let forecast = object?["forecast"] as? [String: Any]
        #expect((forecast?["issues"] as? [Any])?.count == 1)
    }

    @Test func htmlIsSelfContainedWithChartsTitlesAxesAndLegend() async throws {
        let html = NegotiationHTML.render(try await Self.forecast())
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        // The SVG namespace is a name, not a fetch: everything else must be inline.
        let fetchable = html.replacingOccurrences(of: "xmlns=\"http://www.w3.org/2000/svg\"", with: "")
        for forbidden in ["<script", "http://", "https://", "@import", "url(", "<link", "@font-face"] {
            #expect(!fetchable.contains(forbidden), "found \(forbidden)")
        }
        // Both charts come from the report kit (class "chart"), with accessible names.
        #expect(html.components(separatedBy: "<svg").count - 1 == 2)
        #expect(html.components(separatedBy: "class=\"chart chart-").count - 1 == 2)
        #expect(html.contains("aria-label=\"Positions by round: Land &amp; &lt;sea&gt;\""))
        #expect(html.contains("aria-label=\"Probability of each outcome: Land &amp; &lt;sea&gt;\""))
        #expect(html.contains(">round (0 = start)</text>"))
        #expect(html.contains("position on the issue scale</text>"))
        #expect(html.contains("share of Monte Carlo runs whose forecast is nearest to the outcome"))
        #expect(html.contains(">forecast (median)</text>"))
        // The position chart's y axis is labelled by the issue's named points.
        let f = try await Self.forecast()
        for p in f.issues[0].issue.points {
            #expect(html.contains("class=\"tick\">\(Markup.escape(p.label))</text>"), "tick \(p.label)")
        }
        #expect(html.contains("A &lt;script&gt;"))
        #expect(!html.contains("A <script>"))
        #expect(html.contains("Who moved whom, and why"))
    }

    @Test func markdownAndTextListEveryOutcomeAndRound() async throws {
        let f = try await Self.forecast()
        let md = NegotiationMarkdown.render(f)
        #expect(md.contains("| 1 | Split \\| half |") || md.contains("| **Split \\| half** |"))
        #expect(md.contains("All to \\<A\\>"))
        #expect(md.contains("### Round by round, at the inputs' medians"))
        let text = NegotiationText.render(f)
        for label in ["All to <A>", "Split | half", "All to B"] { #expect(text.contains(label)) }
        let rounds = f.issues[0].central.rounds
        for r in rounds { #expect(text.contains("Round \(r.number):")) }
        #expect(text.contains("over 150 runs"))
    }

    @Test func movesAreExplainedWithBothExpectedUtilities() throws {
        let issue = NegotiationIssue(id: "x", name: "x", points: [.init(id: "a", label: "A"), .init(id: "b", label: "B")])
        let move = Offer(mover: 0, proposer: 1, kind: .compromise, from: 0, to: 0.25, moverExpectedUtility: -0.1,
                         proposerExpectedUtility: 0.4, proposerSuccessProbability: 0.7)
        #expect(NegotiationNarrative.move(move, names: ["Ann", "Bo"], issue: issue)
            == "Ann compromised with Bo: 0.00 -> 0.25 (nearest: A). Ann expected -0.100 from challenging Bo, Bo expected +0.400 from challenging Ann (Bo would win a contest between the two with probability 0.70).")
    }
}
