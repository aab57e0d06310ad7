@testable import CrisisEngine
import GuarantorModel
import Testing

/// The combat loop is built for the baseline CPU, AVX2 and AVX-512, and a
/// study runs the widest this machine has: every build must give the same bits.
@Suite struct VectorPathTests {
    @Test func everyBuildOfTheCombatLoopGivesTheSameBits() throws {
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
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
