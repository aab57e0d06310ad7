/// A number a scenario may leave uncertain (MODEL.md section 2).
///
/// Every distribution is sampled by its quantile function or, for beta, by a
/// documented rejection sampler; `quantile` and `cdf` are exact enough for
/// the 5th/95th percentiles of the sensitivity analysis and for the
/// statistical tests of the samplers.
public enum Distribution: Hashable, Sendable, Codable {
    case constant(Double)
    case normal(mean: Double, sd: Double)
    case lognormal(mu: Double, sigma: Double)
    case uniform(lo: Double, hi: Double)
    case triangular(lo: Double, mode: Double, hi: Double)
    case beta(a: Double, b: Double)
    case bernoulli(p: Double)

    /// z such that P(Z <= z) = 0.95 for a standard normal: the "a to b"
    /// convention reads a and b as the 5th and 95th percentiles.
    public static let z95 = 1.6448536269514722

    /// Largest magnitude of a number in a scenario, and of a draw: a draw of a
    /// distribution's far tail beyond ±1e15 (a lognormal can reach infinity) is
    /// clamped to it, which keeps every simulated day, sum and square finite.
    public static let maxMagnitude = 1e15

    /// The `a to b` 90 % interval: lognormal when both ends are positive,
    /// otherwise normal (Squiggle/Guesstimate convention).
    public static func interval(_ a: Double, _ b: Double) -> Distribution {
        if a == b { return .constant(a) }
        if a > 0 && b > 0 {
            let la = Math.log(a), lb = Math.log(b)
            return .lognormal(mu: (la + lb) / 2, sigma: (lb - la) / (2 * z95))
        }
        return .normal(mean: (a + b) / 2, sd: (b - a) / (2 * z95))
    }

    public var isConstant: Bool {
        if case .constant = self { return true }
        return false
    }

    /// Problems with the parameters, in words a user can act on; nil when valid.
    public var parameterProblem: String? { parameterProblem(spelled: Format.message) }

    /// The same, with each parameter spelled by `spelled` (the text the user typed, where known).
    public func parameterProblem(spelled f: (Double) -> String) -> String? {
        func finite(_ xs: Double...) -> Bool { xs.allSatisfy { $0.isFinite } }
        switch self {
        case .constant(let v):
            return finite(v) ? nil : "the value must be a finite number"
        case .normal(let m, let sd):
            if !finite(m, sd) { return "normal parameters must be finite numbers" }
            return sd > 0 ? nil : "normal needs sd > 0 (got \(f(sd)))"
        case .lognormal(let mu, let sigma):
            if !finite(mu, sigma) { return "lognormal parameters must be finite numbers" }
            if mu > 700 { return "lognormal mu must be at most 700 (got \(f(mu)))" }
            return sigma > 0 ? nil : "lognormal needs sigma > 0 (got \(f(sigma)))"
        case .uniform(let lo, let hi):
            if !finite(lo, hi) { return "uniform bounds must be finite numbers" }
            return lo < hi ? nil : "uniform needs lo < hi (got \(f(lo)) and \(f(hi)))"
        case .triangular(let lo, let mode, let hi):
            if !finite(lo, mode, hi) { return "triangular parameters must be finite numbers" }
            if !(lo < hi) { return "triangular needs lo < hi (got \(f(lo)) and \(f(hi)))" }
            return (lo <= mode && mode <= hi) ? nil : "triangular needs lo <= mode <= hi (got mode \(f(mode)))"
        case .beta(let a, let b):
            if !finite(a, b) { return "beta parameters must be finite numbers" }
            return (a > 0 && b > 0) ? nil : "beta needs a > 0 and b > 0 (got \(f(a)) and \(f(b)))"
        case .bernoulli(let p):
            if !finite(p) { return "bernoulli p must be a finite number" }
            return (0...1).contains(p) ? nil : "bernoulli needs p in [0, 1] (got \(f(p)))"
        }
    }

    /// Smallest and largest values the distribution can take.
    public var support: ClosedRange<Double> {
        switch self {
        case .constant(let v): return v...v
        case .normal: return -Double.infinity...Double.infinity
        case .lognormal: return 0...Double.infinity
        case .uniform(let lo, let hi): return lo...hi
        case .triangular(let lo, _, let hi): return lo...hi
        case .beta: return 0...1
        case .bernoulli: return 0...1
        }
    }

    public var mean: Double {
        switch self {
        case .constant(let v): return v
        case .normal(let m, _): return m
        case .lognormal(let mu, let s): return Math.exp(mu + s * s / 2)
        case .uniform(let lo, let hi): return (lo + hi) / 2
        case .triangular(let lo, let mode, let hi): return (lo + mode + hi) / 3
        case .beta(let a, let b): return a / (a + b)
        case .bernoulli(let p): return p
        }
    }

    public var variance: Double {
        switch self {
        case .constant: return 0
        case .normal(_, let sd): return sd * sd
        case .lognormal(let mu, let s): return (Math.exp(s * s) - 1) * Math.exp(2 * mu + s * s)
        case .uniform(let lo, let hi): return (hi - lo) * (hi - lo) / 12
        case .triangular(let a, let c, let b): return (a * a + b * b + c * c - a * b - a * c - b * c) / 18
        case .beta(let a, let b): return a * b / ((a + b) * (a + b) * (a + b + 1))
        case .bernoulli(let p): return p * (1 - p)
        }
    }

    /// The p-quantile, p in [0, 1].
    public func quantile(_ p: Double) -> Double {
        switch self {
        case .constant(let v): return v
        case .normal(let m, let sd): return m + sd * Math.normalQuantile(p)
        case .lognormal(let mu, let s): return Math.exp(mu + s * Math.normalQuantile(p))
        case .uniform(let lo, let hi): return lo + (hi - lo) * p
        case .triangular(let a, let c, let b):
            let fc = (c - a) / (b - a)
            if p < fc { return a + ((b - a) * (c - a) * p).squareRoot() }
            return b - ((b - a) * (b - c) * (1 - p)).squareRoot()
        case .beta(let a, let b): return Math.incompleteBetaInverse(p, a: a, b: b)
        case .bernoulli(let q): return p > 1 - q ? 1 : 0
        }
    }

    /// P(X <= x).
    public func cdf(_ x: Double) -> Double {
        switch self {
        case .constant(let v): return x >= v ? 1 : 0
        case .normal(let m, let sd): return Math.normalCDF((x - m) / sd)
        case .lognormal(let mu, let s): return x <= 0 ? 0 : Math.normalCDF((Math.log(x) - mu) / s)
        case .uniform(let lo, let hi): return min(1, max(0, (x - lo) / (hi - lo)))
        case .triangular(let a, let c, let b):
            if x <= a { return 0 }
            if x >= b { return 1 }
            if x <= c { return (x - a) * (x - a) / ((b - a) * (c - a)) }
            return 1 - (b - x) * (b - x) / ((b - a) * (b - c))
        case .beta(let a, let b): return Math.incompleteBeta(x, a: a, b: b)
        case .bernoulli(let p): return x < 0 ? 0 : (x < 1 ? 1 - p : 1)
        }
    }

    /// The distribution with every value multiplied by `k` (k > 0).
    public func scaled(by k: Double) -> Distribution {
        switch self {
        case .constant(let v): return .constant(v * k)
        case .normal(let m, let sd): return .normal(mean: m * k, sd: sd * k)
        case .lognormal(let mu, let s): return .lognormal(mu: mu + Math.log(k), sigma: s)
        case .uniform(let lo, let hi): return .uniform(lo: lo * k, hi: hi * k)
        case .triangular(let a, let c, let b): return .triangular(lo: a * k, mode: c * k, hi: b * k)
        case .beta, .bernoulli: return self
        }
    }

    /// How the scenario language writes this distribution.
    public var notation: String {
        func f(_ x: Double) -> String { Format.number(x) }
        switch self {
        case .constant(let v): return f(v)
        case .normal(let m, let sd): return "{normal: [\(f(m)), \(f(sd))]}"
        case .lognormal(let mu, let s): return "{lognormal: [\(f(mu)), \(f(s))]}"
        case .uniform(let lo, let hi): return "{uniform: [\(f(lo)), \(f(hi))]}"
        case .triangular(let a, let c, let b): return "{triangular: [\(f(a)), \(f(c)), \(f(b))]}"
        case .beta(let a, let b): return "{beta: [\(f(a)), \(f(b))]}"
        case .bernoulli(let p): return "{bernoulli: \(f(p))}"
        }
    }
}

/// Number formatting shared by every text output: short, locale-free.
public enum Format {
    public static func number(_ x: Double, digits: Int = 4) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        if x == x.rounded() && abs(x) < 1e15 { return String(Int64(x)) }
        let a = abs(x)
        if a >= 1e6 || a < 1e-4 {
            return String(describing: (x * 1).roundedSignificant(digits))
        }
        let s = x.roundedSignificant(digits)
        var text = String(describing: s)
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }

    /// A number in an error or validation message, for a person to read: whole numbers below
    /// 1e15 in full (`1000000`), others with at most `digits` significant digits, as plain
    /// decimals from 1e-4 up to 1e6 (`0.123457`, `12345.7`) and in scientific notation beyond
    /// (`3.75e+28`, `1.5e-07`). `description` printed binary rounding noise
    /// (`3.7499999999999995e+28`); `number` rounded `1.00001` to `1` ("must lie between 0 and 1
    /// (got 1)"). Reports keep `number`, so that their bytes do not change.
    public static func message(_ x: Double) -> String { message(x, digits: 6) }

    public static func message(_ x: Double, digits: Int) -> String { ReadableNumber.text(x, digits: digits) }

    /// Three significant digits, with millions and above scaled: "300 bn", "2.5 M".
    public static func compact(_ x: Double) -> String {
        // The magnitude of the value as shown, not as stored: 999,999,999.9 is "1 bn", not "1000 M".
        let a = abs(x.roundedSignificant(3))
        let (div, suffix): (Double, String) = !a.isFinite || a < 1e6 ? (1, "") : a >= 1e12 ? (1e12, " tn") : a >= 1e9 ? (1e9, " bn") : (1e6, " M")
        return number(x / div, digits: 3) + suffix
    }

    public static func percent(_ x: Double, decimals: Int = 1) -> String {
        fixed(x * 100, decimals: decimals) + "%"
    }

    /// A duration as a clock shows it, in whole seconds: "0:07", "12:30",
    /// "1:02:03"; "--:--" for a negative or non-finite duration (no estimate
    /// yet). For progress bars: the time so far rounded down, as a clock
    /// counts, and the time left rounded up (never "0:00" while work remains).
    public static func clock(seconds: Double, rounding rule: FloatingPointRoundingRule = .up) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "--:--" }
        // Beyond 9,999 hours a progress estimate means nothing: show that many.
        let total = Int64(min(seconds, 9_999 * 3600).rounded(rule))
        let h = total / 3600, m = (total % 3600) / 60, s = total % 60
        func two(_ x: Int64) -> String { x < 10 ? "0\(x)" : "\(x)" }
        return h > 0 ? "\(h):\(two(m)):\(two(s))" : "\(m):\(two(s))"
    }

    /// Fixed decimals without Foundation's locale-dependent formatters.
    public static func fixed(_ x: Double, decimals: Int) -> String {
        if x.isNaN { return "nan" }
        if x.isInfinite { return x > 0 ? "inf" : "-inf" }
        // Whole parts from 1e15 on would not fit the Int64 below (and have no decimals to show).
        if abs(x) >= 1e15 { return number(x) }
        var scale = 1.0
        for _ in 0..<decimals { scale *= 10 }
        let r = (abs(x) * scale).rounded()
        let negative = x < 0 && r != 0
        let whole = (r / scale).rounded(.down)
        let frac = r - whole * scale
        var text = String(Int64(whole))
        if decimals > 0 {
            var fracText = String(Int64(frac))
            while fracText.count < decimals { fracText = "0" + fracText }
            text += "." + fracText
        }
        return negative ? "-" + text : text
    }
}

extension Double {
    func roundedSignificant(_ digits: Int) -> Double {
        if self == 0 || !isFinite { return self }
        let e = Int((Math.log(abs(self)) / Math.log(10)).rounded(.down))
        var scale = 1.0
        let shift = digits - 1 - e
        if shift >= 0 { for _ in 0..<shift { scale *= 10 }; return (self * scale).rounded() / scale }
        for _ in 0..<(-shift) { scale *= 10 }
        return (self / scale).rounded() * scale
    }
}
