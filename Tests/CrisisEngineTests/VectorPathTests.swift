@testable import CrisisEngine
import CombatLoops
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

    /// The input draws' Philox blocks come from the same builds: every lane
    /// of every build must be the stream's own uniforms at that block, and
    /// the central normals it gives (even lanes, and odd lanes from
    /// `oddNormalsFrom` on) the scalar central branch of those uniforms.
    @Test func everyBuildOfPhiloxGivesTheStreamsUniforms() {
        var mix = SplitMix64(seed: 43)
        let lanes = 64
        var blocks = [UInt64](repeating: 0, count: lanes), substreams = [UInt64](repeating: 0, count: lanes)
        var even = [Double](repeating: 0, count: lanes), odd = [Double](repeating: 0, count: lanes)
        var evenZ = [Double](repeating: 0, count: lanes), oddZ = [Double](repeating: 0, count: lanes)
        var runs = [UInt64](repeating: 0, count: lanes)
        for trial in 0..<100 {
            // Half the trials give every lane its own run (as the aggressor types' draws do).
            let seed = mix.next(), run = mix.next() >> UInt64(mix.next() % 64), perLane = trial % 2 == 1
            for i in 0..<lanes {
                blocks[i] = mix.next() % 1000; substreams[i] = mix.next() & 0xFFFF_FFFF
                runs[i] = perLane ? mix.next() >> UInt64(mix.next() % 64) : run
            }
            let oddFrom = Int(mix.next() % UInt64(lanes + 1))
            for path in VectorPath.runnable {
                for i in 0..<lanes { evenZ[i] = .nan; oddZ[i] = .nan }
                blocks.withUnsafeBufferPointer { b in
                substreams.withUnsafeBufferPointer { s in
                runs.withUnsafeBufferPointer { r in
                even.withUnsafeMutableBufferPointer { e in
                odd.withUnsafeMutableBufferPointer { o in
                evenZ.withUnsafeMutableBufferPointer { ez in
                oddZ.withUnsafeMutableBufferPointer { oz in
                    guard let bp = b.baseAddress, let sp = s.baseAddress, let ep = e.baseAddress, let op = o.baseAddress else { return }
                    path.philoxUniforms(PhiloxJob(count: lanes, seed: seed, run: run, runs: perLane ? r.baseAddress : nil,
                                                  blocks: bp, substreams: sp, even: ep, odd: op,
                                                  evenNormals: ez.baseAddress, oddNormals: oz.baseAddress, oddNormalsFrom: oddFrom))
                }}}}}}}
                for i in 0..<lanes {
                    let stream = RandomStream(seed: seed, run: runs[i], substream: UInt32(substreams[i]))
                    let position = 2 * UInt32(blocks[i])
                    #expect(even[i].bitPattern == stream.uniform(at: position).bitPattern, "\(path) lane \(i)")
                    #expect(odd[i].bitPattern == stream.uniform(at: position + 1).bitPattern, "\(path) lane \(i)")
                    func central(_ u: Double) -> Double { Math.normalQuantileCentral(q: SIMD4(repeating: u - 0.5))[0] }
                    #expect(evenZ[i].bitPattern == central(even[i]).bitPattern, "\(path) lane \(i)")
                    if i >= oddFrom { #expect(oddZ[i].bitPattern == central(odd[i]).bitPattern, "\(path) lane \(i)") }
                }
            }
        }
    }
}
