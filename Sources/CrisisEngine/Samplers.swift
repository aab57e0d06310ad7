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
