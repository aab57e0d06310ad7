import Foundation
@testable import CrisisEngine
import GuarantorModel
import ScenarioSpec
import Testing

/// `simulate(runs:outcomes:_:)` queues each run's ground simulations and
/// steps them eight lanes at a time with other runs' lanes, handing runs over
/// as their combat is done. Every run must come out exactly once, with the
/// bits it has when simulated alone (its lanes then share a batch with no
/// other run's), whatever runs it shares batches with.
@Suite struct LaneQueueTests {
    static func expectSameBits(_ a: RunOutcome, _ b: RunOutcome, _ note: String) {
        for k in a.actual.indices {
            for (x, y) in [(a.actual[k], b.actual[k]), (a.perceived[k], b.perceived[k])] {
                #expect(x.objectiveShare.bitPattern == y.objectiveShare.bitPattern, "\(note) attack \(k)")
                #expect(x.aggressorLosses.bitPattern == y.aggressorLosses.bitPattern, "\(note) attack \(k)")
                #expect(x.protegeLosses.bitPattern == y.protegeLosses.bitPattern, "\(note) attack \(k)")
                #expect(x.sanctionsCost.bitPattern == y.sanctionsCost.bitPattern, "\(note) attack \(k)")
                #expect(x.escalated == y.escalated, "\(note) attack \(k)")
            }
        }
        #expect(a.obligationHonoured == b.obligationHonoured, "\(note)")
        #expect(a.obligationStartDay == b.obligationStartDay, "\(note)")
        #expect(a.obligationAidRate.map(\.bitPattern) == b.obligationAidRate.map(\.bitPattern), "\(note)")
        #expect(a.obligationEndDay == b.obligationEndDay, "\(note)")
        #expect(a.obligationRate.map(\.bitPattern) == b.obligationRate.map(\.bitPattern), "\(note)")
        #expect(a.guarantorActive == b.guarantorActive, "\(note)")
        #expect(a.guarantorHonours == b.guarantorHonours && a.guarantorHonoursPerceived == b.guarantorHonoursPerceived, "\(note)")
        #expect(a.inputs.map(\.bitPattern) == b.inputs.map(\.bitPattern), "\(note)")
        #expect(a.perception.bitPattern == b.perception.bitPattern, "\(note)")
    }

    @Test(arguments: ["scenarios/ukraine-proposed-guarantees.yaml", "scenarios/nato-article5.yaml",
                      "Tests/ScenarioSpecTests/Cases/minimal.yaml"])
    func queuedRunsEqualRunsAlone(_ path: String) throws {
        let plan = CompiledScenario(try loadScenario(path))
        var alone = CrisisKernel(plan: plan, seed: 21)
        var single = alone.makeOutcome()
        var expected: [RunOutcome] = []
        for run in UInt64(0)..<240 {
            alone.simulate(run: run, into: &single)
            expected.append(single)
        }
        // The same runs in uneven ranges, so that batches mix runs differently.
        var queued = CrisisKernel(plan: plan, seed: 21)
        var slots = queued.makeOutcomeSlots()
        var seen = [Int](repeating: 0, count: expected.count)
        for range in [UInt64(0)..<1, 1..<38, 38..<39, 39..<140, 140..<240] {
            queued.simulate(runs: range, outcomes: &slots) { run, outcome in
                seen[Int(run)] += 1
                Self.expectSameBits(outcome, expected[Int(run)], "\(path) run \(run)")
            }
            #expect(queued.queued == 0, "a range leaves no lane queued")
        }
        #expect(seen.allSatisfy { $0 == 1 }, "every run exactly once")
    }

    /// An independent, plain day-by-day account of each ground attack's
    /// actual view (MODEL.md 3.6), from the run's decisions and timelines,
    /// against the kernel's: the run's events, its segment record and the
    /// lane mapping stand between the two. (The runs here are simulated
    /// alone; `queuedRunsEqualRunsAlone` checks that runs sharing batches,
    /// records merged, give the same bits.)
    /// Equal to 1e-9 relative (the kernel adds and removes flows event by
    /// event, this sums each day's afresh).
    @Test(arguments: ["scenarios/ukraine-proposed-guarantees.yaml", "scenarios/nato-article5.yaml"])
    func queuedCombatEqualsAPlainDailyAccount(_ path: String) throws {
        let plan = CompiledScenario(try loadScenario(path))
        let p = plan.parameters
        var kernel = CrisisKernel(plan: plan, seed: 5)
        var out = kernel.makeOutcome()
        var compared = 0, intelligenceDays = 0
        func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-9 * max(1, abs(a), abs(b)) }
        for run in UInt64(0)..<150 {
            kernel.simulate(run: run, into: &out)
            let inputs = kernel.inputs, H = kernel.H, N = kernel.N
            for k in plan.attacks.indices where plan.attacks[k].isGround {
                // The actual view's flows in lane 0, as the kernel decided them.
                kernel.decide(attack: k, perceived: false, lane: 0)
                kernel.prepareLane(0, attack: k)
                let honoured = (0..<N).map { kernel.decision[2 * k * N + $0] }
                let attack = plan.attacks[k]
                let mobilisation = inputs[plan.protegeMobilisation]
                let depth = max(1e-9, inputs[plan.objectiveDepth] + plan.depthAdjustmentKm)
                let share = inputs[attack.forceShare]
                let a0 = inputs[plan.aggressorPower] * share, reinforcement = inputs[plan.aggressorReinforcement] * share
                let d0 = inputs[plan.protegePower] + mobilisation * inputs[plan.warningDays] + kernel.laneStationed[0]
                let target = inputs[attack.objectiveShare] * depth, maxAdvance = inputs[attack.maxAdvance]
                let pl = inputs[plan.protegeLethality], al = inputs[plan.aggressorLethality]
                var A = a0, D = d0, x = 0.0, inflowTotal = 0.0, sanctions = 0.0
                for t in 0..<H {
                    var inflow = mobilisation, intel = 1.0
                    for i in 0..<N where honoured[i] && kernel.startDay[i] <= t && t < kernel.endDay[i] {
                        inflow += kernel.laneDPower[i * CrisisKernel.maxLanes]
                        sanctions += kernel.laneDSanctions[i * CrisisKernel.maxLanes]
                        if kernel.obKind[i] == .intelligenceSharing { intel = max(intel, kernel.effect[i]) }
                    }
                    if intel > 1 { intelligenceDays += 1 }
                    inflowTotal += inflow
                    let dEff = D * intel
                    let la = min(A, pl * dEff), ld = min(D, al * A)
                    A = A + reinforcement - la
                    D = D + inflow - ld
                    let ratio = A / max(dEff, 1e-9)
                    let step = maxAdvance / (1 + Foundation.exp(-p.advanceSteepness * (ratio - p.advanceRatio)))
                    x = min(target, x + step)
                }
                let c = out.actual[k]
                let note = "\(path) run \(run) attack \(k)"
                #expect(close(c.objectiveShare, x / depth), "\(note): share \(c.objectiveShare) against \(x / depth)")
                #expect(close(c.aggressorLosses, a0 + reinforcement * Double(H) - A), "\(note): aggressor losses")
                #expect(close(c.protegeLosses, d0 + inflowTotal - D), "\(note): protégé losses")
                #expect(close(c.sanctionsCost, sanctions), "\(note): sanctions \(c.sanctionsCost) against \(sanctions)")
                compared += 1
            }
        }
        #expect(compared >= 150)
        #expect(intelligenceDays > 0, "intelligence sharing is in force on some days, so its lanes are checked too")
    }
}
