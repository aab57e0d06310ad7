import Testing
@testable import Evidence

/// The published numbers (do-file comments, ALLIANCES.md section 2,
/// reliability_base_rates.csv) reproduced exactly from the authors' files.
@Suite(.enabled(if: Reference.available, Reference.skipMessage))
struct ReplicationTests {
    static let berkemeier: [(String, Int, Int)] = [
        ("all", 73, 146), ("pre1945", 61, 92), ("post1945", 12, 54),
        ("defense", 42, 102), ("defense_pre1945", 36, 59), ("defense_post1945", 6, 43),
        ("offense", 31, 42), ("neutral", 35, 45), ("nonagg", 18, 49),
        ("active", 49, 109), ("active_pre1945", 41, 64), ("active_post1945", 8, 45),
        ("bilateral", 62, 104), ("multilateral_strict", 11, 42), ("multilateral_lenient", 80, 146),
        ("bf_coding", 69, 139),
    ]

    static let leedsAnac: [(String, Int, Int)] = [
        ("all", 93, 137), ("active", 55, 93), ("not_active", 38, 44),
        ("milinst0", 63, 81), ("milinst1", 18, 30), ("milinst2", 12, 26),
        ("chcap2d1", 30, 61), ("chcap2d0", 63, 76), ("dinstch21", 8, 27), ("dinstch20", 85, 110),
        ("regch21", 2, 7), ("wartime1", 31, 33), ("wartime0", 62, 104), ("bilat1", 80, 107), ("bilat0", 13, 30),
        ("formal0", 39, 49), ("formal1", 47, 66), ("formal2", 7, 22),
    ]

    @Test func berkemeierFuhrmannCountsAreThePublishedOnes() throws {
        let r = try BerkemeierFuhrmann2018.replicate(csv: try Reference.text(Reference.berkemeierFuhrmannCSV))
        #expect(r.observations == 576)
        #expect(r.opportunities == 146)
        for (key, h, n) in Self.berkemeier {
            let rate = try #require(r.rate(key), "no rate \(key)")
            #expect(rate.honoured == h && rate.opportunities == n, "\(key): \(rate.text), expected \(h)/\(n)")
        }
        #expect(r.rates.allSatisfy { $0.matchesPublished == true })
        #expect(r.rate("all")?.text == "73/146 = 50.0 %")
        #expect(r.rate("defense_post1945")?.text == "6/43 = 14.0 %")
        #expect(r.rate("post1945")?.text == "12/54 = 22.2 %")
        #expect(r.rate("pre1945")?.text == "61/92 = 66.3 %")
    }

    @Test func leedsAnacCountsAreThePublishedOnes() throws {
        let r = try LeedsAnac2005.replicate(csv: try Reference.text(Reference.leedsAnacCSV))
        #expect(r.observations == 137)
        for (key, h, n) in Self.leedsAnac {
            let rate = try #require(r.rate(key), "no rate \(key)")
            #expect(rate.honoured == h && rate.opportunities == n, "\(key): \(rate.text), expected \(h)/\(n)")
        }
        #expect(r.rate("all")?.text == "93/137 = 67.9 %")
        #expect(r.rate("chcap2d1")?.text == "30/61 = 49.2 %")
        #expect(r.rate("chcap2d0")?.text == "63/76 = 82.9 %")
        #expect(r.rate("dinstch21")?.text == "8/27 = 29.6 %")
        #expect(r.rate("dinstch20")?.text == "85/110 = 77.3 %")
        #expect(r.rate("bilat0")?.text == "13/30 = 43.3 %")
        #expect(r.rate("formal2")?.text == "7/22 = 31.8 %")
    }

    /// Each replicated rate that names a prior agrees with that prior's counts.
    @Test func replicatedRatesAgreeWithTheCatalogue() throws {
        let a = try BerkemeierFuhrmann2018.replicate(csv: try Reference.text(Reference.berkemeierFuhrmannCSV))
        let b = try LeedsAnac2005.replicate(csv: try Reference.text(Reference.leedsAnacCSV))
        var checked = 0
        for row in a.rates + b.rates {
            guard let name = row.rate.prior else { continue }
            let prior = try #require(PriorCatalogueLookup.prior(name), "prior \(name) missing")
            #expect(prior.honoured == row.rate.honoured && prior.opportunities == row.rate.opportunities, "\(name)")
            checked += 1
        }
        #expect(checked == 31)
    }

    @Test func calibrateTextPrintsThePublishedNumbers() throws {
        let c = try Calibration.run(.berkemeierFuhrmann2018, csv: try Reference.text(Reference.berkemeierFuhrmannCSV))
        #expect(c.text.contains("73/146 = 50.0 %  73/146 (match)"))
        #expect(c.text.contains("6/43 = 14.0 %"))
        #expect(c.text.contains("All 16 published counts reproduced exactly."))
        let l = try Calibration.run(.leedsAnac2005, csv: try Reference.text(Reference.leedsAnacCSV))
        #expect(l.text.contains("93/137 = 67.9 %  93/137 (match)"))
        #expect(l.text.contains("All 15 published counts reproduced exactly."))
        #expect(try l.json() == (try Calibration.run(.leedsAnac2005, csv: try Reference.text(Reference.leedsAnacCSV)).json()))
    }

    @Test func theWrongFileSaysWhichColumnsAreMissing() throws {
        let text = try Reference.text(Reference.leedsAnacCSV)
        #expect(throws: EvidenceError.self) { try Calibration.run(.berkemeierFuhrmann2018, csv: text) }
        do {
            _ = try Calibration.run(.berkemeierFuhrmann2018, csv: text)
        } catch {
            #expect(error.line == 1)
            #expect(error.message.contains("missing column(s) sample, warname"))
        }
    }
}

enum PriorCatalogueLookup {
    static func prior(_ name: String) -> PriorCatalogue.Entry? { PriorCatalogue.entries().first { $0.name == name } }
}

/// Stata's semantics on a tiny file that needs no reference data.
@Suite struct ReplicationSemanticsTests {
    static let header = "sample,warid,atopid,cowwarid,warname,cowid,multilateral,sabhon,sabvio,nonaggBF,consulBF,cfnaBF,dnaBF,honorBF,violateBF,nonaggLLM,consulLLM,cfnaLLM,dnaLLM,honorLLM,violateLLM,sabroskyhonorbf,sabroskyhonorllm,defense,offense,neutral,nonagg,consul"

    /// Fields by name; the rest empty.
    static func row(_ values: [String: String]) -> String {
        header.split(separator: ",").map { values[String($0)] ?? "" }.joined(separator: ",")
    }

    @Test func missingDnaIsAnOpportunityAndMissingHonourIsNotHonoured() throws {
        let lines = [
            Self.header,
            Self.row(["sample": "1", "warname": "A", "dnaLLM": "1", "honorLLM": "1", "defense": "1"]),  // dna: excluded
            Self.row(["sample": "1", "warname": "B", "honorLLM": "1", "defense": "1", "multilateral": "0"]),
            Self.row(["sample": "0", "warname": "\"C, the war\"", "violateLLM": "1", "defense": "1", "multilateral": "1"]),
            Self.row(["sample": "0", "warname": "D", "dnaLLM": "0", "honorLLM": "0", "offense": "1", "multilateral": "1"]),
        ]
        let r = try BerkemeierFuhrmann2018.replicate(csv: lines.joined(separator: "\n") + "\n")
        #expect(r.observations == 4)
        #expect(r.opportunities == 3)
        #expect(r.rate("all")?.text == "1/3 = 33.3 %")
        #expect(r.rate("defense")?.text == "1/2 = 50.0 %")
        #expect(r.rate("post1945")?.text == "0/2 = 0.0 %")
        #expect(r.rate("multilateral_strict")?.text == "0/2 = 0.0 %")
        #expect(r.rate("neutral")?.text == "0/0 = n/a")
        #expect(r.rates.first?.matchesPublished == false)
        let obs = try BerkemeierFuhrmann2018.observations(try CSVTable(parsing: lines.joined(separator: "\n")))
        #expect(obs[2].warName == "C, the war")
        #expect(obs[2].line == 4)
    }

    @Test func aBadNumberIsLocated() {
        let text = Self.header + "\n" + Self.row(["sample": "x"]) + "\n"
        #expect(throws: EvidenceError(line: 2, column: 1, "column 'sample': 'x' is not a number")) {
            try BerkemeierFuhrmann2018.replicate(csv: text)
        }
    }
}
