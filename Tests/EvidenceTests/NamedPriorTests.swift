import Testing
import GuarantorModel
@testable import Evidence

@Suite struct NamedPriorTests {
    @Test func namesAreUniqueAndTheScenarioNamesResolve() {
        let names = NamedPrior.catalogue.map(\.name)
        #expect(Set(names).count == names.count)
        for name in ["leeds2000", "berkemeier2018", "defence_pacts_post1945", "leeds_anac2005",
                     "berkemeier2018_pre1945", "berkemeier2018_post1945", "defence_pacts_pre1945",
                     "bilateral_berkemeier2018", "multilateral_strict_berkemeier2018"] {
            #expect(NamedPrior.named(name) != nil, "missing prior \(name)")
        }
        #expect(NamedPrior.named("no_such_prior") == nil)
    }

    @Test func countedPriorsAreBetaPosteriorsWithTheirRate() throws {
        for p in NamedPrior.catalogue {
            #expect(!p.citation.isEmpty && !p.sample.isEmpty && !p.provenance.isEmpty)
            if let h = p.honoured, let n = p.opportunities {
                #expect(p.rate == Double(h) / Double(n))
                #expect(p.distribution == .beta(a: Double(h + 1), b: Double(n - h + 1)))
            } else {
                #expect(p.distribution == .constant(p.rate))
                #expect(p.interval90 == nil)
            }
        }
        let post = try #require(NamedPrior.named("defence_pacts_post1945"))
        #expect(post.honoured == 6 && post.opportunities == 43)
        #expect(NamedPrior.named("berkemeier2018")?.rate == 0.5)
        #expect(NamedPrior.named("leeds2000")?.rate == 0.745)
    }

    /// Beta quantiles cross-checked against scipy.stats.beta.ppf.
    @Test(arguments: [
        ("berkemeier2018", 0.43259215947459534, 0.5674078405254046),
        ("defence_pacts_post1945", 0.07712785557618435, 0.2515084199348106),
        ("leeds_anac2005", 0.6097650493227106, 0.7398588388722029),
        ("leeds_anac2005_regime_change", 0.1111127066076292, 0.5996893891908329),
    ])
    func interval90MatchesScipy(name: String, low: Double, high: Double) throws {
        let i = try #require(NamedPrior.named(name)?.interval90)
        #expect(abs(i.lowerBound - low) < 1e-9)
        #expect(abs(i.upperBound - high) < 1e-9)
    }

    /// Every counted row of reliability_base_rates.csv is in the catalogue with the same counts and rate.
    @Test(.enabled(if: Reference.available, Reference.skipMessage))
    func catalogueCoversEveryCountedBaseRate() throws {
        let table = try CSVTable(parsing: try Reference.text(Reference.baseRatesCSV))
        var counted = 0
        for row in table.rows {
            guard let n = try table.number(row, "n_opportunities"), let h = try table.number(row, "n_honored"),
                  let rate = try table.number(row, "rate") else { continue }
            counted += 1
            let matches = NamedPrior.catalogue.filter { $0.honoured == Int(h) && $0.opportunities == Int(n) }
            #expect(!matches.isEmpty, "no prior with \(Int(h))/\(Int(n)) (\(table.text(row, "subset") ?? ""))")
            for m in matches {
                #expect(Format.fixed(m.rate, decimals: 3) == Format.fixed(rate, decimals: 3))
            }
        }
        #expect(counted == 29)
        // The published rates without counts are there too.
        for (name, rate) in [("leeds2000", 0.745), ("leeds2003", 0.75), ("sabrosky1980", 0.25), ("reliable_ally_two_thirds", 0.67)] {
            #expect(NamedPrior.named(name)?.rate == rate)
        }
    }

    @Test func priorsTextAndJSON() throws {
        let text = PriorCatalogue.text()
        #expect(text.contains("defence_pacts_post1945"))
        #expect(text.contains("6/43"))
        #expect(text.contains("7.7%-25.2%"))
        let json = try PriorCatalogue.json()
        #expect(json == (try PriorCatalogue.json()))
        #expect(json.contains("\"name\" : \"defence_pacts_post1945\""))
        #expect(json.contains("\"interval90\" : null"))
    }
}
