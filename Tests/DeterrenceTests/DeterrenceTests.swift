import Foundation
import CrisisEngine
import Deterrence
import GuarantorModel
import ScenarioSpec
import Testing

let deterrenceRoot: String = {
    var parts = #filePath.split(separator: "/").map(String.init)
    while !parts.isEmpty {
        parts.removeLast()
        let candidate = "/" + parts.joined(separator: "/")
        if case .success = LocalFiles.read(candidate + "/Package.swift") { return candidate }
    }
    return "."
}()

func minimal() throws -> Scenario {
    try ScenarioLoader.load(path: deterrenceRoot + "/Tests/ScenarioSpecTests/Cases/minimal.yaml").get()
}

func study(_ s: Scenario, runs: Int64 = 1500, seed: UInt64 = 3) async throws -> (CompiledScenario, StudyAccumulator, StudyResult) {
    let plan = CompiledScenario(s)
    let (acc, partial) = try await StudyRunner.run(plan: plan, seed: seed, runs: runs, threads: 2)
    var r = partial
    AggressorDecision.annotate(&r, plan: plan, accumulator: acc, seed: seed, types: 4000)
    return (plan, acc, r)
}

@Suite struct AggressorDecisionTests {
    @Test func expectedUtilityIsLinearInTheValuations() async throws {
        // Constant valuations: EU_k is exactly value*share - loss*losses - sanctions*cost - escalation*P(esc) - entry,
        // over the perceived means.
        let (_, acc, r) = try await study(try minimal())
        for (k, a) in r.attacks.enumerated() {
            let y = acc.perceivedMean(attack: k)
            let entry = [1.0, 5.0, 20.0][k]
            let expected = 100 * y[0] - 0.2 * y[1] - 0.001 * y[2] - 200 * y[3] - entry
            #expect(abs((a.expectedUtility?.mean ?? .nan) - expected) < 1e-9 * max(1, abs(expected)))
        }
        // With constant valuations every type makes the same choice.
        #expect(r.attacks.compactMap(\.pBestResponse).contains(1) || r.deterrence?.pDeterred.mean == 1)
    }

    @Test func highEntryCostsDeterEveryType() async throws {
        var s = try minimal()
        for k in s.attacks.indices { s.attacks[k].entryCost = .constant(1e6) }
        let (_, _, r) = try await study(s, runs: 400)
        #expect(r.deterrence?.pDeterred.mean == 1)
        #expect(r.deterrence?.bestResponse == "status_quo")
        #expect(r.deterrence?.probeRisk.mean == 0)
    }

    @Test func probeRiskWhenOnlyALimitedAttackPays() async throws {
        var s = try minimal()
        // Strikes cost nothing and pay; a full invasion is prohibitively expensive.
        s.attacks[0].entryCost = .constant(0)
        s.attacks[2].entryCost = .constant(1e6)
        let (_, _, r) = try await study(s, runs: 400)
        #expect(r.deterrence?.probeRisk.mean == 1)
        #expect(r.deterrence?.pDeterred.mean == 0)
    }

    @Test func uncertainValuationsGiveIntermediateProbabilities() async throws {
        var s = try minimal()
        s.aggressor.valuation.objectiveValue = .interval(10, 200)
        for k in s.attacks.indices { s.attacks[k].entryCost = .constant(40) }
        let (_, _, r) = try await study(s)
        let pd = r.deterrence?.pDeterred ?? Estimate(mean: -1, se: 0)
        #expect(pd.mean > 0.01 && pd.mean < 0.99)
        #expect(pd.se > 0 && pd.se < 0.05)
        let shares = r.attacks.compactMap(\.pBestResponse).reduce(0, +) + pd.mean
        #expect(abs(shares - 1) < 1e-9)   // every type picks exactly one option
        // Every share of types has its error: at least the binomial error of the types, and not far above it.
        for a in r.attacks {
            guard let p = a.pBestResponse, let se = a.pBestResponseSE else { Issue.record("\(a.type): no share or error"); continue }
            let binomial = (p * (1 - p) / Double(r.deterrence?.aggressorTypes ?? 1)).squareRoot()
            #expect(se >= binomial * (1 - 1e-12) && se < binomial + 0.05, "\(a.type): \(p) ± \(se)")
        }
    }

    @Test func typesDrawnBesideTheRunsGiveTheSameStudy() async throws {
        // With more than one thread `Study.run` draws the aggressor types
        // beside the runs, with one it draws them after: every figure but the
        // timing must be the same, whatever the number of threads.
        let s = try ScenarioLoader.load(path: deterrenceRoot + "/scenarios/ukraine-proposed-guarantees.yaml").get()
        var results: [StudyResult] = []
        for threads in [1, 2, 3] {
            var r = try await Study.run(scenario: s, runs: 1100, seed: 12, threads: threads)
            #expect(r.deterrence != nil)
            r.meta.timing = nil
            results.append(r)
        }
        #expect(results[0] == results[1])
        #expect(results[0] == results[2])
        // The types drawn once and handed in give what drawing them inside
        // gives, and are the ones used: other types (another seed) give other figures.
        let plan = CompiledScenario(s)
        let (acc, _) = try await StudyRunner.run(plan: plan, seed: 12, runs: 300, threads: 1)
        let inside = AggressorDecision.evaluate(plan: plan, accumulator: acc, seed: 12, types: 3000)
        let drawn = AggressorDecision.drawTypes(plan: plan, seed: 12, count: 3000)
        let handed = AggressorDecision.evaluate(plan: plan, accumulator: acc, seed: 12, drawn: drawn)
        #expect(inside.pDeterred == handed.pDeterred && inside.pDeterredSE == handed.pDeterredSE)
        #expect(inside.expectedUtility == handed.expectedUtility)
        let other = AggressorDecision.drawTypes(plan: plan, seed: 13, count: 3000)
        let handedOther = AggressorDecision.evaluate(plan: plan, accumulator: acc, seed: 12, drawn: other)
        #expect(handedOther.expectedUtility != inside.expectedUtility)
    }

    @Test func credibilityGapIsActualMinusPerceived() async throws {
        let (_, _, r) = try await study(try minimal())
        for (g, gap) in zip(r.guarantors, r.deterrence?.credibilityGap ?? []) {
            #expect(gap.guarantor == g.id)
            #expect(abs(gap.gap - (g.honourProbability.mean - g.perceivedHonourProbability.mean)) < 1e-12)
            #expect(gap.gap >= 0)   // perception 0.8 < 1: the aggressor underrates every guarantor
        }
    }
}

@Suite struct SensitivityTests {
    @Test func deterministicAndRanked() async throws {
        var s = try minimal()
        s.aggressor.valuation.objectiveValue = .interval(10, 200)
        for k in s.attacks.indices { s.attacks[k].entryCost = .constant(40) }
        let plan = CompiledScenario(s)
        let a = try await SensitivityAnalysis.run(plan: plan, seed: 5, runsPerVariant: 300, threads: 2, types: 2000)
        let b = try await SensitivityAnalysis.run(plan: plan, seed: 5, runsPerVariant: 300, threads: 1, types: 2000)
        #expect(a == b)
        #expect(a.rows.count == plan.uncertainSlots.count)
        for (x, y) in zip(a.rows, a.rows.dropFirst()) { #expect(x.swingPDeterred >= y.swingPDeterred) }
        // The objective's value drives whether attacking pays: it must swing P(deterred).
        let value = a.rows.first { $0.input == "aggressor.valuation.objective_value" }
        #expect((value?.swingPDeterred ?? 0) > 0.2)
        #expect(abs((value?.low ?? 0) - 10) < 1e-6 && abs((value?.high ?? 0) - 200) < 1e-6)
    }

    /// The sensitivity analysis is part of the study: its runs count in the run-days and its
    /// time in the timing, with its own share of the seconds.
    @Test func sensitivityRunsCountInTheStudysRunDaysAndTiming() async throws {
        let s = try minimal()
        let plan = CompiledScenario(s)
        let kernel = CrisisKernel(plan: plan, seed: 3)
        let base = try await Study.run(scenario: s, runs: 400, seed: 3, threads: 1)
        let r = try await Study.run(scenario: s, runs: 400, seed: 3, threads: 1, sensitivityRuns: 200)
        let variants = Int64(1 + 2 * plan.uncertainSlots.count)
        #expect(base.meta.runDays == 400 * Int64(kernel.runDaysPerRun))
        #expect(r.sensitivity?.runs == variants * 200)
        let variantDays = try #require(r.sensitivity?.runDays)
        #expect(variantDays > 0 && variantDays <= variants * 200 * Int64(kernel.runDaysPerRun))
        #expect(r.meta.runDays == base.meta.runDays + variantDays)
        let t = try #require(r.meta.timing)
        let part = try #require(t.sensitivitySeconds)
        #expect(part > 0 && part <= t.seconds)
        #expect(base.meta.timing?.sensitivitySeconds == nil)
        #expect(abs(t.nsPerRunDay - t.seconds * 1e9 / Double(r.meta.runDays)) <= 1e-9 * t.nsPerRunDay)
        #expect(abs(t.runsPerSecond - Double(400 + variants * 200) / t.seconds) <= 1e-9 * t.runsPerSecond)
    }

    @Test func fixingAnInputKeepsEveryOtherDraw() {
        guard let scenario = try? minimal() else { Issue.record("minimal.yaml"); return }
        let plan = CompiledScenario(scenario)
        let slot = plan.uncertainSlots[0]
        var k1 = CrisisKernel(plan: plan, seed: 1), k2 = CrisisKernel(plan: plan.fixing(slot: slot, at: 1.5), seed: 1)
        var o1 = k1.makeOutcome(), o2 = k2.makeOutcome()
        k1.simulate(run: 17, into: &o1); k2.simulate(run: 17, into: &o2)
        for s in o1.inputs.indices where s != slot { #expect(o1.inputs[s] == o2.inputs[s]) }
        #expect(o2.inputs[slot] == 1.5)
    }
}

@Suite struct ComparisonTests {
    @Test func explanationComesFromTheFigures() async throws {
        var weak = try minimal()
        weak.name = "Weak design"
        var strong = try minimal()
        strong.name = "Strong design"
        strong.guarantors[0].honour = .probability(.constant(0.95))
        strong.agreements[0].form = .ratifiedTreaty
        strong.agreements[0].trigger = .automatic
        strong.aggressor.valuation.objectiveValue = .interval(10, 200)
        weak.aggressor.valuation.objectiveValue = .interval(10, 200)
        let (_, _, rw) = try await study(weak)
        let (_, _, rs) = try await study(strong)
        let rows = [ComparisonResult.Row(scenario: weak.name, file: "weak.yaml", study: rw),
                    ComparisonResult.Row(scenario: strong.name, file: "strong.yaml", study: rs)]
        let text = ComparisonExplainer.explain(rows)
        #expect(text.count >= 2)
        let best = rows.max { $0.pDeterred.mean < $1.pDeterred.mean }!
        #expect(text[0].hasPrefix(best.scenario))
        #expect(text[0].contains(Format.percent(best.pDeterred.mean, decimals: 1)))
        // The lone guarantor honours far more often under the strong design: the explanation names it.
        let gap = text.first { $0.hasPrefix("The largest single-guarantor difference:") }
        #expect(gap != nil, "\(text)")
        if let g = rs.guarantors.first { #expect(gap?.contains(Format.percent(g.honourProbability.mean, decimals: 1)) == true) }
        // Same units: no warning; another currency in one of them: a warning naming both.
        #expect(!text.contains { $0.hasPrefix("Amounts are in different units") }, "\(text)")
        var dollars = rows
        for g in dollars[1].study.guarantors.indices {
            for c in dollars[1].study.guarantors[g].commitments.indices where !dollars[1].study.guarantors[g].commitments[c].unit.isEmpty {
                dollars[1].study.guarantors[g].commitments[c].unit += " (USD 1950)"
            }
        }
        let warned = ComparisonExplainer.explain(dollars).last ?? ""
        #expect(warned.hasPrefix("Amounts are in different units") && warned.contains("USD 1950"), "\(warned)")
        // (Both designs deter the same 0.1 % of types here: strikes pay under either.)
        #expect(text[0].contains("the same figure in every design"), "\(text)")
        // The table's rows come with their change from the first.
        let result = ComparisonResult(runs: 1, seed: 1, version: "test", rows: rows, explanation: text)
        #expect(result.rows[0].pDeterredChange == nil)
        let change = try #require(result.rows[1].pDeterredChange)
        #expect(change.mean == rows[1].pDeterred.mean - rows[0].pDeterred.mean)
        #expect(abs(change.se - (rows[0].pDeterred.se * rows[0].pDeterred.se + rows[1].pDeterred.se * rows[1].pDeterred.se).squareRoot()) < 1e-15)
    }

    /// The same design twice (other seeds) differs only by noise: no
    /// mechanism is named as what separates them, no guarantor as differing,
    /// and the gap is called within the error. The same study twice is
    /// called the same figure.
    @Test func noiseIsNotGivenAsAReason() async throws {
        var s = try minimal()
        s.aggressor.valuation.objectiveValue = .interval(10, 200)
        let a = try await Study.run(scenario: s, runs: 3000, seed: 11, threads: 2)
        let b = try await Study.run(scenario: s, runs: 3000, seed: 12, threads: 2)
        let text = ComparisonExplainer.explain([ComparisonResult.Row(scenario: "A", file: "a.yaml", study: a),
                                                ComparisonResult.Row(scenario: "B", file: "b.yaml", study: b)])
        #expect(!text.contains { $0.hasPrefix("What separates them") }, "\(text)")
        #expect(!text.contains { $0.hasPrefix("The largest single-guarantor difference") }, "\(text)")
        #expect(text[0].contains("within two standard errors of zero") && text[0].contains(" ± "), "\(text[0])")
        #expect(text[0].range(of: #"a gap of \d+\.\d ± \d+\.\d percentage points"#, options: .regularExpression) != nil, "\(text[0])")
        let same = ComparisonExplainer.explain([ComparisonResult.Row(scenario: "A", file: "a.yaml", study: a),
                                                ComparisonResult.Row(scenario: "A again", file: "a2.yaml", study: a)])
        #expect(same[0].contains("the same figure in every design"), "\(same[0])")
    }

    /// When the most likely choice differs between designs, the explanation names
    /// the choices as the reports do, not by their ids (`status_quo`, `strikes`).
    @Test func choicesAreNamedAsTheReportsNameThem() async throws {
        let s = try minimal()
        let a = try await Study.run(scenario: s, runs: 400, seed: 3, threads: 2)
        var b = a
        let attack = try #require(a.attacks.first)
        b.deterrence?.bestResponse = attack.type
        var noAttack = a
        noAttack.deterrence?.bestResponse = "status_quo"
        let text = ComparisonExplainer.explain([ComparisonResult.Row(scenario: "A", file: "a.yaml", study: noAttack),
                                                ComparisonResult.Row(scenario: "B", file: "b.yaml", study: b)])
        let line = try #require(text.first { $0.hasPrefix("The aggressor's most likely choice changes with the design") }, "\(text)")
        let name = attack.name.isEmpty ? attack.type : attack.name.prefix(1).lowercased() + attack.name.dropFirst()
        #expect(line.contains("no attack (status quo) under A") && line.contains("\(name) under B") && !line.contains("status_quo under"), "\(line)")
    }

    /// A copy of a scenario with one line changed keeps its name: the rows
    /// must still read differently, by file name, then path, then number.
    @Test func rowsThatShareANameAreToldApart() {
        #expect(ComparisonResult.labels(names: ["A", "B"], sources: ["x/a.yaml", "x/b.yaml"]) == ["A", "B"])
        #expect(ComparisonResult.labels(names: ["P", "P", "Q"], sources: ["old.yaml", "dir/new.yaml", "q.yaml"])
                == ["P (old.yaml)", "P (new.yaml)", "Q"])
        #expect(ComparisonResult.labels(names: ["P", "P"], sources: ["a/s.yaml", "b/s.yaml"]) == ["P (a/s.yaml)", "P (b/s.yaml)"])
        #expect(ComparisonResult.labels(names: ["P", "P"], sources: ["s.yaml", "s.yaml"]) == ["P (s.yaml) #1", "P (s.yaml) #2"])
        #expect(ComparisonResult.labels(names: ["P", "P"], sources: ["p@0123456789ab", "p@ba9876543210"])
                == ["P (p@0123456789ab)", "P (p@ba9876543210)"])
    }
}

/// Same scenario, seed and version give the same bits: so a change of the
/// bits must come with a new version. The study below (every part of the
/// engine and of the aggressor's decision) is pinned by its SHA-256 for
/// the current version; when a change moves any bit on purpose, bump
/// `GuarantorVersion.string` and put the new fingerprint here.
@Suite struct VersionFingerprintTests {
    static let fingerprints: [String: String] = [
        "0.2.0": "b5d4c0a220478cabae0ba7c8077ca4c949986556ed1cd1b36f0d779ff811bb0e",
        // 0.2.1: results name the settlement (meta.settlement); below 32 runs the SE of P(deterred) counts batches of one run.
        "0.2.1": "8209462c4d833d7f102491c59b7569fa28ccf7ede44544496b69d37c353dd0cc",
        // 0.2.2: results name the scenario's units (meta.units); every other figure as in 0.2.1.
        "0.2.2": "149bcc25ae935b2deab3029df0f5f2c2a994a041acb8bbaa26851222c2fd6b8c",
    ]

    @Test func theBitsAreThoseOfThisVersion() async throws {
        let s = try ScenarioLoader.load(path: deterrenceRoot + "/scenarios/ukraine-proposed-guarantees.yaml").get()
        var r = try await Study.run(scenario: s, runs: 600, seed: 5, threads: 2)
        r.meta.timing = nil
        let json = try JSONEncoder.sorted.encode(r)
        let fingerprint = SHA256.hex(json)
        let pinned = Self.fingerprints[GuarantorVersion.string]
        #expect(pinned == fingerprint, """
            the study's bits differ from those pinned for version \(GuarantorVersion.string) (\(pinned ?? "none pinned")): \
            a change moved them; bump GuarantorVersion.string and pin \(fingerprint) for the new version
            """)
    }
}

extension JSONEncoder {
    static var sorted: JSONEncoder {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        return e
    }
}
