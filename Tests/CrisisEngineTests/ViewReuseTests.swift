@testable import CrisisEngine
import GuarantorModel
import ScenarioSpec
import Testing

/// A perceived view whose honour decisions equal the actual ones reuses the
/// actual combat instead of stepping it again: that must change no bit.
@Suite struct ViewReuseTests {
    @Test func reusedCombatEqualsSteppedCombat() throws {
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
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
