import Foundation
import GuarantorModel
import ScenarioSpec
import Testing

let specRoot: String = {
    var parts = #filePath.split(separator: "/").map(String.init)
    while !parts.isEmpty {
        parts.removeLast()
        let candidate = "/" + parts.joined(separator: "/")
        if case .success = LocalFiles.read(candidate + "/Package.swift") { return candidate }
    }
    return "."
}()

func casePath(_ name: String) -> String { specRoot + "/Tests/ScenarioSpecTests/Cases/" + name }

/// Files served from memory, for `extends` tests.
func memoryFiles(_ files: [String: String]) -> ScenarioLoader.FileSource {
    { path in files[path].map { .success($0) } ?? .failure(Problem("cannot open `\(path)`: no such file")) }
}

@Suite struct ParserTests {
    @Test func minimalScenarioLoads() throws {
        let s = try ScenarioLoader.load(path: casePath("minimal.yaml")).get()
        #expect(s.guarantors.map(\.id) == ["G1", "G2"])
        #expect(s.attacks.count == 3)
        #expect(s.agreements[0].trigger == .consult(hours: 24))
        #expect(s.guarantors[1].honour == .prior("berkemeier2018"))
        #expect(s.guarantors[1].leaderLoadings == [LeaderLoading(leader: "G1", loading: 0.6)])
        #expect(s.settlement.kind == .lineOfContact)
        #expect(s.agreements[0].commitments[1].sizePerMonth == .interval(2, 6))
    }

    @Test func everyErrorIsReportedWithItsPlace() {
        guard case .failure(let list) = ScenarioLoader.load(path: casePath("broken.yaml")) else {
            Issue.record("broken.yaml loaded"); return
        }
        let lines = list.diagnostics.map { "\($0.line):\($0.column) \($0.message)" }
        let expected: [(Int, String)] = [
            (4, "`start` must be a calendar date"), (5, "the first end must not exceed the second"),
            (6, "must not be negative"), (14, "did you mean `line_of_contact`?"), (17, "duplicate attack id `invasion`"),
            (17, "is a probability and must lie between 0 and 1"), (19, "sum to 1.28, above 1"),
            (20, "did you mean `berkemeier2018`?"), (24, "guarantor `G3` is not defined"),
            (29, "attack type `strikes` is not defined"), (31, "unknown key `latancy_days` in a commitment (did you mean `latency_days`?)"),
            (32, "normal needs sd > 0"),
        ]
        for (line, text) in expected {
            #expect(list.diagnostics.contains { $0.line == line && $0.message.contains(text) }, "missing \(line): \(text) in \(lines)")
        }
        #expect(list.diagnostics.count == expected.count, "\(lines)")
        #expect(list.diagnostics.allSatisfy { $0.description.hasPrefix(casePath("broken.yaml") + ":") && $0.description.contains(": error: ") })
    }

    @Test func windowsLineEndingsReadLikeUnix() throws {
        let unix = try ScenarioLoader.load(path: casePath("minimal.yaml")).get()
        guard case .success(let text) = LocalFiles.read(casePath("minimal.yaml")) else { Issue.record("cannot read minimal.yaml"); return }
        // A leading comment, then every line ended by CR LF (a Windows checkout or editor).
        let crlf = ("# a comment first\n" + text).replacingOccurrences(of: "\n", with: "\r\n")
        let windows = try ScenarioLoader.load(path: "w.yaml", files: memoryFiles(["w.yaml": crlf])).get()
        #expect(windows == unix)
    }

    @Test func aScenarioNeedsAnAttackType() {
        let files = ["base.yaml": (try? LocalFiles.read(casePath("minimal.yaml")).get()) ?? "", "none.yaml": "extends: base.yaml\nattacks: []\n"]
        guard case .failure(let list) = ScenarioLoader.load(path: "none.yaml", files: memoryFiles(files)) else {
            Issue.record("a scenario without attack types loaded"); return
        }
        #expect(list.diagnostics.contains { "\($0.file):\($0.line) \($0.message)" == "none.yaml:2 `attacks` is empty: a scenario needs at least one attack type" },
                "\(list)")
    }

    @Test func jsonScenariosReadLikeYAML() throws {
        let yaml = try ScenarioLoader.load(path: casePath("minimal.yaml")).get()
        let json = try ScenarioLoader.load(path: casePath("minimal.json")).get()
        #expect(json == yaml)
    }

    @Test func extendsMergesAndLocatesErrorsInTheirOwnFile() {
        let base = """
        name: Base
        currency: EUR 2024
        power_unit: index
        start: 2026-01-01
        attack_after_years: 1 to 3
        protege: {id: P, name: P, combat_power: 100, mobilisation_per_day: 0.2, lethality: 0.01}
        aggressor: {id: A, name: A, combat_power: 200, reinforcement_per_day: 0.5, lethality: 0.01, valuation: {objective_value: 100, loss_cost: 0.1, sanctions_cost: 0.1, escalation_cost: 10}}
        settlement: {kind: line_of_contact, name: Freeze, warning_days: 5, objective_depth_km: -150}
        attacks: [{id: invasion, kind: full_invasion, name: Invasion, force_share: 90%, objective_share: 1, max_advance_km_per_day: 3}]
        guarantors: []
        agreements: []
        """
        let child = """
        extends: base.yaml
        name: Child
        settlement: {kind: buffer_zone, name: Buffer, zone_width_km: 15}
        guarantors: [{id: G, name: G, honour: 120%}]
        """
        let files = memoryFiles(["/s/base.yaml": base, "/s/child.yaml": child])
        guard case .failure(let list) = ScenarioLoader.load(path: "/s/child.yaml", files: files) else {
            Issue.record("child loaded"); return
        }
        #expect(list.diagnostics.contains { $0.file == "/s/base.yaml" && $0.line == 8 && $0.message.contains("objective_depth_km") })
        #expect(list.diagnostics.contains { $0.file == "/s/child.yaml" && $0.line == 4 && $0.message.contains("probability") })
        // Fixed, the merge keeps the base's settlement keys and overrides the rest.
        let fixedFiles = memoryFiles(["/s/base.yaml": base.replacingOccurrences(of: "-150", with: "150"),
                                      "/s/child.yaml": child.replacingOccurrences(of: "120%", with: "60%")])
        let s = try? ScenarioLoader.load(path: "/s/child.yaml", files: fixedFiles).get()
        #expect(s?.name == "Child")
        #expect(s?.settlement.kind == .bufferZone)
        #expect(s?.settlement.zoneWidthKm == 15)
        #expect(s?.settlement.warningDays == .constant(5))
        #expect(s?.guarantors.count == 1)
    }

    @Test func extendsCyclesAndMissingBasesAreErrors() {
        let files = memoryFiles(["/a.yaml": "extends: b.yaml\nname: A", "/b.yaml": "extends: a.yaml\nname: B"])
        guard case .failure(let list) = ScenarioLoader.load(path: "/a.yaml", files: files) else { Issue.record("cycle loaded"); return }
        #expect(list.diagnostics.contains { $0.message.contains("cycle") })
        guard case .failure(let l2) = ScenarioLoader.load(path: "/c.yaml", files: memoryFiles(["/c.yaml": "extends: nowhere.yaml\nname: C"])) else { Issue.record("missing base loaded"); return }
        #expect(l2.diagnostics.contains { $0.file == "/c.yaml" && $0.line == 1 })
    }
}

@Suite struct NumberSyntaxTests {
    func parse(_ text: String) -> Distribution? {
        if case .success(let d) = NumberSyntax.parseScalar(text) { return d }
        return nil
    }

    @Test func forms() {
        #expect(parse("12") == .constant(12))
        #expect(parse("12%") == .constant(0.12))
        #expect(parse("1e3") == .constant(1000))
        #expect(parse("-3.5") == .constant(-3.5))
        #expect(parse("5 to 20") == .interval(5, 20))
        #expect(parse("20% to 60%") == .interval(0.2, 0.6))
        #expect(parse("-2 to 6") == .normal(mean: 2, sd: 4 / Distribution.z95))
    }

    @Test(arguments: ["nan", ".nan", ".inf", "-.inf", "inf", "1e400", "abc", "5 to", "3 to 1", "1 to 2 to 3", "", "0x10", "12%%"])
    func rejected(_ text: String) {
        #expect(parse(text) == nil, "`\(text)` should be rejected")
    }

    @Test func domains() {
        #expect(NumberSyntax.domainProblem(.constant(1.2), .probability) != nil)
        #expect(NumberSyntax.domainProblem(.constant(-1), .nonNegative) != nil)
        #expect(NumberSyntax.domainProblem(.interval(-2, 6), .nonNegative) != nil)
        #expect(NumberSyntax.domainProblem(.beta(a: 2, b: 3), .probability) == nil)
        #expect(NumberSyntax.domainProblem(.interval(0.2, 0.9), .probability) == nil)
        #expect(NumberSyntax.domainProblem(.normal(mean: 0.9, sd: 0.2), .probability) != nil)
        #expect(NumberSyntax.domainProblem(.constant(0), .positive) != nil)
        // `0 to 2` has its 5th percentile at 0 up to rounding: allowed for non-negative quantities.
        #expect(NumberSyntax.domainProblem(.interval(0, 2), .nonNegative) == nil)
        #expect(NumberSyntax.domainProblem(.interval(-0.1, 2), .nonNegative) != nil)
    }

    @Test func distributionParameterChecks() {
        #expect(Distribution.normal(mean: 0, sd: 0).parameterProblem != nil)
        #expect(Distribution.uniform(lo: 2, hi: 1).parameterProblem != nil)
        #expect(Distribution.triangular(lo: 0, mode: 5, hi: 4).parameterProblem != nil)
        #expect(Distribution.beta(a: 0, b: 1).parameterProblem != nil)
        #expect(Distribution.bernoulli(p: 1.5).parameterProblem != nil)
        #expect(Distribution.lognormal(mu: 0, sigma: -1).parameterProblem != nil)
        #expect(Distribution.normal(mean: .nan, sd: 1).parameterProblem != nil)
    }
}

@Suite struct UnknownKeyTests {
    @Test func suggestions() {
        #expect(Suggestion.closest(to: "latancy_days", in: ["latency_days", "size_per_month"]) == "latency_days")
        #expect(Suggestion.closest(to: "zzzzzz", in: ["latency_days"]) == nil)
    }
}
