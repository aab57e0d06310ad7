import Foundation
import GuarantorModel

/// What `guarantor calibrate` prints: the replicated rates and the fitted models.
public struct Calibration: Sendable, Codable {
    public var replication: Replication
    public var models: [HonourModel]

    /// Reads a replication file's text and runs everything on it.
    public static func run(_ dataset: ReplicationDataset, csv text: String,
                           folds: Int = HonourModels.defaultFolds) throws(EvidenceError) -> Calibration {
        let table = try CSVTable(parsing: text)
        switch dataset {
        case .berkemeierFuhrmann2018:
            let obs = try BerkemeierFuhrmann2018.observations(table)
            return Calibration(replication: BerkemeierFuhrmann2018.replicate(obs),
                               models: try HonourModels.berkemeierFuhrmann(obs, folds: folds))
        case .leedsAnac2005:
            let obs = try LeedsAnac2005.observations(table)
            return Calibration(replication: LeedsAnac2005.replicate(obs),
                               models: try HonourModels.leedsAnac(obs, folds: folds))
        }
    }

    /// Deterministic JSON (sorted keys).
    public func json() throws(EvidenceError) -> String {
        try EvidenceJSON.encode(self)
    }

    /// The report as a person reads it.
    public var text: String {
        var out: [String] = []
        let r = replication
        out.append("Replication: \(r.citation)")
        out.append("\(r.observations) observations in the file, \(r.opportunities) opportunities to honour")
        out.append("rule: \(r.rule)")
        out.append("")
        var table = TextTable(header: ["subset", "honoured", "published", "prior"])
        for row in r.rates {
            var published = "-"
            if let h = row.publishedHonoured, let n = row.publishedOpportunities {
                published = "\(h)/\(n) " + (row.matchesPublished == true ? "(match)" : "(DIFFERS)")
            }
            table.add([row.rate.subset, row.rate.text, published, row.rate.prior ?? "-"])
        }
        out.append(table.render())
        var places: [String] = []
        for row in r.rates { if let p = row.publishedIn, !places.contains(p) { places.append(p) } }
        if !places.isEmpty { out.append("published counts from: " + places.joined(separator: "; ")) }
        let mismatches = r.rates.filter { $0.matchesPublished == false }.count
        let checked = r.rates.filter { $0.matchesPublished != nil }.count
        out.append(mismatches == 0
                   ? "All \(checked) published counts reproduced exactly."
                   : "\(mismatches) of \(checked) published counts are NOT reproduced: is this the authors' file, unmodified?")
        for model in models {
            out.append("")
            out.append(contentsOf: Calibration.lines(model))
        }
        return out.joined(separator: "\n") + "\n"
    }

    static func f(_ x: Double, _ d: Int = 3) -> String { Format.fixed(x, decimals: d) }

    static func lines(_ m: HonourModel) -> [String] {
        var out: [String] = []
        let fit = m.fit
        out.append("Honour model \(m.key): \(m.description)")
        out.append("N = \(fit.observations)" + (m.droppedMissing > 0 ? " (\(m.droppedMissing) dropped for missing values)" : "")
                   + ", log likelihood \(f(fit.logLikelihood, 4)), null \(f(fit.nullLogLikelihood, 4))"
                   + ", LR chi2 \(f(fit.likelihoodRatioChi2, 2)), pseudo R2 \(f(fit.pseudoR2, 4)), IRLS iterations \(fit.iterations)")
        var t = TextTable(header: ["", "coef", "std. err.", "z", "P>|z|", "exp(coef)"])
        for c in fit.coefficients {
            t.add([c.name, f(c.estimate, 4), f(c.standardError, 4), f(c.z, 2), f(c.pValue, 3), f(c.oddsRatio, 3)])
        }
        out.append(t.render())
        let cv = m.crossValidation
        out.append("\(cv.folds)-fold cross-validation (fixed folds, seed \(cv.seed)), out-of-fold:")
        var s = TextTable(header: ["", "Brier", "log loss"])
        s.add(["model", f(cv.modelBrier, 4), f(cv.modelLogLoss, 4)])
        s.add(["constant rate", f(cv.baselineBrier, 4), f(cv.baselineLogLoss, 4)])
        out.append(s.render())
        out.append("Brier skill vs constant rate: \(f(cv.brierSkill, 3))"
                   + (cv.modelBrier < cv.baselineBrier ? " (the covariates help)" : " (the covariates do not beat the base rate)"))
        if !m.multipliers.isEmpty {
            out.append("Multipliers implied by the fit (average over the sample; 95 % bounds vary that coefficient only):")
            var u = TextTable(header: ["parameter", "event", "odds ratio", "rate ratio", "95 % bounds", "p", "bivariate", "default", "verdict"])
            for e in m.multipliers {
                u.add([e.parameter, e.event, f(e.oddsRatio), f(e.rateRatio), "\(f(e.rateRatioLow))-\(f(e.rateRatioHigh))",
                       f(e.pValue, 3), e.bivariateRatio.map { f($0) } ?? "-", e.currentDefault.map { f($0) } ?? "-",
                       e.supported ? "supported (p < 0.05)" : "not supported at 5 %"])
            }
            out.append(u.render())
        }
        return out
    }
}

enum EvidenceJSON {
    static func encode<T: Encodable>(_ value: T) throws(EvidenceError) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
        do {
            let data = try encoder.encode(value)
            return (String(data: data, encoding: .utf8) ?? "") + "\n"
        } catch {
            throw EvidenceError("could not encode JSON: \(error)")
        }
    }
}

/// A plain-text table with left-aligned columns.
struct TextTable {
    var header: [String]
    var rows: [[String]] = []
    init(header: [String]) { self.header = header }
    mutating func add(_ row: [String]) { rows.append(row) }

    func render() -> String {
        let all = [header] + rows
        var widths = [Int](repeating: 0, count: header.count)
        for row in all { for (i, cell) in row.enumerated() where i < widths.count { widths[i] = max(widths[i], cell.count) } }
        func line(_ row: [String]) -> String {
            var s = ""
            for (i, cell) in row.enumerated() {
                let pad = i == row.count - 1 ? "" : String(repeating: " ", count: widths[i] - cell.count + 2)
                s += cell + pad
            }
            return "  " + s
        }
        var out = [line(header), "  " + widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")]
        out += rows.map(line)
        return out.joined(separator: "\n")
    }
}
