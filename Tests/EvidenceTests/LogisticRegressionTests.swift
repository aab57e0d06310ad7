import Foundation
import Testing
import GuarantorModel
@testable import Evidence

/// Synthetic data with one binary covariate: h0 of n0 honoured at x = 0, h1 of n1 at x = 1.
func twoByTwo(h0: Int, n0: Int, h1: Int, n1: Int) -> LogisticData {
    var x: [[Double]] = [], y: [Double] = []
    for i in 0..<n0 { x.append([0]); y.append(i < h0 ? 1 : 0) }
    for i in 0..<n1 { x.append([1]); y.append(i < h1 ? 1 : 0) }
    return LogisticData(covariates: ["event"], x: x, y: y)
}

func logit(_ p: Double) -> Double { Foundation.log(p / (1 - p)) }

@Suite struct LogisticRegressionTests {
    /// With one binary covariate the MLE is the log odds ratio and the
    /// standard errors are Woolf's: known in closed form.
    @Test func oneBinaryCovariateGivesTheClosedForm() throws {
        let fit = try LogisticRegression.fit(twoByTwo(h0: 63, n0: 76, h1: 30, n1: 61))
        let b0 = logit(63.0 / 76), b1 = logit(30.0 / 61) - b0
        #expect(abs(fit.coefficients[0].estimate - b0) < 1e-9)
        #expect(abs(fit.coefficients[1].estimate - b1) < 1e-9)
        let se0 = (1.0 / 63 + 1.0 / 13).squareRoot()
        let se1 = (1.0 / 63 + 1.0 / 13 + 1.0 / 30 + 1.0 / 31).squareRoot()
        #expect(abs(fit.coefficients[0].standardError - se0) < 1e-9)
        #expect(abs(fit.coefficients[1].standardError - se1) < 1e-9)
        #expect(fit.coefficients.map(\.name) == ["_cons", "event"])
        #expect(fit.observations == 137)
        // log L at the MLE: the saturated binomial log-likelihood of the two cells.
        func cell(_ h: Double, _ n: Double) -> Double { h * Foundation.log(h / n) + (n - h) * Foundation.log(1 - h / n) }
        #expect(abs(fit.logLikelihood - (cell(63, 76) + cell(30, 61))) < 1e-9)
        #expect(abs(fit.nullLogLikelihood - cell(93, 137)) < 1e-9)
    }

    @Test func theImpliedRateRatioOfOneBinaryCovariateIsTheBivariateRatio() throws {
        let data = twoByTwo(h0: 63, n0: 76, h1: 30, n1: 61)
        let m = try HonourModels.model(
            key: "t", description: "t", outcome: "y", data: data, dropped: 0,
            events: [.init(parameter: "capabilityShiftMultiplier", event: "e", covariate: "event",
                           eventValue: 1, baseValue: 0, bivariate: nil, currentDefault: nil)], folds: 5)
        let e = try #require(m.multipliers.first)
        #expect(abs(e.rateRatio - (30.0 / 61) / (63.0 / 76)) < 1e-9)
        #expect(abs(e.oddsRatio - (30.0 / 31) / (63.0 / 13)) < 1e-9)
        #expect(e.rateRatioLow < e.rateRatio && e.rateRatio < e.rateRatioHigh)
        #expect(e.supported)
    }

    @Test func separationIsAnErrorNotAnEndlessLoop() {
        #expect(throws: EvidenceError.self) { try LogisticRegression.fit(twoByTwo(h0: 0, n0: 10, h1: 10, n1: 10)) }
        do { _ = try LogisticRegression.fit(twoByTwo(h0: 3, n0: 10, h1: 10, n1: 10)) } catch {
            #expect(error.message.contains("separates honoured from not honoured"))
        }
    }

    @Test func collinearCovariatesAndConstantOutcomesAreErrors() {
        let base = twoByTwo(h0: 5, n0: 10, h1: 3, n1: 10)
        let twice = LogisticData(covariates: ["a", "b"], x: base.x.map { [$0[0], 2 * $0[0]] }, y: base.y)
        do { _ = try LogisticRegression.fit(twice); Issue.record("collinear fit succeeded") } catch {
            #expect(error.message.contains("collinear"))
        }
        do { _ = try LogisticRegression.fit(twoByTwo(h0: 10, n0: 10, h1: 10, n1: 10)); Issue.record("constant fit succeeded") } catch {
            #expect(error.message.contains("does not vary"))
        }
        do { _ = try LogisticRegression.fit(LogisticData(covariates: ["a"], x: [[0], [1]], y: [0, 1])); Issue.record("tiny fit succeeded") } catch {
            #expect(error.message.contains("needs more than 2 observations"))
        }
    }

    @Test func foldsAreFixedBalancedAndShuffled() {
        let a = CrossValidation.foldAssignment(count: 137, folds: 10, seed: 20_050_601)
        #expect(a == CrossValidation.foldAssignment(count: 137, folds: 10, seed: 20_050_601))
        let sizes = (0..<10).map { f in a.filter { $0 == f }.count }
        #expect(sizes.max()! - sizes.min()! <= 1)
        #expect(sizes.reduce(0, +) == 137)
        #expect(a != (0..<137).map { $0 % 10 })
        #expect(a != CrossValidation.foldAssignment(count: 137, folds: 10, seed: 1))
    }

    @Test func crossValidationOfAnUninformativeCovariateDoesNotBeatTheBaseRate() throws {
        // Same honour rate in both groups: the covariate carries no information.
        let cv = try CrossValidation.run(twoByTwo(h0: 30, n0: 60, h1: 30, n1: 60), folds: 5)
        #expect(cv.modelBrier >= cv.baselineBrier)
        #expect(cv.observations == 120)
        #expect(throws: EvidenceError.self) { try CrossValidation.run(twoByTwo(h0: 1, n0: 2, h1: 1, n1: 2), folds: 1) }
    }
}

/// The published Leeds & Anac (2005) Table 4 specification, against values
/// computed independently with a numpy IRLS (script in PythonCrossCheckTests).
@Suite(.enabled(if: Reference.available, Reference.skipMessage))
struct LeedsAnacFitTests {
    @Test func table4CoefficientsAndStandardErrors() throws {
        let obs = try LeedsAnac2005.observations(try CSVTable(parsing: try Reference.text(Reference.leedsAnacCSV)))
        let models = try HonourModels.leedsAnac(obs)
        let t4 = try #require(models.first { $0.key == "leeds_anac_table4" })
        let expected: [(String, Double, Double)] = [
            ("_cons", 3.6906909509, 0.6390648677), ("milinst", -0.7091946996, 0.2976960981),
            ("formal", -0.9287062278, 0.3586273987), ("chcap2d", -1.5466406067, 0.5162502731),
            ("dinstch2", -1.4603911597, 0.6040720578), ("origtar1", -1.3592699768, 0.4804998432),
        ]
        #expect(t4.fit.coefficients.count == expected.count)
        for (name, b, se) in expected {
            let c = try #require(t4.fit.coefficient(name))
            #expect(abs(c.estimate - b) < 1e-6, "\(name) coef \(c.estimate)")
            #expect(abs(c.standardError - se) < 1e-6, "\(name) se \(c.standardError)")
        }
        #expect(abs(t4.fit.logLikelihood - -57.344576563335636) < 1e-6)
        #expect(t4.fit.observations == 137)
        // The model beats the constant rate out of sample.
        #expect(t4.crossValidation.modelBrier < t4.crossValidation.baselineBrier)
        #expect(t4.crossValidation.modelLogLoss < t4.crossValidation.baselineLogLoss)

        let fn20 = try #require(models.first { $0.key == "leeds_anac_bilat" })
        #expect(abs((fn20.fit.coefficient("bilat")?.estimate ?? 0) - 1.0976464123) < 1e-6)
        #expect(abs((fn20.fit.coefficient("bilat")?.standardError ?? 0) - 0.6386593553) < 1e-6)
        let cap = try #require(fn20.multipliers.first { $0.covariate == "chcap2d" })
        #expect(abs(cap.rateRatio - 0.6939631798350624) < 1e-6)
        #expect(cap.supported)
        let multi = try #require(fn20.multipliers.first { $0.covariate == "bilat" })
        #expect(abs(multi.rateRatio - 0.5459641546415419 / 0.7055140069817224) < 1e-6)
        #expect(!multi.supported)
    }
}
