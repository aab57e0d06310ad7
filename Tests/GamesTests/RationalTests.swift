import BigInt
import Games
import Testing

@Suite struct RationalTests {
    @Test func normalises() throws {
        let r = try #require(Rational(BigInt(6), BigInt(-4)))
        #expect(r.numerator == -3 && r.denominator == 2)
        #expect(r.description == "-3/2")
        #expect(Rational(BigInt(0), BigInt(-7))?.description == "0")
        #expect(Rational(BigInt(1), BigInt(0)) == nil)
    }

    @Test func parsesGambitNumbers() {
        let cases: [(String, String)] = [("3", "3"), ("-3", "-3"), ("+3", "3"), ("2/6", "1/3"), ("-1/2", "-1/2"),
                                         ("0.25", "1/4"), (".5", "1/2"), ("1e-3", "1/1000"), ("1.5E+2", "150"), ("-0.125", "-1/8")]
        for (text, expected) in cases { #expect(Rational(parsing: text)?.description == expected, "\(text)") }
        for bad in ["", "-", "1/0", "1/-2", "abc", "1.2.3", "e5", "1e", "1e99999"] { #expect(Rational(parsing: bad) == nil, "\(bad)") }
    }

    @Test func arithmeticIsExact() {
        let third = Rational(1) / Rational(3)
        #expect(third + third + third == .one)
        #expect((third * Rational(3)) == .one)
        #expect(Rational(1) / Rational(3) > Rational(1) / Rational(4))
        #expect((Rational(2) / Rational(3) - Rational(1) / Rational(6)).description == "1/2")
        // No overflow: 2^200 / 3^100 stays exact.
        let big = Rational(BigInt(2).power(200)) / Rational(BigInt(3).power(100))
        #expect(big * Rational(BigInt(3).power(100)) == Rational(BigInt(2).power(200)))
    }

    /// The machine-integer fast paths (binary gcd, Knuth's addition, cross-cancelled products)
    /// give exactly the normalised value the `BigInt` formulas give, near overflow included.
    @Test func fastPathsAgreeWithBigIntArithmetic() throws {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state >> 11
        }
        let edges: [Int] = [0, 1, 2, 3, 5, 6, 12, 60, 1 << 31 - 1, 1 << 31, 1 << 32 + 1, 3_037_000_499, 3_037_000_500,
                            1 << 62, Int.max / 3, Int.max / 2, Int.max - 1, Int.max]
        func integer() -> Int {
            switch next() % 4 {
            case 0: return Int(next() % 13)
            case 1: return Int(next() % 1000)
            case 2: return edges[Int(next() % UInt64(edges.count))]
            default: return Int(truncatingIfNeeded: next() << 11) & Int.max
            }
        }
        func value() throws -> Rational {
            let n = integer(), d = max(1, integer())
            return try #require(Rational(BigInt(next() % 2 == 0 ? n : -n), BigInt(d)))
        }
        for _ in 0..<2_000 {
            let a = try value(), b = try value()
            let (an, ad, bn, bd) = (a.numerator, a.denominator, b.numerator, b.denominator)
            let sum = try #require(Rational(an * bd + bn * ad, ad * bd))
            let difference = try #require(Rational(an * bd - bn * ad, ad * bd))
            let product = try #require(Rational(an * bn, ad * bd))
            #expect(a + b == sum && (a + b).description == sum.description, "\(a) + \(b)")
            #expect(a - b == difference && (a - b).description == difference.description, "\(a) - \(b)")
            #expect(a * b == product && (a * b).description == product.description, "\(a) * \(b)")
            if !b.isZero {
                let quotient = try #require(Rational(an * bd, ad * bn))
                #expect(a / b == quotient && (a / b).description == quotient.description, "\(a) / \(b)")
            }
            #expect((a < b) == (an * bd < bn * ad), "\(a) < \(b)")
        }
    }

    @Test func convertsDoubles() {
        #expect(Rational(exactly: 0.5)?.description == "1/2")
        #expect(Rational(exactly: -3.0)?.description == "-3")
        #expect(Rational(exactly: .nan) == nil)
        #expect(Rational.rounded(0.3333333333, toDenominator: 1_000_000)?.description == "333333/1000000")
        #expect(Rational.rounded(0.7455, toDenominator: 1_000_000)?.description == "1491/2000")
    }
}
