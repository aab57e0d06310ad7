import GuarantorModel
import Testing

/// The locale-free number and time formats every text output shares.
@Suite struct FormatTests {
    /// Progress bars' elapsed and remaining times read like a clock, whole
    /// seconds (rounded up unless asked otherwise), hours only when there are any.
    @Test func clockTimes() {
        #expect(Format.clock(seconds: 0) == "0:00")
        #expect(Format.clock(seconds: 0.2) == "0:01")
        #expect(Format.clock(seconds: 7) == "0:07")
        #expect(Format.clock(seconds: 59.5) == "1:00")
        #expect(Format.clock(seconds: 750) == "12:30")
        #expect(Format.clock(seconds: 3723) == "1:02:03")
        #expect(Format.clock(seconds: 36_000) == "10:00:00")
        // The time so far counts as a clock does.
        #expect(Format.clock(seconds: 59.5, rounding: .down) == "0:59")
        #expect(Format.clock(seconds: 0.2, rounding: .down) == "0:00")
        // No estimate, or an absurd one, does not trap.
        #expect(Format.clock(seconds: -1) == "--:--")
        #expect(Format.clock(seconds: .nan) == "--:--")
        #expect(Format.clock(seconds: .infinity) == "--:--")
        #expect(Format.clock(seconds: 1e300) == "9999:00:00")
    }

    /// Fixed decimals round half away from zero and never show "-0".
    @Test func fixedDecimals() {
        #expect(Format.fixed(52.66, decimals: 1) == "52.7")
        #expect(Format.fixed(-0.04, decimals: 1) == "0.0")
        #expect(Format.fixed(-1.25, decimals: 1) == "-1.3")
        #expect(Format.fixed(3, decimals: 0) == "3")
        #expect(Format.fixed(0.5, decimals: 2) == "0.50")
        #expect(Format.percent(0.5271) == "52.7%")
        #expect(Format.fixed(.nan, decimals: 1) == "nan")
    }

    /// Compact numbers scale millions and above.
    @Test func compactNumbers() {
        #expect(Format.compact(2_500_000) == "2.5 M")
        #expect(Format.compact(300e9) == "300 bn")
        #expect(Format.compact(1.2e12) == "1.2 tn")
        #expect(Format.compact(950) == "950")
        // Scaled by the value as shown: just under a billion is "1 bn", not "1000 M".
        #expect(Format.compact(999_999_999.9) == "1 bn")
        #expect(Format.compact(999_700) == "1 M")
        #expect(Format.compact(-999_999_999_999) == "-1 tn")
    }
}
