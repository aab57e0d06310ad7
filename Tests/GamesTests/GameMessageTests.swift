@testable import Games
import GuarantorModel
import Testing

/// Numbers in the games' error messages are written for a person, by the scenarios' rules.
@Suite struct GameMessageTests {
    func message(_ body: () throws -> Void) -> String {
        do { try body(); return "" } catch let e as GameError { return e.message } catch { return "\(error)" }
    }

    @Test func gamesWriteNumbersAsScenariosDo() {
        for x in [3.7499999999999995e+28, 1.00001, 0.1 + 0.2, -2.5, 1e6, 1e15, 1234567.89, 123456.7, 0.000123456789,
                  1.5e-7, 9.9999999e-5, -9.999996e30, 5e-324, -0.0, 7, .infinity, -.infinity, .nan] {
            #expect(MessageNumber.text(x) == Format.message(x), "\(x)")
        }
        #expect(MessageNumber.text(Rational(7) / Rational(6)) == "7/6")
        let long = (1...40).reduce(Rational.zero) { $0 + Rational(1) / Rational($1 * $1) }
        #expect(MessageNumber.text(long) == "about 1.62024")
    }

    /// A study figure beyond what a game takes printed as `3.7499999999999995e+28`.
    @Test func aStudyFigureOutOfRangeIsReadable() {
        let figures = DeterrenceStudyFigures(scenario: "t", statusQuoUtility: 0, guarantors: [.init(id: "A", perceivedHonour: 0.5)],
                                             attacks: [.init(id: "full", expectedUtility: 3.7499999999999995e+28)])
        let m = message { _ = try figures.deterrenceGame() }
        #expect(m == "the study's expected utility of full (3.75e+28) is not a finite number below 1e15 that a game can use", "\(m)")
    }

    @Test func chanceProbabilitiesThatDoNotSumToOneSayTheirSum() {
        let text = """
        EFG 2 R "c" { "1" "2" }
        ""
        c "" 1 "" { "a" 1/3 "b" 1/2 } 0
        t "" 1 "" { 0, 0 }
        t "" 2 "" { 1, 1 }
        """
        #expect(message { _ = try EFGFormat.read(text) }.contains("the chance probabilities sum to 5/6, not 1"))
    }
}
