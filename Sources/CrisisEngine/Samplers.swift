import CombatLoops
import GuarantorModel

/// Draws from the scenario language's distributions. Normal-based
/// distributions use the inverse CDF (one uniform per draw, so common random
/// numbers line up across scenario variants); beta uses Marsaglia & Tsang's
/// (2000) gamma method on the slot's own substream.
public enum Sampler {
    @inlinable
    public static func standardNormal(_ s: inout RandomStream) -> Double {
        Math.normalQuantile(s.uniform())
    }

    public static func sample(_ d: Distribution, _ s: inout RandomStream) -> Double {
        switch d {
        case .constant(let v): return v
        case .normal(let m, let sd): return m + sd * standardNormal(&s)
        case .lognormal(let mu, let sigma): return Math.exp(mu + sigma * standardNormal(&s))
        case .uniform(let lo, let hi): return lo + (hi - lo) * s.uniform()
        case .triangular: return d.quantile(s.uniform())
        case .beta(let a, let b):
            let x = gamma(a, &s), y = gamma(b, &s)
            return x / (x + y)
        case .bernoulli(let p): return s.uniform() < p ? 1 : 0
        }
    }

    /// Gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 by the boost
    /// Gamma(a) = Gamma(a + 1) * U^(1/a).
    public static func gamma(_ shape: Double, _ s: inout RandomStream) -> Double {
        if shape < 1 {
            let g = gamma(shape + 1, &s)
            return g * Math.exp(Math.log(s.uniform()) / shape)
        }
        let d = shape - 1.0 / 3.0
        let c = 1.0 / (9.0 * d).squareRoot()
        while true {
            var x: Double, v: Double
            repeat {
                x = standardNormal(&s)
                v = 1 + c * x
            } while v <= 0
            v = v * v * v
            let u = s.uniform()
            if u < 1 - 0.0331 * (x * x) * (x * x) { return d * v }
            if Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v)) { return d * v }
        }
    }
}

extension Sampler {
    /// One draw of `d` for each run in `runs`, each from a fresh stream
    /// (seed, run, substream), clamped to [lower, upper]: bit for bit
    /// `min(upper, max(lower, sample(d, &stream)))` run by run. Normal and
    /// lognormal draws, the common case, are made four runs at a time in
    /// vector lanes (the aggressor types of the deterrence model draw
    /// thousands of them a study).
    public static func firstDraws(_ d: Distribution, seed: UInt64, runs: Range<UInt64>, substream: UInt32,
                                  lower: Double, upper: Double) -> [Double] {
        var out = [Double](repeating: 0, count: runs.count)
        var mu = 0.0, sigma = 1.0, logNormal = false
        switch d {
        case .normal(let m, let sd): mu = m; sigma = sd
        case .lognormal(let m, let sd): mu = m; sigma = sd; logNormal = true
        default:
            for (j, run) in runs.enumerated() {
                var s = RandomStream(seed: seed, run: run, substream: substream)
                out[j] = min(upper, max(lower, sample(d, &s)))
            }
            return out
        }
        // Block 0 of each run's stream by the Philox job, eight runs at a time, in chunks of 512 runs.
        let chunk = 512
        var runNumbers = [UInt64](repeating: 0, count: chunk), uniforms = [Double](repeating: 0, count: chunk)
        var unused = [Double](repeating: 0, count: chunk)
        let zeros = [UInt64](repeating: 0, count: chunk), substreams = [UInt64](repeating: UInt64(substream), count: chunk)
        var j = 0
        while j < out.count {
            let n = min(chunk, out.count - j)
            for l in 0..<chunk { runNumbers[l] = runs.lowerBound &+ UInt64(j + l) }
            runNumbers.withUnsafeBufferPointer { r in zeros.withUnsafeBufferPointer { b in substreams.withUnsafeBufferPointer { s in
            uniforms.withUnsafeMutableBufferPointer { u in unused.withUnsafeMutableBufferPointer { o in
                guard let rp = r.baseAddress, let bp = b.baseAddress, let sp = s.baseAddress, let up = u.baseAddress,
                      let op = o.baseAddress else { return }
                VectorPath.selected.philoxUniforms(PhiloxJob(count: (n + 7) / 8 * 8, seed: seed, run: 0, runs: rp, blocks: bp,
                                                             substreams: sp, even: up, odd: op))
            }}}}}
            var k = 0
            while k < n {
                let u = SIMD4<Double>(uniforms[k], uniforms[k + 1], uniforms[k + 2], uniforms[k + 3])
                let v = gaussianLanes(mu: SIMD4(repeating: mu), sigma: SIMD4(repeating: sigma), logMask: logNormal ? 0b1111 : 0,
                                      z: Math.normalQuantileLanes(u))
                for l in 0..<min(4, n - k) { out[j + k + l] = min(upper, max(lower, v[l])) }
                k += 4
            }
            j += n
        }
        return out
    }
}

extension Sampler {
    /// Four normal draws mu + sigma z from standard normals z, exponentiated
    /// in the lanes set in `logMask` (lognormal draws): bit for bit what
    /// `sample` makes of each. The vector `exp` equals the scalar one where
    /// |x| < 690 (2^k needs no rescaling); other lanes take the scalar one.
    @inline(__always)
    static func gaussianLanes(mu: SIMD4<Double>, sigma: SIMD4<Double>, logMask: Int, z: SIMD4<Double>) -> SIMD4<Double> {
        let x = mu + sigma * z
        guard logMask != 0 else { return x }
        let e = Math.exp(x)
        // Lanes chosen by masks, not one by one: a write to one lane of a
        // vector, read back whole, stalls on the store.
        let isLog = SIMD4<Int64>(1, 2, 4, 8) & SIMD4<Int64>(repeating: Int64(logMask)) .!= 0
        let inRange = (x .< 690) .& (x .> -690)
        var v = x.replacing(with: e, where: isLog .& inRange)
        if any(isLog .& .!inRange) {
            for l in 0..<4 where logMask & (1 << l) != 0 && !(abs(x[l]) < 690) { v[l] = Math.exp(x[l]) }
        }
        return v
    }
}
