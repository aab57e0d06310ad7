import Foundation
import Testing
import GuarantorModel
import ScenarioSpec
@testable import Evidence

@Suite struct BacktestOutcomeTests {
    @Test func parsesAnOutcome() throws {
        let text = """
        scenario: x.yaml
        event: It happened.
        attack: invasion
        deterred: false
        honoured: {USA: false, UKG: true}
        sources: [somewhere]
        """
        let o = try CaseOutcome.parse(text, file: "x.outcome.yaml", name: "x").get()
        #expect(o.scenario == "x.yaml" && o.attack == "invasion" && o.deterred == false)
        #expect(o.honoured == [.init(guarantor: "USA", honoured: false), .init(guarantor: "UKG", honoured: true)])
        #expect(o.sources == ["somewhere"])
    }

    @Test func outcomeProblemsAreLocated() throws {
        func errors(_ text: String) -> [String] {
            switch CaseOutcome.parse(text, file: "o.yaml", name: "o") {
            case .success: return []
            case .failure(let l): return l.diagnostics.map(\.description)
            }
        }
        let deterredWithAttack = errors("scenario: x.yaml\nevent: e\nattack: a\ndeterred: true\nsources: [s]\n")
        #expect(deterredWithAttack == ["o.yaml:3:1: error: a case where the aggressor was deterred has no `attack`"])
        let honourWithoutAttack = errors("scenario: x.yaml\nevent: e\nhonoured: {USA: true}\nsources: [s]\n")
        #expect(honourWithoutAttack == ["o.yaml:3:1: error: `honoured` needs the `attack` that put the guarantees to the test"])
        #expect(errors("scenario: x.yaml\nevent: e\nsources: [s]\n").first?.contains("observes nothing") == true)
        #expect(errors("scenario: x.yaml\nevent: e\ndeterred: maybe\nsources: [s]\n").first?.hasPrefix("o.yaml:3:11:") == true)
        #expect(errors("scenario: x.yaml\nevent: e\ndeterred: true\nsources: []\n").first?.contains("at least one source") == true)
        #expect(errors("scenario: x.yaml\nevent: e\ndeterred: true\nsources: [s]\nwho: me\n").first?.hasPrefix("o.yaml:5:1:") == true)
    }

    @Test func brierScoreAndItsStandardError() {
        let o = CaseOutcome(name: "c", scenario: "c.yaml", event: "e", attack: "a", deterred: false,
                            honoured: [.init(guarantor: "G", honoured: true), .init(guarantor: "H", honoured: false)],
                            sources: ["s"], note: "")
        let p = Backtest.Prediction(pDeterred: 0.25, honour: ["G": 0.5, "H": 0.1], baseHonour: ["G": 0.75, "H": 0.5])
        let scored = Backtest.score(o, p)
        #expect(scored.map(\.quantity) == ["deterred", "honour:G", "honour:H"])
        #expect(scored.map(\.squaredError) == [0.0625, 0.25, 0.010000000000000002])
        let r = Backtest.report(scored, cases: 1, runsPerCase: 100)
        let mean = (0.0625 + 0.25 + 0.010000000000000002) / 3
        #expect(abs(r.brier - mean) < 1e-15)
        let v = [0.0625, 0.25, 0.01].reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 2
        #expect(abs(r.brierStandardError - (v / 3).squareRoot()) < 1e-12)
        #expect(r.deterrenceBrier == 0.0625)
        #expect(abs((r.honourBrier ?? 0) - 0.13) < 1e-12)
        #expect(r.text.contains("SMALL N: 3 predictions from 1 cases"))
        #expect(r.text.contains("P(G honours)"))
        // Baselines: 0.5 for deterrence (observed no), the prior means for honour.
        #expect(scored.map(\.baseline) == [0.5, 0.75, 0.5])
        #expect(abs(r.baselineBrier - (0.25 + 0.0625 + 0.25) / 3) < 1e-15)
    }
}

/// The cases shipped in `cases/`: every outcome parses, its scenario validates and
/// names what the outcome refers to, and the backtest runs (few runs: this checks wiring).
@Suite struct BacktestCasesTests {
    static let folder = Reference.packageRoot.appendingPathComponent("cases")

    static func outcomes() throws -> [(CaseOutcome, Scenario)] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".outcome.yaml") }.sorted()
        return try names.map { n in
            let file = folder.appendingPathComponent(n).path
            let o = try CaseOutcome.parse(try String(contentsOfFile: file, encoding: .utf8), file: file,
                                          name: String(n.dropLast(".outcome.yaml".count))).get()
            let s = try ScenarioLoader.load(path: folder.appendingPathComponent(o.scenario).path).get()
            #expect(o.problems(with: s, file: file) == [])
            return (o, s)
        }
    }

    @Test func casesAreCompleteAndConsistent() throws {
        let all = try Self.outcomes()
        #expect(all.map(\.0.name) == ["belgium-1914", "budapest-2014", "korea-1950", "korea-1953",
                                      "nato-article5-2001", "nato-cold-war", "poland-1939"])
        let budapest = try #require(all.first { $0.0.name == "budapest-2014" }?.0)
        #expect(budapest.deterred == false && budapest.honoured.allSatisfy { !$0.honoured })
        let article5 = try #require(all.first { $0.0.name == "nato-article5-2001" }?.0)
        #expect(article5.deterred == nil && article5.honoured.count == 5 && article5.honoured.allSatisfy(\.honoured))
        #expect(all.allSatisfy { !$0.0.sources.isEmpty })
    }

    @Test func backtestRunsOnEveryCase() async throws {
        var scored: [Backtest.Scored] = []
        for (o, s) in try Self.outcomes() {
            let p = try await Backtest.predict(s, outcome: o, runs: 200, threads: 1, aggressorTypes: 500)
            #expect(p.honour.values.allSatisfy { (0...1).contains($0) })
            scored += Backtest.score(o, p)
        }
        #expect(scored.count == 18)
        #expect(scored.allSatisfy { (0...1).contains($0.predicted) })
        // The model must see that a political memorandum with a discretionary trigger is unlikely to be honoured.
        #expect(scored.filter { $0.caseName == "budapest-2014" && $0.quantity.hasPrefix("honour:") }.allSatisfy { $0.predicted < 0.2 })
        let r = Backtest.report(scored, cases: 7, runsPerCase: 200)
        #expect(r.brier >= 0 && r.brier <= 1)
    }
}
