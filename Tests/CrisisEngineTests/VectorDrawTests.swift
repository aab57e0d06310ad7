import CombatLoops
@testable import CrisisEngine
import GuarantorModel
import ScenarioSpec
import Testing

/// The kernel draws normal and lognormal inputs four at a time; every lane
/// must be the number the one-at-a-time path gives, to the bit.
@Suite struct VectorDrawTests {
    @Test func centralQuantileLanesEqualTheScalarFunction() {
        var mix = SplitMix64(seed: 5)
        for _ in 0..<2000 {
            // p in the central branch (|p - 0.5| <= 0.425), q = p - 0.5 as the scalar function forms it.
            var p = SIMD4<Double>(repeating: 0)
            for l in 0..<4 { p[l] = 0.075 + Double(mix.next() >> 11) * 0x1p-53 * 0.85 }
            let z = Math.normalQuantileCentral(q: p - SIMD4(repeating: 0.5))
            for l in 0..<4 { #expect(z[l].bitPattern == Math.normalQuantile(p[l]).bitPattern) }
        }
    }

    @Test func quantileLanesEqualTheScalarFunction() {
        var mix = SplitMix64(seed: 23)
        for _ in 0..<5000 {
            var p = SIMD4<Double>(repeating: 0)
            for l in 0..<4 { p[l] = (Double(mix.next() >> 11) + 0.5) * 0x1p-53 }
            let z = Math.normalQuantileLanes(p)
            for l in 0..<4 { #expect(z[l].bitPattern == Math.normalQuantile(p[l]).bitPattern, "p = \(p[l])") }
        }
    }

    @Test func kernelInputsEqualOneAtATimeDraws() throws {
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
        var kernel = CrisisKernel(plan: plan, seed: 3)
        var out = kernel.makeOutcome()
        #expect(kernel.gaussianDraws.count > 10, "most inputs are normal or lognormal")
        var mismatches = 0
        for run in UInt64(0)..<200 {
            kernel.simulate(run: run, into: &out)
            for (i, slot) in plan.slots.enumerated() where !slot.distribution.isConstant {
                var s = RandomStream(seed: 3, run: run, substream: Substream.slotBase + UInt32(i))
                let v = min(slot.upper, max(slot.lower, Sampler.sample(slot.distribution, &s)))
                if v.bitPattern != out.inputs[i].bitPattern { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    /// The will stream's normals (even and odd positions, central normals
    /// from the Philox job, tails gathered) are the scalar inverse normal
    /// CDF of the stream's uniforms, run after run.
    @Test func willNormalsEqualOneAtATimeDraws() throws {
        let plan = CompiledScenario(try loadScenario("scenarios/ukraine-proposed-guarantees.yaml"))
        var kernel = CrisisKernel(plan: plan, seed: 5)
        var mismatches = 0
        for run in UInt64(0)..<200 {
            kernel.drawInputs(run: run)
            let stream = RandomStream(seed: 5, run: run, substream: Substream.will)
            for j in 0...(2 * kernel.G) {
                let z = Math.normalQuantile(stream.uniform(at: UInt32(j)))
                if kernel.drawNormals[kernel.willNormalAt[j]].bitPattern != z.bitPattern { mismatches += 1 }
            }
        }
        #expect(mismatches == 0)
    }

    @Test func tailLanesEqualTheScalarFunction() {
        var mix = SplitMix64(seed: 29)
        for _ in 0..<5000 {
            // p in the tails: below 0.075 or above 0.925, some far out (the scalar fallback).
            var p = SIMD4<Double>(repeating: 0)
            for l in 0..<4 {
                let u = (Double(mix.next() >> 11) + 0.5) * 0x1p-53
                let tail = mix.next() % 8 == 0 ? u * 1e-12 : u * 0.075
                p[l] = mix.next() & 1 == 0 ? tail : 1 - tail
            }
            let z = Math.normalQuantileTailLanes(p)
            for l in 0..<4 { #expect(z[l].bitPattern == Math.normalQuantile(p[l]).bitPattern, "p = \(p[l])") }
        }
    }

    @Test func logLanesEqualTheScalarFunction() {
        var mix = SplitMix64(seed: 31)
        for _ in 0..<5000 {
            var x = SIMD4<Double>(repeating: 0)
            for l in 0..<4 {
                // Positive normal numbers over the whole exponent range, and near 1 and sqrt(2).
                let bits = mix.next()
                switch bits % 3 {
                case 0: x[l] = Double(bitPattern: (bits >> 12) | (UInt64(1 + bits % 2045) << 52))
                case 1: x[l] = 1 + (Double(bits >> 11) * 0x1p-53 - 0.5) * 1e-3
                default: x[l] = 1.4142135623730951 + (Double(bits >> 11) * 0x1p-53 - 0.5) * 1e-12
                }
            }
            let y = Math.logLanes(x)
            for l in 0..<4 { #expect(y[l].bitPattern == Math.log(x[l]).bitPattern, "x = \(x[l])") }
        }
    }

    /// Normal and lognormal lanes chosen by mask: each lane is mu + sigma z,
    /// exponentiated (by the scalar exp, to the bit) where its bit is set,
    /// including lanes beyond the vector exp's range (|x| >= 690) and NaN.
    @Test func gaussianLanesEqualOneLaneAtATime() {
        var mix = SplitMix64(seed: 37)
        for trial in 0..<4000 {
            var mu = SIMD4<Double>(repeating: 0), sigma = SIMD4<Double>(repeating: 0), z = SIMD4<Double>(repeating: 0)
            for l in 0..<4 {
                mu[l] = (Double(mix.next() >> 11) * 0x1p-53 - 0.5) * (trial % 4 == 0 ? 3000 : 20)
                sigma[l] = Double(mix.next() >> 11) * 0x1p-53 * 3
                z[l] = (Double(mix.next() >> 11) * 0x1p-53 - 0.5) * 8
            }
            if trial % 50 == 0 { mu[Int(mix.next() % 4)] = .nan }
            let mask = Int(mix.next() % 16)
            let v = Sampler.gaussianLanes(mu: mu, sigma: sigma, logMask: mask, z: z)
            for l in 0..<4 {
                let x = mu[l] + sigma[l] * z[l]
                let expected = mask & (1 << l) != 0 ? Math.exp(x) : x
                #expect(v[l].bitPattern == expected.bitPattern, "x = \(x), mask \(mask)")
            }
        }
    }

    /// Beta slots are drawn four at a time, each gamma's first try in vector
    /// lanes: every lane the vector draw settles must be the one-at-a-time
    /// draw, and small shapes, which the squeeze rejects more often, must
    /// leave some lanes to the scalar path.
    @Test func betaLanesEqualOneAtATimeDraws() {
        var mix = SplitMix64(seed: 37)
        var settledLanes = 0, unsettledLanes = 0
        for _ in 0..<3000 {
            let seed = mix.next(), run = mix.next() >> UInt64(mix.next() % 64)
            var distributions: [Distribution] = []
            for _ in 0..<4 {
                let a = 1 + Double(mix.next() % 1000) / 10, b = 1 + Double(mix.next() % 1000) / 10
                distributions.append(.beta(a: a, b: b))
            }
            let count = 1 + Int(mix.next() % 4)
            let draws = BetaDraws(slots: Array(0..<count)[...], distributions: distributions)
            let (x, settled) = draws.draw(seed: seed, run: run)
            for l in 0..<count {
                var s = RandomStream(seed: seed, run: run, substream: Substream.slotBase + UInt32(l))
                let v = Sampler.sample(distributions[l], &s)
                if settled[l] {
                    settledLanes += 1
                    #expect(x[l].bitPattern == v.bitPattern, "\(distributions[l]), seed \(seed), run \(run)")
                } else {
                    unsettledLanes += 1
                }
            }
        }
        #expect(settledLanes > 5000 && unsettledLanes > 10, "settled \(settledLanes), left to the scalar path \(unsettledLanes)")
    }
}

extension BetaDraws {
    /// The four draws of run `run` at once, as the kernel makes them (which
    /// draws the streams' blocks 0 and 1 in its Philox job, and gathers the
    /// normals' tails of all its draws).
    func draw(seed: UInt64, run: UInt64) -> (SIMD4<Double>, SIMDMask<SIMD4<Int64>>) {
        let blocks: [UInt64] = [0, 0, 0, 0, 1, 1, 1, 1]
        let streams = (0..<8).map { UInt64(Substream.slotBase + UInt32(slots[$0 % 4])) }
        var even = [Double](repeating: 0, count: 8), odd = [Double](repeating: 0, count: 8)
        blocks.withUnsafeBufferPointer { b in streams.withUnsafeBufferPointer { s in
        even.withUnsafeMutableBufferPointer { e in odd.withUnsafeMutableBufferPointer { o in
            guard let bp = b.baseAddress, let sp = s.baseAddress, let ep = e.baseAddress, let op = o.baseAddress else { return }
            VectorPath.selected.philoxUniforms(PhiloxJob(count: 8, seed: seed, run: run, blocks: bp, substreams: sp, even: ep, odd: op))
        }}}}
        func four(_ a: [Double], _ first: Int) -> SIMD4<Double> { SIMD4(a[first], a[first + 1], a[first + 2], a[first + 3]) }
        return settle(x: Math.normalQuantileLanes(four(even, 0)), y: Math.normalQuantileLanes(four(even, 4)),
                      uX: four(odd, 0), uY: four(odd, 4))
    }
}
