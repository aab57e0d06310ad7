@testable import CrisisEngine
import GuarantorModel
import ScenarioSpec
import Testing

/// A perceived view whose honour decisions equal the actual ones reuses the
/// actual combat instead of stepping it again: that must change no bit.
@Suite struct ViewReuseTests {
    @Test func reusedCombatEqualsSteppedCombat() throws {
        let scenario: Scenario
        switch ScenarioLoader.load(path: repoRoot + "/scenarios/ukraine-proposed-guarantees.yaml") {
        case .success(let s): scenario = s
        case .failure(let e): throw e
        }
        let plan = CompiledScenario(scenario)
        var reusing = CrisisKernel(plan: plan, seed: 7)
        var stepping = CrisisKernel(plan: plan, seed: 7)
        stepping.reusesIdenticalViews = false
        var a = reusing.makeOutcome(), b = stepping.makeOutcome()
        var reused = 0, differing = 0
        for run in UInt64(0)..<300 {
            reusing.simulate(run: run, into: &a)
            stepping.simulate(run: run, into: &b)
            for k in 0..<plan.attacks.count {
                for (x, y) in [(a.actual[k], b.actual[k]), (a.perceived[k], b.perceived[k])] {
                    #expect(x.objectiveShare.bitPattern == y.objectiveShare.bitPattern)
                    #expect(x.aggressorLosses.bitPattern == y.aggressorLosses.bitPattern)
                    #expect(x.protegeLosses.bitPattern == y.protegeLosses.bitPattern)
                    #expect(x.sanctionsCost.bitPattern == y.sanctionsCost.bitPattern)
                    #expect(x.escalated == y.escalated)
                }
                if reusing.perceivedAsActual[k] { reused += 1 } else { differing += 1 }
            }
            #expect(a.obligationHonoured == b.obligationHonoured)
            #expect(a.guarantorHonoursPerceived == b.guarantorHonoursPerceived)
        }
        // The scenario's perception is uncertain, so both cases occur.
        #expect(reused > 0 && differing > 0, "\(reused) reused, \(differing) stepped")
    }
}

/// The combat loop is built for the baseline CPU, AVX2 and AVX-512, and a
/// study runs the widest this machine has: every build must give the same bits.
@Suite struct VectorPathTests {
    @Test func everyBuildOfTheCombatLoopGivesTheSameBits() throws {
        let scenario: Scenario
        switch ScenarioLoader.load(path: repoRoot + "/scenarios/ukraine-proposed-guarantees.yaml") {
        case .success(let s): scenario = s
        case .failure(let e): throw e
        }
        let plan = CompiledScenario(scenario)
        let paths = VectorPath.runnable
        #expect(paths.first == .baseline)
        var kernels = paths.map { path in
            var k = CrisisKernel(plan: plan, seed: 21)
            k.vectorPath = path
            return k
        }
        var outcomes = kernels.map { $0.makeOutcome() }
        for run in UInt64(0)..<200 {
            for j in kernels.indices { kernels[j].simulate(run: run, into: &outcomes[j]) }
            for j in kernels.indices.dropFirst() {
                for k in 0..<plan.attacks.count {
                    for (x, y) in [(outcomes[0].actual[k], outcomes[j].actual[k]), (outcomes[0].perceived[k], outcomes[j].perceived[k])] {
                        #expect(x.objectiveShare.bitPattern == y.objectiveShare.bitPattern, "\(paths[j]) run \(run)")
                        #expect(x.aggressorLosses.bitPattern == y.aggressorLosses.bitPattern, "\(paths[j]) run \(run)")
                        #expect(x.protegeLosses.bitPattern == y.protegeLosses.bitPattern, "\(paths[j]) run \(run)")
                    }
                }
            }
        }
        // The machine's own path is recorded, so a run on a narrower CPU says it compared less.
        print("combat loop builds compared: \(paths.map(\.rawValue).joined(separator: ", "))")
    }
}
