import CrisisEngine
import GuarantorModel
import ScenarioSpec
import Testing

/// The repository root, found from this file's path.
let repoRoot: String = {
    var parts = #filePath.split(separator: "/").map(String.init)
    while !parts.isEmpty {
        parts.removeLast()
        let candidate = "/" + parts.joined(separator: "/")
        if FileExistsProbe.exists(candidate + "/Package.swift") { return candidate }
    }
    return "."
}()

enum FileExistsProbe {
    static func exists(_ path: String) -> Bool { LocalFiles.read(path).isSuccess }
}

extension Result {
    var isSuccess: Bool { if case .success = self { return true } else { return false } }
}

/// A scenario of the repository, by its path from the root.
func loadScenario(_ path: String) throws -> Scenario {
    switch ScenarioLoader.load(path: repoRoot + "/" + path) {
    case .success(let s): return s
    case .failure(let e): throw e
    }
}

func loadCase(_ name: String) throws -> Scenario {
    switch ScenarioLoader.load(path: repoRoot + "/Tests/ScenarioSpecTests/Cases/" + name) {
    case .success(let s): return s
    case .failure(let e): throw e
    }
}

/// A one-guarantor scenario with every multiplier at 1, for checking the model's promises.
func loneGuarantor(honour: Double, form: LegalForm = .ratifiedTreaty, trigger: Trigger = .automatic,
                   durationYears: Double? = nil, signed: String = "2025-01-01", attackAfter: Distribution = .constant(1),
                   latency: Distribution = .constant(10), runs: Int = 4000) -> Scenario {
    let date = { (s: String) in CalendarDate(iso: s) ?? CalendarDate(dayNumber: 0) }
    var p = ModelParameters.defaults
    p.formMultiplier = [.ratifiedTreaty: 1, .executiveAgreement: 1, .politicalDeclaration: 1]
    p.triggerMultiplier = [.automatic: 1, .consult: 1, .discretionary: 1]
    p.commitmentCost = Dictionary(uniqueKeysWithValues: CommitmentKind.allCases.map { ($0, 1.0) })
    p.consultDeliberationDays = .constant(3)
    let attack = AttackType(id: "invasion", kind: .fullInvasion, name: "Invasion", forceShare: .constant(0.9),
                            objectiveShare: .constant(1), maxAdvanceKmPerDay: .constant(3), strikeRatePerDay: .constant(0),
                            coverFactor: .constant(1), entryCost: .constant(0))
    return Scenario(
        name: "lone guarantor", currency: "EUR", powerUnit: "index", start: date("2026-01-01"),
        attackAfterYears: attackAfter, horizonDays: 120, runs: runs, seed: 11,
        protege: Protege(id: "P", name: "P", combatPower: .constant(100), mobilisationPerDay: .constant(0.2), lethality: .constant(0.01)),
        aggressor: Aggressor(id: "A", name: "A", combatPower: .constant(200), reinforcementPerDay: .constant(0.5), lethality: .constant(0.008),
                             valuation: Valuation(objectiveValue: .constant(100), lossCost: .constant(0.1), sanctionsCost: .constant(0.001), escalationCost: .constant(100)),
                             perception: .constant(1)),
        guarantors: [Guarantor(id: "G", name: "G", honour: .probability(.constant(honour)))],
        agreements: [Agreement(id: "pact", name: "pact", guarantors: ["G"], form: form, signed: date(signed), durationYears: durationYears,
                               trigger: trigger, covers: ["invasion"],
                               commitments: [Commitment(kind: .armsDeliveries, sizePerMonth: .constant(5), latencyDays: latency)])],
        settlement: Settlement(kind: .lineOfContact, name: "freeze", warningDays: .constant(5), objectiveDepthKm: .constant(150)),
        attacks: [attack], parameters: p)
}

func accumulate(_ s: Scenario, runs: Int64? = nil, threads: Int = 1, seed: UInt64? = nil) async throws -> StudyAccumulator {
    let plan = CompiledScenario(s)
    return try await StudyRunner.accumulate(plan: plan, seed: seed ?? s.seed, runs: 0..<(runs ?? Int64(s.runs)), threads: threads)
}
