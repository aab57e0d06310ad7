import CrisisEngine
import Foundation
import GuarantorModel
import Testing

/// Each sampler against its exact CDF (Kolmogorov-Smirnov) and its moments,
/// with tolerances derived from the sample size and fixed seeds.
@Suite struct SamplerTests {
    static let n = 20_000

    func draws(_ d: Distribution, seed: UInt64) -> [Double] {
        var s = RandomStream(seed: seed, run: 0, substream: 1)
        return (0..<Self.n).map { _ in Sampler.sample(d, &s) }
    }

    /// KS statistic sup |F_n - F|.
    func ks(_ xs: [Double], _ d: Distribution) -> Double {
        let sorted = xs.sorted()
        let n = Double(sorted.count)
        var dmax = 0.0
        for (i, x) in sorted.enumerated() {
            let f = d.cdf(x)
            dmax = max(dmax, abs(Double(i + 1) / n - f), abs(f - Double(i) / n))
        }
        return dmax
    }

    static let continuous: [Distribution] = [
        .normal(mean: 3, sd: 2), .lognormal(mu: 1, sigma: 0.5), .uniform(lo: -1, hi: 4),
        .triangular(lo: 0, mode: 1, hi: 5), .beta(a: 2, b: 5), .beta(a: 0.5, b: 0.5), .beta(a: 74, b: 74),
        .interval(5, 20), .interval(-2, 6),
    ]

    @Test(arguments: Array(continuous.enumerated()))
    func kolmogorovSmirnov(_ item: (offset: Int, element: Distribution)) {
        let xs = draws(item.element, seed: 100 + UInt64(item.offset))
        // Critical value of the KS statistic at alpha = 0.001: 1.95 / sqrt(n).
        #expect(ks(xs, item.element) < 1.95 / Double(Self.n).squareRoot())
    }

    @Test(arguments: Array(continuous.enumerated()))
    func moments(_ item: (offset: Int, element: Distribution)) {
        let d = item.element
        let xs = draws(d, seed: 200 + UInt64(item.offset))
        let n = Double(xs.count)
        let mean = xs.reduce(0, +) / n
        let variance = xs.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / (n - 1)
        // The sample mean is within 4.5 standard errors of the true mean.
        #expect(abs(mean - d.mean) < 4.5 * (d.variance / n).squareRoot())
        // The sample variance within 15 % (far beyond its sampling error at this n for these shapes).
        #expect(abs(variance / d.variance - 1) < 0.15)
    }

    @Test func bernoulliChiSquare() {
        let p = 0.3
        let xs = draws(.bernoulli(p: p), seed: 300)
        let ones = Double(xs.filter { $0 == 1 }.count), n = Double(xs.count)
        let chi2 = (ones - n * p) * (ones - n * p) / (n * p) + (n - ones - n * (1 - p)) * (n - ones - n * (1 - p)) / (n * (1 - p))
        #expect(chi2 < 10.83)   // chi-square, 1 degree of freedom, alpha = 0.001
        #expect(xs.allSatisfy { $0 == 0 || $0 == 1 })
    }
}

@Suite struct MathTests {
    @Test func expAndLogMatchTheDefinitions() {
        var x = -700.0
        while x < 700 {
            let e = Math.exp(x)
            // log(exp(x)) recovers x to a few ulps
            #expect(abs(Math.log(e) - x) <= 4e-16 * max(1, abs(x)))
            x += 13.37
        }
        #expect(Math.exp(0) == 1)
        // fdlibm's exp is within one ulp of the correctly rounded value
        #expect(abs(Math.exp(1) - 2.718281828459045) <= 2.718281828459045.ulp)
        for y in stride(from: -30.0, to: 30, by: 0.173) {
            #expect(abs(Math.exp(y) - Foundation.exp(y)) <= 2 * Foundation.exp(y).ulp)
        }
        #expect(Math.log(1) == 0)
        #expect(abs(Math.log(10) - 2.302585092994046) < 1e-15)
        #expect(Math.exp(-1000) == 0)
        #expect(Math.exp(1000) == .infinity)
    }

    @Test func simdExpEqualsScalarExpLaneByLane() {
        var x = -700.0
        while x < 700 {
            let v = SIMD2<Double>(x, x + 0.3)
            let e = Math.exp(v)
            for i in 0..<2 { #expect(e[i] == Math.exp(v[i]), "exp(\(v[i]))") }
            let w = SIMD8<Double>(x, x + 0.1, x - 0.2, x + 0.3, x + 0.05, x - 0.4, x + 0.7, x - 0.01)
            let f = Math.exp(w), g = Math.exp(SIMD4<Double>(w[0], w[1], w[2], w[3]))
            for i in 0..<8 { #expect(f[i] == Math.exp(w[i]), "exp(\(w[i]))") }
            for i in 0..<4 { #expect(g[i] == Math.exp(w[i]), "exp(\(w[i]))") }
            x += 0.917
        }
    }

    /// The one-division logistic of the combat loop against the two-division
    /// form (scale / (1 + exp(x))), and its lanes against each other.
    @Test func logisticAgreesWithTheTwoDivisionForm() {
        var worst = 0.0
        var x = -720.0
        while x < 720 {
            let w = SIMD8<Double>(x, x + 0.1, x - 0.2, x + 0.3, x + 0.05, x - 0.4, x + 0.7, x - 0.01)
            let scale = SIMD8<Double>(1, 2.5, 0.3, 7, 1e-3, 40, 0.9, 3)
            let f = Math.logistic(scale: scale, over: w)
            let g = Math.logistic(scale: SIMD4(scale[0], scale[1], scale[2], scale[3]), over: SIMD4(w[0], w[1], w[2], w[3]))
            let h = Math.logistic(scale: SIMD2(scale[0], scale[1]), over: SIMD2(w[0], w[1]))
            for i in 0..<8 {
                let clamped = min(max(w[i], -708), 709)
                let reference = scale[i] / (1 + Math.exp(clamped))
                #expect(f[i] >= 0 && f[i] <= scale[i] * (1 + 1e-15))
                if reference > 1e-300 { worst = max(worst, abs(f[i] - reference) / reference) }
                else { #expect(f[i] < 1e-290) }
            }
            for i in 0..<4 { #expect(g[i].bitPattern == f[i].bitPattern) }
            for i in 0..<2 { #expect(h[i].bitPattern == f[i].bitPattern) }
            x += 0.731
        }
        #expect(worst < 1e-15, "largest relative difference \(worst)")
    }

    @Test func normalQuantileInvertsTheCDF() {
        for p in stride(from: 0.001, to: 1, by: 0.0137) {
            #expect(abs(Math.normalCDF(Math.normalQuantile(p)) - p) < 1e-13)
        }
        #expect(abs(Math.normalQuantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(Math.normalCDF(1.0) - 0.8413447460685429) < 1e-15)
    }

    @Test func incompleteBetaKnownValues() {
        #expect(abs(Math.incompleteBeta(0.5, a: 2, b: 2) - 0.5) < 1e-14)
        #expect(abs(Math.incompleteBeta(0.3, a: 2, b: 5) - 0.579825) < 1e-6)   // 1 - sum of binomial terms
        let q = Math.incompleteBetaInverse(0.9, a: 3, b: 7)
        #expect(abs(Math.incompleteBeta(q, a: 3, b: 7) - 0.9) < 1e-10)
    }

    @Test func intervalIsThe90PercentRange() {
        let d = Distribution.interval(5, 20)
        #expect(abs(d.quantile(0.05) - 5) < 1e-9)
        #expect(abs(d.quantile(0.95) - 20) < 1e-9)
        let n = Distribution.interval(-2, 6)
        #expect(abs(n.quantile(0.05) + 2) < 1e-9)
        #expect(abs(n.quantile(0.95) - 6) < 1e-9)
    }

    /// `firstDraws` (four runs at a time for normal and lognormal draws)
    /// must give, run by run, what a fresh stream's `sample` gives, clamped.
    @Test func firstDrawsEqualOneStreamPerRun() {
        let cases: [(Distribution, Double, Double)] = [
            (.normal(mean: 2, sd: 3), -.infinity, .infinity), (.normal(mean: 0, sd: 1), -0.5, 0.5),
            (.lognormal(mu: 1, sigma: 0.8), 0, .infinity), (.lognormal(mu: 300, sigma: 200), 0, .infinity),
            (.uniform(lo: 1, hi: 4), 1, 4), (.beta(a: 3, b: 5), 0, 1), (.triangular(lo: 0, mode: 1, hi: 5), 0, 5),
        ]
        for (d, lower, upper) in cases {
            for first in [UInt64(0), 7, 0xFFFF_FFFE] {
                let runs = first..<(first + 403)
                let draws = Sampler.firstDraws(d, seed: 77, runs: runs, substream: 0x0004_0003, lower: lower, upper: upper)
                #expect(draws.count == runs.count)
                for (j, run) in runs.enumerated() {
                    var s = RandomStream(seed: 77, run: run, substream: 0x0004_0003)
                    let v = min(upper, max(lower, Sampler.sample(d, &s)))
                    #expect(draws[j].bitPattern == v.bitPattern, "\(d) run \(run)")
                }
            }
        }
    }
}
