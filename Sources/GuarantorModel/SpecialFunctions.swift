// The project's own elementary functions. Results are bit-identical on every
// platform because they use only IEEE-754 +, -, *, / and sqrt (correctly
// rounded everywhere), never the platform's libm.

public enum Math {
    static let ln2Hi = 6.93147180369123816490e-01
    static let ln2Lo = 1.90821492927058770002e-10
    static let invLn2 = 1.44269504088896338700e+00

    /// x rounded to the nearest integer, ties to even, for |x| < 2^51: adding
    /// and subtracting 1.5 x 2^52 leaves no fraction bits, so the sum rounds
    /// exactly as `rounded(.toNearestOrEven)` does, without a call to rint.
    @inlinable @inline(__always)
    public static func nearestInteger(_ x: Double) -> Double {
        (x + 6755399441055744.0) - 6755399441055744.0
    }

    /// exp(x), relative error below 2 ulp on the range used here. Overflow
    /// gives +inf, underflow 0, NaN stays NaN.
    @inlinable @inline(__always)
    public static func exp(_ x: Double) -> Double {
        if !(x > -708.3) { return x.isNaN ? x : 0 }
        if x > 709.7 { return .infinity }
        // x = k ln2 + r, |r| <= ln2 / 2
        // |x / ln2| < 1100 here, well inside `nearestInteger`'s range.
        let kf = nearestInteger(x * 1.44269504088896338700e+00)
        let hi = x - kf * 6.93147180369123816490e-01
        let lo = kf * 1.90821492927058770002e-10
        let r = hi - lo
        // fdlibm's rational approximation of exp on [-ln2/2, ln2/2]
        let t = r * r
        let c = r - t * (1.66666666666666019037e-01 + t * (-2.77777777770155933842e-03 + t * (6.61375632143793436117e-05 + t * (-1.65339022054652515390e-06 + t * 4.13813679705723846039e-08))))
        let y = 1.0 - ((lo - (r * c) / (2.0 - c)) - hi)
        return scale(y, by: Int(kf))
    }

    /// y * 2^k without libm (ldexp), handling subnormal results.
    @inlinable @inline(__always)
    public static func scale(_ y: Double, by k: Int) -> Double {
        if k > 1000 { return y * 0x1p1000 * Double(bitPattern: UInt64(k - 1000 + 1023) << 52) }
        if k < -1000 { return y * 0x1p-1000 * Double(bitPattern: UInt64(k + 1000 + 1023) << 52) }
        return y * Double(bitPattern: UInt64(k + 1023) << 52)
    }

    /// Natural logarithm (fdlibm algorithm). log(0) = -inf, log(x<0) = NaN.
    public static func log(_ x: Double) -> Double {
        if x.isNaN || x < 0 { return .nan }
        if x == 0 { return -.infinity }
        if x.isInfinite { return x }
        var m = x.significand          // in [1, 2)
        var k = Double(x.exponent)
        if m > 1.4142135623730951 { m *= 0.5; k += 1 }
        let f = m - 1.0
        let s = f / (2.0 + f)
        let z = s * s
        let w = z * z
        let t1 = w * (3.999999999940941908e-01 + w * (2.222219843214978396e-01 + w * 1.531383769920937332e-01))
        let t2 = z * (6.666666666666735130e-01 + w * (2.857142874366239149e-01 + w * (1.818357216161805012e-01 + w * 1.479819860511658591e-01)))
        let R = t2 + t1
        let hfsq = 0.5 * f * f
        return k * ln2Hi - ((hfsq - (s * (hfsq + R) + k * ln2Lo)) - f)
    }

    public static func pow(_ x: Double, _ y: Double) -> Double {
        if y == 0 { return 1 }
        if x == 0 { return y > 0 ? 0 : .infinity }
        if x < 0 {
            // integral exponents only
            guard y == y.rounded() else { return .nan }
            let v = exp(y * log(-x))
            return Int(y) % 2 == 0 ? v : -v
        }
        return exp(y * log(x))
    }

    /// Complementary error function (W. J. Cody's rational approximations, as
    /// in fdlibm), using this file's exp.
    public static func erfc(_ x: Double) -> Double {
        if x.isNaN { return x }
        let ax = abs(x)
        if ax < 0.84375 { return 1 - erf(x) }
        if ax < 1.25 {
            let s = ax - 1
            let P = -2.36211856075265944077e-03 + s * (4.14856118683748331666e-01 + s * (-3.72207876035701323847e-01 + s * (3.18346619901161753674e-01 + s * (-1.10894694282396677476e-01 + s * (3.54783043256182359371e-02 + s * -2.16637559486879084300e-03)))))
            let Q = 1 + s * (1.06420880400844228286e-01 + s * (5.40397917702171048937e-01 + s * (7.18286544141962662868e-02 + s * (1.26171219808761642112e-01 + s * (1.36370839120290507362e-02 + s * 1.19844998467991074170e-02)))))
            let erx = 8.45062911510467529297e-01
            return x >= 0 ? 1 - erx - P / Q : 1 + erx + P / Q
        }
        if ax >= 28 { return x > 0 ? 0 : 2 }
        let s = 1 / (ax * ax)
        var R: Double, S: Double
        if ax < 1 / 0.35 {
            R = -9.86494403484714822705e-03 + s * (-6.93858572707181764372e-01 + s * (-1.05586262253232909814e+01 + s * (-6.23753324503260060396e+01 + s * (-1.62396669462573470355e+02 + s * (-1.84605092906711035994e+02 + s * (-8.12874355063065934246e+01 + s * -9.81432934416914548592e+00))))))
            S = 1 + s * (1.96512716674392571292e+01 + s * (1.37657754143519042600e+02 + s * (4.34565877475229228821e+02 + s * (6.45387271733267880336e+02 + s * (4.29008140027567833386e+02 + s * (1.08635005541779435134e+02 + s * (6.57024977031928170135e+00 + s * -6.04244152148580987438e-02)))))))
        } else {
            R = -9.86494292470009928597e-03 + s * (-7.99283237680523006574e-01 + s * (-1.77579549177547519889e+01 + s * (-1.60636384855821916062e+02 + s * (-6.37566443368389627722e+02 + s * (-1.02509513161107724954e+03 + s * -4.83519191608651397019e+02)))))
            S = 1 + s * (3.03380607434824582924e+01 + s * (3.25792512996573918826e+02 + s * (1.53672958608443695994e+03 + s * (3.19985821950859553908e+03 + s * (2.55305040643316442583e+03 + s * (4.74528541206955367215e+02 + s * -2.24409524465858183362e+01))))))
        }
        // z = ax rounded to 32 significant bits, as fdlibm does
        let z = Double(bitPattern: ax.bitPattern & 0xffff_ffff_0000_0000)
        let r = exp(-z * z - 0.5625) * exp((z - ax) * (z + ax) + R / S)
        return x > 0 ? r / ax : 2 - r / ax
    }

    public static func erf(_ x: Double) -> Double {
        if x.isNaN { return x }
        let ax = abs(x)
        if ax < 0.84375 {
            if ax < 0x1p-28 { return x + 1.28379167095512586316e-01 * x }
            let z = x * x
            let r = 1.28379167095512558561e-01 + z * (-3.25042107247001499370e-01 + z * (-2.84817495755985104766e-02 + z * (-5.77027029648944159157e-03 + z * -2.37630166566501626084e-05)))
            let s = 1 + z * (3.97917223959155352819e-01 + z * (6.50222499887672944485e-02 + z * (5.08130628187576562776e-03 + z * (1.32494738004321644526e-04 + z * -3.96022827877536812320e-06))))
            return x + x * (r / s)
        }
        return x >= 0 ? 1 - erfc(x) : erfc(-x) - 1
    }

    /// Standard normal CDF.
    public static func normalCDF(_ x: Double) -> Double {
        0.5 * erfc(-x * 0.70710678118654752440)
    }

    /// Standard normal quantile (Wichura 1988, AS241, PPND16; relative
    /// accuracy about 1e-16). p outside (0, 1) gives -inf / +inf / NaN.
    public static func normalQuantile(_ p: Double) -> Double {
        if p.isNaN || p < 0 || p > 1 { return .nan }
        if p == 0 { return -.infinity }
        if p == 1 { return .infinity }
        let q = p - 0.5
        if abs(q) <= 0.425 {
            let r = 0.180625 - q * q
            let num = (((((((2509.0809287301226727 * r + 33430.575583588128105) * r + 67265.770927008700853) * r + 45921.953931549871457) * r + 13731.693765509461125) * r + 1971.5909503065514427) * r + 133.14166789178437745) * r + 3.387132872796366608)
            let den = (((((((5226.495278852545925 * r + 28729.085735721942674) * r + 39307.89580009271061) * r + 21213.794301586595867) * r + 5394.1960214247511077) * r + 687.1870074920579083) * r + 42.313330701600911252) * r + 1.0)
            return q * num / den
        }
        var r = q < 0 ? p : 1 - p
        r = (-log(r)).squareRoot()
        var val: Double
        if r <= 5 {
            r -= 1.6
            val = (((((((7.7454501427834140764e-4 * r + 0.0227238449892691845833) * r + 0.24178072517745061177) * r + 1.27045825245236838258) * r + 3.64784832476320460504) * r + 5.7694972214606914055) * r + 4.6303378461565452959) * r + 1.42343711074968357734)
                / (((((((1.05075007164441684324e-9 * r + 5.475938084995344946e-4) * r + 0.0151986665636164571966) * r + 0.14810397642748007459) * r + 0.68976733498510000455) * r + 1.6763848301838038494) * r + 2.05319162663775882187) * r + 1.0)
        } else {
            r -= 5
            val = (((((((2.01033439929228813265e-7 * r + 2.71155556874348757815e-5) * r + 0.0012426609473880784386) * r + 0.026532189526576123093) * r + 0.29656057182850489123) * r + 1.7848265399172913358) * r + 5.4637849111641143699) * r + 6.6579046435011037772)
                / (((((((2.04426310338993978564e-15 * r + 1.4215117583164458887e-7) * r + 1.8463183175100546818e-5) * r + 7.868691311456132591e-4) * r + 0.0148753612908506148525) * r + 0.13692988092273580531) * r + 0.59983220655588793769) * r + 1.0)
        }
        return q < 0 ? -val : val
    }

    /// The central branch of `normalQuantile` in vector lanes: lane i is
    /// bit-identical to `normalQuantile(0.5 + q[i])` where |q[i]| <= 0.425
    /// (the same operations in the same order); other lanes are meaningless
    /// and the caller computes them with the scalar function.
    @inlinable @inline(__always)
    public static func normalQuantileCentral<V: DoubleLanes>(q: V) -> V {
        let r: V = V(repeating: 0.180625) - q * q
        var num: V = r * 2509.0809287301226727 + 33430.575583588128105
        num = num * r + 67265.770927008700853
        num = num * r + 45921.953931549871457
        num = num * r + 13731.693765509461125
        num = num * r + 1971.5909503065514427
        num = num * r + 133.14166789178437745
        num = num * r + 3.387132872796366608
        var den: V = r * 5226.495278852545925 + 28729.085735721942674
        den = den * r + 39307.89580009271061
        den = den * r + 21213.794301586595867
        den = den * r + 5394.1960214247511077
        den = den * r + 687.1870074920579083
        den = den * r + 42.313330701600911252
        den = den * r + 1.0
        return q * num / den
    }

    /// `normalQuantile` of four uniforms in (0, 1), bit for bit: the central
    /// branch in vector lanes, the tails (|p - 0.5| > 0.425, about 15 % of
    /// lanes) by the scalar function.
    @inlinable @inline(__always)
    public static func normalQuantileLanes(_ p: SIMD4<Double>) -> SIMD4<Double> {
        let q = p - SIMD4<Double>(repeating: 0.5)
        var z = normalQuantileCentral(q: q)
        for l in 0..<4 where abs(q[l]) > 0.425 { z[l] = normalQuantile(p[l]) }
        return z
    }

    /// `normalQuantile` of four uniforms in its tails (|p - 0.5| > 0.425 in
    /// every lane), bit for bit: the log, square root and rational function
    /// in vector lanes (the same operations in the same order), the far
    /// tails (p or 1 - p below about 1.4e-11) by the scalar function. The
    /// kernel gathers the tail lanes of its draws here four at a time.
    @inlinable @inline(__always)
    public static func normalQuantileTailLanes(_ p: SIMD4<Double>) -> SIMD4<Double> {
        let q = p - SIMD4<Double>(repeating: 0.5)
        let lower = q .< SIMD4<Double>(repeating: 0)
        var r = (SIMD4<Double>(repeating: 1) - p).replacing(with: p, where: lower)
        r = (-logLanes(r)).squareRoot()
        let t = r - SIMD4<Double>(repeating: 1.6)
        var num = t * 7.7454501427834140764e-4 + 0.0227238449892691845833
        num = num * t + 0.24178072517745061177
        num = num * t + 1.27045825245236838258
        num = num * t + 3.64784832476320460504
        num = num * t + 5.7694972214606914055
        num = num * t + 4.6303378461565452959
        num = num * t + 1.42343711074968357734
        var den = t * 1.05075007164441684324e-9 + 5.475938084995344946e-4
        den = den * t + 0.0151986665636164571966
        den = den * t + 0.14810397642748007459
        den = den * t + 0.68976733498510000455
        den = den * t + 1.6763848301838038494
        den = den * t + 2.05319162663775882187
        den = den * t + 1.0
        let val = num / den
        var z = val.replacing(with: -val, where: lower)
        for l in 0..<4 where !(r[l] <= 5) { z[l] = normalQuantile(p[l]) }
        return z
    }

    /// `log` of four positive, normal, finite numbers, bit for bit: the
    /// significand and exponent taken from the bits, then the same
    /// operations in the same order.
    @inlinable @inline(__always)
    public static func logLanes(_ x: SIMD4<Double>) -> SIMD4<Double> {
        let bits = unsafeBitCast(x, to: SIMD4<UInt64>.self)
        var m = unsafeBitCast((bits & SIMD4(repeating: 0x000F_FFFF_FFFF_FFFF)) | SIMD4(repeating: 0x3FF0_0000_0000_0000),
                              to: SIMD4<Double>.self)
        // The biased exponent (below 2^11) under 2^52's bits is 2^52 plus it, exactly; less 2^52 + 1023, the exponent.
        var k = unsafeBitCast((bits &>> 52) | SIMD4(repeating: 0x4330_0000_0000_0000), to: SIMD4<Double>.self)
            - SIMD4<Double>(repeating: 0x1p52 + 1023)
        let big = m .> SIMD4<Double>(repeating: 1.4142135623730951)
        m = m.replacing(with: m * 0.5, where: big)
        k = k.replacing(with: k + 1, where: big)
        let f = m - SIMD4<Double>(repeating: 1.0)
        let s = f / (SIMD4<Double>(repeating: 2.0) + f)
        let z = s * s
        let w = z * z
        let t1 = w * ((w * ((w * 1.531383769920937332e-01) + 2.222219843214978396e-01)) + 3.999999999940941908e-01)
        let t2 = z * ((w * ((w * ((w * 1.479819860511658591e-01) + 1.818357216161805012e-01)) + 2.857142874366239149e-01))
            + 6.666666666666735130e-01)
        let R = t2 + t1
        let hfsq = SIMD4<Double>(repeating: 0.5) * f * f
        return k * 6.93147180369123816490e-01 - ((hfsq - (s * (hfsq + R) + k * 1.90821492927058770002e-10)) - f)
    }

    /// log Gamma for x > 0 (Lanczos, g = 7, n = 9).
    public static func logGamma(_ x: Double) -> Double {
        if x < 0.5 {
            // reflection: only needed for x in (0, 0.5)
            return log(Double.pi / abs(sinPi(x))) - logGamma(1 - x)
        }
        let g = 7.0
        let c: [Double] = [0.99999999999980993, 676.5203681218851, -1259.1392167224028,
                           771.32342877765313, -176.61502916214059, 12.507343278686905,
                           -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7]
        let xx = x - 1
        var a = c[0]
        let t = xx + g + 0.5
        for i in 1..<9 { a += c[i] / (xx + Double(i)) }
        return 0.5 * log(2 * Double.pi) + (xx + 0.5) * log(t) - t + log(a)
    }

    /// sin(pi x) for the reflection formula, by a Taylor series on a reduced
    /// argument (only used off the hot path).
    static func sinPi(_ x: Double) -> Double {
        var y = x - 2 * (x / 2).rounded(.down)     // [0, 2)
        var sign = 1.0
        if y >= 1 { y -= 1; sign = -1 }
        if y > 0.5 { y = 1 - y }
        let z = Double.pi * y
        let z2 = z * z
        var term = z, sum = z
        for n in 1...12 {
            term *= -z2 / Double((2 * n) * (2 * n + 1))
            sum += term
        }
        return sign * sum
    }

    /// Regularised incomplete beta I_x(a, b) (continued fraction, Numerical
    /// Recipes' betacf, modified Lentz).
    public static func incompleteBeta(_ x: Double, a: Double, b: Double) -> Double {
        if x <= 0 { return 0 }
        if x >= 1 { return 1 }
        let lbt = logGamma(a + b) - logGamma(a) - logGamma(b) + a * log(x) + b * log(1 - x)
        let bt = exp(lbt)
        if x < (a + 1) / (a + b + 2) {
            return bt * betaContinuedFraction(x, a, b) / a
        }
        return 1 - bt * betaContinuedFraction(1 - x, b, a) / b
    }

    static func betaContinuedFraction(_ x: Double, _ a: Double, _ b: Double) -> Double {
        let tiny = 1e-300
        let qab = a + b, qap = a + 1, qam = a - 1
        var c = 1.0
        var d = 1 - qab * x / qap
        if abs(d) < tiny { d = tiny }
        d = 1 / d
        var h = d
        for m in 1...400 {
            let m2 = Double(2 * m)
            var aa = Double(m) * (b - Double(m)) * x / ((qam + m2) * (a + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d; h *= d * c
            aa = -(a + Double(m)) * (qab + Double(m)) * x / ((a + m2) * (qap + m2))
            d = 1 + aa * d; if abs(d) < tiny { d = tiny }
            c = 1 + aa / c; if abs(c) < tiny { c = tiny }
            d = 1 / d
            let del = d * c
            h *= del
            if abs(del - 1) < 1e-15 { break }
        }
        return h
    }

    /// Inverse of the regularised incomplete beta by bisection refined with
    /// Newton steps; accurate to about 1e-12, used off the hot path.
    public static func incompleteBetaInverse(_ p: Double, a: Double, b: Double) -> Double {
        if p <= 0 { return 0 }
        if p >= 1 { return 1 }
        var lo = 0.0, hi = 1.0
        var x = a / (a + b)
        for _ in 0..<200 {
            let f = incompleteBeta(x, a: a, b: b) - p
            if abs(f) < 1e-14 { break }
            if f > 0 { hi = x } else { lo = x }
            // Newton step using the density, fall back to bisection
            let logDensity = (a - 1) * log(x) + (b - 1) * log(1 - x) - (logGamma(a) + logGamma(b) - logGamma(a + b))
            let dens = exp(logDensity)
            var next = x - f / dens
            if !(next > lo && next < hi) || !next.isFinite { next = 0.5 * (lo + hi) }
            if abs(next - x) < 1e-15 { x = next; break }
            x = next
        }
        return x
    }
}

/// Vectors of doubles the crisis kernel steps simulations in (SIMD2, SIMD4,
/// SIMD8). Swift's generic SIMD comparisons compile to a loop over lanes;
/// these requirements are implemented on each concrete type, where the
/// standard library's vector comparisons apply, so generic kernel code
/// specialised for a width stays vectorised.
public protocol DoubleLanes: SIMD where Scalar == Double {
    /// Lane-wise minimum (b where b < a, else a).
    static func lanesMin(_ a: Self, _ b: Self) -> Self
    /// Lane-wise maximum (b where b > a, else a).
    static func lanesMax(_ a: Self, _ b: Self) -> Self
    /// Whether a < b in any lane.
    static func anyLess(_ a: Self, _ b: Self) -> Bool
    /// The bits of each lane as a signed integer, and back.
    static func bits(_ x: Self) -> MaskStorage
    static func fromBits(_ x: MaskStorage) -> Self
    /// Whether some lane of a has other bits than the same lane of b.
    static func anyBitsDiffer(_ a: Self, _ b: Self) -> Bool
}

extension SIMD2: DoubleLanes where Scalar == Double {
    @inlinable @inline(__always) public static func lanesMin(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .< a) }
    @inlinable @inline(__always) public static func lanesMax(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .> a) }
    @inlinable @inline(__always) public static func anyLess(_ a: Self, _ b: Self) -> Bool { any(a .< b) }
    @inlinable @inline(__always) public static func bits(_ x: Self) -> SIMD2<Int64> { unsafeBitCast(x, to: SIMD2<Int64>.self) }
    @inlinable @inline(__always) public static func fromBits(_ x: SIMD2<Int64>) -> Self { unsafeBitCast(x, to: Self.self) }
    @inlinable @inline(__always) public static func anyBitsDiffer(_ a: Self, _ b: Self) -> Bool {
        let x = bits(a) ^ bits(b)
        return x[0] | x[1] != 0
    }
}

extension SIMD4: DoubleLanes where Scalar == Double {
    @inlinable @inline(__always) public static func lanesMin(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .< a) }
    @inlinable @inline(__always) public static func lanesMax(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .> a) }
    @inlinable @inline(__always) public static func anyLess(_ a: Self, _ b: Self) -> Bool { any(a .< b) }
    @inlinable @inline(__always) public static func bits(_ x: Self) -> SIMD4<Int64> { unsafeBitCast(x, to: SIMD4<Int64>.self) }
    @inlinable @inline(__always) public static func fromBits(_ x: SIMD4<Int64>) -> Self { unsafeBitCast(x, to: Self.self) }
    @inlinable @inline(__always) public static func anyBitsDiffer(_ a: Self, _ b: Self) -> Bool {
        let x = bits(a) ^ bits(b)
        let y = x.lowHalf | x.highHalf
        return y[0] | y[1] != 0
    }
}

extension SIMD8: DoubleLanes where Scalar == Double {
    @inlinable @inline(__always) public static func lanesMin(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .< a) }
    @inlinable @inline(__always) public static func lanesMax(_ a: Self, _ b: Self) -> Self { a.replacing(with: b, where: b .> a) }
    @inlinable @inline(__always) public static func anyLess(_ a: Self, _ b: Self) -> Bool { any(a .< b) }
    @inlinable @inline(__always) public static func bits(_ x: Self) -> SIMD8<Int64> { unsafeBitCast(x, to: SIMD8<Int64>.self) }
    @inlinable @inline(__always) public static func fromBits(_ x: SIMD8<Int64>) -> Self { unsafeBitCast(x, to: Self.self) }
    @inlinable @inline(__always) public static func anyBitsDiffer(_ a: Self, _ b: Self) -> Bool {
        let x = bits(a) ^ bits(b)
        let y = x.lowHalf | x.highHalf
        let z = y.lowHalf | y.highHalf
        return z[0] | z[1] != 0
    }
}

extension Math {
    /// fdlibm's exp up to its last division, on every lane: x (clamped to
    /// [-708, 709]) = k ln2 + r, c = r - r^2 P(r^2), and exp(x) =
    /// 2^k (1 - ((lo - r c / (2 - c)) - hi)). The vector `exp` and
    /// `logistic` finish it in their own ways.
    @inlinable @inline(__always)
    public static func expReduced<V: DoubleLanes>(_ x: V) -> (twoK: V, hi: V, lo: V, r: V, c: V) {
        let magic = V(repeating: 6755399441055744.0)
        let xc = V.lanesMin(V.lanesMax(x, V(repeating: -708.0)), V(repeating: 709.0))
        let shifted = xc * 1.44269504088896338700e+00 + magic
        let kf = shifted - magic
        let hi = xc - kf * 6.93147180369123816490e-01
        let lo = kf * 1.90821492927058770002e-10
        let r = hi - lo
        let t = r * r
        let p5: V = t * 4.13813679705723846039e-08
        let p4: V = t * (p5 - 1.65339022054652515390e-06)
        let p3: V = t * (p4 + 6.61375632143793436117e-05)
        let p2: V = t * (p3 - 2.77777777770155933842e-03)
        let p1: V = t * (p2 + 1.66666666666666019037e-01)
        let c: V = r - p1
        // k from the low bits of the shifted value, then 2^k as a bit pattern.
        let k = V.bits(shifted) &- V.bits(magic)
        let twoK = V.fromBits((k &+ V.MaskStorage(repeating: 1023)) &<< V.MaskStorage(repeating: 52))
        return (twoK, hi, lo, r, c)
    }

    /// exp on every lane of a vector of doubles: the same operations as the
    /// scalar `exp`, lane by lane, after clamping the argument to [-708, 709]
    /// (so the result is never 0 or infinite; the kernel's arguments are far
    /// inside that range). Lane i of the result is bit-identical to
    /// `exp(x[i])` for arguments in that range.
    @inlinable @inline(__always)
    public static func exp<V: DoubleLanes>(_ x: V) -> V {
        let e = expReduced(x)
        let q: V = (e.r * e.c) / (V(repeating: 2.0) - e.c)
        let y: V = V(repeating: 1.0) - ((e.lo - q) - e.hi)
        return y * e.twoK
    }

    /// `scale / (1 + exp(x))` on every lane (the logistic step of the front's
    /// advance) with one division instead of two: `exp`'s last division is
    /// carried over to the logistic's, as
    /// scale (2 - c) / ((2 - c) + 2^k ((1 - lo + hi)(2 - c) + r c)).
    /// It agrees with the two-division form to within 1e-15 relative (a test
    /// checks). Division is the slowest vector operation, and it bounds the
    /// combat loop on wide vector units.
    @inlinable @inline(__always)
    public static func logistic<V: DoubleLanes>(scale: V, over x: V) -> V {
        let e = expReduced(x)
        let d: V = V(repeating: 2.0) - e.c
        let numerator: V = ((V(repeating: 1.0) - e.lo) + e.hi) * d + e.r * e.c
        return scale * d / (d + e.twoK * numerator)
    }
}
