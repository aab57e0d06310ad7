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

    @Test func convertsDoubles() {
        #expect(Rational(exactly: 0.5)?.description == "1/2")
        #expect(Rational(exactly: -3.0)?.description == "-3")
        #expect(Rational(exactly: .nan) == nil)
        #expect(Rational.rounded(0.3333333333, toDenominator: 1_000_000)?.description == "333333/1000000")
        #expect(Rational.rounded(0.7455, toDenominator: 1_000_000)?.description == "1491/2000")
    }
}
