import GuarantorModel

/// A logistic model of honour fitted on a replication file, with its
/// cross-validated scores and the multipliers MODEL.md can take from it.
public struct HonourModel: Sendable, Codable {
    /// Stable key, e.g. `leeds_anac_table4`.
    public var key: String
    public var description: String
    public var outcome: String
    public var fit: LogisticFit
    public var crossValidation: CrossValidation
    /// Observations dropped because a covariate or the outcome was missing.
    public var droppedMissing: Int
    public var multipliers: [MultiplierEstimate]
}

/// How honour changes when an event of MODEL.md happens, as the fit says:
/// the odds ratio and the implied rate ratio, the average over the sample of
/// P(honour | event) divided by the average of P(honour | no event), holding
/// each observation's other covariates at their values.
public struct MultiplierEstimate: Sendable, Codable, Hashable {
    /// The ModelParameters name the estimate speaks to, or a name for a multiplier MODEL.md lacks.
    public var parameter: String
    public var event: String
    public var covariate: String
    /// The covariate value that means the event happened (bilat 0 = multilateral).
    public var eventValue: Double
    public var oddsRatio: Double
    public var rateRatio: Double
    /// Rate ratio with the coefficient at its 95 % Wald bounds, the others held at their estimates.
    public var rateRatioLow: Double
    public var rateRatioHigh: Double
    public var pValue: Double
    /// The bivariate ratio of honour rates in the same file.
    public var bivariateRatio: Double?
    /// The default in ModelParameters, when MODEL.md has this multiplier.
    public var currentDefault: Double?

    /// The fit supports the multiplier when its coefficient differs from zero at the 5 % level.
    public var supported: Bool { pValue < 0.05 }
}

/// The models `guarantor calibrate` fits for each dataset.
public enum HonourModels {
    public static let defaultFolds = 10

    /// Leeds & Anac (2005), Table 4 (`logit honor3 milinst formal chcap2d dinstch2 origtar1`)
    /// and the footnote-20 variant that adds `bilat`, which gives the multilateral multiplier.
    public static func leedsAnac(_ observations: [LeedsAnacObservation], folds: Int = defaultFolds) throws(EvidenceError) -> [HonourModel] {
        let table4 = ["milinst", "formal", "chcap2d", "dinstch2", "origtar1"]
        let rates = LeedsAnac2005.replicate(observations)
        func ratio(_ a: String, _ b: String) -> Double? {
            guard let x = rates.rate(a)?.rate, let y = rates.rate(b)?.rate, y > 0 else { return nil }
            return x / y
        }
        let defaults = ModelParameters.defaults
        let events: [EventSpec] = [
            EventSpec(parameter: "capabilityShiftMultiplier", event: "capability change since formation",
                      covariate: "chcap2d", eventValue: 1, baseValue: 0,
                      bivariate: ratio("chcap2d1", "chcap2d0"), currentDefault: defaults.capabilityShiftMultiplier),
            EventSpec(parameter: "democraticChangeMultiplier", event: "change in democratic institutions",
                      covariate: "dinstch2", eventValue: 1, baseValue: 0,
                      bivariate: ratio("dinstch21", "dinstch20"), currentDefault: defaults.democraticChangeMultiplier),
            EventSpec(parameter: "multilateral (not in MODEL.md)", event: "multilateral alliance",
                      covariate: "bilat", eventValue: 0, baseValue: 1,
                      bivariate: ratio("bilat0", "bilat1"), currentDefault: nil),
        ]
        func build(_ covariates: [String]) -> (LogisticData, Int) {
            var x: [[Double]] = [], y: [Double] = []
            var dropped = 0
            for o in observations {
                let row = covariates.compactMap { o.value($0) }
                guard row.count == covariates.count, let honour = o.value("honor3") else { dropped += 1; continue }
                x.append(row); y.append(honour == 1 ? 1 : 0)
            }
            return (LogisticData(covariates: covariates, x: x, y: y), dropped)
        }
        let (d4, dropped4) = build(table4)
        let (d20, dropped20) = build(table4 + ["bilat"])
        return [
            try model(key: "leeds_anac_table4", description: "Leeds & Anac (2005) Table 4: logit honor3 milinst formal chcap2d dinstch2 origtar1",
                      outcome: "honor3", data: d4, dropped: dropped4, events: events, folds: folds),
            try model(key: "leeds_anac_bilat", description: "Leeds & Anac (2005) footnote 20: Table 4 plus bilat (1 = bilateral)",
                      outcome: "honor3", data: d20, dropped: dropped20, events: events, folds: folds),
        ]
    }

    /// Berkemeier & Fuhrmann (2018): the file holds only the period, the
    /// obligation types and multilateralism, so the model is honour on those.
    public static func berkemeierFuhrmann(_ observations: [BerkemeierFuhrmannObservation], folds: Int = defaultFolds) throws(EvidenceError) -> [HonourModel] {
        let covariates = ["post1945", "defense", "offense", "neutral", "nonagg", "multilateral"]
        let rates = BerkemeierFuhrmann2018.replicate(observations)
        var x: [[Double]] = [], y: [Double] = []
        var dropped = 0
        for o in observations where o.isOpportunity {
            let post: Double? = o.isPost1945 ? 1 : (o.isPre1945 ? 0 : nil)
            let row = [post, o.defense, o.offense, o.neutral, o.nonagg, o.multilateral].compactMap { $0 }
            guard row.count == covariates.count else { dropped += 1; continue }
            x.append(row); y.append(o.isHonoured ? 1 : 0)
        }
        var bivariate: Double? = nil
        if let m = rates.rate("multilateral_strict")?.rate, let b = rates.rate("bilateral")?.rate, b > 0 { bivariate = m / b }
        var period: Double? = nil
        if let post = rates.rate("post1945")?.rate, let pre = rates.rate("pre1945")?.rate, pre > 0 { period = post / pre }
        let events = [
            EventSpec(parameter: "multilateral (not in MODEL.md)", event: "multilateral alliance (strict coding)",
                      covariate: "multilateral", eventValue: 1, baseValue: 0, bivariate: bivariate, currentDefault: nil),
            EventSpec(parameter: "post-1945 (prior choice, not a multiplier)", event: "war after 1945",
                      covariate: "post1945", eventValue: 1, baseValue: 0, bivariate: period, currentDefault: nil),
        ]
        return [try model(key: "berkemeier_fuhrmann_types",
                          description: "Berkemeier & Fuhrmann (2018): logit honorLLM post1945 defense offense neutral nonagg multilateral (opportunities only)",
                          outcome: "honorLLM", data: LogisticData(covariates: covariates, x: x, y: y), dropped: dropped,
                          events: events, folds: folds)]
    }

    struct EventSpec {
        var parameter: String, event: String, covariate: String
        var eventValue: Double, baseValue: Double
        var bivariate: Double?, currentDefault: Double?
    }

    static func model(key: String, description: String, outcome: String, data: LogisticData, dropped: Int,
                      events: [EventSpec], folds: Int) throws(EvidenceError) -> HonourModel {
        let fit = try LogisticRegression.fit(data)
        let cv = try CrossValidation.run(data, folds: folds)
        var multipliers: [MultiplierEstimate] = []
        for e in events {
            guard let j = data.covariates.firstIndex(of: e.covariate), let c = fit.coefficient(e.covariate) else { continue }
            func ratio(_ b: Double) -> Double {
                var beta = fit.estimates
                beta[j + 1] = b
                var pe = 0.0, pb = 0.0
                for row in data.x {
                    var r = row
                    r[j] = e.eventValue; pe += LogisticRegression.probability(beta, r)
                    r[j] = e.baseValue; pb += LogisticRegression.probability(beta, r)
                }
                return pe / pb
            }
            let lo = ratio(c.estimate - 1.959963984540054 * c.standardError)
            let hi = ratio(c.estimate + 1.959963984540054 * c.standardError)
            let sign = e.eventValue > e.baseValue ? 1.0 : -1.0
            multipliers.append(MultiplierEstimate(
                parameter: e.parameter, event: e.event, covariate: e.covariate, eventValue: e.eventValue,
                oddsRatio: Math.exp(sign * c.estimate), rateRatio: ratio(c.estimate),
                rateRatioLow: min(lo, hi), rateRatioHigh: max(lo, hi), pValue: c.pValue,
                bivariateRatio: e.bivariate, currentDefault: e.currentDefault))
        }
        return HonourModel(key: key, description: description, outcome: outcome, fit: fit, crossValidation: cv,
                           droppedMissing: dropped, multipliers: multipliers)
    }
}
