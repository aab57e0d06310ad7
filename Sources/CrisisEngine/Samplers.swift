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
        let low32 = SIMD4<UInt64>(repeating: 0xFFFF_FFFF)
        var j = 0
        while j < out.count {
            let first = runs.lowerBound + UInt64(j)
            let r = SIMD4<UInt64>(first, first &+ 1, first &+ 2, first &+ 3)
            let c = RandomStream.philoxLanes(counter: (SIMD4(repeating: 0), SIMD4(repeating: UInt64(substream)), r & low32, r &>> 32),
                                             seed: seed)
            let x = SIMD4<Double>(repeating: mu) + SIMD4<Double>(repeating: sigma) * Math.normalQuantileLanes(RandomStream.uniformLanes(high: c.0, low: c.1))
            let e = logNormal ? Math.exp(x) : x
            for l in 0..<min(4, out.count - j) {
                var v = x[l]
                // The vector exp equals the scalar one where |x| < 690 (2^k needs no rescaling).
                if logNormal { v = abs(v) < 690 ? e[l] : Math.exp(v) }
                out[j + l] = min(upper, max(lower, v))
            }
            j += 4
        }
        return out
    }
}
