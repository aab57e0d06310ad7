import BigInt

/// An exact rational number on arbitrary-precision integers.
///
/// Invariant: `denominator > 0` and `gcd(|numerator|, denominator) == 1`, so two
/// equal numbers have equal representations and `==`/`hash` are structural.
public struct Rational: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let numerator: BigInt
    public let denominator: BigInt

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ value: Int) {
        numerator = BigInt(value)
        denominator = 1
    }

    public init(_ value: BigInt) {
        numerator = value
        denominator = 1
    }

    /// `numerator / denominator`, normalised; nil when the denominator is zero.
    public init?(_ numerator: BigInt, _ denominator: BigInt) {
        guard denominator != 0 else { return nil }
        self.init(normalising: numerator, denominator)
    }

    /// Callers guarantee `denominator != 0`.
    init(normalising n: BigInt, _ d: BigInt) {
        var n = n, d = d
        if d < 0 { n = -n; d = -d }
        if d == 1 || n == 0 {
            numerator = n
            denominator = n == 0 ? 1 : d
            return
        }
        let g = n.magnitude.greatestCommonDivisor(with: d.magnitude)
        if g == 1 {
            numerator = n
            denominator = d
        } else {
            let gi = BigInt(g)
            numerator = n / gi
            denominator = d / gi
        }
    }

    private init(raw n: BigInt, _ d: BigInt) {
        numerator = n
        denominator = d
    }

    public var isZero: Bool { numerator == 0 }
    public var isInteger: Bool { denominator == 1 }
    public var signum: Int { numerator < 0 ? -1 : (numerator == 0 ? 0 : 1) }

    public var description: String {
        denominator == 1 ? numerator.description : "\(numerator)/\(denominator)"
    }

    public var doubleValue: Double {
        // Scale so that both parts fit a Double's range before dividing.
        let nb = numerator.magnitude.bitWidth, db = denominator.magnitude.bitWidth
        if nb < 1000 && db < 1000 {
            return Double(numerator) / Double(denominator)
        }
        let shift = max(nb, db) - 900
        return Double(numerator >> shift) / Double(denominator >> shift)
    }

    public static func + (a: Rational, b: Rational) -> Rational {
        if a.denominator == 1 && b.denominator == 1 { return Rational(raw: a.numerator + b.numerator, 1) }
        if a.denominator == b.denominator {
            return Rational(normalising: a.numerator + b.numerator, a.denominator)
        }
        return Rational(normalising: a.numerator * b.denominator + b.numerator * a.denominator,
                        a.denominator * b.denominator)
    }

    public static func - (a: Rational, b: Rational) -> Rational {
        if a.denominator == 1 && b.denominator == 1 { return Rational(raw: a.numerator - b.numerator, 1) }
        if a.denominator == b.denominator {
            return Rational(normalising: a.numerator - b.numerator, a.denominator)
        }
        return Rational(normalising: a.numerator * b.denominator - b.numerator * a.denominator,
                        a.denominator * b.denominator)
    }

    public static prefix func - (a: Rational) -> Rational { Rational(raw: -a.numerator, a.denominator) }

    public static func * (a: Rational, b: Rational) -> Rational {
        if a.numerator == 0 || b.numerator == 0 { return .zero }
        if a.denominator == 1 && b.denominator == 1 { return Rational(raw: a.numerator * b.numerator, 1) }
        return Rational(normalising: a.numerator * b.numerator, a.denominator * b.denominator)
    }

    /// Division; the divisor must be nonzero (callers check, as with Int).
    public static func / (a: Rational, b: Rational) -> Rational {
        precondition(b.numerator != 0, "Rational division by zero")
        return Rational(normalising: a.numerator * b.denominator, a.denominator * b.numerator)
    }

    public static func += (a: inout Rational, b: Rational) { a = a + b }
    public static func -= (a: inout Rational, b: Rational) { a = a - b }
    public static func *= (a: inout Rational, b: Rational) { a = a * b }

    public static func < (a: Rational, b: Rational) -> Bool {
        if a.denominator == b.denominator { return a.numerator < b.numerator }
        return a.numerator * b.denominator < b.numerator * a.denominator
    }

    public var reciprocal: Rational? {
        numerator == 0 ? nil : Rational(normalising: denominator, numerator)
    }

    public var absoluteValue: Rational { numerator < 0 ? -self : self }

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
            guard let x = Int(expText), abs(x) <= 4096 else { return nil }
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
            value = Rational(raw: digits * BigInt(10).power(scale), 1)
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
            r = Rational(raw: significand << shift, 1)
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
