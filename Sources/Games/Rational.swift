import BigInt

/// An exact rational number on arbitrary-precision integers.
///
/// Invariant: the denominator is positive and coprime with the numerator, and the value is
/// stored in machine integers whenever both parts fit (so every value has exactly one
/// representation and `==`/`hash` are structural). Arithmetic stays in machine integers
/// until an operation would overflow, then continues in `BigInt`: results never overflow.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    private let n: Int
    private let d: Int
    /// Set only when the value does not fit in machine integers. A reference, so a `Rational`
    /// is three words and copying one (the solvers' tableaux copy millions) is cheap.
    private let big: Big?

    private final class Big: Sendable, Hashable {
        let n: BigInt
        let d: BigInt

        init(n: BigInt, d: BigInt) {
            self.n = n
            self.d = d
        }

        static func == (a: Big, b: Big) -> Bool { a.n == b.n && a.d == b.d }

        func hash(into hasher: inout Hasher) {
            hasher.combine(n)
            hasher.combine(d)
        }
    }

    public var numerator: BigInt { big?.n ?? BigInt(n) }
    public var denominator: BigInt { big?.d ?? BigInt(d) }

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ value: Int) {
        if value == Int.min {
            self.init(normalising: BigInt(value), BigInt(1))
        } else {
            self.init(small: value, 1)
        }
    }

    public init(_ value: BigInt) { self.init(normalising: value, BigInt(1)) }

    /// `numerator / denominator`, normalised; nil when the denominator is zero.
    public init?(_ numerator: BigInt, _ denominator: BigInt) {
        guard denominator != 0 else { return nil }
        self.init(normalising: numerator, denominator)
    }

    private init(big: Big) {
        n = 0
        d = 1
        self.big = big
    }

    private init(small n: Int, _ d: Int) {
        self.n = n
        self.d = d
        big = nil
    }

    /// Binary (Stein's) gcd: shifts and subtractions, no hardware division (the solvers spend
    /// much of their time here, and a 64-bit division costs tens of cycles).
    @inline(__always)
    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var u = a.magnitude, v = b.magnitude
        if u == 0 { return Int(v) }
        if v == 0 { return Int(u) }
        let shift = (u | v).trailingZeroBitCount
        u >>= u.trailingZeroBitCount
        repeat {
            // Both odd here; (u, v) becomes (min, |u - v|), written without branches.
            v >>= v.trailingZeroBitCount
            let low = min(u, v)
            v = u > v ? u &- v : v &- u
            u = low
        } while v != 0
        return Int(u << shift)
    }

    /// Callers guarantee `denominator != 0`.
    init(normalising n: BigInt, _ d: BigInt) {
        var n = n, d = d
        if d < 0 { n = -n; d = -d }
        if n == 0 { self.init(small: 0, 1); return }
        if d != 1 {
            let g = BigInt(n.magnitude.greatestCommonDivisor(with: d.magnitude))
            if g != 1 {
                n /= g
                d /= g
            }
        }
        if let sn = Int(exactly: n), let sd = Int(exactly: d), sn != Int.min {
            self.init(small: sn, sd)
        } else {
            self.init(big: Big(n: n, d: d))
        }
    }

    public var isZero: Bool { big == nil && n == 0 }

    /// The cost of arithmetic on this value, for the solvers' work budgets: 1 when both parts
    /// are below 2^31 (products of two such values stay in machine integers); else 100 per
    /// squared machine word of numerator and denominator, as the arithmetic then goes through
    /// `BigInt` (measured 100 to 200 times slower on a 30 x 30 game) and the gcd that
    /// normalises each result takes time quadratic in its size.
    var cost: Int {
        guard let big else { return n.magnitude < 1 << 31 && d < 1 << 31 ? 1 : 100 }
        let words = (big.n.bitWidth + big.d.bitWidth + 63) / 64
        return 100 * words * words
    }
    public var isInteger: Bool { big == nil ? d == 1 : big?.d == 1 }
    public var signum: Int {
        if let b = big { return b.n < 0 ? -1 : 1 }
        return n < 0 ? -1 : (n == 0 ? 0 : 1)
    }

    public var description: String {
        if big == nil { return d == 1 ? String(n) : "\(n)/\(d)" }
        return denominator == 1 ? numerator.description : "\(numerator)/\(denominator)"
    }

    public var doubleValue: Double {
        if big == nil { return Double(n) / Double(d) }
        let num = numerator, den = denominator
        let nb = num.magnitude.bitWidth, db = den.magnitude.bitWidth
        if nb < 1000 && db < 1000 { return Double(num) / Double(den) }
        let shift = max(nb, db) - 900
        return Double(num >> shift) / Double(den >> shift)
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.big == nil && b.big == nil {
            if a.d == 1 && b.d == 1 {
                let (s, o) = a.n.addingReportingOverflow(b.n)
                if !o && s != Int.min { return Rational(small: s, 1) }
            } else if a.d == 1 || b.d == 1 {
                // x + y/e = (x e + y)/e is already in lowest terms: gcd(x e + y, e) = gcd(y, e) = 1.
                let (x, y, e) = a.d == 1 ? (a.n, b.n, b.d) : (b.n, a.n, a.d)
                let (p, o1) = x.multipliedReportingOverflow(by: e)
                let (s, o2) = p.addingReportingOverflow(y)
                if !(o1 || o2) && s != Int.min { return Rational(small: s, e) }
            } else {
                // Knuth's addition (TAOCP vol. 2, 4.5.1): with g = gcd(a.d, b.d) and
                // t = a.n (b.d/g) + b.n (a.d/g), the sum is t / (a.d/g * b.d) and its only
                // common factors lie in gcd(t, g): a gcd of the denominators and one of t with
                // the (small) g replace a gcd of the full cross products.
                let g = gcd(a.d, b.d)
                let ad = g == 1 ? a.d : a.d / g, bd = g == 1 ? b.d : b.d / g
                let (x, o1) = a.n.multipliedReportingOverflow(by: bd)
                let (y, o2) = b.n.multipliedReportingOverflow(by: ad)
                let (t, o3) = x.addingReportingOverflow(y)
                if !(o1 || o2 || o3) && t != Int.min {
                    if t == 0 { return Rational(small: 0, 1) }
                    let g2 = g == 1 ? 1 : gcd(t % g, g)
                    let (den, o4) = ad.multipliedReportingOverflow(by: g2 == 1 ? b.d : b.d / g2)
                    if !o4 { return Rational(small: g2 == 1 ? t : t / g2, den) }
                }
            }
        }
        return Rational(normalising: a.numerator * b.denominator + b.numerator * a.denominator, a.denominator * b.denominator)
    }

    public static prefix func - (a: Rational) -> Rational {
        if a.big == nil { return Rational(small: -a.n, a.d) }
        return Rational(normalising: -a.numerator, a.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational { a + (-b) }

    public static func * (a: Rational, b: Rational) -> Rational {
        if a.isZero || b.isZero { return .zero }
        if a.big == nil && b.big == nil {
            // Cross-cancel first so the products stay small.
            // (Divisions only where a factor is common: a hardware division costs tens of cycles.)
            var an = a.n, ad = a.d, bn = b.n, bd = b.d
            if bd != 1 {
                let g1 = gcd(an, bd)
                if g1 != 1 { an /= g1; bd /= g1 }
            }
            if ad != 1 {
                let g2 = gcd(bn, ad)
                if g2 != 1 { bn /= g2; ad /= g2 }
            }
            let (num, o1) = an.multipliedReportingOverflow(by: bn)
            let (den, o2) = ad.multipliedReportingOverflow(by: bd)
            if !(o1 || o2) && num != Int.min { return Rational(small: num, den) }
        }
        return Rational(normalising: a.numerator * b.numerator, a.denominator * b.denominator)
    }

    /// Division; the divisor must be nonzero (callers check, as with Int).
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(!b.isZero, "Rational division by zero")
        if b.big == nil {
            let inverse = b.n < 0 ? Rational(small: -b.d, -b.n) : Rational(small: b.d, b.n)
            return a * inverse
        }
        return Rational(normalising: a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.big == nil && b.big == nil {
            if a.d == b.d { return a.n < b.n }
            let (x, o1) = a.n.multipliedReportingOverflow(by: b.d)
            let (y, o2) = b.n.multipliedReportingOverflow(by: a.d)
            if !(o1 || o2) { return x < y }
        }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var reciprocal: Rational? { isZero ? nil : Rational.one / self }

    public var absoluteValue: Rational { signum < 0 ? -self : self }

    /// Parses Gambit's number syntax exactly: `-3`, `+3`, `2/3`, `0.25`, `.5`, `1e-3`, `1.5E+2`.
    public init?(parsing text: Substring) {
        guard let value = Rational.parse(text) else { return nil }
        self = value
    }

    public init?(parsing text: String) { self.init(parsing: text[...]) }

    private static func parse(_ text: Substring) -> Rational? {
        guard !text.isEmpty, text.utf8.count <= 4096 else { return nil }
        if let slash = text.firstIndex(of: "/") {
            guard let n = parseInteger(text[..<slash]),
                  let d = BigInt(text[text.index(after: slash)...]), d != 0,
                  !text[text.index(after: slash)...].contains(where: { $0 == "-" || $0 == "+" })
            else { return nil }
            return Rational(normalising: n, d)
        }
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = text[..<e]
            let expText = text[text.index(after: e)...]
            guard let x = Int(expText), abs(x) <= 300 else { return nil }
            exponent = x
        }
        var negative = false
        if let first = mantissa.first, first == "-" || first == "+" {
            negative = first == "-"
            mantissa = mantissa.dropFirst()
        }
        let parts = mantissa.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count <= 2, !mantissa.isEmpty else { return nil }
        let intPart = parts[0]
        let fracPart = parts.count == 2 ? parts[1] : ""
        guard !(intPart.isEmpty && fracPart.isEmpty),
              intPart.allSatisfy({ $0.isASCII && $0.isNumber }),
              fracPart.allSatisfy({ $0.isASCII && $0.isNumber })
        else { return nil }
        guard let digits = BigInt(String(intPart) + String(fracPart) + (intPart.isEmpty && fracPart.isEmpty ? "0" : ""))
        else { return nil }
        let scale = exponent - fracPart.count
        var value: Rational
        if scale >= 0 {
            value = Rational(normalising: digits * BigInt(10).power(scale), 1)
        } else {
            value = Rational(normalising: digits, BigInt(10).power(-scale))
        }
        if negative { value = -value }
        return value
    }

    private static func parseInteger(_ text: Substring) -> BigInt? {
        var body = text
        var negative = false
        if let first = body.first, first == "-" || first == "+" {
            negative = first == "-"
            body = body.dropFirst()
        }
        guard !body.isEmpty, body.allSatisfy({ $0.isASCII && $0.isNumber }), let v = BigInt(body) else { return nil }
        return negative ? -v : v
    }

    /// The exact value of a finite Double (every finite Double is a dyadic rational).
    public init?(exactly value: Double) {
        guard value.isFinite else { return nil }
        if value == 0 { self = .zero; return }
        let exponent = Int(value.exponent)
        let significand = BigInt(value.significandBitPattern | (value.isNormal ? (1 << 52) : 0))
        let shift = exponent - 52 + (value.isNormal ? 0 : 1)
        var r: Rational
        if shift >= 0 {
            r = Rational(normalising: significand << shift, 1)
        } else {
            r = Rational(normalising: significand, BigInt(1) << (-shift))
        }
        if value < 0 { r = -r }
        self = r
    }

    /// `value` rounded to the nearest multiple of `1/denominator` (ties away from zero).
    /// This is how study figures (Doubles) become exact game data.
    public static func rounded(_ value: Double, toDenominator denominator: Int) -> Rational? {
        guard value.isFinite, denominator > 0, abs(value) < 1e15 else { return nil }
        let scaled = (value * Double(denominator)).rounded(.toNearestOrAwayFromZero)
        return Rational(normalising: BigInt(scaled), BigInt(denominator))
    }
}

extension Rational: ExpressibleByIntegerLiteral {
    public init(integerLiteral value: Int) { self.init(value) }
}

public extension Sequence where Element == Rational {
    func sum() -> Rational { reduce(Rational.zero, +) }
}
